/// A recursive-descent parser over the UTF-8 bytes of one LookML file.
///
/// Every loop consumes at least one byte per iteration or returns, and nesting is capped at
/// `maxDepth`, so any input terminates in time linear in its size (see Fuzz/). Errors are recorded
/// in `diagnostics` and parsing resumes at the next line or `}`.
struct Parser {
    /// Deeper nesting than this is reported instead of recursed into, so hostile input cannot
    /// exhaust the stack (real LookML nests perhaps five levels).
    static let maxDepth = 100

    let bytes: UnsafeBufferPointer<UInt8>
    let count: Int
    var pos: Int
    var map: SourceMap
    var diagnostics: [Diagnostic] = []
    /// A `;;` search starting at or after this offset is known to fail; remembering it keeps a
    /// file with many unterminated SQL values linear instead of quadratic.
    var noTerminatorFrom = Int.max
    /// Pairs of every block being parsed, innermost last. Each block moves its own out once it
    /// closes, which costs one exactly-sized allocation instead of an array regrown while appending.
    let pairStack = MoveStack<Pair>()
    /// Set once something was left open at the end of the file: every block around it is then
    /// unclosed too, but that is one mistake, so it is reported once.
    var reportedOpenAtEnd = false
    /// The last quoted-string scan: where it opened and closed (or hit the end), and its last
    /// escape and newline. A string that opens inside it (at an escaped quote, after recovery)
    /// reuses it, so recovery cannot rescan the same text once per line.
    var lastQuoteScan = (open: -1, close: -1, lastEscape: -1, lastNewline: -1)
    /// The same for list items.
    let itemStack = MoveStack<SyntaxList.Item>()

    init(bytes: UnsafeBufferPointer<UInt8>, path: String) {
        self.bytes = bytes
        count = bytes.count
        let hasBOM = count >= 3 && bytes[0] == 0xEF && bytes[1] == 0xBB && bytes[2] == 0xBF
        pos = hasBOM ? 3 : 0
        map = SourceMap(bytes: bytes, start: pos, path: path)
    }

    // MARK: Primitives

    /// The byte at `i`, or 0 past the end: lookahead never needs its own bounds check.
    @inline(__always)
    func byte(_ i: Int) -> UInt8 { i < count ? bytes[i] : 0 }

