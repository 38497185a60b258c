import Foundation
import Liquid
import SemanticModel

/// Looker's Liquid variables and tags for one piece of model SQL, read from the query being compiled.
///
/// A class so the aliases that surviving `${…}` references read can be gathered while Liquid runs.
final class SQLLiquidEnvironment: LiquidEnvironment {
    let renderer: FieldRenderer
    let alias: String
    let owner: String
    let references: [SQLTemplate.Fragment]
    /// The template being rendered, for locations in messages.
    let template: SQLTemplate
    let measure: ((String, Field) throws -> String)?
    /// Aliases read by the references expanded so far.
    var aliases: Set<String> = []
    /// Literals made from a user's parameter choice: written as they are (they are complete literals),
    /// while any text derived from them by filters is untrusted like any other user text.
    var parameterLiterals: Set<String> = []

    init(renderer: FieldRenderer, alias: String, owner: String, template: SQLTemplate, references: [SQLTemplate.Fragment],
         measure: ((String, Field) throws -> String)?) {
        self.template = template
        self.renderer = renderer
        self.alias = alias
        self.owner = owner
        self.references = references
        self.measure = measure
    }

    var ctx: ExploreContext { renderer.ctx }

    // MARK: Variables

    func variable(_ name: String, at location: LiquidLocation) throws -> LiquidValue? {
        switch name {
        case "_user_attributes": return .drop(UserAttributes(environment: self))
        case "_filters": return .drop(Filters(environment: self))
        case "_model": return ["_name": .string(ctx.model.name)]
        case "_explore": return ["_name": .string(ctx.explore.name)]
        case "_view": return ["_name": .string(alias)]
        case "_field":
            let isField = !owner.contains(" ") && owner.contains(".")
            return isField ? ["_name": .string(owner)] : .nil
        case "_query":
            // Foundation on Linux names UTC "GMT"; Looker says "UTC".
            let zone = renderer.options.queryTimeZone.identifier
            return ["_query_timezone": .string(zone == "GMT" ? "UTC" : zone)]
        default: break
        }
        if let target = ctx.alias(for: name), ctx.views[target] != nil { return .drop(ViewObject(environment: self, alias: target)) }
        // A broken join can be in no query, like a view the explore does not join.
        if let target = ctx.alias(for: name), ctx.broken[target] != nil { return .drop(NotInExplore()) }
        let current = ctx.alias(for: alias) ?? alias
        if let field = ctx.field(name, of: current) { return .drop(FieldObject(environment: self, alias: current, field: field)) }
        // A view of the model this explore does not join (a view shared by several explores): none of
        // its fields can be in the query.
        if ctx.model.views[name] != nil { return .drop(NotInExplore()) }
        throw QueryError("\(FieldRenderer.named(owner)) uses Liquid variable '\(name)', which is neither a view in explore '\(ctx.explore.name)', a field of '\(current)', nor one of Looker's variables")
    }

    /// `_user_attributes['name']`: the current user's attribute, inserted raw as Looker does.
    final class UserAttributes: LiquidDrop {
        unowned let environment: SQLLiquidEnvironment
        init(environment: SQLLiquidEnvironment) { self.environment = environment }
        func member(_ name: String) throws -> LiquidValue? {
            guard let value = environment.renderer.options.userAttributes[name] else {
                throw QueryError("\(FieldRenderer.named(environment.owner)) needs the user attribute '\(name)', which \(environment.renderer.options.userName) does not have")
            }
            return .string(value)
        }
    }

    /// `_filters['view.field']`: the user's filter text, untrusted.
    final class Filters: LiquidDrop {
        unowned let environment: SQLLiquidEnvironment
        init(environment: SQLLiquidEnvironment) { self.environment = environment }
        func member(_ name: String) throws -> LiquidValue? {
            let key = environment.qualified(name)
            return environment.renderer.templateValues[key].map { .string($0, untrusted: true) }
        }
    }

