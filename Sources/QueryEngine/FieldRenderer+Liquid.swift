import SemanticModel

/// The Liquid Spyglass evaluates inside model SQL: templated filters and parameters.
///
/// - `{% condition name %} expr {% endcondition %}` → the user's filter on `name` applied to `expr`
///   (the filter engine's SQL), or `1=1` when the user gave no value.
/// - `{% parameter name %}` and `{{ name._parameter_value }}` → the chosen value (else the parameter's
///   `default_value`) as a string literal, a validated number, or — for `type: unquoted` — one of the
///   allowed values inserted bare.
/// - `{% date_start name %}` / `{% date_end name %}` → the bounds of a one-range date filter as
///   timestamp literals, or NULL.
///
/// Every other tag throws, naming the field: silently passing Liquid to the database would either fail
/// there with a confusing message or, worse, run a different query than the model means. Values reach
/// SQL only through the dialect's literals or the filter engine, never as raw text.
extension FieldRenderer {
    /// Whether any text fragment holds `{%` or `{{`; one byte scan, so templates without Liquid
    /// (nearly all) pay almost nothing.
    static func hasLiquid(_ template: SQLTemplate) -> Bool {
        for fragment in template.fragments {
            guard case .text(let text) = fragment else { continue }
            var previousBrace = false
            for b in text.utf8 {
                if previousBrace && (b == UInt8(ascii: "%") || b == UInt8(ascii: "{")) { return true }
                previousBrace = b == UInt8(ascii: "{")
            }
        }
        return false
    }

    /// `expand` for a template with Liquid: text is scanned for tags, `${…}` fragments expand as usual,
    /// and a `{% condition %}` block collects its expanded body before it is replaced by the condition.
    func expandLiquid(_ template: SQLTemplate, alias: String, owner: String, measure: ((String, Field) throws -> String)?,
                      into out: inout String, aliases: inout Set<String>) throws {
        // Open condition blocks: the filter name and the output written before the block.
        var open: [(name: String, before: String)] = []
        for fragment in template.fragments {
            guard case .text(let text) = fragment else {
                try append(fragment, alias: alias, owner: owner, measure: measure, into: &out, aliases: &aliases)
                continue
            }
            let bytes = Array(text.utf8)
            var plain = 0, i = 0
            while i + 1 < bytes.count {
                guard bytes[i] == UInt8(ascii: "{"), bytes[i + 1] == UInt8(ascii: "%") || bytes[i + 1] == UInt8(ascii: "{") else {
                    i += 1
                    continue
                }
                let isTag = bytes[i + 1] == UInt8(ascii: "%")
                let closer = isTag ? UInt8(ascii: "%") : UInt8(ascii: "}")
                var j = i + 2
                while j + 1 < bytes.count && !(bytes[j] == closer && bytes[j + 1] == UInt8(ascii: "}")) { j += 1 }
                guard j + 1 < bytes.count else {
                    throw QueryError("'\(owner)' has an unterminated Liquid \(isTag ? "{% … %}" : "{{ … }}") in its SQL")
                }
                out += String(decoding: bytes[plain..<i], as: UTF8.self)
                // `{%-` / `-%}` only trim whitespace in Liquid; the words inside are what matter.
                var inner = Substring(String(decoding: bytes[(i + 2)..<j], as: UTF8.self))
                if inner.hasPrefix("-") { inner = inner.dropFirst() }
                if inner.hasSuffix("-") { inner = inner.dropLast() }
                let words = inner.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" }).map(String.init)
                let written = String(decoding: bytes[i..<(j + 2)], as: UTF8.self)
                // A value is inserted as a complete literal or expression; inside a quoted region the
                // model's own quotes would pair with the literal's and let a value escape them.
                if !(isTag && words.first == "endcondition"), let quote = Self.openQuote(out) {
                    throw QueryError("'\(owner)' puts Liquid '\(written)' inside \(quote) quotes; remove them — Spyglass writes the value as a complete SQL literal")
                }
                if isTag {
                    switch (words.first, words.count) {
                    case ("condition", 2):
                        open.append((words[1], out))
                        out = ""
                    case ("endcondition", 1):
                        guard let block = open.popLast() else {
                            throw QueryError("'\(owner)' has {% endcondition %} without a matching {% condition %}")
                        }
                        let body = out.trimmingSpaces
                        out = block.before + (try conditionSQL(block.name, on: body, alias: alias, owner: owner))
                    case ("parameter", 2):
                        out += try parameterSQL(words[1], alias: alias, owner: owner)
                    case ("date_start", 2), ("date_end", 2):
                        out += try dateBoundSQL(words[1], start: words[0] == "date_start", alias: alias, owner: owner)
                    default:
                        throw unsupported(written, owner: owner)
                    }
                } else {
                    guard words.count == 1, words[0].hasSuffix("._parameter_value") else { throw unsupported(written, owner: owner) }
                    out += try parameterSQL(String(words[0].dropLast("._parameter_value".count)), alias: alias, owner: owner)
                }
                i = j + 2
                plain = i
            }
            out += String(decoding: bytes[plain...], as: UTF8.self)
        }
        if let block = open.last {
            throw QueryError("'\(owner)' opens {% condition \(block.name) %} without {% endcondition %}")
        }
    }

