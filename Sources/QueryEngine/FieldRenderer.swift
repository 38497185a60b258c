import Foundation
import SemanticModel

/// Turns fields into SQL expressions for one query: expands `${…}` references against the aliases
/// of the explore, renders dimension types and timeframes, and writes each measure as an aggregate
/// over a per-row value (so the planner can aggregate it directly or over distinct primary keys).
///
/// Expansions are memoised per `alias.field`; every alias an expression touches is recorded so the
/// join planner can pull it in.
final class FieldRenderer {
    let ctx: ExploreContext
    let dialect: any Dialect
    let options: CompileOptions
    let filterContext: FilterContext
    private var dimensionCache: [String: DimensionSQL] = [:]
    private var referenceCache: [String: Set<String>] = [:]
    private var inProgress: Set<String> = []
    /// The user's values for filter-only fields and parameters (and any other filtered field), by
    /// `alias.field`: what Liquid `{% condition %}` and `{% parameter %}` tags read. Set by the planner.
    var templateValues: [String: String] = [:]
    /// The query's selected and pivoted fields by `alias.field`: what Liquid's `_is_selected` reads. Set by the planner.
    var selectedFields: Set<String> = []

    init(ctx: ExploreContext, dialect: any Dialect, options: CompileOptions) {
        self.ctx = ctx
        self.dialect = dialect
        self.options = options
        self.filterContext = FilterContext(now: options.now, timeZone: options.queryTimeZone)
    }

    /// How a dimension appears in SQL.
    struct DimensionSQL {
        /// What the SELECT list and GROUP BY show (the output contract's shape).
        var select: String
        /// What filters compare against: raw (time-zone-converted) timestamps for time fields, so
        /// date/timestamp literals compare correctly and indexes stay usable.
        var filterColumn: String
        var filterType: FilterFieldType
        /// Aliases the expression reads.
        var aliases: Set<String>
    }

    /// A template expanded for `alias`, with the aliases it read. `measure` resolves `${measure}`
    /// references (nil: measures may not be referenced here).
    func expand(_ template: SQLTemplate, alias: String, owner: String,
                measure: ((String, Field) throws -> String)? = nil) throws -> (sql: String, aliases: Set<String>) {
        var out = ""
        var aliases: Set<String> = [alias]
        if template.hasLiquid {
            try expandLiquid(template, alias: alias, owner: owner, measure: measure, into: &out, aliases: &aliases)
            return (out, aliases)
        }
        for fragment in template.fragments {
            if case .text(let text) = fragment { out += text; continue }
            try append(fragment, alias: alias, owner: owner, measure: measure, into: &out, aliases: &aliases)
        }
        return (out, aliases)
    }

    /// Appends one `${…}` fragment expanded (text fragments are the caller's business).
    func append(_ fragment: SQLTemplate.Fragment, alias: String, owner: String, measure: ((String, Field) throws -> String)?,
                into out: inout String, aliases: inout Set<String>) throws {
        switch fragment {
        case .text(let text):
            out += text
        case .table:
            out += dialect.quoteIdentifier(alias)
        case .sqlTableName(let viewName):
            guard let target = ctx.alias(for: viewName), let view = ctx.views[target] else {
                throw QueryError("'\(owner)' references '${\(viewName).SQL_TABLE_NAME}', but view '\(viewName)' is not in explore '\(ctx.explore.name)'")
            }
            out += try tableSQL(view, owner: owner)
        case .field(let viewName, let name):
            var target = alias
            if let viewName {
                if viewName == "TABLE" { out += dialect.quoteIdentifier(alias); return }
                guard let a = ctx.alias(for: viewName) else {
                    throw QueryError("'\(owner)' references '${\(viewName).\(name)}', but '\(viewName)' is not joined in explore '\(ctx.explore.name)'")
                }
                target = a
            }
            if let field = ctx.field(name, of: target) {
                if field.kind == .measure {
                    guard let measure else {
                        throw QueryError("'\(owner)' references measure '\(target).\(name)' where only dimensions are allowed")
                    }
                    out += "(" + (try measure(target, field)) + ")"
                    aliases.insert(target)
                } else {
                    let dim = try dimension(alias: target, field: field)
                    out += "(" + dim.select + ")"
                    aliases.formUnion(dim.aliases)
                }
            } else if let raw = try groupRaw(alias: target, group: name) {
                out += "(" + raw.sql + ")"
                aliases.formUnion(raw.aliases)
            } else {
                let candidates = ctx.views[target]?.fields.map { "\(target).\($0.name)" } ?? []
                throw QueryError("'\(owner)' references unknown field '\(target).\(name)'" + Suggest.didYouMean("\(target).\(name)", among: candidates))
            }
        }
    }

