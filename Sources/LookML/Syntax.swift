/// The syntax tree of one LookML file, exactly as written: no includes resolved, nothing merged.
///
/// A file is a list of `key: value` pairs. Values are scalars (quoted, bare, or `;;`-terminated SQL),
/// lists, or blocks (`dimension: revenue { … }` is a pair whose value is a block named `revenue`;
/// `derived_table: { … }` is an anonymous block). Repeated keys are kept in order; deciding what a
/// repetition means is the semantic model's job.
public struct SyntaxFile: Hashable, Sendable {
    public var path: String
    public var pairs: [Pair]

    public init(path: String, pairs: [Pair]) {
        self.path = path
        self.pairs = pairs
    }
}

/// One `key: value` pair.
public struct Pair: Hashable, Sendable {
    public var key: String
    public var keyLocation: SourceLocation
    public var value: SyntaxValue

    public init(key: String, keyLocation: SourceLocation, value: SyntaxValue) {
        self.key = key
        self.keyLocation = keyLocation
        self.value = value
    }
}

public enum SyntaxValue: Hashable, Sendable {
    case scalar(Scalar)
    case list(SyntaxList)
    case block(Block)

    public var location: SourceLocation {
        switch self {
        case .scalar(let s): s.location
        case .list(let l): l.location
        case .block(let b): b.location
        }
    }
}

/// A single value. `text` is the decoded value: escapes resolved for quoted strings, the raw text
/// between `:` and `;;` (trimmed of surrounding whitespace) for SQL/HTML values.
public struct Scalar: Hashable, Sendable {
    public enum Style: Hashable, Sendable {
        /// `"…"` with escapes decoded.
        case quoted
        /// An unquoted token: `yes`, `left_outer`, `5.0`, `-field`, `view.field`, `ALL_FIELDS*`, `+orders`.
        case bare
        /// A `;;`-terminated value (`sql`, `sql_on`, `html`, `expression`, …).
        case sql
    }

    public var text: String
    public var style: Style
    /// Where the value's first character is (for SQL, the first non-blank character after `:`).
    public var location: SourceLocation

    public init(text: String, style: Style, location: SourceLocation) {
        self.text = text
        self.style = style
        self.location = location
    }
}

/// `[a, b, c]` or `[status: "complete", amount: ">10"]` (a list of pairs), possibly mixed.
public struct SyntaxList: Hashable, Sendable {
    public enum Item: Hashable, Sendable {
        case scalar(Scalar)
        case pair(Pair)
        case block(Block)
    }

    public var items: [Item]
    /// The location of `[`.
    public var location: SourceLocation

    public init(items: [Item], location: SourceLocation) {
        self.items = items
        self.location = location
    }
}

/// `name { pairs }` or `{ pairs }`. For `view: +orders { … }` the name is `+orders`.
public struct Block: Hashable, Sendable {
    public var name: String?
    public var nameLocation: SourceLocation?
    public var pairs: [Pair]
    /// The location of `{`.
    public var location: SourceLocation

    public init(name: String?, nameLocation: SourceLocation?, pairs: [Pair], location: SourceLocation) {
        self.name = name
        self.nameLocation = nameLocation
        self.pairs = pairs
        self.location = location
    }
}
