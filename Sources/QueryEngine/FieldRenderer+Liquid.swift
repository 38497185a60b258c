import Liquid
import SemanticModel

/// Liquid in model SQL, evaluated by the `Liquid` engine with Looker's variables and tags.
///
/// The template's `${…}` references become placeholders the engine treats as text; only the ones in
/// the branches Liquid keeps are expanded afterwards, so a join is pulled in only when its SQL is
/// really used. Looker's names come from `SQLLiquidEnvironment`:
/// - `view.field._in_query` / `._is_selected` / `._is_filtered` / `._parameter_value`, `view._in_query`,
///   and the same with the field of the view being rendered named alone (`metric._parameter_value`);
/// - `_user_attributes['name']` (raw, as Looker inserts them; `| sql_quote` to quote), `_filters['view.field']`
///   (the user's filter text), `_model._name`, `_explore._name`, `_view._name`, `_field._name`,
///   `_query._query_timezone`;
/// - `{% condition f %}…{% endcondition %}` (and `incrementcondition`), `{% parameter p %}`,
///   `{% date_start f %}`, `{% date_end f %}`.
///
/// Values a business user controls reach SQL only as the dialect's literals, the filter engine's SQL,
/// a number, or a model-given allowed value; inside a quoted region only text without quotes or
/// backslashes is written, so no value can end the quotes the model opened.
extension FieldRenderer {
    /// The selected and pivoted fields by `alias.field`, resolved on first use (most queries have no
    /// Liquid that asks, and resolving names costs more than the rest of the Liquid check).
    var selectedFields: Set<String> {
        if let resolved = resolvedSelection { return resolved }
        var out: Set<String> = []
        for name in selectedNames {
            guard let dot = name.firstIndex(of: ".") else { out.insert(name); continue }
            let head = String(name[..<dot])
            if ctx.views[head] == nil, let alias = ctx.alias(for: head) { out.insert(alias + name[dot...]) } else { out.insert(name) }
        }
        resolvedSelection = out
        return out
    }

    /// What rendered SQL belongs to, for messages: `'view.field'`, or a phrase such as
    /// `sql_always_where of explore 'orders'` as it is.
    static func named(_ owner: String) -> String { owner.contains(" ") ? owner : "'\(owner)'" }

    /// Looker's tags, for parsing model SQL.
    static let lookerTags: [String: LiquidTemplate.TagKind] = [
        "condition": .block, "incrementcondition": .block, "parameter": .simple, "date_start": .simple, "date_end": .simple,
    ]

    /// Placeholder delimiters for `${…}` references while Liquid runs (private-use characters, refused
    /// in any value so a value can never pose as a reference).
    static let placeholderOpen: Unicode.Scalar = "\u{E002}"
    static let placeholderClose: Unicode.Scalar = "\u{E003}"

    static func containsPlaceholderMark(_ s: String) -> Bool {
        s.unicodeScalars.contains { $0 == placeholderOpen || $0 == placeholderClose }
    }

    /// `expand` for a template with Liquid.
    func expandLiquid(_ template: SQLTemplate, alias: String, owner: String, measure: ((String, Field) throws -> String)?,
                      into out: inout String, aliases: inout Set<String>) throws {
        var source = ""
        var references: [SQLTemplate.Fragment] = []
        for fragment in template.fragments {
            if case .text(let text) = fragment {
                source += text
            } else {
                // As long as the reference as written, so Liquid's columns match the model file's.
                let written = SQLTemplate(fragments: [fragment], location: nil).description.count
                let index = String(references.count)
                source.unicodeScalars.append(Self.placeholderOpen)
                source += String(repeating: "0", count: max(0, written - 2 - index.count)) + index
                source.unicodeScalars.append(Self.placeholderClose)
                references.append(fragment)
            }
        }
        // Neither the model's text nor any value a user controls may contain the placeholder marks, so
        // nothing but a reference can become one.
        for fragment in template.fragments {
            if case .text(let text) = fragment, Self.containsPlaceholderMark(text) {
                throw QueryError("\(FieldRenderer.named(owner)) contains the reserved character U+E002 or U+E003 in its SQL; remove it")
            }
        }
        for (key, value) in templateValues where Self.containsPlaceholderMark(value) {
            throw QueryError("the value for '\(key)' contains the reserved character U+E002 or U+E003; it is refused")
        }
        for (name, value) in options.userAttributes where Self.containsPlaceholderMark(value) {
            throw QueryError("user attribute '\(name)' contains the reserved character U+E002 or U+E003; it is refused")
        }
        let parsed: LiquidTemplate
        do {
            parsed = try LiquidTemplate(parsing: source, tags: Self.lookerTags, filters: ["sql_quote"])
        } catch {
            throw QueryError("\(FieldRenderer.named(owner)) has invalid Liquid in its SQL at \(Self.place(error.location, in: template)): \(error.message)")
        }
        let environment = SQLLiquidEnvironment(renderer: self, alias: alias, owner: owner, template: template, references: references, measure: measure)
        let rendered: String
        do { rendered = try parsed.render(environment) } catch let error as LiquidError {
            throw QueryError("\(FieldRenderer.named(owner)) fails in its Liquid at \(Self.place(error.location, in: template)): \(error.message)")
        }
        aliases.formUnion(environment.aliases)
        try environment.substitute(rendered, into: &out)
        aliases.formUnion(environment.aliases)
    }

