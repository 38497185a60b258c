/// Parses Looker number filter text into a `NumberFilterNode` by recursive descent over byte tokens.
///
/// Grammar (keywords case-insensitive):
/// ```
/// list    := clause ("," clause)*          positives OR'ed, negatives (NOT …, NOT NULL) AND'ed
/// clause  := and ("OR" and)*
/// and     := unary ("AND" unary)*
/// unary   := "NOT" "NULL" | "-NULL" | "NOT" primary | primary
/// primary := "NULL" | op number | number ["TO" number] | ("["|"(") bound "," bound ("]"|")")
/// op      := ">" | ">=" | "<" | "<=" | "=" | "<>" | "!="      bound := number | ["-"] "INF"
/// ```
/// A leading `NOT` before a plain number carries over to the plain numbers after it, so
/// `NOT 66, 99, 4` excludes all three, as Looker reads it.
struct NumberFilterParser {
    enum Token: Equatable {
        case number(String), op(String), word(Keyword), open(UInt8), close(UInt8), comma
        case minusWord(Keyword)  // -NULL, -INF
    }

    /// The grammar's words; anything else is rejected while tokenizing.
    enum Keyword: Equatable { case and, or, not, null, inf, to }

    private static let expected = "a number, range or comparison"
    let fail: (String, String) -> FilterError
    private var tokens: [(Token, Range<Int>)] = []  // token and where it came from, for messages
    private var pos = 0

    init(bytes: [UInt8], fail: @escaping (String, String) -> FilterError) {
        self.fail = fail
        self.bytes = bytes
    }
    private let bytes: [UInt8]

    mutating func parse() throws -> NumberFilterNode {
        tokens = try Self.tokenize(bytes, fail: fail)
        var positives: [NumberFilterNode] = [], negatives: [NumberFilterNode] = []
        var stickyNot = false
        var first = true
        while true {
            var node = try parseOr()
            if first, case .not(let inner) = node, inner.isPlainValue { stickyNot = true }
            else if !first, stickyNot, node.isPlainValue { node = .not(node) }
            else if !first { stickyNot = false }
            first = false
            switch node {
            case .not, .isNotNull: negatives.append(node)
            default: positives.append(node)
            }
            if pos == tokens.count { break }
            guard tokens[pos].0 == .comma else { throw fail(Self.expected, peekText) }
            pos += 1
        }
        var parts: [NumberFilterNode] = []
        let p = Self.merged(positives, negated: false)
        if !p.isEmpty { parts.append(p.count == 1 ? p[0] : .or(p)) }
        parts += Self.merged(negatives, negated: true)
        return parts.count == 1 ? parts[0] : .and(parts)
    }

    /// Folds plain equalities into one `IN` list (negated: `NOT IN`) and keeps the rest in order.
    private static func merged(_ nodes: [NumberFilterNode], negated: Bool) -> [NumberFilterNode] {
        var values: [String] = []
        var rest: [NumberFilterNode] = []
        for n in nodes {
            switch (n, negated) {
            case (.oneOf(let vs), false), (.not(.oneOf(let vs)), true): values += vs
            default: rest.append(n)
            }
        }
        if !values.isEmpty { rest.insert(negated ? .not(.oneOf(values)) : .oneOf(values), at: 0) }
        return rest
    }

    private mutating func parseOr() throws -> NumberFilterNode {
        var terms = [try parseAnd()]
        while pos < tokens.count, tokens[pos].0 == .word(.or) { pos += 1; terms.append(try parseAnd()) }
        return terms.count == 1 ? terms[0] : .or(terms)
    }

    private mutating func parseAnd() throws -> NumberFilterNode {
        var terms = [try parseUnary()]
        while pos < tokens.count, tokens[pos].0 == .word(.and) { pos += 1; terms.append(try parseUnary()) }
        return terms.count == 1 ? terms[0] : .and(terms)
    }

