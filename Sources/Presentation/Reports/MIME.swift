import Foundation

/// The encodings a mail message needs (RFC 2045, 2047, 5322), written on UTF-8 bytes: every line
/// they produce ends in CRLF and is at most 76 octets (headers fold before 78).
enum MIME {
    static let crlf = "\r\n"
    private static let hex: [UInt8] = Array("0123456789ABCDEF".utf8)
    private static let base64Alphabet: [UInt8] = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)

    /// Quoted-printable (RFC 2045 §6.7) of text whose lines end in LF or CRLF: hard line breaks
    /// become CRLF, lines longer than 76 are cut with soft breaks (`=`) never inside an `=XX`.
    /// Besides what the RFC requires, a leading `.` (which ends a message for `sendmail` without
    /// `-i`) and a leading `From ` (which mbox files mangle) are encoded.
    static func quotedPrintable(_ text: String) -> String {
        var out: [UInt8] = []
        let bytes = Array(text.utf8)
        out.reserveCapacity(bytes.count + bytes.count / 8)
        var lineStart = 0
        while lineStart <= bytes.count {
            var lineEnd = lineStart
            while lineEnd < bytes.count && bytes[lineEnd] != 10 { lineEnd += 1 }
            var contentEnd = lineEnd
            if contentEnd > lineStart && bytes[contentEnd - 1] == 13 { contentEnd -= 1 }
            encodeLine(bytes[lineStart..<contentEnd], into: &out)
            if lineEnd >= bytes.count { break }
            out.append(13); out.append(10)
            lineStart = lineEnd + 1
        }
        if out.last != 10 { out.append(13); out.append(10) }
        return String(decoding: out, as: UTF8.self)
    }

    private static func encodeLine(_ line: ArraySlice<UInt8>, into out: inout [UInt8]) {
        var column = 0
        let startsWithFrom = line.starts(with: "From ".utf8)
        for index in line.indices {
            let byte = line[index]
            let isLast = index == line.index(before: line.endIndex)
            let atStart = index == line.startIndex
            let literal: Bool
            switch byte {
            case 32, 9: literal = !isLast  // trailing white space would be stripped in transit
            case UInt8(ascii: "="): literal = false
            case UInt8(ascii: "."): literal = !atStart
            case UInt8(ascii: "F"): literal = !(atStart && startsWithFrom)
            case 33...126: literal = true
            default: literal = false
            }
            let width = literal ? 1 : 3
            // Room for the soft break's "=" unless this is the line's last character.
            if column + width > (isLast ? 76 : 75) {
                out.append(UInt8(ascii: "=")); out.append(13); out.append(10)
                column = 0
            }
            if literal {
                out.append(byte)
            } else {
                out.append(UInt8(ascii: "="))
                out.append(hex[Int(byte >> 4)])
                out.append(hex[Int(byte & 0xF)])
            }
            column += width
        }
    }

    /// Base64 in lines of 76 characters, each ending in CRLF.
    static func base64(_ bytes: [UInt8]) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count * 4 / 3 + bytes.count / 38 + 8)
        var column = 0
        var i = 0
        while i < bytes.count {
            let n = min(3, bytes.count - i)
            let b0 = bytes[i], b1 = n > 1 ? bytes[i + 1] : 0, b2 = n > 2 ? bytes[i + 2] : 0
            out.append(base64Alphabet[Int(b0 >> 2)])
            out.append(base64Alphabet[Int((b0 & 0x3) << 4 | b1 >> 4)])
            out.append(n > 1 ? base64Alphabet[Int((b1 & 0xF) << 2 | b2 >> 6)] : UInt8(ascii: "="))
            out.append(n > 2 ? base64Alphabet[Int(b2 & 0x3F)] : UInt8(ascii: "="))
            column += 4
            i += 3
            if column == 76 { out.append(13); out.append(10); column = 0 }
        }
        if column > 0 { out.append(13); out.append(10) }
        return String(decoding: out, as: UTF8.self)
    }

    /// Whether `text` can go into a header as it is: printable ASCII and spaces only.
    static func isPlainHeaderText(_ text: String) -> Bool {
        text.utf8.allSatisfy { $0 >= 32 && $0 < 127 }
    }

    /// An unstructured header (`Subject`), folded: plain words when it is printable ASCII, else
    /// RFC 2047 `=?UTF-8?B?…?=` words, each holding whole characters and at most 75 octets.
    static func header(_ name: String, _ value: String) -> String {
        let value = String(value.unicodeScalars.map { $0 == "\r" || $0 == "\n" || $0 == "\t" ? " " : Character($0) })
        let words = value.split(separator: " ", omittingEmptySubsequences: false)
        // A plain word too long for a folded line (e.g. a 2,000-character subject without spaces, which
        // would make a line over RFC 5322's 998 octets), or one a reader would decode as an encoded
        // word, sends the whole value as encoded words, which fold anywhere between characters.
        if isPlainHeaderText(value) && !words.contains(where: { $0.utf8.count > 70 || $0.contains("=?") }) {
            return fold(name + ": ", words: words.map(String.init), separator: " ")
        }
        return fold(name + ": ", words: encodedWords(value, firstBudget: 76 - name.utf8.count - 2), separator: "")
    }

    /// Encoded words for `text`: base64 of at most 45 bytes each (60 characters + 12 of framing, which
    /// fits a continuation line); the first word fits in `firstBudget` octets.
    static func encodedWords(_ text: String, firstBudget: Int = 75) -> [String] {
        var words: [String] = []
        var chunk: [UInt8] = []
        func limit() -> Int { words.isEmpty ? max(3, (firstBudget - 12) / 4 * 3) : 45 }
        for character in text {
            let bytes = Array(String(character).utf8)
            if !chunk.isEmpty && chunk.count + bytes.count > limit() {
                words.append(encodedWord(chunk))
                chunk = []
            }
            chunk.append(contentsOf: bytes)
        }
        if !chunk.isEmpty || words.isEmpty { words.append(encodedWord(chunk)) }
        return words
    }

    private static func encodedWord(_ bytes: [UInt8]) -> String {
        var encoded = base64(bytes)
        while encoded.hasSuffix("\r\n") { encoded.removeLast() }  // "\r\n" is one Character
        return "=?UTF-8?B?" + encoded + "?="
    }

    /// `prefix` then `words` joined by `separator`, starting a continuation line (CRLF and a space)
    /// before a word that would pass 76 octets. Encoded words are joined by folding white space,
    /// which decoders drop between adjacent encoded words.
    static func fold(_ prefix: String, words: [String], separator: String) -> String {
        var out = prefix
        var column = prefix.utf8.count
        var first = true
        for word in words {
            let sep = first ? "" : separator
            let length = word.utf8.count
            if !first && column + sep.utf8.count + length > 76 {
                out += crlf + " "
                column = 1
                out += word
                column += length
            } else {
                out += sep + word
                column += sep.utf8.count + length
            }
            first = false
        }
        return out + crlf
    }

    /// An address header (`To`, `Cc`): each address as `Name <addr>` or a bare address, display
    /// names quoted or encoded as needed, folded between the words of a display name and between
    /// addresses so no line passes 76 octets (RFC 5322 allows 998).
    static func addressHeader(_ name: String, _ addresses: [String]) throws -> String {
        var words: [String] = []
        for (i, text) in addresses.enumerated() {
            var pieces = try Mailbox(parsing: text).headerWords()
            if i < addresses.count - 1 { pieces[pieces.count - 1] += "," }
            words += pieces
        }
        return fold(name + ": ", words: words, separator: " ")
    }

    /// One mailbox, rendered canonically: `addr@host`, or `Name <addr@host>` with the name quoted or
    /// encoded as needed. Throws a `ReportError` naming `text` unless it parses (see `Mailbox`).
    static func address(_ text: String) throws -> String {
        try Mailbox(parsing: text).headerWords().joined(separator: " ")
    }
}