    /// A location in a template as "line L, column C" of the model file when the template knows where
    /// it starts, else of the SQL itself.
    static func place(_ location: LiquidLocation, in template: SQLTemplate) -> String {
        guard let start = template.location else { return "line \(location.line), column \(location.column) of its SQL" }
        let column = location.line == 1 ? start.column + location.column - 1 : location.column
        return "\(start.file):\(start.line + location.line - 1):\(column)"
    }

    /// Where the end of some SQL text is: in code, inside a quoted literal or identifier, or in a comment.
    enum SQLPosition: Equatable {
        case code
        case quoted(Character)
        case lineComment
        case blockComment
    }

    /// Where the end of `sql` is. Doubled quotes close and reopen (`'it''s'` ends in code); `--` and
    /// `/* */` comments (which every dialect here reads) hide quotes.
    static func position(atEndOf sql: String) -> SQLPosition {
        var state: SQLPosition = .code
        var quote: UInt8 = 0
        var previous: UInt8 = 0
        for b in sql.utf8 {
            switch state {
            case .code:
                if b == UInt8(ascii: "'") || b == UInt8(ascii: "\"") || b == UInt8(ascii: "`") {
                    quote = b
                    state = .quoted(Character(UnicodeScalar(b)))
                } else if previous == UInt8(ascii: "-") && b == UInt8(ascii: "-") {
                    state = .lineComment
                } else if previous == UInt8(ascii: "/") && b == UInt8(ascii: "*") {
                    state = .blockComment
                    previous = 0
                    continue
                }
            case .quoted:
                if b == quote { state = .code; previous = 0; continue }
            case .lineComment:
                if b == 0x0A || b == 0x0D { state = .code }
            case .blockComment:
                if previous == UInt8(ascii: "*") && b == UInt8(ascii: "/") { state = .code; previous = 0; continue }
            }
            previous = b
        }
        return state
    }

    /// Why `text` cannot be written at `position` without changing what the SQL around it means, or nil.
    static func escapes(_ text: String, at position: SQLPosition) -> String? {
        switch position {
        case .code: return nil
        case .quoted(let q):
            if text.contains(q) || text.contains("\\") || text.unicodeScalars.contains(where: { $0.value < 0x20 }) {
                return "would put quotes, a backslash or a control character inside \(q) quotes"
            }
        case .lineComment:
            if text.contains("\n") || text.contains("\r") { return "would put a line break inside a -- comment" }
        case .blockComment:
            if text.contains("*/") { return "would put '*/' inside a /* */ comment" }
        }
        return nil
    }

    /// The field a tag or variable names: `view.field` (view name or alias) or a field of the view being expanded.
    func templateField(_ name: String, alias: String, owner: String, tag: String) throws -> (key: String, alias: String, field: Field) {
        var target = ctx.alias(for: alias) ?? alias
        var fieldName = name
        if let dot = name.firstIndex(of: ".") {
            let head = String(name[..<dot])
            guard let a = ctx.alias(for: head) else {
                throw QueryError("\(FieldRenderer.named(owner)) uses {% \(tag) \(name) %}, but '\(head)' is not in explore '\(ctx.explore.name)'")
            }
            target = a
            fieldName = String(name[name.index(after: dot)...])
        }
        guard let field = ctx.field(fieldName, of: target) else {
            throw QueryError("\(FieldRenderer.named(owner)) uses {% \(tag) \(name) %}, but '\(target).\(fieldName)' is not a field of explore '\(ctx.explore.name)'")
        }
        return ("\(target).\(fieldName)", target, field)
    }

    /// The grammar a filter-only field's values are parsed with, from its `type:`.
    func filterType(of field: Field, alias: String) throws -> FilterFieldType {
        if field.kind == .dimension { return try dimension(alias: alias, field: field).filterType }
        switch field.type {
        case "number": return .number
        case "date": return .date
        case "date_time", "time", "timestamp": return .timestamp
        case "yesno": return .yesno
        default: return .string
        }
    }

