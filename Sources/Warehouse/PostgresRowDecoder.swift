import CLibPQ
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Turns libpq text-format fields into `Value`s by column type OID, reading the bytes libpq holds
/// (no intermediate `String` except for text and decimal values themselves).
struct PostgresRowDecoder {
    enum Kind {
        case bool, int, double, decimal, string, date, timestamp, timestamptz
    }

    let columns: [Column]
    private let kinds: [Kind]

    init(_ result: OpaquePointer) {
        let count = Int(PQnfields(result))
        var columns: [Column] = []
        var kinds: [Kind] = []
        columns.reserveCapacity(count)
        kinds.reserveCapacity(count)
        for i in 0..<Int32(count) {
            let name = PostgresSession.string(PQfname(result, i))
            let kind = Self.kind(oid: PQftype(result, i))
            kinds.append(kind)
            columns.append(Column(name: name, type: Self.columnType(kind)))
        }
        self.columns = columns
        self.kinds = kinds
    }

    static func kind(oid: Oid) -> Kind {
        switch oid {
        case 16: .bool
        case 20, 21, 23: .int
        case 700, 701: .double
        case 1700: .decimal
        case 1082: .date
        case 1114: .timestamp
        case 1184: .timestamptz
        default: .string  // text 25, varchar 1043, bpchar 1042, name 19, and everything else as text
        }
    }

    static func columnType(_ kind: Kind) -> ColumnType {
        switch kind {
        case .bool: .bool
        case .int: .int
        case .double: .double
        case .decimal: .decimal
        case .string: .string
        case .date: .date
        case .timestamp, .timestamptz: .timestamp
        }
    }

    @inline(__always)
    func row(_ result: OpaquePointer, _ r: Int32) -> [Value] {
        var values: [Value] = []
        values.reserveCapacity(kinds.count)
        for c in 0..<kinds.count {
            let column = Int32(c)
            if PQgetisnull(result, r, column) != 0 {
                values.append(.null)
                continue
            }
            let base = PQgetvalue(result, r, column)!
            let length = Int(PQgetlength(result, r, column))
            values.append(Self.decode(UnsafeRawBufferPointer(start: base, count: length), base, kinds[c]))
        }
        return values
    }

    /// `cString` is the same bytes NUL-terminated (libpq guarantees it), for strtod.
    @inline(__always)
    static func decode(_ bytes: UnsafeRawBufferPointer, _ cString: UnsafePointer<CChar>, _ kind: Kind) -> Value {
        switch kind {
        case .bool:
            return .bool(bytes.first == UInt8(ascii: "t"))
        case .int:
            if let n = parseInt(bytes) { return .int(n) }
            return .string(String(decoding: bytes, as: UTF8.self))
        case .double:
            return .double(strtod(cString, nil))  // handles NaN, Infinity, -Infinity as printed
        case .decimal:
            return .decimal(String(decoding: bytes, as: UTF8.self))
        case .date:
            if let d = TemporalParser.date(bytes) { return .date(d) }
            return .string(String(decoding: bytes, as: UTF8.self))  // infinity, BC dates
        case .timestamp, .timestamptz:
            if let t = TemporalParser.timestamp(bytes) { return .timestamp(t) }
            return .string(String(decoding: bytes, as: UTF8.self))
        case .string:
            return .string(String(decoding: bytes, as: UTF8.self))
        }
    }

    @inline(__always)
    static func parseInt(_ bytes: UnsafeRawBufferPointer) -> Int64? {
        var i = 0
        var negative = false
        if i < bytes.count, bytes[i] == UInt8(ascii: "-") {
            negative = true
            i += 1
        }
        guard i < bytes.count else { return nil }
        var n: Int64 = 0
        while i < bytes.count {
            let d = bytes[i] &- 48
            guard d < 10 else { return nil }
            // Accumulate negatively so Int64.min parses without overflow.
            let (m, o1) = n.multipliedReportingOverflow(by: 10)
            let (s, o2) = m.subtractingReportingOverflow(Int64(d))
            guard !o1, !o2 else { return nil }
            n = s
            i += 1
        }
        if negative { return n }
        return n == Int64.min ? nil : -n
    }
}
