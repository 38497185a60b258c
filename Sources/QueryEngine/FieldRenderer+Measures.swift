import SemanticModel

/// An aggregate function the planner can apply to a per-row value.
enum AggregateFunction: Hashable {
    case countRows, count, countDistinct, sum, average, min, max, list
    case percentile(Double)

    /// Whether repeating a row (fan-out) leaves the result unchanged.
    var isFanOutSafe: Bool {
        switch self {
        case .countDistinct, .min, .max, .list: true
        default: false
        }
    }
}

/// A measure broken into "aggregate `function` over `rowValue` per row": the planner decides which
/// rows (all joined rows, or distinct primary keys of the measure's view) the aggregate sees.
struct MeasureParts {
    enum Shape {
        /// A built-in aggregate type.
        case aggregate(AggregateFunction, rowValue: String?)
        /// `sum_distinct`/`average_distinct`: the aggregate over distinct `key`s.
        case distinctKeyed(AggregateFunction, rowValue: String, key: String)
        /// `type: number` (or string/date/yesno measures) whose SQL references other measures; computed
        /// from their results.
        case composite(SQLTemplate)
        /// `type: number` with its own aggregate written in SQL and no measure references.
        case custom(String)
    }

    var alias: String
    var field: Field
    var shape: Shape
    /// Aliases the per-row expressions read.
    var aliases: Set<String>
    /// Measures a composite reads, as `alias.field`.
    var references: [(alias: String, field: Field)]
}

extension FieldRenderer {
    /// Splits a measure into its aggregate and per-row value.
    func measureParts(alias: String, field: Field) throws -> MeasureParts {
        let name = "\(alias).\(field.name)"
        var aliases: Set<String> = [alias]
        func value() throws -> String {
            // Without sql, the column named like the measure (Looker's default for any field; README).
            let v = try baseSQL(alias: alias, field: field)
            aliases.formUnion(v.aliases)
            return v.sql
        }
        func filtered(_ v: String) throws -> String {
            guard !field.filters.isEmpty else { return v }
            var conditions: [String] = []
            for condition in field.filters {
                let (targetAlias, target) = try filterField(condition.field, from: alias, owner: name)
                guard target.kind == .dimension else {
                    throw QueryError("measure '\(name)' filters on '\(condition.field)', which is not a dimension")
                }
                if let f = try dimensionFilter(alias: targetAlias, field: target, expression: condition.expression) {
                    conditions.append("(\(f.sql))")
                    aliases.formUnion(f.aliases)
                }
            }
            return conditions.isEmpty ? v : "CASE WHEN \(conditions.joined(separator: " AND ")) THEN \(v) END"
        }
        func primaryKey() throws -> String? {
            guard let pk = ctx.views[alias]?.primaryKey else { return nil }
            let d = try dimension(alias: alias, field: pk)
            aliases.formUnion(d.aliases)
            return d.select
        }
        let shape: MeasureParts.Shape
        switch field.type {
        case "count":
            if let pk = try primaryKey() {
                shape = .aggregate(.count, rowValue: try filtered(pk))
            } else if alias != ctx.base {
                // A joined view without a primary key: count the rows where its join matched.
                let matched = try joinMatched(alias, measure: name)
                aliases.formUnion(matched.aliases)
                shape = .aggregate(.count, rowValue: try filtered("CASE WHEN \(matched.sql) THEN 1 END"))
            } else if field.filters.isEmpty {
                shape = .aggregate(.countRows, rowValue: nil)
            } else {
                shape = .aggregate(.count, rowValue: try filtered("1"))
            }
        case "count_distinct": shape = .aggregate(.countDistinct, rowValue: try filtered(try value()))
        case "sum": shape = .aggregate(.sum, rowValue: try filtered(try value()))
        case "average": shape = .aggregate(.average, rowValue: try filtered(try value()))
        case "min": shape = .aggregate(.min, rowValue: try filtered(try value()))
        case "max": shape = .aggregate(.max, rowValue: try filtered(try value()))
        case "list":
            if let listField = field.listField, field.sql == nil {
                let (target, dimension) = try filterField(listField, from: alias, owner: name)
                guard dimension.kind == .dimension else {
                    throw QueryError("list measure '\(name)' has list_field '\(listField)', which is not a dimension")
                }
                let d = try self.dimension(alias: target, field: dimension)
                aliases.formUnion(d.aliases)
                shape = .aggregate(.list, rowValue: try filtered(d.select))
            } else {
                shape = .aggregate(.list, rowValue: try filtered(try value()))
            }
        case "median": shape = .aggregate(.percentile(0.5), rowValue: try filtered(try value()))
        case "percentile":
            guard let p = field.percentile, p >= 0, p <= 100 else {
                throw QueryError("percentile measure '\(name)' needs 'percentile:' between 0 and 100")
            }
            shape = .aggregate(.percentile(p / 100), rowValue: try filtered(try value()))
        case "sum_distinct", "average_distinct", "median_distinct", "percentile_distinct":
            let key: String
            if let k = field.sqlDistinctKey {
                let e = try expand(k, alias: alias, owner: name)
                aliases.formUnion(e.aliases)
                key = e.sql
            } else if let pk = try primaryKey() {
                key = pk
            } else {
                throw QueryError("measure '\(name)' of type \(field.type) needs sql_distinct_key or a primary key on its view")
            }
            let function: AggregateFunction
            switch field.type {
            case "sum_distinct": function = .sum
            case "average_distinct": function = .average
            case "median_distinct": function = .percentile(0.5)
            default:
                guard let p = field.percentile, p >= 0, p <= 100 else {
                    throw QueryError("percentile measure '\(name)' needs 'percentile:' between 0 and 100")
                }
                function = .percentile(p / 100)
            }
            if case .percentile = function, dialect.percentileAggregate("x", 0.5) == nil {
                throw QueryError.unsupported("measure '\(name)' of type \(field.type)", dialect: dialect.name)
            }
            shape = .distinctKeyed(function, rowValue: try filtered(try value()), key: key)
        case "number", "string", "date", "yesno", "time":
            guard let sql = field.sql else { throw QueryError("measure '\(name)' of type \(field.type) needs sql") }
            var refs: [(String, Field)] = []
            for fragment in sql.fragments {
                guard case .field(let viewName, let fieldName) = fragment else { continue }
                let target = viewName.flatMap { ctx.alias(for: $0) } ?? alias
                if let f = ctx.field(fieldName, of: target), f.kind == .measure { refs.append((target, f)) }
            }
            if refs.isEmpty {
                let e = try expand(sql, alias: alias, owner: name)
                aliases.formUnion(e.aliases)
                var custom = e.sql
                if (field.type == "date" || field.type == "time") && field.convertTZ && !readsConvertedTime(sql, alias: alias) {
                    // A timestamp aggregated from raw columns is in UTC: shown in the query zone like
                    // a time dimension, unless `convert_tz: no`.
                    custom = try dialect.convertFromUTC("(" + custom + ")", to: options.queryTimeZone)
                }
                return MeasureParts(alias: alias, field: field, shape: .custom(custom), aliases: aliases, references: [])
            }
            return MeasureParts(alias: alias, field: field, shape: .composite(sql), aliases: aliases, references: refs)
        default:
            throw QueryError("measure '\(name)' has type '\(field.type)', which Spyglass cannot query yet")
        }
        return MeasureParts(alias: alias, field: field, shape: shape, aliases: aliases, references: [])
    }