    /// `{% condition name %} body {% endcondition %}`.
    func conditionSQL(_ name: String, on body: String, alias: String, owner: String) throws -> String {
        let t = try templateField(name, alias: alias, owner: owner, tag: "condition")
        guard t.field.kind != .measure && t.field.kind != .parameter else {
            throw QueryError("\(FieldRenderer.named(owner)) uses {% condition \(name) %}, but '\(t.key)' is a \(t.field.kind.rawValue); name a filter field or a dimension")
        }
        guard !body.isEmpty else { throw QueryError("\(FieldRenderer.named(owner)) has an empty {% condition \(name) %} block; put the SQL to filter inside it") }
        guard let text = templateValues[t.key] else { return "1=1" }
        let parsed = try parseFilter(text, type: try filterType(of: t.field, alias: t.alias), field: t.key)
        return try renderFilter(parsed, column: "(" + body + ")")
    }

    /// `{% date_start name %}` / `{% date_end name %}`: a bound of the user's date filter, or NULL.
    func dateBoundSQL(_ name: String, start: Bool, alias: String, owner: String) throws -> String {
        let t = try templateField(name, alias: alias, owner: owner, tag: start ? "date_start" : "date_end")
        guard let text = templateValues[t.key] else { return "NULL" }
        let type = try filterType(of: t.field, alias: t.alias)
        guard type == .date || type == .timestamp else {
            throw QueryError("\(FieldRenderer.named(owner)) uses {% \(start ? "date_start" : "date_end") \(name) %}, but '\(t.key)' is not a date filter")
        }
        let parsed = try parseFilter(text, type: type, field: t.key)
        let bounds: (start: FilterDateTime?, end: FilterDateTime?)?
        do { bounds = try parsed.dateBounds(context: filterContext) } catch let error as FilterError { throw QueryError(error.description) }
        guard let bound = start ? bounds?.start : bounds?.end else { return "NULL" }
        return dialect.timestampLiteral(bound.description)
    }

    /// The value chosen for parameter `name` as SQL.
    func parameterSQL(_ name: String, alias: String, owner: String) throws -> String {
        let t = try templateField(name, alias: alias, owner: owner, tag: "parameter")
        guard t.field.kind == .parameter else {
            throw QueryError("\(FieldRenderer.named(owner)) uses {% parameter \(name) %}, but '\(t.key)' is a \(t.field.kind.rawValue), not a parameter")
        }
        return try parameterLiteral(t.field, key: t.key, value: templateValues[t.key])
    }

    /// A parameter value checked and written as SQL: the user's `value` (or the default), matched to an
    /// allowed value by value or label when the parameter lists them.
    func parameterLiteral(_ field: Field, key: String, value given: String?) throws -> String {
        guard var value = given ?? field.defaultValue else {
            throw QueryError("parameter '\(key)' has no value; choose one with a filter on '\(key)' or give it a default_value")
        }
        if !field.allowedValues.isEmpty {
            if let hit = field.allowedValues.first(where: { $0.value == value }) ?? field.allowedValues.first(where: { $0.label == value }) {
                value = hit.value
            } else {
                let allowed = field.allowedValues.map { "'\($0.value)'" }.joined(separator: ", ")
                throw QueryError("'\(Self.printable(value))' is not an allowed value of parameter '\(key)' (allowed: \(allowed))")
            }
        }
        switch field.type {
        case "unquoted":
            // Inserted bare, so it must be a model-given allowed value or, without a list, a plain word.
            if field.allowedValues.isEmpty {
                let plainWord = !value.isEmpty && value.utf8.allSatisfy { b in
                    (b >= 0x30 && b <= 0x39) || ((b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A) || b == 0x5F
                }
                guard plainWord else {
                    throw QueryError("'\(Self.printable(value))' for unquoted parameter '\(key)' must be letters, digits and '_' (or the parameter must list allowed_value)")
                }
            }
            return value
        case "number":
            guard let number = Double(value), number.isFinite else {
                throw QueryError("'\(Self.printable(value))' for number parameter '\(key)' is not a number")
            }
            return number == number.rounded() && abs(number) < 1e15 ? String(Int64(number)) : String(number)
        default:
            return try dialect.valueLiteral(value)
        }
    }

    /// A value shown in a message with control characters made visible.
    static func printable(_ s: String) -> String {
        var out = ""
        for scalar in s.unicodeScalars {
            if scalar.value < 0x20 || scalar.value == 0x7F { out += "\\u{" + String(scalar.value, radix: 16) + "}" } else { out.unicodeScalars.append(scalar) }
        }
        return out
    }
}