/// One RFC 5322 §3.4 `mailbox` (`name-addr / addr-spec`), parsed with the grammar rather than by
/// looking for `<` and `@`: display names are phrases of atoms and quoted strings (UTF-8 allowed, as
/// RFC 6532 does, since they are re-encoded), comments in parentheses may nest and are dropped, the
/// address is `local-part@domain` with a dot-atom or quoted local part and a dot-atom or literal
/// domain, in ASCII. Anything else — an unbalanced `(` or `"`, a second address after a comma, text
/// after the `>` — is refused with one sentence naming the address, so it can never run on into the
/// next recipient of the header it is written to.
struct Mailbox: Equatable {
    var displayName: String
    var localPart: String
    var domain: String

    var addrSpec: String { localPart + "@" + domain }

    init(parsing text: String) throws {
        var parser = Parser(Array(text.utf8), text: text)
        (displayName, localPart, domain) = try parser.mailbox()
        guard addrSpec.utf8.count <= 254 else {
            throw ReportError("'\(Self.echo(text))' is not an email address (longer than 254 octets)")
        }
    }

    /// The words this mailbox takes in a header; a header may fold between any two of them.
    func headerWords() -> [String] {
        if displayName.isEmpty { return [addrSpec] }
        if MIME.isPlainHeaderText(displayName) && !displayName.contains("=?") {
            // A phrase is words separated by white space, so a long plain name becomes several
            // quoted strings cut at its spaces, and the header folds between them.
            var chunks: [String] = []
            var chunk = ""
            for word in displayName.split(separator: " ", omittingEmptySubsequences: true) {
                if !chunk.isEmpty && chunk.utf8.count + 1 + word.utf8.count > 60 {
                    chunks.append(chunk)
                    chunk = ""
                }
                chunk += (chunk.isEmpty ? "" : " ") + word
            }
            if !chunk.isEmpty { chunks.append(chunk) }
            if chunks.allSatisfy({ $0.utf8.count <= 66 }) {
                return chunks.map(Self.quoted) + ["<\(addrSpec)>"]
            }
        }
        // Encoded words may stand for the words of a phrase (RFC 2047 §5 (3)); each fits a folded
        // line, even the first after `From: `.
        return MIME.encodedWords(displayName, firstBudget: 68) + ["<\(addrSpec)>"]
    }

