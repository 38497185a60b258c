import SemanticModel

extension QueryPlanner {
    /// One SELECT producing the dimension columns then the output measure columns, with CTEs it needs.
    struct Statement {
        var ctes: [(String, String)]
        var select: String
        var plan: CompiledQuery.PlanKind
    }

    /// Which rows a group of measures is aggregated over.
    private enum GroupKind {
        /// Measures of one view alias (built-in aggregates and `type: number` with inline aggregates).
        case view(String)
        /// One `sum_distinct`/`average_distinct` measure, over distinct `sql_distinct_key` values.
        case distinctKey(String)
        /// One median/percentile measure in a dialect without a percentile aggregate (window functions).
        case windowPercentile(String)
        /// `type: number` measures of one view alias that write their own aggregate in SQL.
        case customAggregates(String)
    }

    private struct Group {
        var kind: GroupKind
        var alias: String
        var measures: [MeasureColumn]
    }

    /// The statement for `dims` and the `output` measures (plus what `filters` and composites need).
    func statement(dims: [DimColumn], measures: [MeasureColumn], output: [MeasureColumn],
                            filters: [MeasureFilter]) throws -> Statement {
        let byName = Dictionary(measures.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
        // Every measure this statement computes, composites' inputs included.
        var needed: [MeasureColumn] = []
        var neededNames: Set<String> = []
        func need(_ name: String) {
            guard neededNames.insert(name).inserted, let m = byName[name] else { return }
            needed.append(m)
            for ref in m.parts.references { need("\(ref.alias).\(ref.field.name)") }
        }
        for m in output { need(m.name) }
        for f in filters { need(f.measure) }
        if ctx.explore.sqlAlwaysHaving != nil && !output.isEmpty { for name in alwaysHavingMeasures { need(name) } }

        var dimAliases: Set<String> = whereAliases
        for d in dims { dimAliases.formUnion(d.aliases) }
        var allAliases = dimAliases
        for m in needed { allAliases.formUnion(m.parts.aliases) }
        let joinedAll = try ctx.joinClosure(allAliases)
        // Joins other than LEFT OUTER change which rows exist, so every per-view aggregate must see them.
        let rowChanging = Set(joinedAll.filter { ctx.joins[$0]!.kind != .leftOuter })
        rowChangingJoins.formUnion(rowChanging)
        dimAliases.formUnion(rowChanging)

        // Group the aggregates and decide whether one GROUP BY is already right.
        var groups: [Group] = []
        var plain = true
        for m in needed {
            switch m.parts.shape {
            case .composite: continue
            case .distinctKeyed:
                groups.append(Group(kind: .distinctKey(m.name), alias: m.parts.alias, measures: [m]))
                plain = false
            case .aggregate(let function, _):
                if case .percentile = function, try renderer.aggregateSQL(function, "x") == nil {
                    groups.append(Group(kind: .windowPercentile(m.name), alias: m.parts.alias, measures: [m]))
                    plain = false
                    continue
                }
                if !function.isFanOutSafe && ctx.isFannedOut(m.parts.alias, in: joinedAll) { plain = false }
                appendToViewGroup(&groups, m)
            case .custom:
                if ctx.isFannedOut(m.parts.alias, in: joinedAll) { plain = false }
                if let i = groups.firstIndex(where: { if case .customAggregates(let a) = $0.kind { a == m.parts.alias } else { false } }) {
                    groups[i].measures.append(m)
                } else {
                    groups.append(Group(kind: .customAggregates(m.parts.alias), alias: m.parts.alias, measures: [m]))
                }
            }
        }

        if plain {
            return try plainStatement(dims: dims, needed: needed, output: output, filters: filters, joined: joinedAll)
        }
        return try groupedStatement(dims: dims, groups: groups, needed: needed, output: output, filters: filters, dimAliases: dimAliases)
    }

    private func appendToViewGroup(_ groups: inout [Group], _ m: MeasureColumn) {
        if let i = groups.firstIndex(where: { if case .view(let a) = $0.kind { a == m.parts.alias } else { false } }) {
            groups[i].measures.append(m)
        } else {
            groups.append(Group(kind: .view(m.parts.alias), alias: m.parts.alias, measures: [m]))
        }
    }

    // MARK: - One GROUP BY

    private func plainStatement(dims: [DimColumn], needed: [MeasureColumn], output: [MeasureColumn],
                                         filters: [MeasureFilter], joined: [String]) throws -> Statement {
        let q = dialect.quoteIdentifier
        let byName = Dictionary(needed.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
        var inline: [String: String] = [:]
        func sqlOf(_ m: MeasureColumn) throws -> String {
            if let done = inline[m.name] { return done }
            let sql: String
            switch m.parts.shape {
            case .aggregate(let function, let row): sql = try renderer.aggregateSQL(function, row)!
            case .custom(let s): sql = s
            case .composite(let template):
                sql = try renderer.expand(template, alias: m.parts.alias, owner: m.name) { alias, field in
                    guard let ref = byName["\(alias).\(field.name)"] else { throw QueryError("measure '\(m.name)' references '\(alias).\(field.name)', which could not be planned") }
                    return try sqlOf(ref)
                }.sql
            case .distinctKeyed: throw QueryError("internal: distinct-key measure '\(m.name)' in a one-statement plan")
            }
            inline[m.name] = sql
            return sql
        }
        var select = dims.map { "\($0.select) AS \(q($0.alias))" }
        for m in output { select.append("\(try sqlOf(m)) AS \(q(m.alias))") }
        var sql = "SELECT\n  " + select.joined(separator: ",\n  ") + "\n" + (try fromClause(joined)) + whereSQL()
        if !dims.isEmpty && !output.isEmpty {
            sql += "\nGROUP BY " + (1...dims.count).map(String.init).joined(separator: ", ")
        } else if !dims.isEmpty {
            sql = sql.replacingOccurrences(of: "SELECT\n", with: "SELECT DISTINCT\n", options: .anchored)
        }
        var having: [String] = []
        for f in filters { having.append(try renderer.renderFilter(f.expression, column: "(\(try sqlOf(byName[f.measure]!)))")) }
        if let always = ctx.explore.sqlAlwaysHaving, !output.isEmpty {
            having.append(try renderer.expand(always, alias: ctx.base, owner: "sql_always_having of explore '\(exploreName)'") { alias, field in
                try sqlOf(try self.measureColumnFor(alias, field, byName))
            }.sql)
        }
        if !having.isEmpty { sql += "\nHAVING " + having.map { "(\($0))" }.joined(separator: " AND ") }
        return Statement(ctes: [], select: sql, plan: .plain)
    }

    private func measureColumnFor(_ alias: String, _ field: Field, _ byName: [String: MeasureColumn]) throws -> MeasureColumn {
        guard let m = byName["\(alias).\(field.name)"] else {
            throw QueryError("sql_always_having of explore '\(exploreName)' references measure '\(alias).\(field.name)', which the query does not select")
        }
        return m
    }

    // MARK: - One aggregate per view group

    private func groupedStatement(dims: [DimColumn], groups: [Group], needed: [MeasureColumn], output: [MeasureColumn],
                                           filters: [MeasureFilter], dimAliases: Set<String>) throws -> Statement {
        let q = dialect.quoteIdentifier
        let dimSelect = dims.map { "\($0.select) AS \(q($0.alias))" }
        let dimCols = dims.map { q($0.alias) }
        let groupBy = dims.isEmpty ? "" : "\nGROUP BY " + dimCols.joined(separator: ", ")
        let pk = q("q_pk"), rn = q("q_rn"), cnt = q("q_n")
        var ctes: [(String, String)] = []
        var cteMeasures: [(cte: String, measures: [MeasureColumn])] = []

        for (gi, group) in groups.enumerated() {
            var aliases = dimAliases
            for m in group.measures { aliases.formUnion(m.parts.aliases) }
            let joined = try ctx.joinClosure(aliases)
            let from = try fromClause(joined) + whereSQL()
            let fanned = ctx.isFannedOut(group.alias, in: joined)
            let name = "\(ctePrefix)g\(gi + 1)"
            func primaryKey() throws -> String {
                guard let pkField = ctx.views[group.alias]?.primaryKey else {
                    let culprit = ([ctx.base] + joined).first { ctx.multiplies(from: group.alias, to: $0) } ?? ctx.base
                    throw QueryError("view '\(ctx.views[group.alias]!.name)' (as '\(group.alias)') has no primary key, so measure '\(group.measures[0].name)' cannot be computed correctly through '\(culprit)', which repeats its rows; declare primary_key: yes on one of its dimensions")
                }
                return try renderer.dimension(alias: group.alias, field: pkField).select
            }
            var body: String
            switch group.kind {
            case .customAggregates where fanned:
                body = try rejoinedBody(group, dims: dims, from: from, primaryKey: primaryKey)
            case .view, .customAggregates:
                let needsGrain = fanned && group.measures.contains { m in
                    if case .aggregate(let f, _) = m.parts.shape { return !f.isFanOutSafe }
                    return true
                }
                if !needsGrain {
                    var select = dimSelect
                    for m in group.measures { select.append("\(try groupAggregate(m, value: nil)) AS \(q(m.alias))") }
                    body = "SELECT\n  " + select.joined(separator: ",\n  ") + "\n" + from
                    if !dims.isEmpty { body += "\nGROUP BY " + (1...dims.count).map(String.init).joined(separator: ", ") }
                } else {
                    var inner = dimSelect + ["\(try primaryKey()) AS \(pk)"]
                    var outer = dimCols
                    for (vi, m) in group.measures.enumerated() {
                        guard case .aggregate(let function, let row) = m.parts.shape else {
                            throw QueryError("measure '\(m.name)' computes its own aggregate in SQL, so it cannot be kept at the grain of '\(group.alias)' when a join repeats its rows")
                        }
                        let v = q("q_v\(vi)")
                        inner.append("\(row ?? "1") AS \(v)")
                        outer.append("\(try renderer.aggregateSQL(function, v)!) AS \(q(m.alias))")
                    }
                    body = "SELECT\n  " + outer.joined(separator: ",\n  ") + "\nFROM (\nSELECT DISTINCT\n  " + inner.joined(separator: ",\n  ")
                        + "\n" + from + "\n) \(q("k"))" + groupBy
                }
            case .distinctKey:
                let m = group.measures[0]
                guard case .distinctKeyed(let function, let row, let key) = m.parts.shape else { continue }
                let v = q("q_v0")
                let inner = dimSelect + ["\(key) AS \(pk)", "\(row) AS \(v)"]
                body = "SELECT\n  " + (dimCols + ["\(try renderer.aggregateSQL(function, v)!) AS \(q(m.alias))"]).joined(separator: ",\n  ")
                    + "\nFROM (\nSELECT DISTINCT\n  " + inner.joined(separator: ",\n  ") + "\n" + from + "\n) \(q("k"))" + groupBy
            case .windowPercentile:
                let m = group.measures[0]
                guard case .aggregate(.percentile(let p), let row?) = m.parts.shape else { continue }
                let v = q("q_v0")
                let source = fanned
                    ? "SELECT DISTINCT\n  " + (dimSelect + ["\(try primaryKey()) AS \(pk)", "\(row) AS \(v)"]).joined(separator: ",\n  ") + "\n" + from
                    : "SELECT\n  " + (dimSelect + ["\(row) AS \(v)"]).joined(separator: ",\n  ") + "\n" + from
                let partition = dims.isEmpty ? "" : "PARTITION BY " + dimCols.joined(separator: ", ") + " "
                let ranked = "SELECT " + (dimCols + [v, "ROW_NUMBER() OVER (\(partition)ORDER BY \(v)) AS \(rn)", "COUNT(*) OVER (\(dims.isEmpty ? "" : "PARTITION BY " + dimCols.joined(separator: ", "))) AS \(cnt)"]).joined(separator: ", ")
                    + "\nFROM (\n\(source)\n) \(q("s"))\nWHERE \(v) IS NOT NULL"
                // PERCENTILE_CONT: interpolate between the values at 0-based positions floor(p(n-1)) and the next.
                let pos = "(\(p) * (\(cnt) - 1))"
                let lo = dialect.floor(pos)
                let at = { (offset: Int) in "MAX(CASE WHEN \(rn) = \(lo) + \(offset) THEN \(v) END)" }
                let value = "\(at(1)) + MAX(\(pos) - \(lo)) * (COALESCE(\(at(2)), \(at(1))) - \(at(1)))"
                body = "SELECT\n  " + (dimCols + ["\(value) AS \(q(m.alias))"]).joined(separator: ",\n  ") + "\nFROM (\n\(ranked)\n) \(q("w"))" + groupBy
            }
            ctes.append((name, body))
            cteMeasures.append((name, group.measures))
        }

        // Percentile groups drop dimension rows whose values are all NULL; a spine keeps every row.
        if !dims.isEmpty && groups.allSatisfy({ if case .windowPercentile = $0.kind { true } else { false } }) {
            var aliases = dimAliases
            aliases.formUnion([])
            let from = try fromClause(try ctx.joinClosure(aliases)) + whereSQL()
            ctes.append((ctePrefix + "g0", "SELECT DISTINCT\n  " + dimSelect.joined(separator: ",\n  ") + "\n" + from))
            cteMeasures.append((ctePrefix + "g0", []))
        }

        // Combine on the dimensions: UNION ALL then GROUP BY is NULL-safe and hash-aggregates.
        let computed = cteMeasures.flatMap(\.measures)
        let core: String
        if cteMeasures.count == 1 {
            core = cteMeasures[0].cte
        } else {
            var branches: [String] = []
            var home: [String: String] = [:]
            for (cte, ms) in cteMeasures { for m in ms { home[m.name] = cte } }
            for (cte, ms) in cteMeasures {
                let own = Set(ms.map(\.name))
                // A bare NULL is untyped, and PostgreSQL resolves an all-NULL UNION column as text; an
                // empty scalar subquery is a NULL of the measure's own type on every dialect.
                let cols = dimCols + computed.map {
                    own.contains($0.name) ? q($0.alias) : "(SELECT \(q($0.alias)) FROM \(q(home[$0.name]!)) WHERE 1 = 0) AS \(q($0.alias))"
                }
                branches.append("SELECT " + cols.joined(separator: ", ") + " FROM " + q(cte))
            }
            let combined = dimCols + computed.map { "MAX(\(q($0.alias))) AS \(q($0.alias))" }
            ctes.append((ctePrefix + "combined", "SELECT " + combined.joined(separator: ", ") + "\nFROM (\n" + branches.joined(separator: "\nUNION ALL\n") + "\n) \(q("u"))" + groupBy))
            core = ctePrefix + "combined"
        }

        // The outer SELECT: composites from their inputs, measure filters as WHERE on the results.
        let c = q("c")
        let byName = Dictionary(needed.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
        func sqlOf(_ m: MeasureColumn) throws -> String {
            if case .composite(let template) = m.parts.shape {
                return try renderer.expand(template, alias: m.parts.alias, owner: m.name) { alias, field in
                    guard let ref = byName["\(alias).\(field.name)"] else { throw QueryError("measure '\(m.name)' references '\(alias).\(field.name)', which could not be planned") }
                    return try sqlOf(ref)
                }.sql
            }
            return "\(c).\(q(m.alias))"
        }
        var select = dims.map { "\(c).\(q($0.alias)) AS \(q($0.alias))" }
        for m in output { select.append("\(try sqlOf(m)) AS \(q(m.alias))") }
        var sql = "SELECT\n  " + select.joined(separator: ",\n  ") + "\nFROM \(q(core)) AS \(c)"
        var conditions: [String] = []
        for f in filters { conditions.append(try renderer.renderFilter(f.expression, column: "(\(try sqlOf(byName[f.measure]!)))")) }
        if let always = ctx.explore.sqlAlwaysHaving, !output.isEmpty {
            conditions.append(try renderer.expand(always, alias: ctx.base, owner: "sql_always_having of explore '\(exploreName)'") { alias, field in
                try sqlOf(try self.measureColumnFor(alias, field, byName))
            }.sql)
        }
        if !conditions.isEmpty { sql += "\nWHERE " + conditions.map { "(\($0))" }.joined(separator: " AND ") }
        return Statement(ctes: ctes, select: sql, plan: .perViewGroups)
    }

    /// Measures that write their own aggregate over view V's columns, where the dimensions repeat V's
    /// rows: the distinct (dimensions, V key) pairs are joined back to V's table, so each V row meets
    /// the aggregate once per dimension group — exactly the rows V has, whatever SQL the measure holds.
    private func rejoinedBody(_ group: Group, dims: [DimColumn], from: String, primaryKey: () throws -> String) throws -> String {
        let q = dialect.quoteIdentifier
        let v = group.alias
        for m in group.measures where m.parts.aliases != [v] {
            let others = m.parts.aliases.subtracting([v]).sorted().joined(separator: ", ")
            throw QueryError("measure '\(m.name)' aggregates in its own SQL over fields of \(others) as well as '\(v)', so it cannot be kept at the grain of '\(v)' when the query's dimensions repeat its rows; write it over '\(v)' alone or as a type: number measure of other measures")
        }
        let pkSQL = try primaryKey()
        guard let pkField = ctx.views[v]?.primaryKey, try renderer.dimension(alias: v, field: pkField).aliases == [v] else {
            throw QueryError("the primary key of view '\(ctx.views[v]!.name)' reads other views, so measure '\(group.measures[0].name)' cannot be kept at its grain through a join that repeats its rows")
        }
        let k = q("k"), pk = q("q_pk")
        let keys = "SELECT DISTINCT\n  " + (dims.map { "\($0.select) AS \(q($0.alias))" } + ["\(pkSQL) AS \(pk)"]).joined(separator: ",\n  ") + "\n" + from
        var select = dims.map { "\(k).\(q($0.alias)) AS \(q($0.alias))" }
        for m in group.measures { select.append("\(try groupAggregate(m, value: nil)) AS \(q(m.alias))") }
        let table = try renderer.tableSQL(ctx.views[v]!, owner: "measure '\(group.measures[0].name)'")
        var body = "SELECT\n  " + select.joined(separator: ",\n  ") + "\nFROM (\n" + keys + "\n) \(k)\nLEFT JOIN \(table) AS \(q(v)) ON \(pkSQL) = \(k).\(pk)"
        if !dims.isEmpty { body += "\nGROUP BY " + (1...dims.count).map(String.init).joined(separator: ", ") }
        return body
    }

    /// A measure's aggregate over the joined rows directly (no fan-out in its group).
    private func groupAggregate(_ m: MeasureColumn, value: String?) throws -> String {
        switch m.parts.shape {
        case .aggregate(let function, let row): return try renderer.aggregateSQL(function, row)!
        case .custom(let sql): return sql
        default: throw QueryError("internal: measure '\(m.name)' planned in the wrong group")
        }
    }
}
