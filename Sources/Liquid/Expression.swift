/// An expression inside `{{ … }}` or a tag: a literal, a variable path, or a range.
indirect enum Expression {
    case literal(LiquidValue)
    /// `empty` and `blank`, which only mean something in comparisons.
    case empty, blank
    /// `name.member[expr]…`; `offset` is where the name starts in the source.
    case variable(name: String, path: [PathPart], offset: Int)
    case range(Expression, Expression)

    enum PathPart {
        case member(String)
        case index(Expression)
    }
}

/// A filter call: `| name: arg, key: value`.
struct FilterCall {
    var name: String
    var arguments: [Expression]
    var keywordArguments: [(String, Expression)]
    var offset: Int
}

/// An expression followed by filters, as in `{{ x | upcase }}` and `assign`.
struct FilteredExpression {
    var expression: Expression
    var filters: [FilterCall]
}

/// A condition of `if`/`elsif`/`unless`: comparisons joined by `and`/`or`, evaluated right to left
/// as Shopify Liquid does (`a or b and c` is `a or (b and c)`; `a and b or c` is `a and (b or c)`).
indirect enum Condition {
    case value(Expression)
    case compare(Expression, String, Expression, offset: Int)
    case and(Condition, Condition)
    case or(Condition, Condition)
}

/// A token of tag or output markup.
struct MarkupToken: Equatable {
    enum Kind: Equatable { case identifier, string, number, comparison, dot, dotdot, open, close, openBracket, closeBracket, pipe, colon, comma }
    var kind: Kind
    var text: String
    var offset: Int
}

/// Reads expressions, filters and conditions from markup; offsets are absolute in the template source.
struct MarkupParser {
    var tokens: [MarkupToken]
    var position = 0
    let source: String
    let end: Int

    init(_ markup: String, offset: Int, source: String) throws(LiquidError) {
        self.source = source
        self.end = offset + markup.utf8.count
        self.tokens = try Self.lex(markup, offset: offset, source: source)
    }

    static func lex(_ markup: String, offset: Int, source: String) throws(LiquidError) -> [MarkupToken] {
        let b = Array(markup.utf8)
        var out: [MarkupToken] = []
        var i = 0
        func text(_ a: Int, _ z: Int) -> String { String(decoding: b[a..<z], as: UTF8.self) }
        func isIdentifierStart(_ c: UInt8) -> Bool { (c | 0x20) >= 0x61 && (c | 0x20) <= 0x7A || c == 0x5F || c >= 0x80 }
        func isDigit(_ c: UInt8) -> Bool { c >= 0x30 && c <= 0x39 }
        while i < b.count {
            let c = b[i]
            let start = i
            switch c {
            case 0x20, 0x09, 0x0A, 0x0D:
                i += 1
                continue
            case 0x27, 0x22:
                var j = i + 1
                while j < b.count && b[j] != c { j += 1 }
                guard j < b.count else { throw LiquidError("a string is not closed", at: .of(offset + i, in: source)) }
                out.append(MarkupToken(kind: .string, text: text(i + 1, j), offset: offset + i))
                i = j + 1
                continue
            case UInt8(ascii: "="), UInt8(ascii: "!"), UInt8(ascii: "<"), UInt8(ascii: ">"):
                var j = i + 1
                if j < b.count && (b[j] == UInt8(ascii: "=") || (c == UInt8(ascii: "<") && b[j] == UInt8(ascii: ">"))) { j += 1 }
                let op = text(i, j)
                guard op != "!" else {
                    throw LiquidError("unexpected '\(op)'; comparisons are written ==, !=, <, >, <= or >=", at: .of(offset + i, in: source))
                }
                out.append(MarkupToken(kind: .comparison, text: op == "<>" ? "!=" : op, offset: offset + i))
                i = j
                continue
            case UInt8(ascii: "."):
                if i + 1 < b.count && b[i + 1] == UInt8(ascii: ".") {
                    out.append(MarkupToken(kind: .dotdot, text: "..", offset: offset + i))
                    i += 2
                } else {
                    out.append(MarkupToken(kind: .dot, text: ".", offset: offset + i))
                    i += 1
                }
                continue
            default: break
            }
            let single: [UInt8: MarkupToken.Kind] = [UInt8(ascii: "("): .open, UInt8(ascii: ")"): .close, UInt8(ascii: "["): .openBracket,
                                                     UInt8(ascii: "]"): .closeBracket, UInt8(ascii: "|"): .pipe, UInt8(ascii: ":"): .colon,
                                                     UInt8(ascii: ","): .comma]
            if let kind = single[c] {
                out.append(MarkupToken(kind: kind, text: text(i, i + 1), offset: offset + i))
                i += 1
            } else if isDigit(c) || (c == UInt8(ascii: "-") && i + 1 < b.count && isDigit(b[i + 1])) {
                var j = i + 1
                while j < b.count && isDigit(b[j]) { j += 1 }
                // A fraction, but not the `..` of a range.
                if j + 1 < b.count && b[j] == UInt8(ascii: ".") && isDigit(b[j + 1]) {
                    j += 1
                    while j < b.count && isDigit(b[j]) { j += 1 }
                }
                out.append(MarkupToken(kind: .number, text: text(i, j), offset: offset + i))
                i = j
            } else if isIdentifierStart(c) {
                var j = i + 1
                while j < b.count && (isIdentifierStart(b[j]) || isDigit(b[j]) || b[j] == UInt8(ascii: "-") || b[j] == UInt8(ascii: "?")) { j += 1 }
                out.append(MarkupToken(kind: .identifier, text: text(i, j), offset: offset + i))
                i = j
            } else {
                throw LiquidError("unexpected character '\(text(start, start + 1))'", at: .of(offset + i, in: source))
            }
        }
        return out
    }

