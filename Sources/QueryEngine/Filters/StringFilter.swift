/// One comma-separated item of a string filter (`FOO`, `-%FOO%`, `EMPTY`).
public struct StringFilterItem: Sendable, Hashable, CustomStringConvertible {
    /// A leading `-`: the item excludes instead of includes (and keeps NULLs, as Looker does).
    public var negated: Bool
    public var match: StringMatch

    public init(negated: Bool, match: StringMatch) {
        self.negated = negated
        self.match = match
    }

    public var description: String { (negated ? "-" : "") + match.description }
}

/// What a string item compares against.
public enum StringMatch: Sendable, Hashable, CustomStringConvertible {
    /// Exact equality with the unescaped text.
    case equals(String)
    /// A case-insensitive SQL LIKE pattern in which literal `%`, `_` and `\` are escaped with `\`.
    case like(String)
    /// `EMPTY`: NULL or the empty string.
    case empty
    /// `NULL`.
    case null

    public var description: String {
        switch self {
        case .equals(let s): "equals(\(s))"
        case .like(let p): "like(\(p))"
        case .empty: "EMPTY"
        case .null: "NULL"
        }
    }
}
