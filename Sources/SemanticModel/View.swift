/// A view after extends and refinements are applied: a table (or derived table) and its fields.
public struct View: Hashable, Sendable {
    public var name: String
    public var label: String?
    /// `sql_table_name`, with manifest constants substituted.
    public var sqlTableName: String?
    /// `derived_table: { sql: … }`; the query engine renders it as a subquery.
    public var derivedTableSQL: SQLTemplate?
    /// `derived_table: { explore_source: … }`: compiled from the source explore per query.
    public var nativeDerivedTable: NativeDerivedTable?
    /// `derived_table: { create_process | sql_create }`: a table only a writing connection can
    /// build (`create_process` or `sql_create`); nil otherwise.
    public var persistedOnlyDerivedTable: String?
    /// Fields in source order (dimension groups expanded in place).
    public var fields: [Field]
    /// `set:` name → field names.
    public var sets: [String: [String]]
    /// View-level `drill_fields`.
    public var drillFields: [String]
    public var extensionRequired: Bool
    /// `required_access_grants`: the model's `access_grant`s a user must meet to see any field of it.
    public var requiredAccessGrants: [String] = []
    public var location: SourceLocation?

    public init(name: String) {
        self.name = name
        self.fields = []
        self.sets = [:]
        self.drillFields = []
        self.extensionRequired = false
    }

    public func field(named name: String) -> Field? { fields.first { $0.name == name } }

    /// The primary-key dimension, if one is declared.
    public var primaryKey: Field? { fields.first { $0.primaryKey } }
}

/// A native derived table: a query on another explore, used as this view's table.
public struct NativeDerivedTable: Hashable, Sendable {
    public struct Column: Hashable, Sendable {
        public var name: String
        /// `field:` (`view.field` in the source explore); nil means a field named like the column.
        public var field: String?
        public init(name: String, field: String?) { self.name = name; self.field = field }
    }
    public struct DerivedColumn: Hashable, Sendable {
        public var name: String
        public var sql: SQLTemplate
        public init(name: String, sql: SQLTemplate) { self.name = name; self.sql = sql }
    }
    public struct Binding: Hashable, Sendable {
        /// The outer query's field (`view.field`), filtered by the user.
        public var fromField: String
        /// The source explore's field the same filter applies to.
        public var toField: String
        public init(fromField: String, toField: String) { self.fromField = fromField; self.toField = toField }
    }

    public struct Sort: Hashable, Sendable {
        public var field: String
        public var descending: Bool
        public init(field: String, descending: Bool) { self.field = field; self.descending = descending }
    }

    public var exploreSource: String
    public var columns: [Column] = []
    public var derivedColumns: [DerivedColumn] = []
    public var bindFilters: [Binding] = []
    public var bindAllFilters = false
    public var filters: [FilterCondition] = []
    /// `timezone:`: a zone name, or `query_timezone` (the outer query's zone).
    public var timezone: String?
    public var limit: Int?
    /// `sorts:` in order.
    public var sorts: [Sort] = []
    /// `expression_custom_filter` (a Looker expression): kept so a query can refuse it by name.
    public var expressionCustomFilter: String?
    public var location: SourceLocation?

    public init(exploreSource: String) { self.exploreSource = exploreSource }
}
