/// Renders a parsed filter into one boolean SQL condition over a column expression.
///
/// Every value is printed through the dialect (strings, dates, timestamps) or re-printed from
/// validated digits (numbers); the column expression comes from the model, never from the user.
/// Negated items keep NULL rows, as Looker's `-FOO` / `NOT 5` do: `(col <> 'FOO' OR col IS NULL)`.
struct FilterSQLRenderer {
    let column: String
    let dialect: any FilterSQLDialect

    init(column: String, dialect: any FilterSQLDialect) {
        self.column = column
        self.dialect = dialect
    }

    // MARK: strings

    func string(_ items: [StringFilterItem]) throws -> String {
        var positives: [String] = [], negatives: [String] = []
        var equal: [String] = [], notEqual: [String] = []
        for item in items {
            switch (item.match, item.negated) {
            case (.equals(let s), false): equal.append(try dialect.valueLiteral(s))
            case (.equals(let s), true): notEqual.append(try dialect.valueLiteral(s))
            case (.like(let p), false): positives.append(try like(p))
            case (.like(let p), true): negatives.append("(NOT \(try like(p)) OR \(column) IS NULL)")
            case (.empty, false): positives.append("(\(column) IS NULL OR \(column) = \(try dialect.stringLiteral("")))")
            case (.empty, true): negatives.append("(\(column) IS NOT NULL AND \(column) <> \(try dialect.stringLiteral("")))")
            case (.null, false): positives.append("\(column) IS NULL")
            case (.null, true): negatives.append("\(column) IS NOT NULL")
            }
        }
        if equal.count == 1 { positives.insert("\(column) = \(equal[0])", at: 0) }
        if equal.count > 1 { positives.insert("\(column) IN (\(equal.joined(separator: ", ")))", at: 0) }
        if notEqual.count == 1 { negatives.insert("(\(column) <> \(notEqual[0]) OR \(column) IS NULL)", at: 0) }
        if notEqual.count > 1 {
            negatives.insert("(\(column) NOT IN (\(notEqual.joined(separator: ", "))) OR \(column) IS NULL)", at: 0)
        }
        return combine(positives: positives, negatives: negatives)
    }

    /// The dialect's LIKE, parenthesised: dialects may return a bare `a LIKE b ESCAPE c` and it is
    /// about to be negated or combined.
    private func like(_ pattern: String) throws -> String {
        "(" + dialect.caseInsensitiveLike(column, try dialect.valueLiteral(pattern)) + ")"
    }

    /// Positive conditions OR'ed, then AND'ed with every negative one (`FOO%,-FOOD`).
    private func combine(positives: [String], negatives: [String]) -> String {
        var parts: [String] = []
        if positives.count == 1 { parts.append(positives[0]) }
        if positives.count > 1 { parts.append("(" + positives.joined(separator: " OR ") + ")") }
        parts += negatives
        if parts.isEmpty { return "1=1" }
        return parts.count == 1 ? parts[0] : "(" + parts.joined(separator: " AND ") + ")"
    }

    // MARK: numbers

    func number(_ node: NumberFilterNode) -> String {
        switch node {
        case .compare(let op, let v): return "\(column) \(op.rawValue) \(v)"
        case .oneOf(let vs):
            return vs.count == 1 ? "\(column) = \(vs[0])" : "\(column) IN (\(vs.joined(separator: ", ")))"
        case .range(let lo, let hi):
            var parts: [String] = []
            if let lo { parts.append("\(column) \(lo.inclusive ? ">=" : ">") \(lo.value)") }
            if let hi { parts.append("\(column) \(hi.inclusive ? "<=" : "<") \(hi.value)") }
            if parts.isEmpty { return "\(column) IS NOT NULL" }
            return parts.count == 1 ? parts[0] : "(" + parts.joined(separator: " AND ") + ")"
        case .isNull: return "\(column) IS NULL"
        case .isNotNull: return "\(column) IS NOT NULL"
        case .not(.oneOf(let vs)):
            let test = vs.count == 1 ? "\(column) <> \(vs[0])" : "\(column) NOT IN (\(vs.joined(separator: ", ")))"
            return "(\(test) OR \(column) IS NULL)"
        case .not(.isNull): return "\(column) IS NOT NULL"
        case .not(.isNotNull): return "\(column) IS NULL"
        case .not(let inner): return "(NOT (\(number(inner))) OR \(column) IS NULL)"
        case .and(let ns): return "(" + ns.map(number).joined(separator: " AND ") + ")"
        case .or(let ns): return "(" + ns.map(number).joined(separator: " OR ") + ")"
        }
    }

    // MARK: dates

    /// Date clauses OR'ed; each range is `col >= start AND col < end` so indexes and partitions prune.
    ///
    /// A date column is compared as midnight of its day: bounds are rounded up to whole days, so
    /// `2018/05/29 10:00 for 1 day` on a date field matches 2018-05-30 (the only midnight inside).
    func date(_ clauses: [DateFilterClause], resolver: DateRangeResolver, asDate: Bool, field: String, text: String) throws -> String {
        func literal(_ t: FilterDateTime) -> String {
            if !asDate { return dialect.timestampLiteral(t.description) }
            let midnight = FilterDateTime(year: t.year, month: t.month, day: t.day)
            return dialect.dateLiteral((midnight == t ? t : CivilCalendar.addingDays(midnight, 1)).dateText)
        }
        func bounds(_ span: DateSpan) throws -> (start: FilterDateTime, end: FilterDateTime) {
            do { return try resolver.range(span) } catch {
                throw FilterError(field: field, text: text, expected: "a date range within years 1 to 9999", found: span.description)
            }
        }
        var parts: [String] = []
        var nullTest: String?
        for clause in clauses {
            switch clause {
            case .during(let span):
                let r = try bounds(span)
                parts.append("(\(column) >= \(literal(r.start)) AND \(column) < \(literal(r.end)))")
            case .before(let span): parts.append("\(column) < \(literal(try bounds(span).start))")
            case .after(let span): parts.append("\(column) >= \(literal(try bounds(span).start))")
            case .isNull: nullTest = nullTest == "\(column) IS NOT NULL" ? "1=1" : "\(column) IS NULL"
            case .isNotNull: nullTest = nullTest == "\(column) IS NULL" ? "1=1" : "\(column) IS NOT NULL"
            }
        }
        if let nullTest { parts.append(nullTest) }
        if parts.isEmpty { return "1=1" }
        return parts.count == 1 ? parts[0] : "(" + parts.joined(separator: " OR ") + ")"
    }

    // MARK: yesno

    func yesno(_ choices: [YesNoMatch]) throws -> String {
        let parts = try choices.map { choice -> String in
            switch choice {
            case .yes: "\(column) = \(try dialect.stringLiteral("Yes"))"
            case .no: "\(column) = \(try dialect.stringLiteral("No"))"
            case .null: "\(column) IS NULL"
            case .notNull: "\(column) IS NOT NULL"
            }
        }
        if parts.isEmpty { return "1=1" }
        return parts.count == 1 ? parts[0] : "(" + parts.joined(separator: " OR ") + ")"
    }
}