    /// `view`: `view._in_query`, `view.field…`.
    final class ViewObject: LiquidDrop {
        unowned let environment: SQLLiquidEnvironment
        let alias: String
        init(environment: SQLLiquidEnvironment, alias: String) {
            self.environment = environment
            self.alias = alias
        }
        func member(_ name: String) throws -> LiquidValue? {
            let e = environment
            if name == "_in_query" {
                let prefix = alias + "."
                let used = e.renderer.selectedFields.contains { $0.hasPrefix(prefix) } || e.renderer.templateValues.keys.contains { $0.hasPrefix(prefix) }
                return .bool(used)
            }
            if name == "_name" { return .string(alias) }
            guard let field = e.ctx.field(name, of: alias) else {
                if let members = e.ctx.views[alias]?.fields.filter({ $0.group == name }), !members.isEmpty {
                    return .drop(GroupObject(environment: e, keys: members.map { "\(alias).\($0.name)" }))
                }
                throw QueryError("\(FieldRenderer.named(e.owner)) uses Liquid variable '\(alias).\(name)', but '\(alias).\(name)' is not a field of explore '\(e.ctx.explore.name)'")
            }
            return .drop(FieldObject(environment: e, alias: alias, field: field))
        }
    }

    /// `view.dimension_group`: in the query when any of its timeframes is.
    final class GroupObject: LiquidDrop {
        unowned let environment: SQLLiquidEnvironment
        let keys: [String]
        init(environment: SQLLiquidEnvironment, keys: [String]) {
            self.environment = environment
            self.keys = keys
        }
        func member(_ name: String) throws -> LiquidValue? {
            let r = environment.renderer
            let selected = keys.contains { r.selectedFields.contains($0) }, filtered = keys.contains { r.templateValues[$0] != nil }
            switch name {
            case "_is_selected": return .bool(selected)
            case "_is_filtered": return .bool(filtered)
            case "_in_query": return .bool(selected || filtered)
            default: throw QueryError("\(FieldRenderer.named(environment.owner)) uses '.\(name)' on a dimension group, which has only _in_query, _is_selected and _is_filtered")
            }
        }
    }

    /// A view (or a field of one) the explore does not join: `_in_query`, `_is_selected` and
    /// `_is_filtered` are false, anything else is nil.
    final class NotInExplore: LiquidDrop {
        func member(_ name: String) throws -> LiquidValue? {
            switch name {
            case "_in_query", "_is_selected", "_is_filtered": return .bool(false)
            case _ where name.hasPrefix("_"): return .nil
            default: return .drop(self)
            }
        }
    }

    /// `view.field`: `_in_query`, `_is_selected`, `_is_filtered`, `_parameter_value`, `_name`.
    final class FieldObject: LiquidDrop {
        unowned let environment: SQLLiquidEnvironment
        let alias: String
        let field: Field
        init(environment: SQLLiquidEnvironment, alias: String, field: Field) {
            self.environment = environment
            self.alias = alias
            self.field = field
        }
        var key: String { "\(alias).\(field.name)" }
        func member(_ name: String) throws -> LiquidValue? {
            let r = environment.renderer
            switch name {
            case "_is_selected": return .bool(r.selectedFields.contains(key))
            case "_is_filtered": return .bool(r.templateValues[key] != nil)
            case "_in_query": return .bool(r.selectedFields.contains(key) || r.templateValues[key] != nil)
            case "_name": return .string(key)
            case "_parameter_value":
                guard field.kind == .parameter else {
                    throw QueryError("\(FieldRenderer.named(environment.owner)) uses '\(key)._parameter_value', but '\(key)' is a \(field.kind.rawValue), not a parameter")
                }
                let literal = try r.parameterLiteral(field, key: key, value: r.templateValues[key])
                switch field.type {
                case "unquoted", "number":
                    // A model-given allowed value, a plain word or a re-printed number: safe as written.
                    return .string(literal)
                default:
                    environment.parameterLiterals.insert(literal)
                    return .string(literal, untrusted: true)
                }
            default:
                throw QueryError("\(FieldRenderer.named(environment.owner)) uses Liquid variable '\(key).\(name)', which Spyglass does not provide in SQL (use _in_query, _is_selected, _is_filtered or _parameter_value)")
            }
        }
    }

    /// `view.field` as written in a tag or `_filters[…]` with the view name replaced by its alias.
    func qualified(_ name: String) -> String {
        guard let dot = name.firstIndex(of: ".") else { return "\(ctx.alias(for: alias) ?? alias).\(name)" }
        let head = String(name[..<dot])
        guard let a = ctx.alias(for: head) else { return name }
        return a + name[dot...]
    }

    // MARK: Writing values

    /// The compile's clock, so `{{ 'now' | date: … }}` agrees with relative date filters.
    var now: Date { renderer.options.now }