    static func quoted(_ text: String) -> String {
        "\"" + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\""
    }

    /// `text` for an error message: control characters shown as `\u{…}`, at most 200 characters.
    static func echo(_ text: String) -> String {
        let escaped = text.unicodeScalars.map { $0.value < 32 || $0.value == 127 ? "\\u{\(String($0.value, radix: 16))}" : String($0) }.joined()
        return escaped.count > 200 ? String(escaped.prefix(200)) + "…" : escaped
    }

    private struct Parser {
        let bytes: [UInt8]
        let text: String
        var at = 0

        init(_ bytes: [UInt8], text: String) {
            self.bytes = bytes
            self.text = text
        }

        func fail(_ why: String) -> ReportError {
            ReportError("'\(Mailbox.echo(text))' is not an email address (\(why); expected name@host or 'Name <name@host>')")
        }

        var peek: UInt8? { at < bytes.count ? bytes[at] : nil }

        /// `[CFWS]`: spaces, tabs and (nested) comments, which are dropped.
        mutating func skipCFWS() throws {
            while let byte = peek {
                if byte == 32 || byte == 9 {
                    at += 1
                } else if byte == UInt8(ascii: "(") {
                    var depth = 0
                    repeat {
                        guard let c = peek else { throw fail("a '(' comment is never closed") }
                        at += 1
                        if c == UInt8(ascii: "\\") {
                            guard peek != nil else { throw fail("a '(' comment is never closed") }
                            at += 1
                        } else if c == UInt8(ascii: "(") {
                            depth += 1
                        } else if c == UInt8(ascii: ")") {
                            depth -= 1
                        } else if c == 13 || c == 10 {
                            throw fail("it holds a line break")
                        }
                    } while depth > 0
                } else {
                    return
                }
            }
        }

        static func isAtext(_ b: UInt8, utf8: Bool) -> Bool {
            switch b {
            case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "0")...UInt8(ascii: "9"):
                return true
            case 128...255: return utf8
            default: return Array("!#$%&'*+-/=?^_`{|}~".utf8).contains(b)
            }
        }

