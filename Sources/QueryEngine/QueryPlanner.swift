import SemanticModel

/// Plans one query: resolves the pick, decides joins and the fan-out strategy, and writes the SQL.
///
/// See README.md for the plan choice. In short: when no measure's view is repeated by a join, one
/// `SELECT … GROUP BY`. Otherwise each view's measures are aggregated in their own CTE at the
/// dimension grain over only the joins they need (plain aggregates where that no longer fans out, else
/// over `SELECT DISTINCT dims, primary key, values`), and the CTEs are combined on the dimensions with
/// `UNION ALL` + `GROUP BY` (NULL-safe and hashable, unlike `IS NOT DISTINCT FROM` joins).
final class QueryPlanner {
    let ctx: ExploreContext
    let renderer: FieldRenderer
    let spec: QuerySpec
    let options: CompileOptions
    var dialect: any Dialect { renderer.dialect }

    /// A dimension column of the statement.
    struct DimColumn {
        var name: String
        var alias: String
        var field: Field
        var select: String
        var aliases: Set<String>
        /// A `case:` dimension's labels in `when` order (as SQL literals), unless `alpha_sort`.
        var whenOrder: [String]? = nil
    }

    /// A measure column: selected, or hidden (needed by a filter or a composite).
    struct MeasureColumn {
        var name: String
        var alias: String
        var parts: MeasureParts
    }

    /// A HAVING condition on a measure, rendered once the measure's SQL is known.
    struct MeasureFilter {
        var measure: String
        var expression: FilterExpression
    }

    private var usedAliases: Set<String> = []
    private var measureColumns: [String: MeasureColumn] = [:]
    private var measureOrder: [String] = []
    var whereConditions: [String] = []
    var alwaysHavingMeasures: [String] = []
    /// Non-LEFT joins of the whole query (set by `statement` for the main statement).
    var rowChangingJoins: Set<String> = []
    var whereAliases: Set<String> = []
    private var fromCache: [String: String] = [:]
    /// Prepended to the names of CTEs `statement` writes, so two statements can share one WITH.
    var ctePrefix = ""
    private var joinCache: [String: String] = [:]
    /// Compiling a native derived table's source query: no default row limit, and no ORDER BY
    /// unless the table asks for sorts or a limit.
    var unlimited = false

    init(ctx: ExploreContext, renderer: FieldRenderer, spec: QuerySpec, options: CompileOptions) {
        self.ctx = ctx
        self.renderer = renderer
        self.spec = spec
        self.options = options
    }

    var exploreName: String { ctx.explore.name }