    func filter(_ name: String, input: LiquidValue, arguments: [LiquidValue], at location: LiquidLocation) throws -> LiquidValue? {
        guard name == "sql_quote" else { return nil }
        // A bound value where the statement runs, the dialect's own literal where it is printed
        // (Dialect+Values.swift), so no quote or backslash in it can end it.
        return .string(try renderer.dialect.valueLiteral(input.text))
    }

    func write(_ value: LiquidValue, output: String, at location: LiquidLocation) throws -> String {
        let text = value.text
        let position = FieldRenderer.position(atEndOf: output)
        if position != .code {
            // Inside the model's quotes or comments only text that cannot end them is written. A user value
            // is a bind marker (Dialect+Values.swift), which cannot sit inside a literal or a comment.
            if ValueMarker.occurs(in: text) {
                throw QueryError("\(FieldRenderer.named(owner)) writes a user value inside quotes or a comment (at \(FieldRenderer.place(location, in: template))); write it in plain SQL, where Spyglass makes it a complete SQL literal")
            }
            if let problem = FieldRenderer.escapes(text, at: position) {
                throw QueryError("\(FieldRenderer.named(owner)) writes a value that \(problem) (at \(FieldRenderer.place(location, in: template))); write it in plain SQL, where Spyglass makes it a complete SQL literal")
            }
            return text
        }
        guard value.isUntrusted else { return text }
        if case .string(let s, _) = value, parameterLiterals.contains(s) { return s }
        return try renderer.dialect.valueLiteral(text)
    }

    // MARK: Tags

    func tag(_ name: String, markup: String, body: String?, output: String, at location: LiquidLocation) throws -> String {
        let words = markup.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" })
        guard words.count == 1 else {
            throw QueryError("\(FieldRenderer.named(owner)) uses {% \(name) %} with '\(markup)'; it takes one field name")
        }
        let field = String(words[0])
        let written = "{% \(name) \(field) %}"
        let result: String
        switch name {
        case "condition", "incrementcondition":
            var expanded = ""
            try substitute(body ?? "", into: &expanded)
            result = try renderer.conditionSQL(field, on: expanded.trimmingSpaces, alias: alias, owner: owner)
        case "parameter":
            result = try renderer.parameterSQL(field, alias: alias, owner: owner)
        default:
            result = try renderer.dateBoundSQL(field, start: name == "date_start", alias: alias, owner: owner)
        }
        // A value is inserted as a complete literal or expression; inside a quoted region the model's
        // own quotes would pair with the literal's and let a value escape them. A bare word (an
        // unquoted parameter) cannot, so Looker's `'{% parameter p %}'` for unquoted parameters works.
        let position = FieldRenderer.position(atEndOf: output)
        if case .quoted(let quote) = position, result.contains(quote) || result.contains("\\") || name.hasSuffix("condition") || ValueMarker.occurs(in: result) {
            throw QueryError("\(FieldRenderer.named(owner)) puts Liquid '\(written)' inside \(quote) quotes; remove them — Spyglass writes the value as a complete SQL literal")
        }
        if position != .code, ValueMarker.occurs(in: result) {
            throw QueryError("\(FieldRenderer.named(owner)) puts Liquid '\(written)' inside a comment; move it out — Spyglass writes the value as a complete SQL literal")
        }
        if let problem = FieldRenderer.escapes(result, at: position) {
            throw QueryError("\(FieldRenderer.named(owner)) puts Liquid '\(written)' whose value \(problem); move it out")
        }
        return result
    }

    // MARK: References

    /// Copies `rendered` to `out`, expanding each `${…}` placeholder.
    func substitute(_ rendered: String, into out: inout String) throws {
        var scalars = rendered.unicodeScalars[...]
        while let open = scalars.firstIndex(of: FieldRenderer.placeholderOpen) {
            out.unicodeScalars.append(contentsOf: scalars[..<open])
            let rest = scalars[scalars.index(after: open)...]
            guard let close = rest.firstIndex(of: FieldRenderer.placeholderClose), let index = Int(String(String.UnicodeScalarView(rest[..<close]))),
                  references.indices.contains(index) else {
                throw QueryError("\(FieldRenderer.named(owner)): a ${…} reference was damaged by Liquid (a filter changed it); apply filters to values, not to references")
            }
            var local: Set<String> = []
            try renderer.append(references[index], alias: alias, owner: owner, measure: measure, into: &out, aliases: &local)
            aliases.formUnion(local)
            scalars = rest[rest.index(after: close)...]
        }
        out.unicodeScalars.append(contentsOf: scalars)
    }
}
