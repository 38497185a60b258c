/// Quoted strings and `;;`-terminated SQL/HTML values.
extension Parser {
    /// `"…"` starting at the quote. Strings may span lines; `\"`, `\\`, `\n`, `\t` are decoded and
    /// any other escaped character stands for itself.
    mutating func parseQuoted() -> Scalar {
        let open = pos
        let openLocation = location(open)
        var p: Int
        let hasEscape: Bool
        let spansLines: Bool
        if open > lastQuoteScan.open && open < lastQuoteScan.close {
            // Inside the previous scan every '"' was escaped, so this scan would end where it did.
            p = lastQuoteScan.close
            hasEscape = lastQuoteScan.lastEscape > open
            spansLines = lastQuoteScan.lastNewline > open
        } else if let close = quickScan(from: open + 1) {
            // No escape before the next quote (nearly every string): memchr found it.
            p = close.quote
            lastQuoteScan = (open, p, -1, close.lastNewline)
            hasEscape = false
            spansLines = close.lastNewline >= 0
        } else {
            p = open + 1
            var lastEscape = -1
            var lastNewline = -1
            while p < count {
                let c = bytes[p]
                if c == ByteClass.quote { break }
                if c == ByteClass.backslash {
                    lastEscape = p
                    p += 2
                } else {
                    if c == ByteClass.newline { lastNewline = p }
                    p += 1
                }
            }
            p = min(p, count)
            lastQuoteScan = (open, p, lastEscape, lastNewline)
            hasEscape = lastEscape >= 0
            spansLines = lastNewline >= 0
        }
        // A multi-line string whose closing quote runs straight into a word (`label: "abc` then
        // `description: "x"`) borrowed the next string's opening quote: the real mistake is on the
        // first line.
        let closed = p < count && !(spansLines && ByteClass.isBare(byte(p + 1)))
        let end: Int
        if closed {
            end = p
            pos = p + 1
        } else {
            let found = p < count ? "end of line" : "end of file"
            error("string is not terminated: expected '\"', found \(found)", at: open)
            // Keep the rest of the opening line as the text and resume on the next line, which is
            // where the missing quote most likely belonged.
            var e = open + 1
            while e < count && bytes[e] != ByteClass.newline { e += 1 }
            pos = e
            end = e > open + 1 && bytes[e - 1] == ByteClass.carriageReturn ? e - 1 : e
        }
        let text = hasEscape ? decodeEscapes(open + 1, end) : string(open + 1, end)
        return Scalar(text: text, style: .quoted, location: openLocation)
    }

    /// The next `"` at or after `start` and the last newline before it, when no backslash comes
    /// first; nil when there is an escape to walk through (or no quote at all).
    private func quickScan(from start: Int) -> (quote: Int, lastNewline: Int)? {
        guard let quote = ByteSearch.first(ByteClass.quote, in: bytes, from: start, to: count),
              ByteSearch.first(ByteClass.backslash, in: bytes, from: start, to: quote) == nil else { return nil }
        // Strings rarely span lines: usually one search that finds nothing.
        var lastNewline = -1
        var from = start
        while let newline = ByteSearch.first(ByteClass.newline, in: bytes, from: from, to: quote) {
            lastNewline = newline
            from = newline + 1
        }
        return (quote, lastNewline)
    }

    private func decodeEscapes(_ start: Int, _ end: Int) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(end - start)
        var p = start
        while p < end {
            let c = bytes[p]
            if c == ByteClass.backslash {
                p += 1
                guard p < end else { break }
                switch bytes[p] {
                case 0x6E: out.append(ByteClass.newline)  // \n
                case 0x74: out.append(ByteClass.tab)  // \t
                default: out.append(bytes[p])  // \" \\ and anything else: the character itself
                }
            } else {
                out.append(c)
            }
            p += 1
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// Raw text from the first non-blank character after `key:` up to the first `;;`, trimmed.
    /// Looker ends the value at the first `;;` even inside quotes, and so do we.
    mutating func parseSQL(keyStart: Int, keyEnd: Int) -> Scalar {
        while pos < count && ByteClass.isWhitespace(bytes[pos]) { pos += 1 }
        let start = pos
        let startLocation = location(start)
        var end: Int
        if let terminator = findTerminator(from: start) {
            end = terminator
            pos = terminator + 2
        } else {
            error("sql value for '\(string(keyStart, keyEnd))' is not terminated by ';;'", at: keyStart)
            end = sqlRecoveryEnd(from: start)
            pos = end
        }
        while end > start && ByteClass.isWhitespace(bytes[end - 1]) { end -= 1 }
        return Scalar(text: string(start, end), style: .sql, location: startLocation)
    }

    /// The offset of the first `;;` at or after `start`.
    private mutating func findTerminator(from start: Int) -> Int? {
        guard start < noTerminatorFrom else { return nil }
        var p = start
        let last = count - 1
        while p < last {
            if bytes[p] == ByteClass.semicolon {
                if bytes[p + 1] == ByteClass.semicolon { return p }
                p += 1
            }
            p += 1
        }
        noTerminatorFrom = start
        return nil
    }

    /// Where an unterminated SQL value most likely ends: at a `}` that closes more braces than the
    /// SQL opened (the enclosing block's), or before a later line that starts with `key:`, so the
    /// rest of the file still parses as LookML.
    private func sqlRecoveryEnd(from start: Int) -> Int {
        var balance = 0
        var p = start
        while p < count {
            let c = bytes[p]
            if c == ByteClass.leftBrace {
                balance += 1
            } else if c == ByteClass.rightBrace {
                balance -= 1
                if balance < 0 { return p }
            } else if c == ByteClass.newline {
                var q = p + 1
                while q < count && ByteClass.isHorizontalSpace(bytes[q]) { q += 1 }
                if looksLikeKey(at: q) { return p + 1 }
            }
            p += 1
        }
        return count
    }
}