    func compile() throws -> CompiledQuery {
        guard !spec.fields.isEmpty else { throw QueryError("the query on explore '\(exploreName)' selects no fields") }

        // Filters: the user's, then always_filter defaults for fields the user left alone, then
        // conditionally_filter defaults unless the user filtered one of its `unless` fields.
        // A blank value filters nothing, so it neither replaces a default nor lifts conditionally_filter:
        // the user may change an always_filter's value but not remove it.
        let given = spec.filters.filter { !$0.expression.trimmingSpaces.isEmpty }
        let userFiltered = Set(given.map(\.field) + given.map { qualified($0.field) })
        func unfiltered(_ defaults: [FilterCondition]) -> [FilterCondition] {
            defaults.filter { !userFiltered.contains(qualified($0.field)) && !userFiltered.contains($0.field) }
        }
        var filters = spec.filters + unfiltered(ctx.explore.alwaysFilter)
        let unless = ctx.explore.conditionallyFilterUnless
        if !unless.contains(where: { userFiltered.contains($0) || userFiltered.contains(qualified($0)) }) {
            filters += unfiltered(ctx.explore.conditionallyFilter)
        }
        // Liquid tags read every filter value by alias.field (filter-only fields and parameters mostly).
        var templateValues: [String: String] = [:]
        for filter in filters { templateValues[qualified(filter.field)] = filter.expression }
        // Set before any field is rendered: rendered SQL is memoised.
        renderer.templateValues = templateValues
        renderer.selectedNames = spec.fields + spec.pivots
        renderer.queryFilters = filters

        // Fields: dimensions and measures in the order picked; pivots are dimensions kept apart.
        var dims: [DimColumn] = [], pivots: [DimColumn] = [], selectedMeasures: [String] = []
        var seen: Set<String> = []
        let pivotNames = spec.pivots
        for name in pivotNames where seen.insert(name).inserted {
            let (alias, field) = try ctx.resolve(name, role: "pivot field")
            guard field.kind == .dimension else { throw QueryError("pivot field '\(name)' must be a dimension in explore '\(exploreName)'") }
            pivots.append(try dimColumn(name, alias, field))
        }
        var periodFields: [(String, String, Field)] = []
        var outputOrder: [String] = []
        for name in spec.fields where seen.insert(name).inserted {
            let (alias, field) = try ctx.resolve(name)
            if field.kind == .measure { outputOrder.append(name) }
            switch field.kind {
            case .dimension: dims.append(try dimColumn(name, alias, field))
            case .measure where field.type == "period_over_period":
                periodFields.append((name, alias, field))
            case .measure:
                _ = try measure(name, alias, field, hidden: false)
                selectedMeasures.append(name)
            case .filter, .parameter:
                throw QueryError("field '\(name)' is a \(field.kind.rawValue)-only field and cannot be selected")
            }
        }

        // Period-over-period measures need the dimensions known; their based_on measures are hidden.
        let periods = try periodFields.map { try periodMeasure($0.0, $0.1, $0.2, dims: dims) }

        var measureFilters: [MeasureFilter] = []
        for (i, filter) in filters.enumerated() {
            let name = qualified(filter.field)
            let (alias, field) = try ctx.resolve(name, role: "filter field", asModel: i >= spec.filters.count)
            switch field.kind {
            case .dimension:
                if let f = try renderer.dimensionFilter(alias: alias, field: field, expression: filter.expression) {
                    whereConditions.append(f.sql)
                    whereAliases.formUnion(f.aliases)
                }
            case .measure:
                let m = try measure(name, alias, field, hidden: true)
                let type: FilterFieldType = field.type == "list" || field.type == "string" ? .string : .number
                let expression = try renderer.parseFilter(filter.expression, type: type, field: name)
                if !expression.isMatchAll { measureFilters.append(MeasureFilter(measure: m.name, expression: expression)) }
            case .filter:
                // Its value is read by `{% condition %}` tags; parse it now so a bad value is reported
                // even when no tag reads it. A filter field's own `sql:` joins WHERE when filtered.
                let expression = try renderer.parseFilter(filter.expression, type: try renderer.filterType(of: field, alias: alias), field: name)
                if let sql = field.sql, !expression.isMatchAll {
                    let e = try renderer.expand(sql, alias: alias, owner: name)
                    whereConditions.append(e.sql)
                    whereAliases.formUnion(e.aliases)
                }
            case .parameter:
                // Checked now (allowed values, number) so a bad choice is refused even if no SQL reads it.
                _ = try renderer.parameterLiteral(field, key: name, value: filter.expression)
            }
        }
        try applyAccessFilters()
        if let always = ctx.explore.sqlAlwaysWhere {
            let e = try renderer.expand(always, alias: ctx.base, owner: "sql_always_where of explore '\(exploreName)'")
            whereConditions.append(e.sql)
            whereAliases.formUnion(e.aliases)
        }
        // sql_always_having may name measures the user did not pick; compute them hidden.
        for fragment in ctx.explore.sqlAlwaysHaving?.fragments ?? [] {
            guard case .field(let viewName, let fieldName) = fragment else { continue }
            let alias = viewName.flatMap { ctx.alias(for: $0) } ?? ctx.base
            if let field = ctx.field(fieldName, of: alias), field.kind == .measure {
                alwaysHavingMeasures.append(try measure("\(alias).\(fieldName)", alias, field, hidden: true).name)
            }
        }
        for join in ctx.explore.alwaysJoin {
            guard ctx.joins[join] != nil || ctx.broken[join] != nil else { throw QueryError("explore '\(exploreName)' always_join names '\(join)', which it does not join") }
            whereAliases.insert(join)
        }

        // Composite measures read other measures: make sure those are computed too.
        var index = 0
        while index < measureOrder.count {
            let column = measureColumns[measureOrder[index]]!
            for ref in column.parts.references {
                _ = try measure("\(ref.alias).\(ref.field.name)", ref.alias, ref.field, hidden: true)
            }
            index += 1
        }

        try applyJoinWheres(dims: dims + pivots)

        // Row limit and sorts.
        let rowLimit = spec.limit ?? options.defaultRowLimit
        guard rowLimit > 0 else { throw QueryError("row limit \(rowLimit) must be a positive number") }
        guard rowLimit <= options.maxRowLimit else {
            throw QueryError("row limit \(rowLimit) exceeds the maximum of \(options.maxRowLimit) rows")
        }
        if !periods.isEmpty {
            let pop = try periodOverPeriodStatement(dims: dims, periods: periods, output: outputOrder, measures: measureOrder.map { measureColumns[$0]! },
                                                    filters: filters, measureFilters: measureFilters, rowLimit: rowLimit)
            return CompiledQuery(sql: pop.sql, columns: pop.columns, totalsSQL: nil, rowTotalsSQL: nil, pivotValuesSQL: nil,
                                 pivotColumnLimit: options.pivotColumnLimit, rowLimit: rowLimit, dialect: dialect.name, plan: .perViewGroups)
        }
        let sortKeys = try orderKeys(dims: dims, pivots: pivots, measures: selectedMeasures)
        // With pivots, a sort on a measure picks which dimension rows are kept by the measure's row
        // total; without one they are kept in dimension order.
        let measureSorted = !pivots.isEmpty && spec.sorts.contains { selectedMeasures.contains($0.field) }
        let rowTotalKeys = measureSorted
            ? try orderKeys(dims: dims, pivots: [], measures: selectedMeasures, tieBreak: true)
            : try orderKeys(dims: dims, pivots: [], measures: [], dimensionsOnly: true)

        // The statement.
        let measures = measureOrder.map { measureColumns[$0]! }
        let selected = selectedMeasures.map { measureColumns[$0]! }
        var columns: [OutputColumn] = dims.map { OutputColumn(name: $0.name, alias: $0.alias, role: .dimension, field: $0.field) }
        columns += pivots.map { OutputColumn(name: $0.name, alias: $0.alias, role: .pivot, field: $0.field) }
        columns += selected.map { OutputColumn(name: $0.name, alias: $0.alias, role: .measure, field: $0.parts.field) }

        let main = try statement(dims: dims + pivots, measures: measures, output: selected, filters: measureFilters)
        var sql: String
        var pivotValuesSQL: String?
        let limit: Int
        if pivots.isEmpty && unlimited && spec.limit == nil && spec.sorts.isEmpty {
            limit = rowLimit
            sql = withClause(main.ctes) + main.select
        } else if pivots.isEmpty {
            limit = rowLimit
            // A native derived table's source query is limited only when it says so.
            let limitClause = unlimited && spec.limit == nil ? "" : "\nLIMIT \(limit)"
            if sortKeys.contains(where: \.isExpression) {
                // An expression over output columns (a case dimension's `when` order) needs them
                // qualified, which PostgreSQL allows only from an enclosing SELECT.
                let q = dialect.quoteIdentifier("q")
                sql = withClause(main.ctes) + "SELECT * FROM (\n" + main.select + "\n) \(q)\nORDER BY "
                    + sortKeys.map { $0.sql(qualifier: q) }.joined(separator: ", ") + limitClause
            } else {
                sql = withClause(main.ctes) + main.select + "\nORDER BY " + sortKeys.map { $0.sql() }.joined(separator: ", ") + limitClause
            }
        } else {
            let cap = options.pivotColumnLimit
            // Dimension rows × pivot columns, which can overflow for a huge --limit and --max-rows.
            let (cells, overflow) = rowLimit.multipliedReportingOverflow(by: cap)
            limit = overflow ? options.maxRowLimit : min(cells, options.maxRowLimit)
            let values = try pivotValues(pivots, limit: cap)
            pivotValuesSQL = withClause([]) + (try pivotValues(pivots, limit: cap + 1))
            let q = dialect.quoteIdentifier("q"), pv = dialect.quoteIdentifier("pivot_values")
            let cols = (dims + pivots).map { "\(q).\(dialect.quoteIdentifier($0.alias))" } + selected.map { "\(q).\(dialect.quoteIdentifier($0.alias))" }
            let on = pivots.map { dialect.nullSafeEqual("\(q).\(dialect.quoteIdentifier($0.alias))", "\(pv).\(dialect.quoteIdentifier($0.alias))") }
            let order = sortKeys.map { $0.sql(qualifier: q) }.joined(separator: ", ")
            var body = "SELECT " + cols.joined(separator: ", ")
            if !dims.isEmpty {
                // The row limit counts dimension rows (each spread over its pivot columns): rank the
                // dimension tuples in dimension order and keep the first `rowLimit`. DENSE_RANK treats
                // NULLs as peers, so no NULL-unsafe join is needed.
                let rankOrder = try orderKeys(dims: dims, pivots: [], measures: [], dimensionsOnly: true)
                    .map { $0.sql(qualifier: q) }.joined(separator: ", ")
                body += ", DENSE_RANK() OVER (ORDER BY \(rankOrder)) AS \(dialect.quoteIdentifier("q_row"))"
            }
            body += "\nFROM \(q)\nINNER JOIN \(pv) ON " + on.joined(separator: " AND ")
            var ctes = main.ctes + [("q", main.select), ("pivot_values", values)]
            if dims.isEmpty {
                sql = withClause(ctes) + body + "\nORDER BY " + order + "\nLIMIT \(limit)"
            } else if measureSorted {
                // Sorted by a measure: the rows kept are the first `rowLimit` of the row-totals statement
                // in the sort's order (ties broken by every dimension), ranked in a CTE both share.
                let saved = ctePrefix
                ctePrefix = "rt_"
                let r = try statement(dims: dims, measures: measures, output: selected, filters: measureFilters)
                ctePrefix = saved
                let rt = dialect.quoteIdentifier("rt"), rk = dialect.quoteIdentifier("row_keys"), qRow = dialect.quoteIdentifier("q_row")
                let rankOrder = rowTotalKeys.map { $0.sql(qualifier: rt) }.joined(separator: ", ")
                let keyCols = dims.map { "\(rt).\(dialect.quoteIdentifier($0.alias))" }
                ctes += r.ctes + [("row_keys", "SELECT " + keyCols.joined(separator: ", ")
                    + ", ROW_NUMBER() OVER (ORDER BY \(rankOrder)) AS \(qRow)\nFROM (\n\(r.select)\n) \(rt)")]
                // Attach each kept row's rank to its cells without a NULL-safe join (PostgreSQL cannot
                // hash IS NOT DISTINCT FROM): UNION ALL the cells with the kept keys, then spread the
                // rank over each dimension tuple with a window, whose PARTITION BY treats NULLs as equal.
                // Missing columns are typed NULLs (empty scalar subqueries), as in the per-view plan.
                let ident = dialect.quoteIdentifier
                let qRank = ident("q_rank"), qSrc = ident("q_src"), u = ident("u")
                let dimNames = dims.map { ident($0.alias) }
                let restNames = pivots.map { ident($0.alias) } + selected.map { ident($0.alias) }
                let cellBranch = "SELECT " + (dimNames.map { "\(q).\($0)" } + restNames.map { "\(q).\($0)" }
                    + ["(SELECT \(qRow) FROM \(rk) WHERE 1 = 0) AS \(qRank)", "1 AS \(qSrc)"]).joined(separator: ", ")
                    + "\nFROM \(q)\nINNER JOIN \(pv) ON " + on.joined(separator: " AND ")
                let keyBranch = "SELECT " + (dimNames.map { "\(rk).\($0)" } + restNames.map { "(SELECT \($0) FROM \(q) WHERE 1 = 0) AS \($0)" }
                    + ["\(rk).\(qRow) AS \(qRank)", "0 AS \(qSrc)"]).joined(separator: ", ")
                    + "\nFROM \(rk)\nWHERE \(rk).\(qRow) <= \(rowLimit)"
                let ranked = "SELECT " + (dimNames + restNames + [qSrc]).map { "\(u).\($0)" }.joined(separator: ", ")
                    + ", MAX(\(u).\(qRank)) OVER (PARTITION BY " + dimNames.map { "\(u).\($0)" }.joined(separator: ", ") + ") AS \(qRow)"
                    + "\nFROM (\n" + cellBranch + "\nUNION ALL\n" + keyBranch + "\n) \(u)"
                ctes.append(("ranked", ranked))
                let r2 = dialect.quoteIdentifier("ranked")
                let outCols = ((dims + pivots).map(\.alias) + selected.map(\.alias)).map { "\(q).\(dialect.quoteIdentifier($0))" }
                let pivotOrder = pivots.map { dialect.orderKey("\(q).\(dialect.quoteIdentifier($0.alias))", descending: pivotDescending($0.name)) }
                sql = withClause(ctes) + "SELECT " + outCols.joined(separator: ", ") + "\nFROM \(r2) AS \(q)\nWHERE \(q).\(qSrc) = 1 AND \(q).\(qRow) <= \(rowLimit)"
                    + "\nORDER BY " + ([dialect.orderKey("\(q).\(qRow)", descending: false)] + pivotOrder).joined(separator: ", ") + "\nLIMIT \(limit)"
            } else {
                ctes.append(("ranked", body))
                let r = dialect.quoteIdentifier("ranked")
                let outCols = ((dims + pivots).map(\.alias) + selected.map(\.alias)).map { "\(q).\(dialect.quoteIdentifier($0))" }
                sql = withClause(ctes) + "SELECT " + outCols.joined(separator: ", ") + "\nFROM \(r) AS \(q)\nWHERE \(q).\(dialect.quoteIdentifier("q_row")) <= \(rowLimit)"
                    + "\nORDER BY " + order + "\nLIMIT \(limit)"
            }
        }

        // Totals: the same FROM/WHERE at the total grain (per pivot value when pivoting).
        var totalsSQL: String?
        if spec.totals && !selected.isEmpty {
            let t = try statement(dims: pivots, measures: measures, output: selected, filters: [])
            if pivots.isEmpty {
                totalsSQL = withClause(t.ctes) + t.select
            } else {
                let q = dialect.quoteIdentifier("t"), pv = dialect.quoteIdentifier("pivot_values")
                let cols = pivots.map { "\(q).\(dialect.quoteIdentifier($0.alias))" } + selected.map { "\(q).\(dialect.quoteIdentifier($0.alias))" }
                let on = pivots.map { dialect.nullSafeEqual("\(q).\(dialect.quoteIdentifier($0.alias))", "\(pv).\(dialect.quoteIdentifier($0.alias))") }
                totalsSQL = withClause(t.ctes + [("t", t.select), ("pivot_values", try pivotValues(pivots, limit: options.pivotColumnLimit))])
                    + "SELECT " + cols.joined(separator: ", ") + "\nFROM \(q)\nINNER JOIN \(pv) ON " + on.joined(separator: " AND ")
                    + "\nORDER BY " + pivots.map { dialect.orderKey("\(q).\(dialect.quoteIdentifier($0.alias))", descending: pivotDescending($0.name)) }.joined(separator: ", ")
            }
        }
        // Row totals: each dimension row across all pivot values.
        var rowTotalsSQL: String?
        if spec.rowTotals && !pivots.isEmpty && !selected.isEmpty {
            let r = try statement(dims: dims, measures: measures, output: selected, filters: measureFilters)
            // Keep exactly the dimension rows the main statement keeps: it ranks dimension tuples in
            // dimension order, or by this same statement in the measure sort's order (see above), so
            // the row totals are limited by those same keys.
            if rowTotalKeys.contains(where: \.isExpression) {
                let q = dialect.quoteIdentifier("q")
                rowTotalsSQL = withClause(r.ctes) + "SELECT * FROM (\n" + r.select + "\n) \(q)\nORDER BY "
                    + rowTotalKeys.map { $0.sql(qualifier: q) }.joined(separator: ", ") + "\nLIMIT \(rowLimit)"
            } else {
                rowTotalsSQL = withClause(r.ctes) + r.select + "\nORDER BY " + rowTotalKeys.map { $0.sql() }.joined(separator: ", ") + "\nLIMIT \(rowLimit)"
            }
        }

        return CompiledQuery(sql: sql, columns: columns, totalsSQL: totalsSQL, rowTotalsSQL: rowTotalsSQL,
                             pivotValuesSQL: pivotValuesSQL, pivotColumnLimit: options.pivotColumnLimit, rowLimit: limit,
                             dialect: dialect.name, plan: main.plan)
    }