    var atEnd: Bool { position >= tokens.count }
    var peek: MarkupToken? { atEnd ? nil : tokens[position] }
    var here: Int { peek?.offset ?? end }

    func error(_ message: String, at offset: Int? = nil) -> LiquidError {
        LiquidError(message, at: .of(offset ?? here, in: source))
    }

    mutating func next() -> MarkupToken? {
        defer { position += 1 }
        return atEnd ? nil : tokens[position]
    }

    mutating func accept(_ kind: MarkupToken.Kind, _ text: String? = nil) -> MarkupToken? {
        guard let t = peek, t.kind == kind, text == nil || t.text == text else { return nil }
        position += 1
        return t
    }

    mutating func expect(_ kind: MarkupToken.Kind, _ what: String) throws(LiquidError) -> MarkupToken {
        guard let t = accept(kind) else { throw error("expected \(what)" + (peek.map { " but found '\($0.text)'" } ?? "")) }
        return t
    }

    func expectEnd(_ tag: String) throws(LiquidError) {
        if let t = peek { throw error("unexpected '\(t.text)' in '\(tag)'") }
    }

    mutating func expression() throws(LiquidError) -> Expression {
        guard let t = next() else { throw error("expected a value") }
        switch t.kind {
        case .string: return .literal(.string(t.text))
        case .number:
            if let i = Int(t.text) { return .literal(.int(i)) }
            return .literal(.double(Double(t.text) ?? 0))
        case .open:
            let a = try expression()
            _ = try expect(.dotdot, "'..' in a range")
            let b = try expression()
            _ = try expect(.close, "')' closing the range")
            return .range(a, b)
        case .openBracket:
            // `['name']` at the top: a variable whose name is not an identifier.
            let key = try expression()
            _ = try expect(.closeBracket, "']'")
            guard case .literal(.string(let name, _)) = key else { throw error("expected a quoted name inside '[…]'", at: t.offset) }
            return .variable(name: name, path: try path(), offset: t.offset)
        case .identifier:
            switch t.text {
            case "true": return .literal(.bool(true))
            case "false": return .literal(.bool(false))
            case "nil", "null": return .literal(.nil)
            case "empty": return .empty
            case "blank": return .blank
            default: return .variable(name: t.text, path: try path(), offset: t.offset)
            }
        default:
            throw error("expected a value but found '\(t.text)'", at: t.offset)
        }
    }

    mutating func path() throws(LiquidError) -> [Expression.PathPart] {
        var parts: [Expression.PathPart] = []
        while true {
            if accept(.dot) != nil {
                let name = try expect(.identifier, "a name after '.'")
                parts.append(.member(name.text))
            } else if accept(.openBracket) != nil {
                parts.append(.index(try expression()))
                _ = try expect(.closeBracket, "']'")
            } else {
                return parts
            }
        }
    }

    mutating func filters(known: (String) -> Bool) throws(LiquidError) -> [FilterCall] {
        var calls: [FilterCall] = []
        while accept(.pipe) != nil {
            let name = try expect(.identifier, "a filter name after '|'")
            guard known(name.text) else { throw error("unknown filter '\(name.text)'", at: name.offset) }
            var call = FilterCall(name: name.text, arguments: [], keywordArguments: [], offset: name.offset)
            if accept(.colon) != nil {
                repeat {
                    if let key = peek, key.kind == .identifier, position + 1 < tokens.count, tokens[position + 1].kind == .colon {
                        position += 2
                        call.keywordArguments.append((key.text, try expression()))
                    } else {
                        call.arguments.append(try expression())
                    }
                } while accept(.comma) != nil
            }
            calls.append(call)
        }
        return calls
    }

    mutating func filteredExpression(known: (String) -> Bool) throws(LiquidError) -> FilteredExpression {
        FilteredExpression(expression: try expression(), filters: try filters(known: known))
    }

    /// `a == b and c or d`, folded from the right.
    mutating func condition() throws(LiquidError) -> Condition {
        var parts: [Condition] = []
        var joins: [String] = []
        while true {
            let left = try expression()
            if let op = accept(.comparison) ?? accept(.identifier, "contains") {
                if op.text == "=" { throw error("'=' is not a comparison; write '=='", at: op.offset) }
                parts.append(.compare(left, op.text, try expression(), offset: op.offset))
            } else {
                parts.append(.value(left))
            }
            if let j = accept(.identifier, "and") ?? accept(.identifier, "or") { joins.append(j.text) } else { break }
        }
        var result = parts.removeLast()
        while let left = parts.popLast() {
            result = joins.removeLast() == "and" ? .and(left, result) : .or(left, result)
        }
        return result
    }
}
