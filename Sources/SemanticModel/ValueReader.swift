/// Reads typed values out of syntax pairs, substituting manifest constants and reporting values of
/// the wrong shape at their own location.
struct ValueReader {
    let constants: [String: String]
    let sink: DiagnosticSink

    /// A `${…}` reference with the location it was written at.
    struct LocatedReference {
        var view: String?
        var name: String
        var location: SourceLocation
        /// The reference as written (`${view.field}`), for messages.
        var written: String { SQLTemplateParser.Reference.written(view: view, name: name) }
    }

    /// A scalar's text with `@{constants}` substituted; unknown constants are reported.
    func text(_ scalar: Scalar) -> String {
        guard let substitution = ConstantSubstitution(scalar.text, constants: constants) else { return scalar.text }
        var locator = ScalarLocator(text: scalar.text, scalar: scalar)
        for unknown in substitution.unknown {
            sink.error("unknown constant '\(unknown.name)'; define it in manifest.lkml with constant: \(unknown.name) { value: \"…\" }",
                       at: locator.location(at: unknown.offset))
        }
        return substitution.text
    }

    /// The pair's value as a single scalar, or a diagnostic if it is a list or block.
    func scalar(_ pair: Pair) -> Scalar? {
        if case .scalar(let s) = pair.value { return s }
        sink.error("'\(pair.key)' expects a single value", at: pair.value.location)
        return nil
    }

    func string(_ pair: Pair) -> String? {
        // The common case inline: a scalar without `@{`, taken as written.
        if case .scalar(let s) = pair.value {
            return ConstantSubstitution.mayContainConstant(s.text) ? text(s) : s.text
        }
        return scalar(pair).map(text)
    }

    func bool(_ pair: Pair) -> Bool? {
        guard let s = scalar(pair) else { return nil }
        switch s.text {
        case "yes": return true
        case "no": return false
        default:
            sink.error("'\(pair.key)' must be yes or no, not '\(s.text)'", at: s.location)
            return nil
        }
    }

    func number(_ pair: Pair) -> Double? {
        guard let s = scalar(pair) else { return nil }
        if let v = Double(s.text) { return v }
        sink.error("'\(pair.key)' must be a number, not '\(s.text)'", at: s.location)
        return nil
    }

    /// A list of plain values (`[a, b]`); a single scalar counts as a one-item list.
    func list(_ pair: Pair) -> [Scalar] {
        switch pair.value {
        case .scalar(let s): return [s]
        case .block(let b):
            sink.error("'\(pair.key)' expects a list like [a, b]", at: b.location)
            return []
        case .list(let l):
            var out: [Scalar] = []
            out.reserveCapacity(l.items.count)
            for item in l.items {
                switch item {
                case .scalar(let s): out.append(s)
                case .pair(let p): sink.error("'\(pair.key)' expects plain values, not '\(p.key): …'", at: p.keyLocation)
                case .block(let b): sink.error("'\(pair.key)' expects plain values, not a block", at: b.location)
                }
            }
            return out
        }
    }

    func strings(_ pair: Pair) -> [String] { list(pair).map(text) }

    /// SQL with constants substituted and `${…}` parsed; reference locations point into the file.
    func template(_ pair: Pair) -> (template: SQLTemplate, references: [LocatedReference])? {
        guard let s = scalar(pair) else { return nil }
        return template(s)
    }

    func template(_ s: Scalar) -> (template: SQLTemplate, references: [LocatedReference]) {
        let substitution = ConstantSubstitution(s.text, constants: constants)
        var locator = ScalarLocator(text: s.text, scalar: s)
        if let substitution {
            for unknown in substitution.unknown {
                sink.error("unknown constant '\(unknown.name)'; define it in manifest.lkml with constant: \(unknown.name) { value: \"…\" }",
                           at: locator.location(at: unknown.offset))
            }
        }
        let parsed = SQLTemplateParser.parse(substitution?.text ?? s.text)
        func original(_ offset: Int) -> Int { substitution?.originalOffset(offset) ?? offset }
        for problem in parsed.problems {
            sink.error(problem.message, at: locator.location(at: original(problem.offset)))
        }
        // map: no allocation at all for SQL without references.
        let references = parsed.references.map { r in
            LocatedReference(view: r.view, name: r.name, location: locator.location(at: original(r.offset)))
        }
        return (SQLTemplate(fragments: parsed.fragments, location: s.location), references)
    }

    /// Measure or explore filters in either form: `filters: [field: "expr", …]` or the older
    /// repeated `filters: { field: f value: "expr" }`.
    func filters(_ pair: Pair, into out: inout [FilterCondition]) {
        switch pair.value {
        case .list(let l):
            out.reserveCapacity(out.count + l.items.count)
            for item in l.items {
                switch item {
                case .pair(let p):
                    guard let s = scalar(p) else { continue }
                    out.append(FilterCondition(field: p.key, expression: text(s), location: p.keyLocation))
                case .block(let b):
                    blockFilter(b, into: &out)
                case .scalar(let s):
                    sink.error("'filters' expects field: \"expression\" pairs, not '\(s.text)'", at: s.location)
                }
            }
        case .block(let b):
            blockFilter(b, into: &out)
        case .scalar(let s):
            sink.error("'filters' expects [field: \"expression\", …]", at: s.location)
        }
    }

    private func blockFilter(_ b: Block, into out: inout [FilterCondition]) {
        var field: (String, SourceLocation)?
        var value: String?
        for p in b.pairs {
            if p.key == "field", let s = scalar(p) { field = (text(s), s.location) }
            if p.key == "value", let s = scalar(p) { value = text(s) }
        }
        guard let field else {
            sink.error("a filters block needs 'field:'", at: b.location)
            return
        }
        out.append(FilterCondition(field: field.0, expression: value ?? "", location: field.1))
    }
}