    /// Adds each joined alias's `sql_where` to WHERE. A join's condition may name further aliases, so
    /// this repeats until the join set stops growing; the conditions then sit in `whereAliases`, so
    /// every per-view aggregate, total and pivot-value statement sees the same restriction.
    private func applyJoinWheres(dims: [DimColumn]) throws {
        var needed = whereAliases
        for d in dims { needed.formUnion(d.aliases) }
        for name in measureOrder { needed.formUnion(measureColumns[name]!.parts.aliases) }
        var applied: Set<String> = []
        while true {
            var grew = false
            for alias in try ctx.joinClosure(needed) where !applied.contains(alias) {
                applied.insert(alias)
                guard let sqlWhere = ctx.joins[alias]?.sqlWhere else { continue }
                let e = try renderer.expand(sqlWhere, alias: alias, owner: "sql_where of join '\(alias)'")
                whereConditions.append(e.sql)
                whereAliases.formUnion(e.aliases)
                whereAliases.insert(alias)
                needed.formUnion(e.aliases)
                grew = true
            }
            if !grew { return }
        }
    }

    /// `view.field` for a filter written with a view name rather than the alias.
    func qualified(_ name: String) -> String {
        guard let dot = name.firstIndex(of: ".") else { return name }
        let head = String(name[..<dot])
        guard ctx.views[head] == nil, let alias = ctx.alias(for: head) else { return name }
        return alias + name[dot...]
    }

