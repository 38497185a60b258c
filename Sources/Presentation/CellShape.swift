import SemanticModel
import Warehouse

/// How a column's raw values are spelled, decided once per column from its field so the per-cell
/// work in CSV/JSON streaming is a switch, not string comparisons.
///
/// Raw text is the unformatted value: numbers as the database gave them, dates cut to the field's
/// timeframe (`month` → `2024-05`), yesno as `Yes`/`No`. Value formats never apply here.
enum CellShape: Equatable, Sendable {
    case plain
    case yesno
    case time(Timeframe)

    /// How much of a date or timestamp a timeframe shows.
    enum Timeframe: Equatable, Sendable {
        case date, month, quarter, year, hour, minute, second
    }

    init(_ column: ResultTable.Column) {
        self.init(column.field)
    }

    init(_ field: Field?) {
        guard let field else { self = .plain; return }
        let type = field.type
        if type == "yesno" { self = .yesno; return }
        if type == "date" { self = .time(.date); return }
        guard type.hasPrefix("date_") else { self = .plain; return }
        let timeframe = field.timeframe ?? String(type.dropFirst(5))
        switch timeframe {
        case "date", "week", "day": self = .time(.date)
        case "month": self = .time(.month)
        case "quarter": self = .time(.quarter)
        case "year": self = .time(.year)
        case "hour", "hour2", "hour3", "hour4", "hour6", "hour8", "hour12": self = .time(.hour)
        case "minute", "minute2", "minute3", "minute5", "minute10", "minute15", "minute30": self = .time(.minute)
        case "time", "raw", "second", "millisecond", "microsecond": self = .time(.second)
        default: self = .plain  // hour_of_day, day_of_week, month_name, fiscal_*: values as given
        }
    }

    /// Whether a value of this shape is a JSON number.
    func isNumber(_ value: Value) -> Bool {
        if self == .yesno { return false }
        switch value {
        case .int: return true
        case .double(let d): return d.isFinite
        case .decimal(let text): return JSONNumber.isValid(text) || JSONNumber.normalized(text) != nil
        default: return false
        }
    }

    /// Appends the raw text of `value` (nothing for NULL).
    func appendRaw(_ value: Value, to out: inout [UInt8]) {
        switch value {
        case .null:
            return
        case .bool(let b):
            appendASCII(b ? "Yes" : "No", to: &out)
        case .int(let i):
            if self == .yesno { appendASCII(i != 0 ? "Yes" : "No", to: &out) } else { appendInt(i, to: &out) }
        case .double(let d):
            if self == .yesno { appendASCII(d != 0 ? "Yes" : "No", to: &out) } else { appendDouble(d, to: &out) }
        case .decimal(let text):
            if self == .yesno {
                appendASCII(Double(text).map { $0 != 0 } ?? false ? "Yes" : "No", to: &out)
            } else {
                out.append(contentsOf: text.utf8)
            }
        case .string(let s):
            if self == .yesno, let yes = CellShape.yesnoValue(of: s) {
                appendASCII(yes ? "Yes" : "No", to: &out)
            } else if timeframe != nil, let parsed = CellShape.parseTemporal(s) {
                // Dialects that return dates as text (SQLite) still get cut to the timeframe.
                appendRaw(parsed, to: &out)
            } else {
                out.append(contentsOf: s.utf8)
            }
        case .date(let d):
            appendDate(d, timeframe: timeframe ?? .date, to: &out)
        case .timestamp(let t):
            appendTimestamp(t, timeframe: timeframe ?? .second, to: &out)
        }
    }

    /// The raw text of `value` ("" for NULL).
    func rawText(_ value: Value) -> String {
        switch value {
        case .string(let s) where self == .plain: return s
        case .decimal(let s) where self != .yesno: return s
        default:
            var bytes: [UInt8] = []
            bytes.reserveCapacity(24)
            appendRaw(value, to: &bytes)
            return String(decoding: bytes, as: UTF8.self)
        }
    }

    private var timeframe: Timeframe? {
        if case .time(let t) = self { return t }
        return nil
    }

