/// Parses Looker date/time filter text into clauses; relative spans stay symbolic until rendering.
///
/// Grammar (case-insensitive, clauses separated by commas and OR'ed):
/// ```
/// clause := "NULL" | "NOT NULL" | "-NULL" | "before" span | "after" span | span
/// span   := base ["for" N unit] | base "to" base
/// base   := YYYY | YYYY/MM | YYYY/MM/DD [HH:MM[:SS]]      ('-' separators and ISO 'T' work too)
///         | today | yesterday | tomorrow | now
///         | (this | last | next) unit
///         | [last] N unit | last N complete unit | next N unit
///         | N unit ago | N unit from now
/// unit   := second | minute | hour | day | week | month | quarter | year   (plural allowed)
/// ```
struct DateFilterParser {
    let bytes: [UInt8]
    let fail: (String, String) -> FilterError

    private static let expectedBase = "a date (YYYY/MM/DD), a relative period like 'last 7 days' or 'this month', or NULL"
    /// Counts above this cannot name a date in years 1…9999 in any unit worth writing.
    private static let maxCount = 1_000_000

    func parse() throws -> [DateFilterClause] {
        var clauses: [DateFilterClause] = []
        for piece in FilterBytes.split(bytes, on: UInt8(ascii: ",")) {
            let raw = piece.split(whereSeparator: FilterBytes.isSpace)
            if raw.isEmpty { continue }
            let words = raw.map { String(decoding: $0.map { $0 >= 0x41 && $0 <= 0x5A ? $0 + 0x20 : $0 }, as: UTF8.self) }
            var cursor = Cursor(words: words, written: raw.map { String(decoding: $0, as: UTF8.self) })
            clauses.append(try clause(&cursor))
        }
        return clauses
    }

    private struct Cursor {
        /// Lower-cased words for matching, and the words as written for error messages.
        let words: [String]
        let written: [String]
        var i = 0
        var peek: String? { i < words.count ? words[i] : nil }
        var peekText: String { i < written.count ? written[i] : "" }
        var atEnd: Bool { i == words.count }
    }

    private func clause(_ c: inout Cursor) throws -> DateFilterClause {
        if c.words == ["null"] { return .isNull }
        if c.words == ["not", "null"] || c.words == ["-null"] { return .isNotNull }
        let result: DateFilterClause
        switch c.peek {
        case "before": c.i += 1; result = .before(try span(&c))
        case "after": c.i += 1; result = .after(try span(&c))
        default: result = .during(try span(&c))
        }
        guard c.atEnd else { throw fail("'for', 'to', a comma or the end of the filter", c.peekText) }
        return result
    }

    private func span(_ c: inout Cursor) throws -> DateSpan {
        let base = try self.base(&c)
        switch c.peek {
        case "for":
            c.i += 1
            let n = try count(&c)
            return .forDuration(base, n, try unit(&c))
        case "to":
            c.i += 1
            return .through(base, try self.base(&c))
        default:
            return base
        }
    }

    private func base(_ c: inout Cursor) throws -> DateSpan {
        guard let w = c.peek else { throw fail(Self.expectedBase, "") }
        switch w {
        case "today": c.i += 1; return .period(.day, offset: 0)
        case "yesterday": c.i += 1; return .period(.day, offset: -1)
        case "tomorrow": c.i += 1; return .period(.day, offset: 1)
        case "now": c.i += 1; return .period(.second, offset: 0)
        case "this": c.i += 1; return .period(try unit(&c), offset: 0)
        case "last":
            c.i += 1
            if let first = c.peek?.utf8.first, FilterBytes.isDigit(first) {
                let n = try count(&c)
                let complete = c.peek == "complete"
                if complete { c.i += 1 }
                return .last(n, try unit(&c), complete: complete)
            }
            if c.peek == "complete" { c.i += 1 }  // "last complete week" is "last week"
            return .period(try unit(&c), offset: -1)
        case "next":
            c.i += 1
            if let first = c.peek?.utf8.first, FilterBytes.isDigit(first) {
                let n = try count(&c)
                return .next(n, try unit(&c))
            }
            return .period(try unit(&c), offset: 1)
        default:
            guard let first = w.utf8.first, FilterBytes.isDigit(first) else { throw fail(Self.expectedBase, w) }
            if c.i + 1 < c.words.count, Self.unitNamed(c.words[c.i + 1]) != nil {
                let n = try count(&c)
                let u = try unit(&c)
                if c.peek == "ago" { c.i += 1; return .period(u, offset: -n) }
                if c.peek == "from", c.i + 1 < c.words.count, c.words[c.i + 1] == "now" {
                    c.i += 2
                    return .period(u, offset: n)
                }
                return .last(n, u, complete: false)
            }
            return try absolute(&c)
        }
    }