        mutating func atom(utf8: Bool, dots: Bool) -> String? {
            let start = at
            while let b = peek, Self.isAtext(b, utf8: utf8) || (dots && b == UInt8(ascii: ".")) { at += 1 }
            return at > start ? String(decoding: bytes[start..<at], as: UTF8.self) : nil
        }

        /// A quoted string's content (quoted pairs undone); `peek` is the opening quote.
        mutating func quotedString(utf8: Bool) throws -> String {
            at += 1
            var out: [UInt8] = []
            while true {
                guard let b = peek else { throw fail("a '\"' quote is never closed") }
                at += 1
                if b == UInt8(ascii: "\"") { break }
                if b == 13 || b == 10 { throw fail("it holds a line break") }
                if b == UInt8(ascii: "\\") {
                    guard let next = peek else { throw fail("a '\"' quote is never closed") }
                    out.append(next)
                    at += 1
                } else {
                    guard b >= 32 || b == 9, b != 127, utf8 || b < 128 else { throw fail("its quoted part holds a character mail cannot carry") }
                    out.append(b)
                }
            }
            return String(decoding: out, as: UTF8.self)
        }

        mutating func mailbox() throws -> (String, String, String) {
            try skipCFWS()
            // A phrase (display name) then `<addr-spec>`, or an addr-spec alone.
            var words: [String] = []
            let start = at
            while let b = peek, b != UInt8(ascii: "<") {
                if b == UInt8(ascii: "\"") {
                    words.append(try quotedString(utf8: true))
                } else if let word = atom(utf8: true, dots: true) {
                    words.append(word)
                } else {
                    break
                }
                try skipCFWS()
            }
            if peek == UInt8(ascii: "<") {
                at += 1
                let (local, domain) = try addrSpec()
                guard peek == UInt8(ascii: ">") else { throw fail("the '<' is never closed by '>'") }
                at += 1
                try skipCFWS()
                try end()
                let name = words.joined(separator: " ")
                return (name, local, domain)
            }
            at = start
            let (local, domain) = try addrSpec()
            try skipCFWS()
            try end()
            return ("", local, domain)
        }

        mutating func end() throws {
            guard let b = peek else { return }
            if b == UInt8(ascii: ",") || b == UInt8(ascii: ";") { throw fail("give one address per --to or --cc") }
            throw fail("unexpected '\(Mailbox.echo(String(decoding: [b], as: UTF8.self)))' after the address")
        }

        /// `local-part "@" domain`, ASCII only (no SMTPUTF8), CFWS allowed around the parts.
        mutating func addrSpec() throws -> (String, String) {
            try skipCFWS()
            let local: String
            if peek == UInt8(ascii: "\"") {
                let content = try quotedString(utf8: false)
                local = Mailbox.quoted(content)
            } else {
                guard let word = atom(utf8: false, dots: true), Self.isDotAtom(word) else { throw fail("its part before '@' is not valid") }
                local = word
            }
            try skipCFWS()
            guard peek == UInt8(ascii: "@") else { throw fail("it has no '@host'") }
            at += 1
            try skipCFWS()
            let domain: String
            if peek == UInt8(ascii: "[") {
                let start = at
                at += 1
                while let b = peek, b != UInt8(ascii: "]") {
                    guard b > 32, b < 127, b != UInt8(ascii: "["), b != UInt8(ascii: "\\") else { throw fail("its '[' address literal is not valid") }
                    at += 1
                }
                guard peek == UInt8(ascii: "]") else { throw fail("a '[' is never closed") }
                at += 1
                domain = String(decoding: bytes[start..<at], as: UTF8.self)
            } else {
                guard let word = atom(utf8: false, dots: true), Self.isDotAtom(word) else { throw fail("its host after '@' is not valid") }
                domain = word
            }
            try skipCFWS()
            return (local, domain)
        }

        static func isDotAtom(_ word: String) -> Bool {
            !word.hasPrefix(".") && !word.hasSuffix(".") && !word.contains("..")
        }
    }
}