    private func dimColumn(_ name: String, _ alias: String, _ field: Field) throws -> DimColumn {
        let d = try renderer.dimension(alias: alias, field: field)
        return DimColumn(name: name, alias: columnAlias(name), field: field, select: d.select, aliases: d.aliases, whenOrder: d.whenOrder)
    }

    /// Registers a measure (once) and returns its column.
    func measure(_ name: String, _ alias: String, _ field: Field, hidden: Bool) throws -> MeasureColumn {
        if let existing = measureColumns[name] { return existing }
        let parts = try renderer.measureParts(alias: alias, field: field)
        let column = MeasureColumn(name: name, alias: hidden ? columnAlias("q_h\(measureOrder.count)") : columnAlias(name), parts: parts)
        measureColumns[name] = column
        measureOrder.append(name)
        return column
    }

    /// A SQL column alias from a field name: letters, digits and `_` only (every dialect accepts it
    /// quoted or not, BigQuery included), at most 60 bytes, unique within the statement.
    func columnAlias(_ name: String) -> String {
        var out = ""
        for scalar in name.unicodeScalars {
            let v = scalar.value
            let ok = (v >= 48 && v <= 57) || (v >= 65 && v <= 90) || (v >= 97 && v <= 122) || v == 95
            out.unicodeScalars.append(ok ? scalar : "_")
            if out.utf8.count >= 56 { break }
        }
        if out.isEmpty || out.first!.isNumber { out = "f_" + out }
        var candidate = out, n = 2
        while !usedAliases.insert(candidate.lowercased()).inserted {
            candidate = "\(out)_\(n)"
            n += 1
        }
        return candidate
    }

