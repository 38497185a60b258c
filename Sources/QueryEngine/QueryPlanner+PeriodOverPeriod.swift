import SemanticModel

/// `type: period_over_period` measures: the `based_on` measure in the row's period and in the period
/// `period` earlier, as the previous value, the difference or the relative change.
///
/// The previous values are a second statement over the same dimensions and filters in which the
/// `based_on_time` group's timestamps read as their bucket's start moved one period forward, so a
/// row of 2011-03 lands in the 2012-03 bucket when `period: year`. The two are joined on every
/// dimension (NULL-safe). Bucket starts are exact on every dialect (no month-end clamping).
extension QueryPlanner {
    /// One PoP measure of the query.
    struct PeriodMeasure {
        var name: String
        var alias: String
        var field: Field
        /// The `based_on` measure's column (computed hidden in both statements).
        var basedOn: MeasureColumn
        var shift: FieldRenderer.TimeShift
    }

    /// Months or days per `period:`.
    private static let periods: [String: (months: Int, days: Int)] = [
        "year": (12, 0), "fiscal_year": (12, 0), "quarter": (3, 0), "fiscal_quarter": (3, 0), "month": (1, 0),
        "week": (0, 7), "date": (0, 1),
    ]
    /// Which periods line up with each bucket: a bucket's start moved by the period is a bucket start.
    private static let allowed: [String: Set<String>] = [
        "date": ["date", "week"], "week": ["week"], "month": ["month", "quarter", "fiscal_quarter", "year", "fiscal_year"],
        "quarter": ["quarter", "fiscal_quarter", "year", "fiscal_year"], "year": ["year", "fiscal_year"],
    ]
    private static let buckets: [String: TimeUnit] = ["date": .day, "week": .week, "month": .month, "quarter": .quarter, "year": .year]

    /// Checks a PoP measure against the query's dimensions and registers its `based_on` measure.
    func periodMeasure(_ name: String, _ alias: String, _ field: Field, dims: [DimColumn]) throws -> PeriodMeasure {
        func reference(_ text: String?, _ what: String) throws -> (String, Field) {
            guard let text else { throw QueryError("period_over_period measure '\(name)' needs \(what)") }
            return try renderer.filterField(text, from: alias, owner: name)
        }
        let (baseAlias, base) = try reference(field.basedOn, "based_on")
        guard base.kind == .measure, base.type != "period_over_period" else {
            throw QueryError("period_over_period measure '\(name)' is based_on '\(field.basedOn!)', which is not a measure it can compare")
        }
        let (timeAlias, time) = try reference(field.basedOnTime, "based_on_time")
        guard let group = time.group, time.type.hasPrefix("date_") else {
            throw QueryError("period_over_period measure '\(name)' has based_on_time '\(field.basedOnTime!)', which is not a timeframe of a dimension group")
        }
        let period = field.period ?? ""
        guard let step = Self.periods[period] else {
            throw QueryError("period_over_period measure '\(name)' has period '\(period)'; expected \(Self.periods.keys.sorted().joined(separator: ", "))")
        }
        let kind = field.periodKind ?? "previous"
        guard ["previous", "difference", "relative_change"].contains(kind) else {
            throw QueryError("period_over_period measure '\(name)' has kind '\(kind)'; expected previous, difference or relative_change")
        }
        let groupName = "\(timeAlias).\(group)"
        guard let bucketDim = dims.first(where: { ctx.alias(for: $0.name.components(separatedBy: ".")[0]) == timeAlias && $0.field.group == group }),
              let timeframe = bucketDim.field.timeframe, let bucket = Self.buckets[timeframe] else {
            throw QueryError("period_over_period measure '\(name)' compares periods of '\(groupName)'; add its date, week, month, quarter or year timeframe to the query")
        }
        guard Self.allowed[timeframe]?.contains(period) == true else {
            throw QueryError("period_over_period measure '\(name)' compares by \(period), which does not line up with '\(bucketDim.name)' (\(timeframe) rows); pick a \(Self.allowed[timeframe]!.sorted().joined(separator: " or ")) period or another timeframe")
        }
        let basedOn = try measure("\(baseAlias).\(base.name)", baseAlias, base, hidden: true)
        return PeriodMeasure(name: name, alias: columnAlias(name), field: field, basedOn: basedOn,
                             shift: FieldRenderer.TimeShift(alias: timeAlias, group: group, bucket: bucket, months: step.months, days: step.days))
    }

