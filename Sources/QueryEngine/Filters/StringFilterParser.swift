/// Parses Looker string filter text into items, working on UTF-8 bytes in one pass.
///
/// Items are split at unescaped commas and trimmed. `^X` makes X literal (`^%`, `^_`, `^,`, `^^`,
/// `^-`, `^"`); `\,` is a literal comma (the Explore UI's spelling). Unescaped `%` and `_` are LIKE
/// wildcards. An item wrapped in `"…"` or `'…'` is fully literal, so `-"NULL"` excludes the text NULL;
/// a quote that does not wrap the whole item is an ordinary character (`O'Brien`).
enum StringFilterParser {
    private enum Kind { case literal, escaped, wildcard }
    private struct Piece { var byte: UInt8; var kind: Kind }

    private static let comma = UInt8(ascii: ","), caret = UInt8(ascii: "^"), backslash = UInt8(ascii: "\\")
    private static let minus = UInt8(ascii: "-"), percent = UInt8(ascii: "%"), underscore = UInt8(ascii: "_")

    static func parse(_ b: [UInt8]) -> [StringFilterItem] {
        var items: [StringFilterItem] = []
        var i = 0
        let n = b.count
        while i <= n {
            while i < n, FilterBytes.isSpace(b[i]) { i += 1 }
            if i == n { break }
            var negated = false
            if b[i] == minus {
                negated = true
                i += 1
                while i < n, FilterBytes.isSpace(b[i]) { i += 1 }  // "- FOO" reads as "-FOO"
            }

            if i < n, b[i] == UInt8(ascii: "\"") || b[i] == UInt8(ascii: "'"),
               let (text, next) = quoted(b, from: i) {
                items.append(StringFilterItem(negated: negated, match: .equals(text)))
                i = next + 1
                continue
            }

            var pieces: [Piece] = []
            while i < n, b[i] != comma {
                let c = b[i]
                if c == caret, i + 1 < n {
                    pieces.append(Piece(byte: b[i + 1], kind: .escaped)); i += 2
                } else if c == backslash, i + 1 < n, b[i + 1] == comma {
                    pieces.append(Piece(byte: comma, kind: .escaped)); i += 2
                } else if c == percent || c == underscore {
                    pieces.append(Piece(byte: c, kind: .wildcard)); i += 1
                } else {
                    pieces.append(Piece(byte: c, kind: .literal)); i += 1
                }
            }
            i += 1  // past the comma (or past the end, which ends the loop)
            while let last = pieces.last, last.kind == .literal, FilterBytes.isSpace(last.byte) { pieces.removeLast() }

            if pieces.isEmpty {
                // A lone "-" is the text "-"; an empty item between commas adds nothing.
                if negated { items.append(StringFilterItem(negated: false, match: .equals("-"))) }
                continue
            }
            items.append(StringFilterItem(negated: negated, match: match(pieces)))
        }
        return items
    }

    /// An item wrapped in matching quotes, returning its text and the index of the following comma
    /// (or the end); nil when the quote does not wrap the whole item.
    private static func quoted(_ b: [UInt8], from start: Int) -> (String, Int)? {
        let quote = b[start]
        var out: [UInt8] = []
        var j = start + 1
        while j < b.count {
            if b[j] == caret, j + 1 < b.count {
                out.append(b[j + 1]); j += 2; continue
            }
            if b[j] == quote {
                var k = j + 1
                while k < b.count, FilterBytes.isSpace(b[k]) { k += 1 }
                guard k == b.count || b[k] == comma else { return nil }
                return (String(decoding: out, as: UTF8.self), k)
            }
            out.append(b[j]); j += 1
        }
        return nil
    }

    private static func match(_ pieces: [Piece]) -> StringMatch {
        if pieces.allSatisfy({ $0.kind == .literal }) {
            let word = FilterBytes.upper(ArraySlice(pieces.map(\.byte)))
            if word == "NULL" { return .null }
            if word == "EMPTY" { return .empty }
        }
        guard pieces.contains(where: { $0.kind == .wildcard }) else {
            return .equals(String(decoding: pieces.map(\.byte), as: UTF8.self))
        }
        var pattern: [UInt8] = []
        pattern.reserveCapacity(pieces.count + 4)
        for p in pieces {
            if p.kind != .wildcard, p.byte == percent || p.byte == underscore || p.byte == backslash {
                pattern.append(backslash)
            }
            pattern.append(p.byte)
        }
        return .like(String(decoding: pattern, as: UTF8.self))
    }
}
