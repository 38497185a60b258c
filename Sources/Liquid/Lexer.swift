/// One piece of template source: literal text, `{{ … }}` or `{% … %}`.
struct Token {
    enum Kind { case text, output, tag }
    var kind: Kind
    /// Text as is; for output and tags, the markup between the delimiters and the trim marks.
    var content: String
    /// Byte offset of the token (of `{{`/`{%` for output and tags) in the source.
    var offset: Int
    /// Byte offset of `content` in the source.
    var contentOffset: Int
}

/// Splits a template into tokens, applying `{%-`/`-%}` whitespace control, and keeps `raw` and
/// `comment` bodies as they are (no tags are read inside them).
enum Lexer {
    static func tokenize(_ source: String) throws(LiquidError) -> [Token] {
        let bytes = Array(source.utf8)
        let n = bytes.count
        var tokens: [Token] = []
        var textStart = 0
        var trimNextText = false
        var i = 0

        func isSpace(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D || b == 0x0B || b == 0x0C }
        func string(_ a: Int, _ b: Int) -> String { String(decoding: bytes[a..<b], as: UTF8.self) }
        func addText(_ start: Int, _ end: Int, trimRight: Bool) {
            var a = start, b = end
            if trimNextText { while a < b && isSpace(bytes[a]) { a += 1 } }
            if trimRight { while b > a && isSpace(bytes[b - 1]) { b -= 1 } }
            trimNextText = false
            if b > a { tokens.append(Token(kind: .text, content: string(a, b), offset: a, contentOffset: a)) }
        }
        /// The end of the `{% … %}` or `{{ … }}` starting at `start` (index just past its closer).
        func close(_ start: Int, tag: Bool) throws(LiquidError) -> Int {
            var j = start + 2
            var quote: UInt8 = 0
            while j + 1 < n {
                let b = bytes[j]
                if quote != 0 {
                    if b == quote { quote = 0 }
                } else if b == 0x27 || b == 0x22 {
                    quote = b
                } else if b == (tag ? UInt8(ascii: "%") : UInt8(ascii: "}")) && bytes[j + 1] == UInt8(ascii: "}") {
                    return j + 2
                }
                j += 1
            }
            throw LiquidError(tag ? "'{%' is not closed with '%}'" : "'{{' is not closed with '}}'", at: .of(start, in: source))
        }
        /// Markup of a delimiter pair and its trim flags.
        func markup(_ start: Int, _ end: Int) -> (text: String, offset: Int, trimLeft: Bool, trimRight: Bool) {
            var a = start + 2, b = end - 2
            let trimLeft = a < b && bytes[a] == UInt8(ascii: "-")
            if trimLeft { a += 1 }
            let trimRight = b > a && bytes[b - 1] == UInt8(ascii: "-")
            if trimRight { b -= 1 }
            return (string(a, b), a, trimLeft, trimRight)
        }
        func firstWord(_ text: String) -> Substring {
            let t = text.drop(while: { $0.isWhitespace })
            return t.prefix(while: { !$0.isWhitespace })
        }

        while i + 1 < n {
            guard bytes[i] == UInt8(ascii: "{"), bytes[i + 1] == UInt8(ascii: "{") || bytes[i + 1] == UInt8(ascii: "%") else {
                i += 1
                continue
            }
            let isTag = bytes[i + 1] == UInt8(ascii: "%")
            let end = try close(i, tag: isTag)
            let m = markup(i, end)
            addText(textStart, i, trimRight: m.trimLeft)
            tokens.append(Token(kind: isTag ? .tag : .output, content: m.text, offset: i, contentOffset: m.offset))
            trimNextText = m.trimRight
            i = end
            textStart = end
            // raw and comment bodies are not tokenized: find their end tag by scanning.
            let word = isTag ? firstWord(m.text) : ""
            guard word == "raw" || word == "comment" else { continue }
            var depth = 1
            var k = i
            var found = false
            while k + 1 < n {
                guard bytes[k] == UInt8(ascii: "{"), bytes[k + 1] == UInt8(ascii: "%") else { k += 1; continue }
                guard let tagEnd = try? close(k, tag: true) else { break }
                let inner = markup(k, tagEnd)
                let w = firstWord(inner.text)
                if word == "comment" && w == "comment" { depth += 1 }
                if w == "end" + word { depth -= 1 }
                if depth == 0 {
                    if word == "raw" {
                        addText(i, k, trimRight: inner.trimLeft)
                    } else {
                        trimNextText = false
                    }
                    tokens.append(Token(kind: .tag, content: inner.text, offset: k, contentOffset: inner.offset))
                    trimNextText = inner.trimRight
                    i = tagEnd
                    textStart = tagEnd
                    found = true
                    break
                }
                k = tagEnd
            }
            guard found else {
                throw LiquidError("'\(word)' is never closed (expected 'end\(word)')", at: .of(tokens[tokens.count - 1].offset, in: source))
            }
        }
        addText(textStart, n, trimRight: false)
        return tokens
    }
}
