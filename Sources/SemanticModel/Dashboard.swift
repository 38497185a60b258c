/// A LookML dashboard (`*.dashboard.lookml`, YAML).
public struct Dashboard: Hashable, Sendable {
    public var name: String
    public var title: String
    public var description: String?
    public var layout: String?
    public var filters: [DashboardFilter]
    public var elements: [DashboardElement]
    /// `extends:` (the dashboard whose filters and elements this one starts from), as written.
    public var extends: String?
    /// `extension: required`: only a base for others, never shown.
    public var extensionRequired: Bool = false
    /// The model whose `include:` brought the dashboard in; elements without `model:` use it.
    public var model: String?
    public var location: SourceLocation?
    /// Whether `title:` was written (an extending dashboard without one keeps its parent's).
    var hasOwnTitle = false

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
    /// `dynamic_fields`: table calculations and custom fields the tile defines; `fields` and
    /// `sorts` may name them. Evaluating them is the query side's business.
    public var dynamicFields: [DynamicField] = []
    /// `merged_queries`: the tile's queries, the first one primary; the element's own
    /// model/explore/fields are empty then.
    public var mergedQueries: [DashboardQuery] = []
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

/// A table calculation, custom measure or custom dimension a dashboard tile defines
/// (`dynamic_fields`), as Looker writes them in LookML dashboards.
public struct DynamicField: Hashable, Sendable {
    public enum Kind: String, Hashable, Sendable { case tableCalculation = "table_calculation", measure, dimension }

    public var name: String
    public var kind: Kind
    /// A Looker expression (table calculations, custom dimensions, filtered custom measures).
    public var expression: String?
    /// Custom measures: the field aggregated and the aggregate (`count_distinct`, `sum`, …).
    public var basedOn: String?
    public var type: String?
    public var label: String?
    public var valueFormat: String?
    public var valueFormatName: String?
    public var location: SourceLocation?

    public init(name: String, kind: Kind) {
        self.name = name
        self.kind = kind
    }
}

/// One query of a merged-results tile (`merged_queries`).
public struct DashboardQuery: Hashable, Sendable {
    public var model: String?
    public var explore: String?
    public var fields: [String] = []
    public var fieldLocations: [SourceLocation] = []
    public var filters: [FilterCondition] = []
    public var sorts: [String] = []
    public var pivots: [String] = []
    public var limit: Int?
    public var listen: [String: String] = [:]
    public var dynamicFields: [DynamicField] = []
    /// `join_fields`: how this query lines up with the primary one.
    public var joinFields: [MergeJoinField] = []
    public var location: SourceLocation?

    public init() {}
}

/// A `join_fields` entry: `field_name` of the primary query matched by `source_field_name` of this one.
public struct MergeJoinField: Hashable, Sendable {
    public var field: String
    public var sourceField: String
    public var location: SourceLocation?

    public init(field: String, sourceField: String, location: SourceLocation? = nil) {
        self.field = field
        self.sourceField = sourceField
        self.location = location
    }
}
