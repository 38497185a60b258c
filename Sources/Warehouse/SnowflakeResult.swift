import ArrowIPC
import Gregorian

/// One column of a Snowflake result as the query response's `rowtype` describes it.
struct SnowflakeRowType: Decodable, Equatable, Sendable {
    var name: String
    var type: String
    var scale: Int?
    var precision: Int?

    init(name: String, type: String, scale: Int? = nil, precision: Int? = nil) {
        self.name = name
        self.type = type
        self.scale = scale
        self.precision = precision
    }

    /// Snowflake's type name, upper case (`FIXED`, `TIMESTAMP_NTZ`, …).
    var kind: String { type.uppercased() }

    /// The `Value` kind this column's values take:
    /// FIXED scale 0 → int (values past Int64 arrive as exact decimals), FIXED scale > 0 → decimal,
    /// REAL → double, BOOLEAN → bool, DATE → date, TIMESTAMP_NTZ/LTZ/TZ → timestamp (LTZ and TZ as UTC
    /// wall time, like PostgreSQL's timestamptz here), TIME, TEXT, VARIANT, OBJECT, ARRAY → string,
    /// BINARY → hex string.
    var columnType: ColumnType {
        switch kind {
        case "FIXED": (scale ?? 0) > 0 ? .decimal : .int
        case "REAL", "FLOAT", "DOUBLE": .double
        case "BOOLEAN": .bool
        case "DATE": .date
        case "TIMESTAMP_NTZ", "TIMESTAMP_LTZ", "TIMESTAMP_TZ", "TIMESTAMP": .timestamp
        default: .string
        }
    }
}

/// Turns Snowflake result values (Arrow arrays or JSON rowset strings) into `Value`s.
enum SnowflakeValues {
    static func columns(_ rowtype: [SnowflakeRowType]) -> [Column] {
        rowtype.map { Column(name: $0.name, type: $0.columnType) }
    }

    // MARK: Arrow

    /// Checks once per result that the Arrow schema matches the rowtype and holds types we can map.
    static func check(_ schema: ArrowSchema, against rowtype: [SnowflakeRowType]) throws {
        guard schema.fields.count == rowtype.count else {
            throw WarehouseError.queryFailed("Snowflake sent an Arrow result with \(schema.fields.count) columns for \(rowtype.count) described")
        }
        for (field, column) in zip(schema.fields, rowtype) {
            let ok: Bool
            switch (column.kind, field.type) {
            case ("FIXED", .int), ("FIXED", .decimal), ("FIXED", .float): ok = true
            case ("REAL", .float), ("FLOAT", .float), ("DOUBLE", .float): ok = true
            case ("BOOLEAN", .bool): ok = true
            case ("DATE", .date): ok = true
            case ("TIME", .int): ok = true
            case ("TIMESTAMP_NTZ", .int), ("TIMESTAMP_LTZ", .int), ("TIMESTAMP_NTZ", .struct), ("TIMESTAMP_LTZ", .struct):
                ok = field.type == .struct ? field.children.count >= 2 : true
            case ("TIMESTAMP_TZ", .struct): ok = field.children.count >= 2
            case ("BINARY", .binary), ("BINARY", .largeBinary): ok = true
            case (_, .utf8), (_, .largeUTF8): ok = true
            case (_, .null): ok = true
            default: ok = false
            }
            guard ok else {
                throw WarehouseError.unsupported("Snowflake column \"\(column.name)\" of type \(column.kind) arrived as Arrow \(field.type), which Spyglass cannot read")
            }
        }
    }

    static func value(_ array: ArrowArray, _ row: Int, _ column: SnowflakeRowType) -> Value {
        if array.isNull(row) { return .null }
        let scale = column.scale ?? 0
        switch array.type {
        case .utf8, .largeUTF8: return .string(array.string(row))
        case .binary, .largeBinary: return .string(hex(array.bytes(row)))
        case .bool: return .bool(array.bool(row))
        case .float: return .double(array.double(row))
        case .date: return .date(date(dayNumber: Int(array.int64(row))))
        case .decimal(_, let s, _):
            if s == 0 {
                let parts = array.decimalParts(row)
                if parts.high == (Int64(bitPattern: parts.low) < 0 ? -1 : 0) { return .int(Int64(bitPattern: parts.low)) }
            }
            return .decimal(array.decimalText(row))
        case .int:
            switch column.kind {
            case "TIME": return .string(timeText(array.int64(row), scale: scale))
            case "TIMESTAMP_NTZ", "TIMESTAMP_LTZ":
                let (seconds, nanos) = split(array.int64(row), scale: scale)
                return .timestamp(timestamp(seconds: seconds, nanoseconds: nanos))
            default:
                return scale == 0 ? .int(array.int64(row)) : .decimal(array.decimalText(row, scale: scale))
            }
        case .struct:
            // fakesnow leaves the struct valid and nulls its children; Snowflake nulls the struct.
            let epoch = array.children[0]
            if epoch.isNull(row) { return .null }
            let threeFields = array.children.count >= 3
            if column.kind == "TIMESTAMP_TZ" && !threeFields {
                // (epoch scaled by 10^scale, timezone)
                let (seconds, nanos) = split(epoch.int64(row), scale: scale)
                return .timestamp(timestamp(seconds: seconds, nanoseconds: nanos))
            }
            let fraction = array.children[1]
            let nanos = fraction.isNull(row) ? 0 : Int(fraction.int64(row))
            return .timestamp(timestamp(seconds: epoch.int64(row), nanoseconds: nanos))
        default:
            return .string("")
        }
    }

