import Liquid
import LookML

/// Checks the Liquid in a model's SQL when the project loads: the template parses (known tags,
/// balanced blocks, known filters) and every variable it reads is one Looker provides, a view or join
/// of the model with its fields, or a field of the view the SQL belongs to. Problems are reported at
/// the file, line and column where they are written.
///
/// The query engine evaluates the same templates per query (`FieldRenderer+Liquid`); this only
/// catches what is wrong whatever the query. SQL without `{{`/`{%` is skipped after one byte scan.
struct LiquidValidator {
    let model: Model
    let sink: DiagnosticSink

    /// Looker's tags in SQL, as the query engine registers them.
    static let tags: [String: LiquidTemplate.TagKind] = [
        "condition": .block, "incrementcondition": .block, "parameter": .simple, "date_start": .simple, "date_end": .simple,
    ]
    /// Looker's own variables that Spyglass supplies in SQL.
    static let provided: Set<String> = ["_user_attributes", "_filters", "_model", "_explore", "_view", "_field", "_query"]
    /// Looker variables Spyglass does not supply in SQL (a warning: Looker accepts them).
    static let notProvided: Set<String> = ["_localization", "_user", "_access_filters"]

    static func validate(_ model: Model, sink: DiagnosticSink) {
        LiquidValidator(model: model, sink: sink).run()
    }

    /// Join and explore names → the view they read.
    private var aliases: [String: String] {
        var out: [String: String] = [:]
        for explore in model.explores {
            out[explore.alias] = explore.baseView
            out[explore.name] = out[explore.name] ?? explore.baseView
            for join in explore.joins { out[join.name] = join.view }
        }
        return out
    }

    func run() {
        // Most models have no Liquid at all: the scan reads properties in place (no Field copies) and
        // builds the alias table only when a template needs it.
        var aliasMap: [String: String]?
        func check(_ template: SQLTemplate, view: String?, fallback: SourceLocation?) {
            if aliasMap == nil { aliasMap = aliases }
            checkText(template.description, at: template.location ?? fallback, view: view, aliases: aliasMap!)
        }
        for view in model.views.values {
            if let table = view.sqlTableName, SQLTemplate.hasLiquid(table) {
                if aliasMap == nil { aliasMap = aliases }
                // The semantic model keeps no location for sql_table_name: report at the view, naming the place.
                checkText(table, at: view.location, view: view.name, aliases: aliasMap!, within: "sql_table_name")
            }
            if let t = view.derivedTableSQL, t.hasLiquid { check(t, view: view.name, fallback: view.location) }
            let fields = view.fields
            for i in fields.indices {
                if let t = fields[i].sql, t.hasLiquid { check(t, view: view.name, fallback: fields[i].location) }
                if let t = fields[i].sqlDistinctKey, t.hasLiquid { check(t, view: view.name, fallback: fields[i].location) }
                if let t = fields[i].sqlStart, t.hasLiquid { check(t, view: view.name, fallback: fields[i].location) }
                if let t = fields[i].sqlEnd, t.hasLiquid { check(t, view: view.name, fallback: fields[i].location) }
            }
        }
        for explore in model.explores {
            if let t = explore.sqlAlwaysWhere, t.hasLiquid { check(t, view: explore.baseView, fallback: explore.location) }
            if let t = explore.sqlAlwaysHaving, t.hasLiquid { check(t, view: explore.baseView, fallback: explore.location) }
            for join in explore.joins {
                if let t = join.sqlOn, t.hasLiquid { check(t, view: join.view, fallback: join.location) }
                if let t = join.sqlWhere, t.hasLiquid { check(t, view: join.view, fallback: join.location) }
            }
        }
    }

    /// `location` of a Liquid position in a template that starts at `start`.
    static func place(_ location: LiquidLocation, from start: SourceLocation?) -> SourceLocation? {
        guard let start else { return nil }
        let column = location.line == 1 ? start.column + location.column - 1 : location.column
        return SourceLocation(file: start.file, line: start.line + location.line - 1, column: column)
    }

    private func checkText(_ text: String, at start: SourceLocation?, view: String?, aliases: [String: String], within part: String? = nil) {
        /// Where a problem is: mapped into the file, or (for text without a location of its own) the
        /// anchor with the place inside the text named in the message.
        func report(_ message: String, _ location: LiquidLocation, warning: Bool = false) {
            let text = part.map { "\(message) (\($0) line \(location.line), column \(location.column))" } ?? message
            let at = part == nil ? Self.place(location, from: start) : start
            if warning { sink.warning(text, at: at) } else { sink.error(text, at: at) }
        }
        let template: LiquidTemplate
        do {
            template = try LiquidTemplate(parsing: text, tags: Self.tags, filters: ["sql_quote"])
        } catch {
            report("invalid Liquid: \(error.message)", error.location)
            return
        }
        for reference in template.variables {
            if let problem = problem(reference.name, reference.path, view: view, aliases: aliases) {
                report(problem, reference.location, warning: Self.notProvided.contains(reference.name))
            }
        }
        for use in template.customTags {
            let words = use.markup.split(whereSeparator: \.isWhitespace)
            guard words.count == 1 else {
                report("{% \(use.name) %} takes one field name, not '\(use.markup)'", use.location)
                continue
            }
            let name = String(words[0])
            let parts = name.split(separator: ".", maxSplits: 1).map(String.init)
            let known: Bool
            if parts.count == 2, let target = model.views[aliases[parts[0]] ?? parts[0]] {
                known = Self.hasField(parts[1], in: target)
            } else {
                known = parts.count == 1 && view.flatMap { model.views[$0] }.map { Self.hasField(name, in: $0) } == true
            }
            if !known {
                report("{% \(use.name) \(name) %} names no field of this model", use.location)
            }
        }
    }

    static func hasField(_ name: String, in view: View) -> Bool {
        view.fields.contains { $0.name == name || $0.group == name }
    }

    /// Why a variable is unknown, or nil when it is fine.
    private func problem(_ name: String, _ path: [String], view: String?, aliases: [String: String]) -> String? {
        if Self.provided.contains(name) { return nil }
        if Self.notProvided.contains(name) {
            return "Liquid variable '\(name)' is not provided by Spyglass in SQL; a query that reaches it is refused"
        }
        if let target = model.views[aliases[name] ?? name] {
            // `view._in_query`, `view.field._attribute`.
            guard let member = path.first, !member.hasPrefix("_") else { return nil }
            return Self.hasField(member, in: target) ? nil : "Liquid variable '\(name).\(member)' names no field of view '\(target.name)'"
        }
        if let view, let owner = model.views[view], Self.hasField(name, in: owner) { return nil }
        return "unknown Liquid variable '\(name)'; use a Looker variable (_user_attributes, _filters, _model, …), a view of the model, or a field of this view"
    }
}
