/// An explore of a model: a base view and the joins an analyst allowed from it.
public struct Explore: Hashable, Sendable {
    public var model: String
    public var name: String
    public var label: String?
    public var description: String?
    public var groupLabel: String?
    public var viewLabel: String?
    public var hidden: Bool
    public var extensionRequired: Bool
    /// The view the explore reads from (`from:`, else `view_name:`, else the explore's name).
    public var baseView: String
    /// The alias the base view has in SQL and in field names (`view_name:`, else the explore's name).
    public var alias: String
    public var joins: [Join]
    public var sqlAlwaysWhere: SQLTemplate?
    public var sqlAlwaysHaving: SQLTemplate?
    public var alwaysFilter: [FilterCondition]
    public var conditionallyFilter: [FilterCondition]
    /// `conditionally_filter`'s `unless:` fields: a user filter on any of them lifts its defaults.
    public var conditionallyFilterUnless: [String] = []
    public var alwaysJoin: [String]
    /// The fields the explore exposes, as `alias.field`, after `fields:` lists, sets and exclusions
    /// on the explore and its joins. Nil: every field of every view in the explore.
    public var allowedFields: Set<String>?
    /// `required_access_grants`: the model's `access_grant`s a user must meet to see the explore.
    public var requiredAccessGrants: [String] = []
    /// `access_filter`s: each adds the user's attribute value as a filter on its field to every query.
    public var accessFilters: [AccessFilter] = []
    public var location: SourceLocation?

    public init(model: String, name: String, baseView: String, alias: String) {
        self.model = model
        self.name = name
        self.baseView = baseView
        self.alias = alias
        self.hidden = false
        self.extensionRequired = false
        self.joins = []
        self.alwaysFilter = []
        self.conditionallyFilter = []
        self.alwaysJoin = []
    }

    public func join(named name: String) -> Join? { joins.first { $0.name == name } }
}

public struct Join: Hashable, Sendable {
    public enum Kind: String, Hashable, Sendable { case leftOuter = "left_outer", inner, fullOuter = "full_outer", cross }
    public enum Relationship: String, Hashable, Sendable {
        case manyToOne = "many_to_one", oneToOne = "one_to_one", oneToMany = "one_to_many", manyToMany = "many_to_many"
    }

    /// The join's name: the alias of its view in SQL and field names.
    public var name: String
    /// The view joined (`from:`, else the join's name).
    public var view: String
    public var kind: Kind
    public var relationship: Relationship
    public var sqlOn: SQLTemplate?
    /// `foreign_key:` (a dimension of the explore's views); the join is then on the joined view's
    /// primary key.
    public var foreignKey: String?
    public var sqlWhere: SQLTemplate?
    /// `sql:`: the whole join clause written out (`LEFT JOIN UNNEST(…) AS x`), used instead of
    /// `sql_on`/`foreign_key`.
    public var sql: SQLTemplate?
    public var viewLabel: String?
    /// Joins this one needs in the query whenever it is used.
    public var requiredJoins: [String]
    /// `required_access_grants`: the model's `access_grant`s a user must meet to see the join's fields.
    public var requiredAccessGrants: [String] = []
    public var location: SourceLocation?

    public init(name: String, view: String) {
        self.name = name
        self.view = view
        self.kind = .leftOuter
        self.relationship = .manyToOne
        self.requiredJoins = []
    }
}