    /// `${group}` naming a dimension group itself means its raw timestamp.
    private func groupRaw(alias: String, group: String) throws -> (sql: String, aliases: Set<String>)? {
        guard let member = ctx.views[alias]?.fields.first(where: { $0.group == group && $0.type.hasPrefix("date_") }) else { return nil }
        return try rawTimestamp(alias: alias, field: member)
    }

    /// The FROM item of a view: its table name or its derived table as a subquery.
    func tableSQL(_ view: View, owner: String) throws -> String {
        if let derived = view.derivedTableSQL {
            let body = try expand(derived, alias: view.name, owner: "derived table of view '\(view.name)'")
            return "(\n" + body.sql.trimmingSpaces + "\n)"
        }
        if let table = view.sqlTableName?.trimmingSpaces, !table.isEmpty {
            guard SQLTemplate.hasLiquid(table) else { return table }
            return try expand(SQLTemplate(fragments: [.text(table)], location: nil), alias: view.name, owner: "sql_table_name of view '\(view.name)'").sql
        }
        return dialect.quoteIdentifier(view.name)
    }

    /// A dimension's SQL, memoised; cycles in `${…}` references are reported rather than recursed forever.
    func dimension(alias: String, field: Field) throws -> DimensionSQL {
        let key = "\(alias).\(field.name)"
        if let cached = dimensionCache[key] { return cached }
        guard !inProgress.contains(key) else { throw QueryError("field '\(key)' refers to itself through its sql") }
        inProgress.insert(key)
        defer { inProgress.remove(key) }
        let result = try renderDimension(alias: alias, field: field)
        dimensionCache[key] = result
        return result
    }

    /// The field's own `sql:`, or `${TABLE}.name` when it has none (Looker's default).
    func baseSQL(alias: String, field: Field) throws -> (sql: String, aliases: Set<String>) {
        if let sql = field.sql { return try expand(sql, alias: alias, owner: "\(alias).\(field.name)") }
        return ("\(dialect.quoteIdentifier(alias)).\(dialect.quoteIdentifier(field.group ?? field.name))", [alias])
    }

    /// A filter condition on a dimension, in SQL; nil when the expression restricts nothing.
    func dimensionFilter(alias: String, field: Field, expression: String) throws -> (sql: String, aliases: Set<String>)? {
        let dim = try dimension(alias: alias, field: field)
        let parsed = try parseFilter(expression, type: dim.filterType, field: "\(alias).\(field.name)")
        if parsed.isMatchAll { return nil }
        return (try renderFilter(parsed, column: dim.filterColumn), dim.aliases)
    }

    func parseFilter(_ text: String, type: FilterFieldType, field: String) throws -> FilterExpression {
        do { return try FilterExpression.parse(text, type: type, field: field) } catch let error as FilterError {
            throw QueryError(error.description)
        }
    }

    func renderFilter(_ expression: FilterExpression, column: String) throws -> String {
        do { return try expression.sql(column, dialect: dialect, context: filterContext) } catch let error as FilterError {
            throw QueryError(error.description)
        }
    }
}