    private func pivotDescending(_ name: String) -> Bool { spec.sorts.first { $0.field == name }?.descending ?? false }

    /// ORDER BY keys by output alias: the user's sorts, else Looker's default; pivots last, ascending
    /// unless sorted otherwise.
    /// `tieBreak`: every dimension follows the sort keys, so the order is total (equal keys cannot
    /// keep different rows in two statements).
    /// `measureAliases`: output aliases of measures not planned as columns (period-over-period ones).
    func orderKeys(dims: [DimColumn], pivots: [DimColumn], measures: [String], dimensionsOnly: Bool = false,
                   tieBreak: Bool = false, measureAliases: [String: String] = [:]) throws -> [OrderKey] {
        var keys: [OrderKey] = []
        var used: Set<String> = []
        func key(_ alias: String, _ descending: Bool, _ order: [String]? = nil) -> OrderKey {
            OrderKey(column: alias, descending: descending, whenOrder: order, dialect: dialect)
        }
        for sort in spec.sorts {
            if let d = dims.first(where: { $0.name == sort.field }) {
                if used.insert(d.alias).inserted { keys.append(key(d.alias, sort.descending, d.whenOrder)) }
            } else if dimensionsOnly {
                continue
            } else if let alias = measureAliases[sort.field] ?? (measures.contains(sort.field) ? measureColumns[sort.field]?.alias : nil) {
                if used.insert(alias).inserted { keys.append(key(alias, sort.descending)) }
            } else if pivots.contains(where: { $0.name == sort.field }) || spec.pivots.contains(sort.field) {
                continue
            } else {
                throw QueryError("sort field '\(sort.field)' is not among the selected fields of the query on explore '\(exploreName)'")
            }
        }
        if keys.isEmpty {
            if let time = dims.first(where: { $0.field.type.hasPrefix("date_") || $0.field.type == "date" || $0.field.type == "time" }) {
                keys.append(key(time.alias, true))
                used.insert(time.alias)
            } else if let m = measures.first {
                keys.append(key(measureAliases[m] ?? measureColumns[m]!.alias, true))
            } else if let d = dims.first {
                keys.append(key(d.alias, false, d.whenOrder))
                used.insert(d.alias)
            }
        }
        for p in pivots where used.insert(p.alias).inserted { keys.append(key(p.alias, pivotDescending(p.name), p.whenOrder)) }
        if dimensionsOnly || tieBreak {
            // Every dimension takes part, so equal ranks mean equal tuples.
            for d in dims where used.insert(d.alias).inserted { keys.append(key(d.alias, false, d.whenOrder)) }
        }
        if keys.isEmpty { keys.append(OrderKey(column: nil, descending: false, whenOrder: nil, dialect: dialect)) }
        return keys
    }

