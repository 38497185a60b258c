import SemanticModel

/// A business user's pick: the fields, filters, sorts and pivots of one explore query.
///
/// Field names are `alias.field` as the explore exposes them (`orders.created_month`); the compiler
/// resolves them, so a spec is plain data that can be built from a URL, a dashboard tile or the CLI.
public struct QuerySpec: Hashable, Sendable {
    /// `explore` or `model/explore`.
    public var explore: String
    public var fields: [String]
    public var filters: [FilterCondition]
    public var sorts: [SortKey]
    public var pivots: [String]
    public var limit: Int?
    public var totals: Bool
    public var rowTotals: Bool

    public init(explore: String, fields: [String] = [], filters: [FilterCondition] = [], sorts: [SortKey] = [],
                pivots: [String] = [], limit: Int? = nil, totals: Bool = false, rowTotals: Bool = false) {
        self.explore = explore
        self.fields = fields
        self.filters = filters
        self.sorts = sorts
        self.pivots = pivots
        self.limit = limit
        self.totals = totals
        self.rowTotals = rowTotals
    }

    /// Parses the CLI/URL sort form `"a.b desc,c.d"` (direction `asc` or `desc`, default ascending).
    public static func parseSorts(_ text: String) throws -> [SortKey] {
        var keys: [SortKey] = []
        for part in text.split(separator: ",") {
            let words = part.split(whereSeparator: { $0 == " " || $0 == "\t" })
            guard let first = words.first else { continue }
            var descending = false
            if words.count == 2 {
                switch words[1].lowercased() {
                case "desc": descending = true
                case "asc": descending = false
                default: throw QueryError("sort direction '\(words[1])' for '\(first)' must be 'asc' or 'desc'")
                }
            } else if words.count > 2 {
                throw QueryError("sort '\(part.trimmingSpaces)' must be a field name optionally followed by 'asc' or 'desc'")
            }
            keys.append(SortKey(field: String(first), descending: descending))
        }
        return keys
    }

    /// Parses the CLI filter form `FIELD=EXPRESSION`; the first `=` splits, so expressions may hold `=`.
    public static func parseFilter(_ text: String) throws -> FilterCondition {
        guard let eq = text.firstIndex(of: "=") else {
            throw QueryError("filter '\(text)' must have the form FIELD=EXPRESSION")
        }
        let field = String(text[..<eq]).trimmingSpaces
        guard !field.isEmpty else { throw QueryError("filter '\(text)' names no field before '='") }
        return FilterCondition(field: field, expression: String(text[text.index(after: eq)...]))
    }

    /// Parses a comma-separated field list (`--fields a.b,c.d`), dropping empty items.
    public static func parseFieldList(_ text: String) -> [String] {
        text.split(separator: ",").map { String($0).trimmingSpaces }.filter { !$0.isEmpty }
    }
}

/// One ORDER BY key of a query spec.
public struct SortKey: Hashable, Sendable {
    public var field: String
    public var descending: Bool

    public init(field: String, descending: Bool = false) {
        self.field = field
        self.descending = descending
    }
}

extension StringProtocol {
    /// The text without leading and trailing spaces and tabs.
    var trimmingSpaces: String {
        var s = Substring(self)
        while let c = s.first, c == " " || c == "\t" || c == "\n" { s.removeFirst() }
        while let c = s.last, c == " " || c == "\t" || c == "\n" { s.removeLast() }
        return String(s)
    }
}
