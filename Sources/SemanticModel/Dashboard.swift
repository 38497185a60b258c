/// A LookML dashboard (`*.dashboard.lookml`, YAML).
public struct Dashboard: Hashable, Sendable {
    public var name: String
    public var title: String
    public var description: String?
    public var layout: String?
    public var filters: [DashboardFilter]
    public var elements: [DashboardElement]
    public var location: SourceLocation?

    public init(name: String, title: String) {
        self.name = name
        self.title = title
        self.filters = []
        self.elements = []
    }
}

public struct DashboardFilter: Hashable, Sendable {
    public var name: String
    public var title: String?
    public var type: String?
    public var defaultValue: String?
    public var model: String?
    public var explore: String?
    public var field: String?
    /// Where the filter's `name:` is in its dashboard file.
    public var location: SourceLocation? = nil

    public init(name: String) { self.name = name }
}

/// One tile: a query (model, explore, fields, filters, …) and how to show it.
public struct DashboardElement: Hashable, Sendable {
    public var name: String
    public var title: String?
    /// `single_value`, `looker_line`, `looker_column`, `looker_bar`, `table`, `text`, …
    public var type: String
    public var model: String?
    public var explore: String?
    public var fields: [String]
    /// Where each of `fields` is written, parallel to it (empty when not loaded from a file).
    public var fieldLocations: [SourceLocation] = []
    public var filters: [FilterCondition]
    public var sorts: [String]
    public var pivots: [String]
    public var limit: Int?
    public var totals: Bool
    /// Dashboard filter name → the field of this tile it filters.
    public var listen: [String: String]
    /// For `text` tiles.
    public var bodyText: String?
    public var row: Int?
    public var col: Int?
    public var width: Int?
    public var height: Int?
    /// The tile's other scalar keys as written (visualization settings such as
    /// `comparison_type`, `comparison_reverse_colors`, `show_comparison_label`), for the front ends.
    public var settings: [String: String] = [:]
    public var location: SourceLocation?

    public init(name: String, type: String) {
        self.name = name
        self.type = type
        self.fields = []
        self.filters = []
        self.sorts = []
        self.pivots = []
        self.totals = false
        self.listen = [:]
    }
}
