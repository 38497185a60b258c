/// Describing what was found, and skipping past mistakes so one error yields one diagnostic.
extension Parser {
    /// What is at `offset`, as a diagnostic names it: `'{'`, `'revenue'`, `end of line`, …
    func describe(at offset: Int) -> String {
        guard offset < count else { return "end of file" }
        let c = bytes[offset]
        if c == ByteClass.newline || (c == ByteClass.carriageReturn && byte(offset + 1) == ByteClass.newline) {
            return "end of line"
        }
        if ByteClass.isBare(c) {
            let end = scanBare(from: offset)
            let scalars = string(offset, end).unicodeScalars
            if scalars.count > 32 { return "'\(String(String.UnicodeScalarView(scalars.prefix(32))))…'" }
            return "'\(string(offset, end))'"
        }
        if c < 0x20 || c == 0x7F {
            let hex = String(c, radix: 16, uppercase: true)
            return "character U+\(String(repeating: "0", count: 4 - hex.count))\(hex)"
        }
        return "'\(Character(Unicode.Scalar(c)))'"
    }

    /// Skips the rest of a broken statement: up to the end of the line or a `}` that closes the
    /// enclosing block, stepping over anything bracketed or quoted it opens on the way. Always
    /// consumes the byte at the current position.
    mutating func skipStatement() {
        var depth = 0
        var first = true
        while pos < count {
            let c = bytes[pos]
            if !first && depth == 0 && (c == ByteClass.newline || c == ByteClass.rightBrace) { return }
            first = false
            switch c {
            case ByteClass.leftBrace, ByteClass.leftBracket:
                depth += 1
            case ByteClass.rightBrace, ByteClass.rightBracket:
                if depth > 0 { depth -= 1 }
            case ByteClass.quote:
                pos += 1
                while pos < count && bytes[pos] != ByteClass.quote && bytes[pos] != ByteClass.newline { pos += 1 }
                if pos < count && bytes[pos] == ByteClass.newline { continue }
            default:
                break
            }
            pos += 1
        }
    }

    /// Skips from a `{` or `[` to its match (or the end of the file) without building anything.
    mutating func skipBalanced() {
        var depth = 0
        while pos < count {
            let c = bytes[pos]
            pos += 1
            switch c {
            case ByteClass.leftBrace, ByteClass.leftBracket:
                depth += 1
            case ByteClass.rightBrace, ByteClass.rightBracket:
                depth -= 1
                if depth <= 0 { return }
            case ByteClass.quote:
                while pos < count && bytes[pos] != ByteClass.quote && bytes[pos] != ByteClass.newline { pos += 1 }
                if pos < count && bytes[pos] == ByteClass.quote { pos += 1 }
            default:
                break
            }
        }
    }

    /// The offset of the first newline in `start..<end`, if any.
    func firstNewline(from start: Int, to end: Int) -> Int? {
        var p = start
        while p < end {
            if bytes[p] == ByteClass.newline { return p }
            p += 1
        }
        return nil
    }

    /// True if `offset` starts `identifier:` (but not `identifier::`, a SQL cast).
    func looksLikeKey(at offset: Int) -> Bool {
        guard offset < count, ByteClass.isIdentifierStart(bytes[offset]) else { return false }
        var p = offset + 1
        while p < count && ByteClass.isIdentifierContinue(bytes[p]) { p += 1 }
        while p < count && ByteClass.isHorizontalSpace(bytes[p]) { p += 1 }
        return byte(p) == ByteClass.colon && byte(p + 1) != ByteClass.colon
    }
}
