/// `[a, b]`, `["x", "y"]`, `[status: "complete", amount: ">10"]` and mixtures.
extension Parser {
    /// A list starting at `[`, as the value of `key`.
    mutating func parseList(keyStart: Int, keyEnd: Int, depth: Int) -> SyntaxList? {
        let open = pos
        let openLocation = location(open)
        guard depth < Parser.maxDepth else {
            error("blocks and lists are nested more than \(Parser.maxDepth) levels deep", at: open)
            skipBalanced()
            if pos >= count { reportedOpenAtEnd = true }
            return nil
        }
        pos += 1
        let base = itemStack.count
        defer { itemStack.truncate(to: base) }
        // True right after `[` or `,`: an item may come; false right after an item: `,` or `]` must.
        var expectingItem = true
        var lastItemEnd: Int?
        while true {
            skipTrivia()
            guard pos < count else {
                if !reportedOpenAtEnd {
                    reportedOpenAtEnd = true
                    error("expected ']' to close the list for '\(string(keyStart, keyEnd))', found end of file",
                          at: open)
                }
                return SyntaxList(items: itemStack.take(from: base), location: openLocation)
            }
            let c = bytes[pos]
            switch c {
            case ByteClass.rightBracket:
                pos += 1
                return SyntaxList(items: itemStack.take(from: base), location: openLocation)
            case ByteClass.rightBrace:
                error("expected ']' to close the list for '\(string(keyStart, keyEnd))', found '}'", at: pos)
                return SyntaxList(items: itemStack.take(from: base), location: openLocation)
            case ByteClass.comma:
                if expectingItem { error("expected a list item, found ','", at: pos) }
                pos += 1
                expectingItem = true
                continue
            default:
                break
            }
            if !expectingItem, let previousEnd = lastItemEnd, firstNewline(from: previousEnd, to: pos) != nil,
               looksLikeKey(at: pos) {
                // `fields: [a, b` then the next pair: the `]` was forgotten at the end of the line.
                error("expected ']' to close the list for '\(string(keyStart, keyEnd))', found \(describe(at: pos))",
                      at: pos)
                return SyntaxList(items: itemStack.take(from: base), location: openLocation)
            }
            if c == ByteClass.leftBracket {
                error("expected a list item, found '[' (lists cannot contain lists)", at: pos)
                skipBalanced()
                expectingItem = false
                lastItemEnd = pos
                continue
            }
            let startsItem = ByteClass.isBare(c) || c == ByteClass.quote || c == ByteClass.leftBrace
            if !expectingItem || !startsItem {
                let expected = expectingItem ? "a list item" : "',' or ']' after a list item"
                error("expected \(expected), found \(describe(at: pos))", at: pos)
                if !startsItem {
                    // One report for a run of junk: skip to something a list can continue with.
                    pos += 1
                    while pos < count {
                        let d = bytes[pos]
                        if ByteClass.isWhitespace(d) || ByteClass.isBare(d) || d == ByteClass.quote
                            || d == ByteClass.leftBrace || d == ByteClass.rightBrace || d == ByteClass.comma
                            || d == ByteClass.rightBracket { break }
                        pos += 1
                    }
                    // The junk stood where a separator belonged; let the next item follow it.
                    expectingItem = true
                    continue
                }
                // A missing comma: read the item anyway.
            }
            expectingItem = false
            if let item = parseListItem(listKeyStart: keyStart, listKeyEnd: keyEnd, depth: depth + 1) {
                itemStack.push(item)
            }
            lastItemEnd = pos
        }
    }

    /// One list item starting at a quote, `{` or a bare token.
    private mutating func parseListItem(listKeyStart: Int, listKeyEnd: Int, depth: Int) -> SyntaxList.Item? {
        let c = bytes[pos]
        if c == ByteClass.quote { return .scalar(parseQuoted()) }
        if c == ByteClass.leftBrace {
            // An anonymous block has no key of its own: diagnostics name the list's key instead.
            return parseBlock(name: nil, nameLocation: nil, keyStart: listKeyStart, keyEnd: listKeyEnd, depth: depth)
                .map(SyntaxList.Item.block)
        }
        let (text, start) = readBareValue()
        let end = pos
        let textLocation = location(start)
        skipHorizontalSpace()
        if byte(pos) == ByteClass.colon {
            // `view.field: "value"`: list pairs may have dotted keys (filters on fields).
            pos += 1
            guard let value = parseValue(keyStart: start, keyEnd: end, depth: depth, inList: true) else { return nil }
            return .pair(Pair(key: text, keyLocation: textLocation, value: value))
        }
        skipTrivia()
        if byte(pos) == ByteClass.leftBrace {
            return parseBlock(name: text, nameLocation: textLocation, keyStart: start, keyEnd: end, depth: depth)
                .map(SyntaxList.Item.block)
        }
        // Stay on the item's line so the caller can tell a forgotten `]` from a missing comma.
        pos = end
        return .scalar(Scalar(text: text, style: .bare, location: textLocation))
    }
}
