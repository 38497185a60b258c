/// A view after extends and refinements are applied: a table (or derived table) and its fields.
public struct View: Hashable, Sendable {
    public var name: String
    public var label: String?
    /// `sql_table_name`, with manifest constants substituted.
    public var sqlTableName: String?
    /// `derived_table: { sql: … }`; the query engine renders it as a subquery.
    public var derivedTableSQL: SQLTemplate?
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