    /// Whether `sql` reads a time dimension (already converted to the query zone), so converting the
    /// measure again would shift it twice.
    private func readsConvertedTime(_ sql: SQLTemplate, alias: String) -> Bool {
        for fragment in sql.fragments {
            guard case .field(let viewName, let name) = fragment else { continue }
            let target = viewName.flatMap { ctx.alias(for: $0) } ?? alias
            if let f = ctx.field(name, of: target), f.type.hasPrefix("date_") || f.type == "time" || f.type == "date" { return true }
            if ctx.views[target]?.fields.contains(where: { $0.group == name }) == true { return true }
        }
        return false
    }

    /// A condition true exactly on the joined rows where `alias`'s join matched: its `sql_on`, when
    /// that is a plain conjunction of comparisons (no OR, no NULL tests), else a refusal — a condition
    /// that can hold on an unmatched row would count rows that are not there.
    func joinMatched(_ alias: String, measure: String) throws -> (sql: String, aliases: Set<String>) {
        let fix = "declare primary_key: yes on one of its dimensions"
        guard let join = ctx.joins[alias], join.kind == .leftOuter || join.kind == .inner, let on = join.sqlOn else {
            throw QueryError("count measure '\(measure)' needs a primary key on view '\(ctx.views[alias]!.name)' because it is joined; \(fix)")
        }
        let text = on.fragments.compactMap { if case .text(let t) = $0 { t.uppercased() } else { nil } }.joined(separator: " ")
        let words = Set(text.split { !$0.isLetter && !$0.isNumber && $0 != "_" }.map(String.init))
        guard words.isDisjoint(with: ["OR", "NULL", "COALESCE", "IFNULL", "NVL", "IS", "NOT", "CASE"]), !on.hasLiquid else {
            throw QueryError("count measure '\(measure)' needs a primary key on view '\(ctx.views[alias]!.name)': its join's sql_on can hold on rows where nothing matched; \(fix)")
        }
        let e = try expand(on, alias: alias, owner: "sql_on of join '\(alias)'")
        return ("(\(e.sql))", e.aliases)
    }

    /// The field a measure filter or `always_filter` names: `field` (same view) or `view.field`.
    func filterField(_ name: String, from alias: String, owner: String) throws -> (String, Field) {
        var target = alias, fieldName = name
        if let dot = name.firstIndex(of: ".") {
            let viewName = String(name[..<dot])
            guard let a = ctx.alias(for: viewName) else {
                throw QueryError("'\(owner)' filters on '\(name)', but '\(viewName)' is not joined in explore '\(ctx.explore.name)'")
            }
            target = a
            fieldName = String(name[name.index(after: dot)...])
        }
        guard let f = ctx.field(fieldName, of: target) else {
            throw QueryError("'\(owner)' filters on unknown field '\(target).\(fieldName)'")
        }
        return (target, f)
    }

    /// `function` applied to `value` in this dialect; nil when the dialect needs the window form.
    func aggregateSQL(_ function: AggregateFunction, _ value: String?) throws -> String? {
        let v = value ?? "*"
        switch function {
        case .countRows: return "COUNT(*)"
        case .count: return "COUNT(\(v))"
        case .countDistinct: return "COUNT(DISTINCT \(v))"
        case .sum: return "SUM(\(v))"
        case .average: return "AVG(\(v))"
        case .min: return "MIN(\(v))"
        case .max: return "MAX(\(v))"
        case .list: return try dialect.listAggregate(v)
        case .percentile(let p): return dialect.percentileAggregate(v, p)
        }
    }
}