    /// One ORDER BY key: an output column (or the constant 1), optionally ranked by a `case:`
    /// dimension's `when` order rather than by its text.
    struct OrderKey {
        var column: String?
        var descending: Bool
        /// The case labels as SQL literals, in `when` order (the `else` label last).
        var whenOrder: [String]?
        var dialect: any Dialect

        var isExpression: Bool { whenOrder != nil }

        /// The key, its column qualified by `qualifier` (a quoted table alias) when given.
        func sql(qualifier: String? = nil) -> String {
            guard let column else { return "1" }
            let quoted = dialect.quoteIdentifier(column)
            let ref = qualifier.map { "\($0).\(quoted)" } ?? quoted
            guard let whenOrder else { return dialect.orderKey(ref, descending: descending) }
            let ranks = whenOrder.enumerated().map { "WHEN \($0.element) THEN \($0.offset)" }.joined(separator: " ")
            return dialect.orderKey("CASE \(ref) \(ranks) ELSE \(whenOrder.count) END", descending: descending)
        }
    }

    /// `WITH a AS (…), b AS (…)\n` or nothing.
    func withClause(_ ctes: [(String, String)]) -> String {
        guard !ctes.isEmpty else { return "" }
        return "WITH " + ctes.map { "\(dialect.quoteIdentifier($0.0)) AS (\n\($0.1)\n)" }.joined(separator: ",\n") + "\n"
    }

