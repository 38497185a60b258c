import CSQLite

/// Types SQLite values: by the value's storage class, refined by the column's declared type when
/// there is one (a column declared DATE holding '2024-01-31' is a date, one declared DECIMAL is exact
/// decimal text, BOOLEAN 0/1 is a bool).
struct SQLiteRowDecoder {
    enum Declared {
        case none, bool, int, double, decimal, string, date, timestamp
    }

    private(set) var columns: [Column]
    private let declared: [Declared]

    init(_ statement: OpaquePointer) {
        let count = Int(sqlite3_column_count(statement))
        var columns: [Column] = []
        var declared: [Declared] = []
        for i in 0..<Int32(count) {
            let name = sqlite3_column_name(statement, i).map { String(cString: $0) } ?? ""
            let decl = Self.declared(sqlite3_column_decltype(statement, i).map { String(cString: $0) })
            declared.append(decl)
            columns.append(Column(name: name, type: Self.columnType(decl)))
        }
        self.columns = columns
        self.declared = declared
    }

    /// Maps a declared type by keyword, in an order that makes `DATETIME`/`TIMESTAMP` timestamps,
    /// `DECIMAL TEXT` exact decimals, and otherwise follows SQLite's own affinity rules.
    static func declared(_ decltype: String?) -> Declared {
        guard let decltype, !decltype.isEmpty else { return .none }
        let t = decltype.uppercased()
        if t.contains("BOOL") { return .bool }
        if t.contains("TIMESTAMP") || t.contains("DATETIME") { return .timestamp }
        if t.contains("DATE") { return .date }
        if t.contains("DECIMAL") || t.contains("NUMERIC") { return .decimal }
        if t.contains("INT") { return .int }
        if t.contains("CHAR") || t.contains("CLOB") || t.contains("TEXT") { return .string }
        if t.contains("REAL") || t.contains("FLOA") || t.contains("DOUB") { return .double }
        return .none
    }

    static func columnType(_ d: Declared) -> ColumnType {
        switch d {
        case .none: .unknown
        case .bool: .bool
        case .int: .int
        case .double: .double
        case .decimal: .decimal
        case .string: .string
        case .date: .date
        case .timestamp: .timestamp
        }
    }

    /// Expression columns have no declared type: take it from the first row's values.
    mutating func refineTypes(_ statement: OpaquePointer) {
        for i in columns.indices where declared[i] == .none {
            switch sqlite3_column_type(statement, Int32(i)) {
            case SQLITE_INTEGER: columns[i].type = .int
            case SQLITE_FLOAT: columns[i].type = .double
            case SQLITE_TEXT, SQLITE_BLOB: columns[i].type = .string
            default: break
            }
        }
    }

    func row(_ statement: OpaquePointer) -> [Value] {
        var values: [Value] = []
        values.reserveCapacity(declared.count)
        for i in 0..<declared.count {
            values.append(value(statement, Int32(i), declared[i]))
        }
        return values
    }

    @inline(__always)
    private func value(_ s: OpaquePointer, _ i: Int32, _ decl: Declared) -> Value {
        switch sqlite3_column_type(s, i) {
        case SQLITE_NULL:
            return .null
        case SQLITE_INTEGER:
            let n = sqlite3_column_int64(s, i)
            switch decl {
            case .bool: return .bool(n != 0)
            case .decimal: return .decimal(String(n))
            case .double: return .double(Double(n))
            default: return .int(n)
            }
        case SQLITE_FLOAT:
            let d = sqlite3_column_double(s, i)
            if decl == .decimal { return .decimal(text(s, i)) }  // SQLite's %!.15g text: 12.5, not 12.500000000000002
            return .double(d)
        default:
            guard let base = sqlite3_column_text(s, i) else { return .string("") }
            // column_bytes after column_text, as SQLite requires, so the length matches the text.
            let bytes = UnsafeRawBufferPointer(start: base, count: Int(sqlite3_column_bytes(s, i)))
            switch decl {
            case .date:
                if let d = TemporalParser.date(bytes) { return .date(d) }
                if let t = TemporalParser.timestamp(bytes) { return .timestamp(t) }
            case .timestamp:
                if let t = TemporalParser.timestamp(bytes) { return .timestamp(t) }
            case .bool:
                switch String(decoding: bytes, as: UTF8.self).lowercased() {
                case "true", "t", "yes", "1": return .bool(true)
                case "false", "f", "no", "0": return .bool(false)
                default: break
                }
            case .decimal:
                return .decimal(String(decoding: bytes, as: UTF8.self))
            default:
                break
            }
            return .string(String(decoding: bytes, as: UTF8.self))
        }
    }

    private func text(_ s: OpaquePointer, _ i: Int32) -> String {
        guard let base = sqlite3_column_text(s, i) else { return "" }
        return String(decoding: UnsafeRawBufferPointer(start: base, count: Int(sqlite3_column_bytes(s, i))), as: UTF8.self)
    }
}
