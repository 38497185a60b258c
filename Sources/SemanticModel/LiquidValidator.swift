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
        var aliasMap: [String: String]?
        func check(_ template: SQLTemplate?, view: String?, fallback: SourceLocation?) {
            guard let template, template.hasLiquid else { return }
            if aliasMap == nil { aliasMap = aliases }
            checkText(template.description, at: template.location ?? fallback, view: view, aliases: aliasMap!)
        }
        for name in model.views.keys.sorted() {
            let view = model.views[name]!
            if let table = view.sqlTableName, SQLTemplate.hasLiquid(table) {
                if aliasMap == nil { aliasMap = aliases }
                checkText(table, at: view.location, view: name, aliases: aliasMap!)
            }
            check(view.derivedTableSQL, view: name, fallback: view.location)
            for field in view.fields {
                for template in [field.sql, field.sqlDistinctKey, field.sqlStart, field.sqlEnd] {
                    check(template, view: name, fallback: field.location)
                }
            }
        }
        for explore in model.explores {
            check(explore.sqlAlwaysWhere, view: explore.baseView, fallback: explore.location)
            check(explore.sqlAlwaysHaving, view: explore.baseView, fallback: explore.location)
            for join in explore.joins {
                check(join.sqlOn, view: join.view, fallback: join.location)
                check(join.sqlWhere, view: join.view, fallback: join.location)
            }
        }
    }

    /// `location` of a Liquid position in a template that starts at `start`.
    static func place(_ location: LiquidLocation, from start: SourceLocation?) -> SourceLocation? {
        guard let start else { return nil }
        let column = location.line == 1 ? start.column + location.column - 1 : location.column
        return SourceLocation(file: start.file, line: start.line + location.line - 1, column: column)
    }

    private func checkText(_ text: String, at start: SourceLocation?, view: String?, aliases: [String: String]) {
        let template: LiquidTemplate
        do {
            template = try LiquidTemplate(parsing: text, tags: Self.tags, filters: ["sql_quote"])
        } catch {
            sink.error("invalid Liquid: \(error.message)", at: Self.place(error.location, from: start))
            return
        }
        for reference in template.variables {
            if let problem = problem(reference.name, reference.path, view: view, aliases: aliases) {
                let at = Self.place(reference.location, from: start)
                if Self.notProvided.contains(reference.name) { sink.warning(problem, at: at) } else { sink.error(problem, at: at) }
            }
        }
        for use in template.customTags {
            let words = use.markup.split(whereSeparator: \.isWhitespace)
            guard words.count == 1 else {
                sink.error("{% \(use.name) %} takes one field name, not '\(use.markup)'", at: Self.place(use.location, from: start))
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
                sink.error("{% \(use.name) \(name) %} names no field of this model", at: Self.place(use.location, from: start))
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
