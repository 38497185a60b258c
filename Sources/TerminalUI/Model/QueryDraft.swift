import SemanticModel

/// The query a user is building, in the UI's own terms. It mirrors QueryEngine's `QuerySpec` field
/// for field (the bridge converts), so the screen logic compiles and is tested without the engine.
public struct QueryDraft: Hashable, Sendable {
    public struct Sort: Hashable, Sendable {
        public var field: String
        public var descending: Bool
        public init(field: String, descending: Bool) {
            self.field = field
            self.descending = descending
        }
    }

    /// `model/explore`.
    public var explore: String
    public var fields: [String]
    public var filters: [FilterCondition]
    public var sorts: [Sort]
    public var pivots: [String]
    public var limit: Int?
    public var totals: Bool
    public var rowTotals: Bool

    public init(explore: String, fields: [String] = [], filters: [FilterCondition] = [], sorts: [Sort] = [],
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
}