    // MARK: JSON rowset

    static func value(json text: String?, _ column: SnowflakeRowType) -> Value {
        guard let text else { return .null }
        let scale = column.scale ?? 0
        switch column.kind {
        case "FIXED":
            if scale == 0, let n = Int64(text) { return .int(n) }
            return .decimal(text)
        case "REAL", "FLOAT", "DOUBLE":
            switch text.lowercased() {
            case "inf", "infinity": return .double(.infinity)
            case "-inf", "-infinity": return .double(-.infinity)
            case "nan": return .double(.nan)
            default: return Double(text).map(Value.double) ?? .string(text)
            }
        case "BOOLEAN":
            switch text.lowercased() {
            case "1", "true": return .bool(true)
            case "0", "false": return .bool(false)
            default: return .string(text)
            }
        case "DATE":
            if let days = Int(text) { return .date(date(dayNumber: days)) }
            return text.utf8.withContiguousStorageIfAvailable { TemporalParser.date(UnsafeRawBufferPointer($0)) }?
                .map(Value.date) ?? .string(text)
        case "TIME":
            guard let (seconds, nanos) = secondsAndNanos(text) else { return .string(text) }
            return .string(timeText(seconds * 1_000_000_000 + Int64(nanos), scale: 9))
        case "TIMESTAMP_NTZ", "TIMESTAMP_LTZ", "TIMESTAMP_TZ", "TIMESTAMP":
            // "seconds.fraction", and for TIMESTAMP_TZ a space and the offset in minutes + 1440.
            let instant = text.split(separator: " ").first.map(String.init) ?? text
            guard let (seconds, nanos) = secondsAndNanos(instant) else { return .string(text) }
            return .timestamp(timestamp(seconds: seconds, nanoseconds: nanos))
        default:
            return .string(text)
        }
    }

    /// "-1.500000000" → (-2, 500000000): the floor second and the nanoseconds after it.
    static func secondsAndNanos(_ text: String) -> (Int64, Int)? {
        let parts = text.split(separator: ".", maxSplits: 1)
        guard let first = parts.first, let whole = Int64(first) else { return nil }
        var nanos = 0
        if parts.count == 2 {
            let digits = parts[1].prefix(9)
            guard digits.allSatisfy(\.isASCII), let f = Int(digits) else { return nil }
            nanos = f
            for _ in digits.count..<9 { nanos *= 10 }
        }
        let negative = first.hasPrefix("-")
        if negative && nanos > 0 { return (whole - 1, 1_000_000_000 - nanos) }
        return (whole, nanos)
    }

    // MARK: Helpers

    static func date(dayNumber: Int) -> LocalDate {
        let d = Civil.date(dayNumber: dayNumber)
        return LocalDate(year: d.year, month: d.month, day: d.day)
    }

    /// A value scaled by 10^scale → floor seconds and nanoseconds.
    static func split(_ scaled: Int64, scale: Int) -> (Int64, Int) {
        let s = min(max(scale, 0), 9)
        var unit: Int64 = 1
        for _ in 0..<s { unit *= 10 }
        var seconds = scaled / unit
        var rest = scaled % unit
        if rest < 0 {
            seconds -= 1
            rest += unit
        }
        var nanos = Int(rest)
        for _ in s..<9 { nanos *= 10 }
        return (seconds, nanos)
    }

    static func timestamp(seconds: Int64, nanoseconds: Int) -> LocalDateTime {
        let (day, secondOfDay) = Civil.split(secondsSinceEpoch: Int(seconds))
        return LocalDateTime(date: date(dayNumber: day), hour: secondOfDay / 3600, minute: secondOfDay / 60 % 60,
                             second: secondOfDay % 60, nanosecond: min(max(nanoseconds, 0), 999_999_999))
    }

    /// A time of day scaled by 10^scale → "HH:MM:SS" or "HH:MM:SS.fff…" (trailing zeros dropped).
    static func timeText(_ scaled: Int64, scale: Int) -> String {
        let (seconds, nanos) = split(scaled, scale: scale)
        let s = Int(((seconds % 86_400) + 86_400) % 86_400)
        func pad(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        var text = "\(pad(s / 3600)):\(pad(s / 60 % 60)):\(pad(s % 60))"
        if nanos > 0 {
            var fraction = String(nanos)
            fraction = String(repeating: "0", count: 9 - fraction.count) + fraction
            while fraction.hasSuffix("0") { fraction.removeLast() }
            text += "." + fraction
        }
        return text
    }

    static func hex(_ bytes: ArraySlice<UInt8>) -> String {
        let digits = Array("0123456789ABCDEF".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count * 2)
        for b in bytes {
            out.append(digits[Int(b >> 4)])
            out.append(digits[Int(b & 15)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}