    /// The first `limit` distinct pivot tuples in pivot order, over the query's filters.
    private func pivotValues(_ pivots: [DimColumn], limit: Int) throws -> String {
        var aliases = whereAliases
        for p in pivots { aliases.formUnion(p.aliases) }
        let from = try fromClause(try ctx.joinClosure(nonLeftAliases(aliases)))
        let cols = pivots.map { "\($0.select) AS \(dialect.quoteIdentifier($0.alias))" }
        let order = pivots.map { dialect.orderKey(dialect.quoteIdentifier($0.alias), descending: pivotDescending($0.name)) }
        return "SELECT DISTINCT " + cols.joined(separator: ", ") + "\n" + from + whereSQL()
            + "\nORDER BY " + order.joined(separator: ", ") + "\nLIMIT \(limit)"
    }

    /// ` WHERE …` for the query's dimension filters, or nothing.
    func whereSQL() -> String {
        whereConditions.isEmpty ? "" : "\nWHERE " + whereConditions.map { "(\($0))" }.joined(separator: " AND ")
    }

    /// `aliases` plus every non-left-outer join the query already has (they filter or add rows, so a
    /// per-view aggregate must see them too to agree with the one-statement plan).
    func nonLeftAliases(_ aliases: Set<String>) -> Set<String> { aliases.union(rowChangingJoins) }