    /// `YYYY-MM-DD` or `YYYY-MM-DD[ T]HH:MM[:SS[.fff]]` text as a date or timestamp; nil otherwise.
    static func parseTemporal(_ s: String) -> Value? {
        let b = Array(s.utf8)
        func digits(_ start: Int, _ count: Int) -> Int? {
            guard start + count <= b.count else { return nil }
            var n = 0
            for i in start..<(start + count) {
                guard b[i] >= 48 && b[i] <= 57 else { return nil }
                n = n * 10 + Int(b[i] - 48)
            }
            return n
        }
        guard b.count >= 10, b[4] == UInt8(ascii: "-"), b[7] == UInt8(ascii: "-"),
            let year = digits(0, 4), let month = digits(5, 2), let day = digits(8, 2),
            (1...12).contains(month), (1...31).contains(day)
        else { return nil }
        let date = LocalDate(year: year, month: month, day: day)
        if b.count == 10 { return .date(date) }
        guard b.count >= 16, b[10] == UInt8(ascii: " ") || b[10] == UInt8(ascii: "T"), b[13] == UInt8(ascii: ":"),
            let hour = digits(11, 2), let minute = digits(14, 2)
        else { return nil }
        var second = 0
        if b.count >= 19, b[16] == UInt8(ascii: ":"), let s = digits(17, 2) { second = s }
        return .timestamp(LocalDateTime(date: date, hour: hour, minute: minute, second: second))
    }

    /// yesno text as databases spell it (`t`, `true`, `Yes`, `1`…); nil when it is not one.
    static func yesnoValue(of s: String) -> Bool? {
        switch s.lowercased() {
        case "yes", "y", "true", "t", "1": return true
        case "no", "n", "false", "f", "0": return false
        default: return nil
        }
    }
}

// MARK: - Byte-level writers shared by the streaming formats.

@inline(__always)
func appendASCII(_ s: StaticString, to out: inout [UInt8]) {
    s.withUTF8Buffer { out.append(contentsOf: $0) }
}

/// Decimal digits of an integer, without going through String.
func appendInt(_ value: Int64, to out: inout [UInt8]) {
    var magnitude = value.magnitude
    if value < 0 { out.append(UInt8(ascii: "-")) }
    if magnitude < 10 { out.append(UInt8(truncatingIfNeeded: magnitude) &+ 48); return }
    var digits: (UInt64, UInt64, UInt64, UInt64, UInt64) = (0, 0, 0, 0, 0)  // 40 bytes ≥ 20 digits
    var count = 0
    withUnsafeMutableBytes(of: &digits) { buffer in
        while magnitude > 0 {
            buffer[count] = UInt8(truncatingIfNeeded: magnitude % 10) &+ 48
            magnitude /= 10
            count += 1
        }
        var i = count - 1
        while i >= 0 { out.append(buffer[i]); i -= 1 }
    }
}

/// The shortest text that reads back as the same double; integral values lose their ".0".
func appendDouble(_ value: Double, to out: inout [UInt8]) {
    if value == value.rounded(), abs(value) < 1e15 {
        appendInt(Int64(value), to: &out)
        return
    }
    out.append(contentsOf: value.description.utf8)
}

@inline(__always)
func appendPadded(_ n: Int, width: Int, to out: inout [UInt8]) {
    var n = n
    if n < 0 { out.append(UInt8(ascii: "-")); n = -n }
    var divisor = 1
    for _ in 1..<max(width, 1) { divisor *= 10 }
    while divisor * 10 <= n { divisor *= 10 }
    while divisor > 0 {
        out.append(UInt8(truncatingIfNeeded: (n / divisor) % 10) &+ 48)
        divisor /= 10
    }
}

func appendDate(_ d: LocalDate, timeframe: CellShape.Timeframe, to out: inout [UInt8]) {
    appendPadded(d.year, width: 4, to: &out)
    switch timeframe {
    case .year:
        return
    case .quarter:
        appendASCII("-Q", to: &out)
        appendPadded((d.month - 1) / 3 + 1, width: 1, to: &out)
    case .month:
        out.append(UInt8(ascii: "-"))
        appendPadded(d.month, width: 2, to: &out)
    default:
        out.append(UInt8(ascii: "-"))
        appendPadded(d.month, width: 2, to: &out)
        out.append(UInt8(ascii: "-"))
        appendPadded(d.day, width: 2, to: &out)
    }
}

func appendTimestamp(_ t: LocalDateTime, timeframe: CellShape.Timeframe, to out: inout [UInt8]) {
    appendDate(t.date, timeframe: timeframe, to: &out)
    switch timeframe {
    case .date, .month, .quarter, .year:
        return
    case .hour:
        out.append(UInt8(ascii: " "))
        appendPadded(t.hour, width: 2, to: &out)
    case .minute:
        out.append(UInt8(ascii: " "))
        appendPadded(t.hour, width: 2, to: &out)
        out.append(UInt8(ascii: ":"))
        appendPadded(t.minute, width: 2, to: &out)
    case .second:
        out.append(UInt8(ascii: " "))
        appendPadded(t.hour, width: 2, to: &out)
        out.append(UInt8(ascii: ":"))
        appendPadded(t.minute, width: 2, to: &out)
        out.append(UInt8(ascii: ":"))
        appendPadded(t.second, width: 2, to: &out)
    }
}