    /// The whole statement when PoP measures are selected: the current statement and, per distinct
    /// shift, the previous period's, joined on the dimensions, sorted and limited.
    func periodOverPeriodStatement(dims: [DimColumn], periods: [PeriodMeasure], output names: [String], measures: [MeasureColumn],
                                   filters: [FilterCondition], measureFilters: [MeasureFilter], rowLimit: Int) throws -> (sql: String, columns: [OutputColumn]) {
        guard spec.pivots.isEmpty, !spec.totals, !spec.rowTotals else {
            throw QueryError("period_over_period measure '\(periods[0].name)' cannot be pivoted or totalled yet; remove the pivots and totals")
        }
        // Filters on the compared time group would cut the previous period out of its own statement.
        for filter in filters {
            let (alias, field) = try ctx.resolve(qualified(filter.field), role: "filter field")
            if let p = periods.first(where: { $0.shift.alias == alias && $0.shift.group == field.group && field.group != nil }) {
                throw QueryError("period_over_period measure '\(p.name)' cannot be combined with a filter on '\(filter.field)', the time it compares; filter another field")
            }
        }
        let q = dialect.quoteIdentifier
        // Current values: the selected measures and every based_on measure, at the dimension grain.
        var outputs: [MeasureColumn] = []
        for name in names { if let m = measures.first(where: { $0.name == name }) { outputs.append(m) } }
        for p in periods where !outputs.contains(where: { $0.name == p.basedOn.name }) { outputs.append(p.basedOn) }
        let current = try statement(dims: dims, measures: measures, output: outputs, filters: measureFilters)

        // Previous values, one statement per distinct shift: the same dimensions and row filters
        // with the time group moved forward (measure filters judge the current rows only).
        let rowFilters = try filters.filter { try ctx.resolve(qualified($0.field), role: "filter field").field.kind != .measure }
        func key(_ p: PeriodMeasure) -> String { "\(p.shift.alias).\(p.shift.group).\(p.shift.months).\(p.shift.days)" }
        var shiftKeys: [String] = []
        var previousByShift: [String: CompiledQuery] = [:]
        for p in periods where previousByShift[key(p)] == nil {
            let shifted = FieldRenderer(ctx: ctx, dialect: dialect, options: options)
            shifted.timeShift = p.shift
            let basedOn = Array(Set(periods.filter { key($0) == key(p) }.map(\.basedOn.name))).sorted()
            let planner = QueryPlanner(ctx: ctx, renderer: shifted, spec: QuerySpec(explore: spec.explore, fields: dims.map(\.name) + basedOn,
                                                                                    filters: rowFilters), options: options)
            planner.unlimited = true
            previousByShift[key(p)] = try planner.compile()
            shiftKeys.append(key(p))
        }
        func prev(_ p: PeriodMeasure) -> String { q("pop_prev\(shiftKeys.firstIndex(of: key(p))! + 1)") }
        func previousColumn(_ p: PeriodMeasure, _ name: String) -> String {
            q(previousByShift[key(p)]!.columns.first { $0.name == name }!.alias)
        }

        let cur = q("pop_cur")
        var select = dims.map { "\(cur).\(q($0.alias)) AS \(q($0.alias))" }
        var columns = dims.map { OutputColumn(name: $0.name, alias: $0.alias, role: .dimension, field: $0.field) }
        for name in names {
            if let m = measures.first(where: { $0.name == name }) {
                select.append("\(cur).\(q(m.alias)) AS \(q(m.alias))")
                columns.append(OutputColumn(name: name, alias: m.alias, role: .measure, field: m.parts.field))
            } else if let p = periods.first(where: { $0.name == name }) {
                let now = "\(cur).\(q(p.basedOn.alias))", before = "\(prev(p)).\(previousColumn(p, p.basedOn.name))"
                let value: String
                switch p.field.periodKind ?? "previous" {
                case "difference": value = "\(now) - \(before)"
                case "relative_change": value = "1.0 * (\(now) - \(before)) / NULLIF(\(before), 0)"
                default: value = before
                }
                select.append("\(value) AS \(q(p.alias))")
                columns.append(OutputColumn(name: name, alias: p.alias, role: .measure, field: p.field))
            }
        }
        var body = "SELECT " + select.joined(separator: ", ") + "\nFROM \(cur)"
        for shiftKey in shiftKeys {
            let p = periods.first { key($0) == shiftKey }!
            let on = dims.map { dialect.nullSafeEqual("\(cur).\(q($0.alias))", "\(prev(p)).\(previousColumn(p, $0.name))") }
            body += "\nLEFT JOIN (\n" + previousByShift[shiftKey]!.sql + "\n) \(prev(p)) ON " + on.joined(separator: " AND ")
        }
        // Sorted over the joined result, by output column (PoP measures included).
        let aliases = Dictionary(uniqueKeysWithValues: columns.filter { $0.role == .measure }.map { ($0.name, $0.alias) })
        let keys = try orderKeys(dims: dims, pivots: [], measures: names, measureAliases: aliases)
        let sq = q("q")
        let sql = withClause(current.ctes + [("pop_cur", current.select)]) + "SELECT * FROM (\n" + body + "\n) \(sq)\nORDER BY "
            + keys.map { $0.sql(qualifier: sq) }.joined(separator: ", ") + "\nLIMIT \(rowLimit)"
        return (sql, columns)
    }
}