    private func count(_ c: inout Cursor) throws -> Int {
        guard let w = c.peek, !w.isEmpty, w.utf8.allSatisfy(FilterBytes.isDigit), w.utf8.count <= 7,
              let n = Int(w), n <= Self.maxCount else {
            throw fail("a whole number of units", c.peekText)
        }
        c.i += 1
        return n
    }

    private func unit(_ c: inout Cursor) throws -> DateUnit {
        guard let w = c.peek, let u = Self.unitNamed(w) else {
            throw fail("a unit (second, minute, hour, day, week, month, quarter or year)", c.peekText)
        }
        c.i += 1
        return u
    }

    static func unitNamed(_ w: String) -> DateUnit? {
        if let u = DateUnit(rawValue: w) { return u }
        if w.hasSuffix("s") { return DateUnit(rawValue: String(w.dropLast())) }
        return nil
    }

    /// `YYYY`, `YYYY/MM`, `YYYY/MM/DD` and an optional `HH:MM[:SS]` word, validated field by field.
    private func absolute(_ c: inout Cursor) throws -> DateSpan {
        var word = Substring(c.peek ?? "")
        var timeWord: Substring?
        // ISO 8601 as pasted from elsewhere: 2018-05-29T10:00:00 (words are already lower-cased).
        if let t = word.firstIndex(of: "t") {
            timeWord = word[word.index(after: t)...]
            word = word[..<t]
        }
        let bad = { [text = c.peekText] in self.fail("a valid date (YYYY, YYYY/MM or YYYY/MM/DD)", text) }
        let writtenTime = timeWord.map { _ in c.peekText.split(whereSeparator: { $0 == "t" || $0 == "T" }).last.map(String.init) ?? "" }
        let parts = word.utf8.split(omittingEmptySubsequences: false) { $0 == UInt8(ascii: "/") || $0 == UInt8(ascii: "-") }
        guard (1...3).contains(parts.count),
              parts.allSatisfy({ !$0.isEmpty && $0.count <= 4 && $0.allSatisfy(FilterBytes.isDigit) }),
              parts[0].count == 4, timeWord == nil || parts.count == 3 else { throw bad() }
        let nums = parts.map { Int(String(decoding: $0, as: UTF8.self))! }
        var t = FilterDateTime(year: nums[0], month: nums.count > 1 ? nums[1] : 1, day: nums.count > 2 ? nums[2] : 1)
        guard t.year >= 1, (1...12).contains(t.month),
              (1...CivilCalendar.daysInMonth(year: t.year, month: t.month)).contains(t.day) else { throw bad() }
        c.i += 1
        var unit: DateUnit = [.year, .month, .day][nums.count - 1]
        var timeText = writtenTime ?? ""
        if timeWord == nil, nums.count == 3, let next = c.peek, next.utf8.contains(UInt8(ascii: ":")) {
            timeWord = Substring(next)
            timeText = c.peekText
            c.i += 1
        }
        if let timeWord {
            let tp = timeWord.utf8.split(separator: UInt8(ascii: ":"), omittingEmptySubsequences: false)
            guard (2...3).contains(tp.count),
                  tp.allSatisfy({ (1...2).contains($0.count) && $0.allSatisfy(FilterBytes.isDigit) }) else {
                throw fail("a valid time (HH:MM or HH:MM:SS)", timeText)
            }
            let tn = tp.map { Int(String(decoding: $0, as: UTF8.self))! }
            guard tn[0] < 24, tn[1] < 60, tn.count < 3 || tn[2] < 60 else {
                throw fail("a valid time (HH:MM or HH:MM:SS)", timeText)
            }
            t.hour = tn[0]; t.minute = tn[1]; t.second = tn.count == 3 ? tn[2] : 0
            unit = tn.count == 3 ? .second : .minute
        }
        return .absolute(t, unit)
    }
}