    private mutating func parseUnary() throws -> NumberFilterNode {
        if peek == .word(.not) {
            pos += 1
            if peek == .word(.null) { pos += 1; return .isNotNull }
            return .not(try parsePrimary())
        }
        return try parsePrimary()
    }

    private var peek: Token? { pos < tokens.count ? tokens[pos].0 : nil }
    private var peekText: String { pos < tokens.count ? String(decoding: bytes[tokens[pos].1], as: UTF8.self) : "" }

    private mutating func parsePrimary() throws -> NumberFilterNode {
        guard let t = peek else { throw fail(Self.expected, "") }
        switch t {
        case .word(.null): pos += 1; return .isNull
        case .minusWord(.null): pos += 1; return .isNotNull
        case .op(let op):
            pos += 1
            let v = try number()
            switch op {
            case ">": return .compare(.greater, v)
            case ">=": return .compare(.greaterOrEqual, v)
            case "<": return .compare(.less, v)
            case "<=": return .compare(.lessOrEqual, v)
            case "=": return .oneOf([v])
            default: return .not(.oneOf([v]))  // <> and !=
            }
        case .number(let v):
            pos += 1
            if peek == .word(.to) {
                pos += 1
                let hi = try number()
                return .range(lower: NumberBound(value: v, inclusive: true), upper: NumberBound(value: hi, inclusive: true))
            }
            return .oneOf([v])
        case .open(let bracket):
            pos += 1
            let lo = try bound(allowInfinity: "-INF")
            guard peek == .comma else { throw fail("',' between the bounds of an interval", peekText) }
            pos += 1
            let hi = try bound(allowInfinity: "INF")
            guard case .close(let closer) = peek else { throw fail("']' or ')' closing the interval", peekText) }
            pos += 1
            let lower = lo.map { NumberBound(value: $0, inclusive: bracket == UInt8(ascii: "[")) }
            let upper = hi.map { NumberBound(value: $0, inclusive: closer == UInt8(ascii: "]")) }
            if lower == nil && upper == nil { return .isNotNull }
            return .range(lower: lower, upper: upper)
        default:
            throw fail(Self.expected, peekText)
        }
    }

    private mutating func number() throws -> String {
        guard case .number(let v) = peek else { throw fail(Self.expected, peekText) }
        pos += 1
        return v
    }

    /// A finite bound's text, or nil for the infinity written on that side.
    private mutating func bound(allowInfinity inf: String) throws -> String? {
        switch peek {
        case .number(let v): pos += 1; return v
        case .word(.inf) where inf == "INF": pos += 1; return nil
        case .minusWord(.inf) where inf == "-INF": pos += 1; return nil
        default: throw fail("a number or \(inf.lowercased()) as an interval bound", peekText)
        }
    }