    /// The quote character of a string literal or quoted identifier left open at the end of `sql`, if
    /// any. Doubled quotes close and reopen, so `'it''s'` ends closed. (A quote inside a `--` comment
    /// counts too, which can only refuse a template, never let one through.)
    static func openQuote(_ sql: String) -> Character? {
        var open: UInt8 = 0
        for b in sql.utf8 {
            if open == 0 {
                if b == UInt8(ascii: "'") || b == UInt8(ascii: "\"") || b == UInt8(ascii: "`") { open = b }
            } else if b == open {
                open = 0
            }
        }
        return open == 0 ? nil : Character(UnicodeScalar(open))
    }

    private func unsupported(_ written: String, owner: String) -> QueryError {
        QueryError("'\(owner)' uses Liquid '\(written)', which Spyglass does not support (only {% condition %}…{% endcondition %}, {% parameter %}, {{ name._parameter_value }}, {% date_start %} and {% date_end %})")
    }

    /// The field a tag names: `view.field` (view name or alias) or a field of the view being expanded.
    private func templateField(_ name: String, alias: String, owner: String, tag: String) throws -> (key: String, alias: String, field: Field) {
        var target = ctx.alias(for: alias) ?? alias
        var fieldName = name
        if let dot = name.firstIndex(of: ".") {
            let head = String(name[..<dot])
            guard let a = ctx.alias(for: head) else {
                throw QueryError("'\(owner)' uses {% \(tag) \(name) %}, but '\(head)' is not in explore '\(ctx.explore.name)'")
            }
            target = a
            fieldName = String(name[name.index(after: dot)...])
        }
        guard let field = ctx.field(fieldName, of: target) else {
            throw QueryError("'\(owner)' uses {% \(tag) \(name) %}, but '\(target).\(fieldName)' is not a field of explore '\(ctx.explore.name)'")
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
    private func conditionSQL(_ name: String, on body: String, alias: String, owner: String) throws -> String {
        let t = try templateField(name, alias: alias, owner: owner, tag: "condition")
        guard t.field.kind != .measure && t.field.kind != .parameter else {
            throw QueryError("'\(owner)' uses {% condition \(name) %}, but '\(t.key)' is a \(t.field.kind.rawValue); name a filter field or a dimension")
        }
        guard !body.isEmpty else { throw QueryError("'\(owner)' has an empty {% condition \(name) %} block; put the SQL to filter inside it") }
        guard let text = templateValues[t.key] else { return "1=1" }
        let parsed = try parseFilter(text, type: try filterType(of: t.field, alias: t.alias), field: t.key)
        return try renderFilter(parsed, column: "(" + body + ")")
    }

    /// `{% date_start name %}` / `{% date_end name %}`: a bound of the user's date filter, or NULL.
    private func dateBoundSQL(_ name: String, start: Bool, alias: String, owner: String) throws -> String {
        let t = try templateField(name, alias: alias, owner: owner, tag: start ? "date_start" : "date_end")
        guard let text = templateValues[t.key] else { return "NULL" }
        let type = try filterType(of: t.field, alias: t.alias)
        guard type == .date || type == .timestamp else {
            throw QueryError("'\(owner)' uses {% \(start ? "date_start" : "date_end") \(name) %}, but '\(t.key)' is not a date filter")
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
            throw QueryError("'\(owner)' uses {% parameter \(name) %}, but '\(t.key)' is a \(t.field.kind.rawValue), not a parameter")
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
    private static func printable(_ s: String) -> String {
        var out = ""
        for scalar in s.unicodeScalars {
            if scalar.value < 0x20 || scalar.value == 0x7F { out += "\\u{" + String(scalar.value, radix: 16) + "}" } else { out.unicodeScalars.append(scalar) }
        }
        return out
    }
}
