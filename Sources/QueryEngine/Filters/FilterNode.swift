/// The parsed form of a filter expression: a plain value, one case per grammar, printable in tests.
///
/// Dates stay symbolic (`last 7 days`) until `sql(_:dialect:context:)` resolves them against a
/// `FilterContext`, so one parsed expression can be reused by queries run at different times.
public enum FilterNode: Sendable, Hashable {
    /// Empty text: no restriction (renders `1=1`; the planner may skip it instead).
    case matchAll
    /// Comma-separated string items: positive items OR'ed, negative (`-`) items AND'ed.
    case string([StringFilterItem])
    /// A number condition tree.
    case number(NumberFilterNode)
    /// Comma-separated date clauses, OR'ed.
    case date([DateFilterClause])
    /// Comma-separated yesno choices, OR'ed.
    case yesno([YesNoMatch])
}

/// One choice of a yesno filter; the planner passes an expression whose values are 'Yes'/'No'.
public enum YesNoMatch: Sendable, Hashable {
    case yes, no, null, notNull
}