    static func tokenize(_ b: [UInt8], fail: (String, String) -> FilterError) throws -> [(Token, Range<Int>)] {
        var out: [(Token, Range<Int>)] = []
        out.reserveCapacity(b.count / 2)
        var i = 0
        let n = b.count
        func text(_ from: Int, _ to: Int) -> String { String(decoding: b[from..<to], as: UTF8.self) }
        while i < n {
            let c = b[i]
            if FilterBytes.isSpace(c) { i += 1; continue }
            let start = i
            switch c {
            case UInt8(ascii: ","): out.append((.comma, i..<i + 1)); i += 1
            case UInt8(ascii: "["), UInt8(ascii: "("): out.append((.open(c), i..<i + 1)); i += 1
            case UInt8(ascii: "]"), UInt8(ascii: ")"): out.append((.close(c), i..<i + 1)); i += 1
            case UInt8(ascii: ">"), UInt8(ascii: "<"), UInt8(ascii: "="), UInt8(ascii: "!"):
                i += 1
                if i < n, b[i] == UInt8(ascii: "=") || (c == UInt8(ascii: "<") && b[i] == UInt8(ascii: ">")) { i += 1 }
                let op = text(start, i)
                if op == "!" || op == "==" { throw fail(Self.expected, op) }
                out.append((.op(op == "!=" ? "<>" : op), start..<i))
            default:
                let negative = c == UInt8(ascii: "-")
                if negative { i += 1 }
                if i < n, FilterBytes.isLetter(b[i]) {
                    var j = i
                    while j < n, FilterBytes.isLetter(b[j]) { j += 1 }
                    guard let word = keyword(b[i..<j]), !negative || word == .null || word == .inf else {
                        throw fail(Self.expected, text(start, j))
                    }
                    out.append((negative ? .minusWord(word) : .word(word), start..<j))
                    i = j
                } else if i < n, FilterBytes.isDigit(b[i]) || b[i] == UInt8(ascii: ".") {
                    var j = i
                    while j < n, FilterBytes.isDigit(b[j]) { j += 1 }
                    let intDigits = b[i..<j]
                    var fracDigits = b[j..<j]
                    if j < n, b[j] == UInt8(ascii: ".") {
                        j += 1
                        let f = j
                        while j < n, FilterBytes.isDigit(b[j]) { j += 1 }
                        fracDigits = b[f..<j]
                    }
                    var end = j
                    while end < n, !FilterBytes.isSpace(b[end]), !Self.isDelimiter(b[end]) { end += 1 }
                    if (intDigits.isEmpty && fracDigits.isEmpty) || end != j { throw fail(Self.expected, text(start, end)) }
                    out.append((.number(canonical(negative: negative, intDigits, fracDigits)), start..<j))
                    i = j
                } else {
                    var end = min(i + 1, n)  // a lone trailing "-" ends at the text's end
                    while end < n, !FilterBytes.isSpace(b[end]), !Self.isDelimiter(b[end]) { end += 1 }
                    throw fail(Self.expected, text(start, end))
                }
            }
        }
        return out
    }

    /// Case-insensitive keyword match on bytes, without building a String.
    private static func keyword(_ w: ArraySlice<UInt8>) -> Keyword? {
        func eq(_ k: StaticString) -> Bool {
            guard w.count == k.utf8CodeUnitCount else { return false }
            var p = k.utf8Start
            for c in w { if c | 0x20 != p.pointee { return false }; p += 1 }
            return true
        }
        switch w.count {
        case 2: return eq("or") ? .or : eq("to") ? .to : nil
        case 3: return eq("and") ? .and : eq("not") ? .not : eq("inf") ? .inf : nil
        case 4: return eq("null") ? .null : nil
        default: return nil
        }
    }

    private static func isDelimiter(_ c: UInt8) -> Bool {
        c == UInt8(ascii: ",") || c == UInt8(ascii: "]") || c == UInt8(ascii: ")")
            || c == UInt8(ascii: "[") || c == UInt8(ascii: "(")
    }

    /// Digits re-printed without redundant zeros (`007.50` → `7.5`), so SQL sees only `-?\d+(\.\d+)?`.
    static func canonical(negative: Bool, _ intDigits: ArraySlice<UInt8>, _ fracDigits: ArraySlice<UInt8>) -> String {
        var i = intDigits.drop(while: { $0 == UInt8(ascii: "0") })
        if i.isEmpty { i = [UInt8(ascii: "0")] }
        var f = fracDigits
        while let last = f.last, last == UInt8(ascii: "0") { f = f.dropLast() }
        var s = String(decoding: i, as: UTF8.self)
        if !f.isEmpty { s += "." + String(decoding: f, as: UTF8.self) }
        if negative && s != "0" { s = "-" + s }
        return s
    }
}

extension NumberFilterNode {
    /// A bare value (`5` or `5, 6` folded), the only kind a sticky leading NOT carries over to.
    var isPlainValue: Bool { if case .oneOf = self { true } else { false } }
}
