/// A parsed Looker filter expression for one field (`-%test%`, `>= 5 AND <= 10`, `last 7 days`).
///
/// Parse once with `parse(_:type:field:)`, then render with `sql(_:dialect:context:)`. Empty or
/// all-whitespace text means "no filter": it parses to `.matchAll`, whose SQL is `1=1`; callers that
/// build WHERE clauses may check `isMatchAll` and skip it.
public struct FilterExpression: Sendable, Hashable {
    /// The field the filter was written for, used in error messages.
    public let field: String
    public let type: FilterFieldType
    /// The original text, kept for error messages and display.
    public let text: String
    /// The parsed form.
    public let node: FilterNode

    public init(field: String, type: FilterFieldType, text: String, node: FilterNode) {
        self.field = field
        self.type = type
        self.text = text
        self.node = node
    }

    /// Whether this expression restricts nothing (empty text).
    public var isMatchAll: Bool { node == .matchAll }

    /// Parses a Looker filter expression for a field of the given type. Throws FilterError whose
    /// description is one sentence naming the field, the text and what was expected, e.g.
    /// "invalid filter for 'orders.amount': expected a number, range or comparison but found 'abc' in '>abc'".
    public static func parse(_ text: String, type: FilterFieldType, field: String) throws -> FilterExpression {
        let bytes = Array(text.utf8)
        if bytes.allSatisfy(FilterBytes.isSpace) {
            return FilterExpression(field: field, type: type, text: text, node: .matchAll)
        }
        let fail = { (expected: String, found: String) in
            FilterError(field: field, text: text, expected: expected, found: found)
        }
        // No dialect can carry NUL in a literal; saying so here names the field instead of leaving
        // it to a dialect error at render time (dialects still refuse it: defence in depth).
        if bytes.contains(0) { throw fail("text without NUL characters", "\u{0}") }
        let node: FilterNode
        switch type {
        case .string:
            node = .string(StringFilterParser.parse(bytes))
        case .number:
            var parser = NumberFilterParser(bytes: bytes, fail: fail)
            node = .number(try parser.parse())
        case .date, .timestamp:
            node = .date(try DateFilterParser(bytes: bytes, fail: fail).parse())
        case .yesno:
            node = .yesno(try parseYesNo(bytes, fail: fail))
        }
        return FilterExpression(field: field, type: type, text: text, node: node)
    }

    /// A boolean SQL condition over `column` (an SQL expression), with every user value rendered
    /// through the dialect (never concatenated raw).
    public func sql(_ column: String, dialect: any FilterSQLDialect, context: FilterContext) throws -> String {
        try ValueMarker.replace(in: try markedSQL(column, dialect: dialect, context: context)) { try dialect.stringLiteral($0) }
    }

    /// `sql` with user values left as bind markers (Dialect+Values.swift): what the planner uses, so
    /// the values become parameters of the statement that runs.
    func markedSQL(_ column: String, dialect: any FilterSQLDialect, context: FilterContext) throws -> String {
        let renderer = FilterSQLRenderer(column: column, dialect: dialect)
        switch node {
        case .matchAll:
            return "1=1"
        case .string(let items):
            return try renderer.string(items)
        case .number(let n):
            return renderer.number(n)
        case .date(let clauses):
            let resolver = DateRangeResolver(context: context)
            return try renderer.date(clauses, resolver: resolver, asDate: type == .date, field: field, text: text)
        case .yesno(let choices):
            return try renderer.yesno(choices)
        }
    }

    /// The absolute wall-clock bounds of a one-clause date filter, for Liquid's `{% date_start %}` /
    /// `{% date_end %}`: [start, end) in the context's zone, a nil side being open (`before X` has no
    /// start, `after X` no end). Nil when the filter is not a single date range (empty, NULL, a list,
    /// or not a date filter), where Looker renders both tags as NULL.
    public func dateBounds(context: FilterContext) throws -> (start: FilterDateTime?, end: FilterDateTime?)? {
        guard case .date(let clauses) = node, clauses.count == 1 else { return nil }
        let resolver = DateRangeResolver(context: context)
        func range(_ span: DateSpan) throws -> (start: FilterDateTime, end: FilterDateTime) {
            do { return try resolver.range(span) } catch {
                throw FilterError(field: field, text: text, expected: "a date range within years 1 to 9999", found: span.description)
            }
        }
        switch clauses[0] {
        case .during(let span): let r = try range(span); return (r.start, r.end)
        case .before(let span): return (nil, try range(span).start)
        case .after(let span): return (try range(span).start, nil)
        case .isNull, .isNotNull: return nil
        }
    }

    private static func parseYesNo(_ bytes: [UInt8], fail: (String, String) -> FilterError) throws -> [YesNoMatch] {
        var out: [YesNoMatch] = []
        for piece in FilterBytes.split(bytes, on: UInt8(ascii: ",")) {
            let word = FilterBytes.trimmed(piece)
            if word.isEmpty { continue }
            switch FilterBytes.upper(word) {
            case "YES": out.append(.yes)
            case "NO": out.append(.no)
            case "NULL": out.append(.null)
            case "-NULL", "NOT NULL": out.append(.notNull)
            default: throw fail("Yes, No or NULL", String(decoding: word, as: UTF8.self))
            }
        }
        return out
    }
}

/// Byte-level helpers shared by the parsers (filters arrive as UTF-8; all syntax is ASCII).
enum FilterBytes {
    static func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D }
    static func isDigit(_ b: UInt8) -> Bool { b >= 0x30 && b <= 0x39 }
    static func isLetter(_ b: UInt8) -> Bool { (b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A }

    static func trimmed(_ s: ArraySlice<UInt8>) -> ArraySlice<UInt8> {
        var lo = s.startIndex, hi = s.endIndex
        while lo < hi, isSpace(s[lo]) { lo += 1 }
        while hi > lo, isSpace(s[hi - 1]) { hi -= 1 }
        return s[lo..<hi]
    }

    static func split(_ s: [UInt8], on sep: UInt8) -> [ArraySlice<UInt8>] {
        s.split(separator: sep, omittingEmptySubsequences: false)
    }

    /// ASCII upper-casing; non-ASCII bytes pass through, which is enough to match keywords.
    static func upper(_ s: ArraySlice<UInt8>) -> String {
        String(decoding: s.map { $0 >= 0x61 && $0 <= 0x7A ? $0 - 0x20 : $0 }, as: UTF8.self)
    }
}