    /// The FROM clause (base, then joins in dependency order) for a set of aliases, memoised.
    func fromClause(_ joins: [String]) throws -> String {
        let cacheKey = joins.joined(separator: "\u{1}")
        if let cached = fromCache[cacheKey] { return cached }
        let q = dialect.quoteIdentifier
        var sql = "FROM " + (try renderer.tableSQL(ctx.views[ctx.base]!, owner: "explore '\(exploreName)'")) + " AS " + q(ctx.base)
        for alias in joins {
            if let cached = joinCache[alias] { sql += cached; continue }
            let join = ctx.joins[alias]!
            if let raw = join.sql {
                // The join clause written out in full (UNNEST, FLATTEN, LATERAL …): used as given.
                let clause = try renderer.expand(raw, alias: alias, owner: "sql of join '\(alias)'").sql.trimmingSpaces
                joinCache[alias] = "\n" + clause + (FieldRenderer.endsInLineComment(clause) ? "\n" : "")
                sql += joinCache[alias]!
                continue
            }
            let table = try renderer.tableSQL(ctx.views[alias]!, owner: "join '\(alias)'")
            let keyword: String
            switch join.kind {
            case .leftOuter: keyword = "LEFT JOIN"
            case .inner: keyword = "INNER JOIN"
            case .fullOuter:
                guard dialect.supportsFullOuterJoin else { throw QueryError.unsupported("FULL OUTER JOIN (join '\(alias)')", dialect: dialect.name) }
                keyword = "FULL OUTER JOIN"
            case .cross:
                joinCache[alias] = "\nCROSS JOIN \(table) AS \(q(alias))"
                sql += joinCache[alias]!
                continue
            }
            let on: String
            if let sqlOn = join.sqlOn {
                on = try renderer.expand(sqlOn, alias: alias, owner: "sql_on of join '\(alias)'").sql
            } else if let fk = join.foreignKey {
                let owner = fk.contains(".") ? String(fk[..<fk.firstIndex(of: ".")!]) : ctx.base
                let fieldName = fk.contains(".") ? String(fk[fk.index(after: fk.firstIndex(of: ".")!)...]) : fk
                guard let ownerAlias = ctx.alias(for: owner), let fkField = ctx.field(fieldName, of: ownerAlias) else {
                    throw QueryError("join '\(alias)' in explore '\(exploreName)' has foreign_key '\(fk)', which is not a dimension of the explore")
                }
                guard let pk = ctx.views[alias]?.primaryKey else {
                    throw QueryError("join '\(alias)' in explore '\(exploreName)' uses foreign_key, but view '\(join.view)' has no primary key")
                }
                let left = try renderer.dimension(alias: ownerAlias, field: fkField).select
                let right = try renderer.dimension(alias: alias, field: pk).select
                on = "\(left) = \(right)"
            } else {
                throw QueryError("join '\(alias)' in explore '\(exploreName)' needs sql_on or foreign_key")
            }
            joinCache[alias] = "\n\(keyword) \(table) AS \(q(alias)) ON \(on)"
            sql += joinCache[alias]!
        }
        fromCache[cacheKey] = sql
        return sql
    }
}