    @inline(__always)
    func string(_ start: Int, _ end: Int) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<end]), as: UTF8.self)
    }

    mutating func location(_ offset: Int) -> SourceLocation {
        map.location(of: offset, in: bytes)
    }

    mutating func error(_ message: String, at offset: Int) {
        diagnostics.append(.error(message, at: location(offset)))
    }

    /// Skips whitespace, newlines and `#` comments.
    mutating func skipTrivia() {
        while pos < count {
            let c = bytes[pos]
            if ByteClass.isWhitespace(c) {
                pos += 1
            } else if c == ByteClass.hash {
                while pos < count && bytes[pos] != ByteClass.newline { pos += 1 }
            } else {
                return
            }
        }
    }

    /// Skips spaces and tabs on the current line.
    mutating func skipHorizontalSpace() {
        while pos < count && ByteClass.isHorizontalSpace(bytes[pos]) { pos += 1 }
    }

    /// The end of the unquoted token starting at `start`. `@{constant}` and `${field}` are taken
    /// whole, braces included; one left open takes the rest of its line (see `unclosedReference`).
    func scanBare(from start: Int) -> Int {
        var p = start
        while p < count {
            let c = bytes[p]
            if ByteClass.isBare(c) {
                p += 1
            } else if c == ByteClass.leftBrace && p > start
                        && (bytes[p - 1] == ByteClass.at || bytes[p - 1] == ByteClass.dollar) {
                var q = p + 1
                while q < count && bytes[q] != ByteClass.rightBrace && bytes[q] != ByteClass.newline { q += 1 }
                guard q < count && bytes[q] == ByteClass.rightBrace else {
                    while q > p + 1 && ByteClass.isHorizontalSpace(bytes[q - 1]) { q -= 1 }
                    return q
                }
                p = q + 1
            } else {
                return p
            }
        }
        return p
    }

    /// The offset of an `@{` or `${` in the token `start..<end` that has no closing `}`.
    func unclosedReference(_ start: Int, _ end: Int) -> Int? {
        var open: Int?
        var p = start
        while p < end {
            let c = bytes[p]
            if c == ByteClass.leftBrace && p > start
                && (bytes[p - 1] == ByteClass.at || bytes[p - 1] == ByteClass.dollar) {
                open = p - 1
            } else if c == ByteClass.rightBrace {
                open = nil
            }
            p += 1
        }
        return open
    }

    /// Reads an unquoted value at `pos`, reporting an `@{`/`${` left open inside it.
    mutating func readBareValue() -> (text: String, start: Int) {
        let start = pos
        pos = scanBare(from: pos)
        if let open = unclosedReference(start, pos) {
            error("expected '}' to close '\(string(open, open + 2))' in '\(string(start, pos))', found end of line",
                  at: open)
        }
        return (string(start, pos), start)
    }

    func isIdentifier(_ start: Int, _ end: Int) -> Bool {
        guard start < end, ByteClass.isIdentifierStart(bytes[start]) else { return false }
        var p = start + 1
        while p < end {
            if !ByteClass.isIdentifierContinue(bytes[p]) { return false }
            p += 1
        }
        return true
    }

    /// Keys whose value is raw text up to `;;`: every key starting with `sql`, `html` or `expression`.
    func isSQLKey(_ start: Int, _ end: Int) -> Bool {
        func hasPrefix(_ prefix: StaticString) -> Bool {
            let length = prefix.utf8CodeUnitCount
            guard end - start >= length else { return false }
            let p = prefix.utf8Start
            for i in 0..<length where bytes[start + i] != p[i] { return false }
            return true
        }
        return hasPrefix("sql") || hasPrefix("html") || hasPrefix("expression")
    }

    // MARK: Pairs and blocks

    mutating func parseFile() -> [Pair] {
        parsePairs(inBlock: false, depth: 0)
    }

    /// Pairs up to the end of the file, or (in a block) up to but not including its `}`.
    mutating func parsePairs(inBlock: Bool, depth: Int) -> [Pair] {
        let base = pairStack.count
        defer { pairStack.truncate(to: base) }
        while true {
            skipTrivia()
            guard pos < count else { return pairStack.take(from: base) }
            let c = bytes[pos]
            if c == ByteClass.rightBrace {
                if inBlock { return pairStack.take(from: base) }
                error("unexpected '}' with no block open", at: pos)
                pos += 1
            } else if ByteClass.isBare(c) {
                if let pair = parsePair(depth: depth) { pairStack.push(pair) }
            } else {
                error("expected a key, found \(describe(at: pos))", at: pos)
                skipStatement()
            }
        }
    }

    /// `key: value`, starting at a bare token. Returns nil (after reporting) when the pair is
    /// unusable; the position is then somewhere parsing can resume.
    mutating func parsePair(depth: Int) -> Pair? {
        let keyStart = pos
        let keyEnd = scanBare(from: pos)
        pos = keyEnd
        skipHorizontalSpace()
        guard isIdentifier(keyStart, keyEnd) else {
            error("expected a key (letters, digits and '_'), found '\(string(keyStart, keyEnd))'", at: keyStart)
            // Parse and drop the value so a block or SQL after a bad key does not cascade.
            if byte(pos) == ByteClass.colon {
                pos += 1
                _ = parseValue(keyStart: keyStart, keyEnd: keyEnd, depth: depth)
            } else if pos < count && bytes[pos] != ByteClass.newline && bytes[pos] != ByteClass.rightBrace {
                skipStatement()
            }
            return nil
        }
        let key = string(keyStart, keyEnd)
        let keyLocation = location(keyStart)
        if byte(pos) == ByteClass.colon {
            pos += 1
        } else {
            error("expected ':' after '\(key)', found \(describe(at: pos))", at: pos)
            guard pos < count else { return nil }
            let c = bytes[pos]
            if c == ByteClass.newline || c == ByteClass.rightBrace || c == ByteClass.hash { return nil }
            guard ByteClass.isBare(c) || c == ByteClass.quote || c == ByteClass.leftBrace
                    || c == ByteClass.leftBracket else {
                skipStatement()
                return nil
            }
            // A value follows on the same line: read it as if the ':' were there.
        }
        guard let value = parseValue(keyStart: keyStart, keyEnd: keyEnd, depth: depth) else { return nil }
        return Pair(key: key, keyLocation: keyLocation, value: value)
    }

    /// The value after `key:`; the position is just past the `:`. `inList` is set for the pairs
    /// of a list (`filters: [sql_field: "x"]`), whose keys are field names, never SQL parameters.
    mutating func parseValue(keyStart: Int, keyEnd: Int, depth: Int, inList: Bool = false) -> SyntaxValue? {
        if !inList && isSQLKey(keyStart, keyEnd) {
            return .scalar(parseSQL(keyStart: keyStart, keyEnd: keyEnd))
        }
        let afterColon = pos
        skipTrivia()
        guard pos < count else {
            error("expected a value for '\(string(keyStart, keyEnd))', found end of file", at: pos)
            return nil
        }
        let c = bytes[pos]
        switch c {
        case ByteClass.quote:
            return .scalar(parseQuoted())
        case ByteClass.leftBracket:
            return parseList(keyStart: keyStart, keyEnd: keyEnd, depth: depth).map(SyntaxValue.list)
        case ByteClass.leftBrace:
            return parseBlock(name: nil, nameLocation: nil, keyStart: keyStart, keyEnd: keyEnd, depth: depth)
                .map(SyntaxValue.block)
        case ByteClass.rightBrace:
            error("expected a value for '\(string(keyStart, keyEnd))', found '}'", at: pos)
            return nil
        default:
            guard ByteClass.isBare(c) else {
                error("expected a value for '\(string(keyStart, keyEnd))', found \(describe(at: pos))", at: pos)
                skipStatement()
                return nil
            }
            // `label:` with nothing after it, followed by the next pair on a later line.
            if let newline = firstNewline(from: afterColon, to: pos), looksLikeKey(at: pos) {
                error("expected a value for '\(string(keyStart, keyEnd))', found end of line", at: newline)
                return nil
            }
            let (text, start) = readBareValue()
            let textLocation = location(start)
            skipTrivia()
            if byte(pos) == ByteClass.leftBrace {
                return parseBlock(name: text, nameLocation: textLocation, keyStart: keyStart, keyEnd: keyEnd,
                                  depth: depth).map(SyntaxValue.block)
            }
            return .scalar(Scalar(text: text, style: .bare, location: textLocation))
        }
    }

    /// `{ pairs }`, starting at `{`, as the value of `key` (named `name` if given).
    mutating func parseBlock(name: String?, nameLocation: SourceLocation?, keyStart: Int, keyEnd: Int,
                             depth: Int) -> Block? {
        let open = pos
        let openLocation = location(open)
        guard depth < Parser.maxDepth else {
            error("blocks and lists are nested more than \(Parser.maxDepth) levels deep", at: open)
            skipBalanced()
            if pos >= count { reportedOpenAtEnd = true }
            return nil
        }
        pos += 1
        let pairs = parsePairs(inBlock: true, depth: depth + 1)
        if pos < count && bytes[pos] == ByteClass.rightBrace {
            pos += 1
        } else if !reportedOpenAtEnd {
            reportedOpenAtEnd = true
            let owner = name.map { "\(string(keyStart, keyEnd)): \($0)" } ?? string(keyStart, keyEnd)
            error("expected '}' to close the '\(owner)' block, found end of file", at: open)
        }
        return Block(name: name, nameLocation: nameLocation, pairs: pairs, location: openLocation)
    }
}
