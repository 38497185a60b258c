/// One dimension, measure, filter-only field or parameter of a view, after extends and refinements.
/// Dimension groups are already expanded: `created` with `timeframes: [date, month]` becomes the
/// fields `created_date` and `created_month`, each with `group` and `timeframe` set.
public struct Field: Hashable, Sendable {
    public enum Kind: String, Hashable, Sendable, CaseIterable {
        case dimension, measure, filter, parameter
    }

    /// The owning view's name (not an alias).
    public var view: String
    public var name: String
    public var kind: Kind
    /// The LookML type: `string`, `number`, `yesno`, `tier`, `zipcode`, `location`, `date`, `time`,
    /// `duration_day`…, `count`, `count_distinct`, `sum`, `average`, `min`, `max`, `median`,
    /// `percentile`, `sum_distinct`, `average_distinct`, `list`, `number` (measure), …
    /// For a timeframe of a `type: time` dimension group: `date_<timeframe>` (`date_month`).
    /// For an interval of a `type: duration` dimension group: `duration_<interval>`.
    public var type: String
    public var sql: SQLTemplate?
    public var label: String?
    public var viewLabel: String?
    public var groupLabel: String?
    public var groupItemLabel: String?
    public var description: String?
    public var hidden: Bool
    public var primaryKey: Bool
    /// `value_format`, or after building the pattern `value_format_name` resolved to (the model's
    /// `named_value_format` first, then a built-in), so consumers need read only this.
    public var valueFormat: String?
    public var valueFormatName: String?
    /// Where the `value_format_name` value was written, for messages about an unknown name.
    public var valueFormatNameLocation: SourceLocation?
    /// Qualified or bare field names, sets expanded (`users.name`, `order_count`).
    public var drillFields: [String]
    /// Measure `filters:` as field name → Looker filter expression, in source order.
    public var filters: [FilterCondition]
    public var sqlDistinctKey: SQLTemplate?
    /// `tiers:` boundaries for `type: tier`.
    public var tiers: [Double]
    /// `style:` for tiers (`classic`, `interval`, `integer`, `relational`).
    public var tierStyle: String?
    /// `percentile:` for `type: percentile` measures.
    public var percentile: Double?
    /// The dimension group this field was expanded from, if any.
    public var group: String?
    /// The timeframe (`date`, `month`, `hour_of_day`, …) or duration interval (`day`, `hour`, …).
    public var timeframe: String?
    /// For time dimension groups: whether to convert from the database to the query time zone.
    public var convertTZ: Bool
    /// For time dimension groups: `datatype:` (`timestamp`, `datetime`, `date`, `epoch`, `yyyymmdd`).
    public var datatype: String?
    /// For duration dimension groups: the start and end expressions.
    public var sqlStart: SQLTemplate?
    public var sqlEnd: SQLTemplate?
    /// Parameters: `allowed_value` pairs (label, value) and `default_value`.
    public var allowedValues: [AllowedValue]
    public var defaultValue: String?
    /// `suggestions:` given in the model (string fields).
    public var suggestions: [String]
    /// `required_access_grants`: the model's `access_grant`s a user must meet to see this field.
    public var requiredAccessGrants: [String] = []
    /// `case:` of a dimension: `when` branches in order and the `else` label.
    public var cases: [CaseWhen] = []
    public var caseElse: String?
    /// `alpha_sort: yes` sorts a `case:` dimension by label instead of by `when` order.
    public var alphaSort: Bool = false
    /// `type: location`: the latitude and longitude expressions.
    public var sqlLatitude: SQLTemplate?
    public var sqlLongitude: SQLTemplate?
    /// `type: distance`: the two location fields (`view.field` or `field`) and `units:`.
    public var startLocationField: String?
    public var endLocationField: String?
    public var units: String?
    /// `type: list` measures: the dimension whose distinct values are listed.
    public var listField: String?
    /// `type: period_over_period` measures.
    public var basedOn: String?
    public var basedOnTime: String?
    public var period: String?
    public var periodKind: String?
    public var location: SourceLocation?

    public init(view: String, name: String, kind: Kind, type: String) {
        self.view = view
        self.name = name
        self.kind = kind
        self.type = type
        self.sql = nil
        self.hidden = false
        self.primaryKey = false
        self.drillFields = []
        self.filters = []
        self.tiers = []
        self.convertTZ = true
        self.allowedValues = []
        self.suggestions = []
    }

    /// `view.field` by the owning view's name.
    public var qualifiedName: String { "\(view).\(name)" }
}

/// One `when:` of a `case:` dimension.
public struct CaseWhen: Hashable, Sendable {
    public var sql: SQLTemplate
    public var label: String

    public init(sql: SQLTemplate, label: String) {
        self.sql = sql
        self.label = label
    }
}

/// A `field: expression` pair, as in measure `filters:` or an explore's `always_filter`.
public struct FilterCondition: Hashable, Sendable {
    public var field: String
    public var expression: String
    public var location: SourceLocation?

    public init(field: String, expression: String, location: SourceLocation? = nil) {
        self.field = field
        self.expression = expression
        self.location = location
    }
}

public struct AllowedValue: Hashable, Sendable {
    public var label: String?
    public var value: String

    public init(label: String?, value: String) {
        self.label = label
        self.value = value
    }
}
