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
    /// Every filter the query applies (the user's and the explore's defaults), as given: what
    /// native derived tables' `bind_filters`/`bind_all_filters` pass on. Set by the planner.
    var queryFilters: [FilterCondition] = []
    /// Set for the previous-period statement of a `period_over_period` measure: timestamps of this
    /// dimension group read as their bucket's start moved one period forward.
    var timeShift: TimeShift?
    /// FROM items already rendered, by view name (a native derived table compiles a whole query).
    private var tableCache: [String: String] = [:]
    /// The query's selected and pivoted fields as the spec names them: what Liquid's `_is_selected`
    /// reads (`selectedFields`, resolved only when a template asks). Set by the planner.
    var selectedNames: [String] = []
    var resolvedSelection: Set<String>?

    init(ctx: ExploreContext, dialect: any Dialect, options: CompileOptions) {
        self.ctx = ctx
        self.dialect = dialect
        self.options = options
        self.filterContext = FilterContext(now: options.now, timeZone: options.queryTimeZone)
    }

    /// A dimension group's timestamps moved forward by a period, bucket start first (so month ends
    /// cannot spill into the next month).
    struct TimeShift {
        var alias: String
        var group: String
        var bucket: TimeUnit
        var months: Int
        var days: Int
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
        /// A `case:` dimension's labels as SQL literals in `when` order (else last), unless `alpha_sort`.
        var whenOrder: [String]? = nil
    }

    /// A template expanded for `alias`, with the aliases it read. `measure` resolves `${measure}`
    /// references (nil: measures may not be referenced here).
    func expand(_ template: SQLTemplate, alias: String, owner: String,
                measure: ((String, Field) throws -> String)? = nil) throws -> (sql: String, aliases: Set<String>) {
        var out = ""
        var aliases: Set<String> = [alias]
        for fragment in template.fragments {
            if case .text(let text) = fragment, Self.hasUnparsedReference(text) {
                // The parser left a malformed `${…}` as text (validate reports it); never send it on.
                throw QueryError("'\(owner)' has a malformed ${…} reference in its SQL; fix the reference (validate shows where)")
            }
        }
        if template.hasLiquid {
            try expandLiquid(template, alias: alias, owner: owner, measure: measure, into: &out, aliases: &aliases)
        } else {
            for fragment in template.fragments {
                if case .text(let text) = fragment { out += text; continue }
                try append(fragment, alias: alias, owner: owner, measure: measure, into: &out, aliases: &aliases)
            }
        }
        // A snippet ending in a `--` comment would swallow whatever follows it on the line (a
        // closing parenthesis, `AS alias`): end the comment's line here.
        if Self.endsInLineComment(out) { out += "\n" }
        return (out, aliases)
    }

    /// Whether literal text holds `${` (a reference the parser could not read).
    static func hasUnparsedReference(_ text: String) -> Bool {
        var previousDollar = false
        for b in text.utf8 {
            if previousDollar && b == UInt8(ascii: "{") { return true }
            previousDollar = b == UInt8(ascii: "$")
        }
        return false
    }

    /// Whether the last line of `sql` is inside a `--` comment (quotes respected).
    static func endsInLineComment(_ sql: String) -> Bool {
        var quote: UInt8 = 0, inComment = false, previousDash = false
        for b in sql.utf8 {
            if inComment {
                if b == 0x0A { inComment = false }
                continue
            }
            if quote != 0 {
                if b == quote { quote = 0 }
                continue
            }
            if b == UInt8(ascii: "'") || b == UInt8(ascii: "\"") || b == UInt8(ascii: "`") { quote = b; previousDash = false; continue }
            if b == UInt8(ascii: "-") {
                if previousDash { inComment = true; previousDash = false; continue }
                previousDash = true
            } else {
                previousDash = false
            }
        }
        return inComment
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
            // Any view of the model: its table, or its derived table's SQL inlined.
            guard let view = ctx.alias(for: viewName).flatMap({ ctx.views[$0] }) ?? ctx.model.views[viewName] else {
                throw QueryError("'\(owner)' references '${\(viewName).SQL_TABLE_NAME}', but model '\(ctx.model.name)' has no view '\(viewName)'")
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
                try ctx.requireJoinable(target)
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
        if let cached = tableCache[view.name] { return cached }
        if let kind = view.persistedOnlyDerivedTable {
            throw QueryError("view '\(view.name)' builds its table with \(kind), which needs a writing connection, and Spyglass runs read-only; give it a sql_table_name or a derived_table sql")
        }
        if view.hasUnusableDerivedTable {
            throw QueryError("view '\(view.name)' has a derived_table that validation rejects, so it has no table to read; fix its derived_table (validate shows where)")
        }
        if let native = view.nativeDerivedTable {
            let sql = try nativeDerivedTableSQL(view, native)
            tableCache[view.name] = sql
            return sql
        }
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
        do { return try expression.markedSQL(column, dialect: dialect, context: filterContext) } catch let error as FilterError {
            throw QueryError(error.description)
        }
    }
}
