/// The Arrow logical types this reader decodes: what Snowflake and fakesnow send in result sets.
/// Anything else (lists, maps, unions, views, dictionaries) is refused when the schema is read.
public indirect enum ArrowType: Equatable, Sendable, CustomStringConvertible {
    case null
    case int(bitWidth: Int, signed: Bool)
    case float(bitWidth: Int)
    case utf8
    case largeUTF8
    case binary
    case largeBinary
    case fixedSizeBinary(byteWidth: Int)
    case bool
    case decimal(precision: Int, scale: Int, bitWidth: Int)
    /// `unit` 0 = days (date32), 1 = milliseconds (date64).
    case date(unit: Int)
    /// `unit` 0 s, 1 ms, 2 µs, 3 ns; `bitWidth` 32 or 64.
    case time(unit: Int, bitWidth: Int)
    case timestamp(unit: Int, timeZone: String?)
    case `struct`

    public var description: String {
        switch self {
        case .null: "null"
        case .int(let w, let s): "\(s ? "" : "u")int\(w)"
        case .float(let w): "float\(w)"
        case .utf8: "utf8"
        case .largeUTF8: "large_utf8"
        case .binary: "binary"
        case .largeBinary: "large_binary"
        case .fixedSizeBinary(let w): "fixed_size_binary(\(w))"
        case .bool: "bool"
        case .decimal(let p, let s, let w): "decimal\(w)(\(p), \(s))"
        case .date(let unit): unit == 0 ? "date32" : "date64"
        case .time(let unit, let w): "time\(w)[\(Self.unitName(unit))]"
        case .timestamp(let unit, let tz): "timestamp[\(Self.unitName(unit))\(tz.map { ", \($0)" } ?? "")]"
        case .struct: "struct"
        }
    }

    static func unitName(_ unit: Int) -> String {
        ["s", "ms", "us", "ns"][min(max(unit, 0), 3)]
    }

    /// Bytes per value in the values buffer for fixed-width types (nil for variable-width, bit-packed
    /// and buffer-less types).
    var byteWidth: Int? {
        switch self {
        case .int(let w, _), .float(let w), .decimal(_, _, let w), .time(_, let w): w / 8
        case .fixedSizeBinary(let w): w
        case .date(let unit): unit == 0 ? 4 : 8
        case .timestamp: 8
        case .null, .utf8, .largeUTF8, .binary, .largeBinary, .bool, .struct: nil
        }
    }
}

/// One column of a schema (or a child of a struct column), with its key/value metadata.
public struct ArrowField: Equatable, Sendable {
    public var name: String
    public var type: ArrowType
    public var nullable: Bool
    public var metadata: [String: String]
    public var children: [ArrowField]

    public init(name: String, type: ArrowType, nullable: Bool = true, metadata: [String: String] = [:], children: [ArrowField] = []) {
        self.name = name
        self.type = type
        self.nullable = nullable
        self.metadata = metadata
        self.children = children
    }
}

/// A stream's schema: its columns in order.
public struct ArrowSchema: Equatable, Sendable {
    public var fields: [ArrowField]
    public var metadata: [String: String]

    public init(fields: [ArrowField], metadata: [String: String] = [:]) {
        self.fields = fields
        self.metadata = metadata
    }
}
