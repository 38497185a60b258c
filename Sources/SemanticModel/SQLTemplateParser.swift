import LookML

/// Splits model SQL into literal text and `${…}` references, in one pass over the UTF-8 bytes.
///
/// Liquid (`{% … %}`, `{{ … }}`) is kept as literal text: it is evaluated per query, not per model.
enum SQLTemplateParser {
    /// One `${…}` reference and where it was written, for resolution diagnostics.
    struct Reference {
        var view: String?
        var name: String
        /// Byte offset of `$` in the parsed text.
        var offset: Int
        /// The reference as written (blanks inside the braces dropped), `${view.field}`: made
        /// only for messages, not for every reference parsed.
        var written: String { Self.written(view: view, name: name) }

        static func written(view: String?, name: String) -> String {
            view.map { "${\($0).\(name)}" } ?? "${\(name)}"
        }
    }

    /// A malformed `${…}`: its offset and a message.
    struct Problem {
        var offset: Int
        var message: String
    }

    static func parse(_ text: String) -> (fragments: [SQLTemplate.Fragment], references: [Reference], problems: [Problem]) {
        var fragments: [SQLTemplate.Fragment] = []
        // One allocation for the common shapes (`${TABLE}.column`, `${a} + ${b}`), not a regrowth
        // per fragment.
        fragments.reserveCapacity(4)
        var references: [Reference] = []
        var problems: [Problem] = []
        let dollar = UInt8(ascii: "$"), open = UInt8(ascii: "{"), close = UInt8(ascii: "}")
        text.utf8.withContiguousStorageIfAvailable { bytes in
            var literalStart = 0
            var i = 0
            let n = bytes.count
            func flush(_ end: Int) {
                if end > literalStart {
                    fragments.append(.text(String(decoding: UnsafeBufferPointer(rebasing: bytes[literalStart..<end]), as: UTF8.self)))
                }
            }
            while i < n {
                // Straight to the next `$`: most SQL has few, and a byte loop was most of this parse.
                guard let dollarAt = ByteSearch.first(dollar, in: bytes, from: i, to: n) else { break }
                i = dollarAt
                guard i + 1 < n, bytes[i + 1] == open else { i += 1; continue }
                var j = i + 2
                while j < n && bytes[j] != close && bytes[j] != 0x0A { j += 1 }
                guard j < n, bytes[j] == close else {
                    problems.append(Problem(offset: i, message: "unterminated reference '${': expected '}'"))
                    i += 2
                    continue
                }
                // Trim blanks inside the braces and find the dots, on bytes.
                var a = i + 2, b = j
                while a < b && (bytes[a] == 0x20 || bytes[a] == 0x09) { a += 1 }
                while b > a && (bytes[b - 1] == 0x20 || bytes[b - 1] == 0x09) { b -= 1 }
                // Dot positions as plain integers: an array per reference was an allocation each.
                var dotCount = 0, firstDot = -1, secondDot = -1, lastDot = -1
                var valid = a < b
                for k in a..<b {
                    if bytes[k] == UInt8(ascii: ".") {
                        if dotCount == 0 { firstDot = k } else if dotCount == 1 { secondDot = k }
                        lastDot = k
                        dotCount += 1
                    } else if !isIdentifierByte(bytes[k]) { valid = false }
                }
                if dotCount > 0, firstDot == a || lastDot == b - 1 || dotCount == 2 && secondDot == firstDot + 1 { valid = false }
                func text(_ from: Int, _ to: Int) -> String {
                    String(decoding: UnsafeBufferPointer(rebasing: bytes[from..<to]), as: UTF8.self)
                }
                guard valid, dotCount <= 1 else {
                    let written = "${" + text(a, b) + "}"
                    problems.append(Problem(offset: i, message: valid
                        ? "unsupported reference '\(written)': use ${field}, ${view.field}, ${TABLE} or ${view.SQL_TABLE_NAME}"
                        : "malformed reference '\(written)'"))
                    i = j + 1
                    continue
                }
                flush(i)
                if dotCount == 0 {
                    let name = text(a, b)
                    if name == "TABLE" {
                        fragments.append(.table)
                    } else {
                        fragments.append(.field(view: nil, name: name))
                        references.append(Reference(view: nil, name: name, offset: i))
                    }
                } else {
                    let view = text(a, firstDot), name = text(firstDot + 1, b)
                    if name == "SQL_TABLE_NAME" {
                        fragments.append(.sqlTableName(view: view))
                        references.append(Reference(view: view, name: "SQL_TABLE_NAME", offset: i))
                    } else {
                        fragments.append(.field(view: view, name: name))
                        references.append(Reference(view: view, name: name, offset: i))
                    }
                }
                i = j + 1
                literalStart = i
            }
            flush(n)
        } ?? {
            // Non-contiguous strings (bridged) are rare; copy once and retry.
            let copy = String(decoding: Array(text.utf8), as: UTF8.self)
            (fragments, references, problems) = parse(copy)
        }()
        return (fragments, references, problems)
    }

    static func isIdentifierByte(_ b: UInt8) -> Bool {
        (b >= 0x61 && b <= 0x7A) || (b >= 0x41 && b <= 0x5A) || (b >= 0x30 && b <= 0x39) || b == 0x5F || b >= 0x80
    }
}
