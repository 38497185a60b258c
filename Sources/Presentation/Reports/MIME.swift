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
        if isPlainHeaderText(value) {
            return fold(name + ": ", words: value.split(separator: " ", omittingEmptySubsequences: false).map(String.init), separator: " ")
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

    /// An address header (`To`, `Cc`) of `Name <addr>` or bare addresses, display names encoded
    /// when they are not plain ASCII, one address per continuation line when they do not fit.
    static func addressHeader(_ name: String, _ addresses: [String]) throws -> String {
        let rendered = try addresses.map(address)
        var out = name + ": "
        var column = out.utf8.count
        for (i, address) in rendered.enumerated() {
            let piece = address + (i < rendered.count - 1 ? "," : "")
            if i > 0 {
                if column + 1 + piece.utf8.count > 76 {
                    out += crlf + " "
                    column = 1
                } else {
                    out += " "
                    column += 1
                }
            }
            out += piece
            column += piece.utf8.count
        }
        return out + crlf
    }

    /// One mailbox: `addr@host`, or `Name <addr@host>` with the name quoted or encoded as needed.
    static func address(_ text: String) throws -> String {
        let trimmed = text.trimmingSpaces()
        guard !trimmed.isEmpty, !trimmed.contains(where: { $0 == "\r" || $0 == "\n" }) else {
            throw ReportError("'\(text)' is not an email address")
        }
        var display: Substring = ""
        var mailbox = Substring(trimmed)
        if trimmed.hasSuffix(">"), let open = trimmed.lastIndex(of: "<") {
            display = String(trimmed[..<open]).trimmingSpaces()
            mailbox = trimmed[trimmed.index(after: open)..<trimmed.index(before: trimmed.endIndex)]
            if display.hasPrefix("\"") && display.hasSuffix("\"") && display.count >= 2 { display = display.dropFirst().dropLast() }
        }
        let parts = mailbox.split(separator: "@", omittingEmptySubsequences: false)
        guard parts.count == 2, !parts[0].isEmpty, !parts[1].isEmpty,
              mailbox.utf8.allSatisfy({ $0 > 32 && $0 < 127 && $0 != UInt8(ascii: "<") && $0 != UInt8(ascii: ">") && $0 != UInt8(ascii: ",") }) else {
            throw ReportError("'\(text)' is not an email address (expected name@host or 'Name <name@host>')")
        }
        if display.isEmpty { return String(mailbox) }
        let name: String
        if isPlainHeaderText(String(display)) {
            let escaped = display.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
            name = "\"" + escaped + "\""
        } else {
            name = encodedWords(String(display)).joined(separator: " ")
        }
        return "\(name) <\(mailbox)>"
    }
}
