import Foundation

/// A value a template reads or computes, with Ruby Liquid's truthiness and comparison rules.
///
/// Strings carry an `untrusted` mark when they come from someone other than the template's author
/// (a business user's filter text, say). Filters keep the mark on whatever they derive from such a
/// string, so the caller's `write` hook can escape it wherever it finally lands.
public enum LiquidValue {
    case `nil`
    case bool(Bool)
    case int(Int)
    case double(Double)
    case string(String, untrusted: Bool = false)
    case array([LiquidValue])
    /// Iterated (by `for`) in key order.
    case hash([String: LiquidValue])
    /// An object whose members are looked up lazily (Shopify's "drops").
    case drop(any LiquidDrop)

    /// Only `nil` and `false` are false, as in Shopify Liquid: `""`, `0` and `[]` are true.
    public var isTruthy: Bool {
        switch self {
        case .nil, .bool(false): return false
        default: return true
        }
    }

    /// Whether this value, or any string inside it, is untrusted.
    public var isUntrusted: Bool {
        switch self {
        case .string(_, let untrusted): return untrusted
        case .array(let items): return items.contains { $0.isUntrusted }
        case .hash(let items): return items.values.contains { $0.isUntrusted }
        default: return false
        }
    }

    /// The same value with every string in it marked untrusted.
    var markedUntrusted: LiquidValue {
        switch self {
        case .string(let s, _): return .string(s, untrusted: true)
        case .array(let items): return .array(items.map(\.markedUntrusted))
        case .hash(let items): return .hash(items.mapValues(\.markedUntrusted))
        default: return self
        }
    }

    /// The value as output text: nil is empty, arrays concatenate their items, floats print as Ruby does (`2.0`).
    public var text: String {
        switch self {
        case .nil: return ""
        case .bool(let b): return b ? "true" : "false"
        case .int(let i): return String(i)
        case .double(let d): return Self.format(d)
        case .string(let s, _): return s
        case .array(let items): return items.map(\.text).joined()
        case .hash(let items):
            return "{" + items.keys.sorted().map { "\"\($0)\"=>\(items[$0]!.inspected)" }.joined(separator: ", ") + "}"
        case .drop(let drop): return drop.text
        }
    }

    private var inspected: String {
        if case .string(let s, _) = self { return "\"" + s + "\"" }
        if case .nil = self { return "nil" }
        return text
    }

    static func format(_ d: Double) -> String {
        if d.isNaN { return "NaN" }
        if d.isInfinite { return d < 0 ? "-Infinity" : "Infinity" }
        if d == d.rounded() && abs(d) < 1e16 { return String(Int64(d)) + ".0" }
        return String(d)
    }

    /// The value as a number, as Liquid's math filters read it ("3" → 3, "2.5" → 2.5, anything else → 0).
    var number: LiquidValue {
        switch self {
        case .int, .double: return self
        case .string(let s, _):
            let t = s.trimmingCharacters(in: .whitespaces)
            if let i = Int(t) { return .int(i) }
            if let d = Double(t), t.contains(where: { $0 == "." || $0 == "e" || $0 == "E" }) { return .double(d) }
            // Ruby's to_number reads the leading numeric part ("12abc" → 12).
            var prefix = ""
            for c in t {
                if c.isASCII && (c.isNumber || (prefix.isEmpty && c == "-") || (c == "." && !prefix.contains("."))) { prefix.append(c) } else { break }
            }
            if let i = Int(prefix) { return .int(i) }
            if let d = Double(prefix) { return .double(d) }
            return .int(0)
        default: return .int(0)
        }
    }

    var doubleValue: Double? {
        switch self {
        case .int(let i): return Double(i)
        case .double(let d): return d
        default: return nil
        }
    }

    /// Shopify's `empty`: an empty string, array or hash.
    var isEmptyValue: Bool {
        switch self {
        case .string(let s, _): return s.isEmpty
        case .array(let a): return a.isEmpty
        case .hash(let h): return h.isEmpty
        default: return false
        }
    }

    /// Shopify's `blank`: nil, false, whitespace-only text, or an empty collection.
    var isBlank: Bool {
        switch self {
        case .nil, .bool(false): return true
        case .string(let s, _): return s.allSatisfy(\.isWhitespace)
        case .array(let a): return a.isEmpty
        case .hash(let h): return h.isEmpty
        default: return false
        }
    }

    /// Ruby `==`: numbers compare by value across int and float; otherwise same kind and same contents.
    static func equal(_ a: LiquidValue, _ b: LiquidValue) -> Bool {
        switch (a, b) {
        case (.nil, .nil): return true
        case (.bool(let x), .bool(let y)): return x == y
        case (.int(let x), .int(let y)): return x == y
        case (.string(let x, _), .string(let y, _)): return x == y
        case (.array(let x), .array(let y)): return x.count == y.count && zip(x, y).allSatisfy { equal($0, $1) }
        case (.hash(let x), .hash(let y)): return x.count == y.count && x.allSatisfy { k, v in y[k].map { equal(v, $0) } ?? false }
        case (.drop(let x), .drop(let y)): return x === y
        default:
            if let x = a.doubleValue, let y = b.doubleValue { return x == y }
            return false
        }
    }

    /// Ruby `<=>` for numbers and strings; nil when the two cannot be ordered.
    static func order(_ a: LiquidValue, _ b: LiquidValue) -> Int? {
        if case .string(let x, _) = a, case .string(let y, _) = b { return x == y ? 0 : (Array(x.unicodeScalars).lexicographicallyPrecedes(Array(y.unicodeScalars)) ? -1 : 1) }
        if case .int(let x) = a, case .int(let y) = b { return x == y ? 0 : (x < y ? -1 : 1) }
        if let x = a.doubleValue, let y = b.doubleValue { return x == y ? 0 : (x < y ? -1 : 1) }
        return nil
    }

    var kindName: String {
        switch self {
        case .nil: return "nil"
        case .bool: return "boolean"
        case .int: return "integer"
        case .double: return "float"
        case .string: return "string"
        case .array: return "array"
        case .hash, .drop: return "object"
        }
    }
}

/// An object whose members the caller computes on demand (e.g. `view.field._in_query`).
public protocol LiquidDrop: AnyObject {
    /// The member `name`, or nil when it has none (rendered as nothing, false in conditions).
    func member(_ name: String) throws -> LiquidValue?
    /// What `{{ drop }}` prints.
    var text: String { get }
}

extension LiquidDrop {
    public var text: String { "" }
}

extension LiquidValue: ExpressibleByStringLiteral, ExpressibleByIntegerLiteral, ExpressibleByBooleanLiteral,
    ExpressibleByFloatLiteral, ExpressibleByArrayLiteral, ExpressibleByDictionaryLiteral {
    public init(stringLiteral value: String) { self = .string(value) }
    public init(integerLiteral value: Int) { self = .int(value) }
    public init(booleanLiteral value: Bool) { self = .bool(value) }
    public init(floatLiteral value: Double) { self = .double(value) }
    public init(arrayLiteral elements: LiquidValue...) { self = .array(elements) }
    public init(dictionaryLiteral elements: (String, LiquidValue)...) { self = .hash(Dictionary(elements, uniquingKeysWith: { $1 })) }
}
