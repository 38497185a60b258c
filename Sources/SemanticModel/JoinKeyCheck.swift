/// Reads a join's `sql_on` to tell whether it lands on the joined view's primary key, which is
/// what a `many_to_one` or `one_to_one` declaration promises: at most one joined row per row of
/// the left side. Spyglass trusts that promise (no symmetric aggregates), so a condition on any
/// other column repeats rows and inflates measures.
///
/// The reading is deliberately conservative: a false warning on a correct project is worse than a
/// missed one, so anything not understood is `.unclear` and stays silent:
/// - Liquid (`{% … %}`, `{{ … }}`), `OR` at the top level, subqueries (`SELECT`), `BETWEEN` and
///   range comparisons (`<`, `>`, `<=`, `>=`: a validity range can make any key unique, as in
///   slowly changing dimensions);
/// - a condition that never mentions the joined view (`1 = 1` against a one-row table);
/// - a primary key that is not one column (`${TABLE}.a || ${TABLE}.b`): a composite key may be
///   equated piece by piece.
/// Functions around the key (`CAST(${users.id} AS text) = …`, `${users.id}::text = …`) count as
/// landing on the key: the key is still on one side of a top-level `=`.
enum JoinKeyCheck {
    enum Verdict: Equatable { case matchesKey, missesKey, unclear }

    // Markers standing for references in the byte image of the condition.
    private static let keyMark: UInt8 = 0x01, joinedMark: UInt8 = 0x02, otherMark: UInt8 = 0x03

    /// `sqlOn` of the join named `alias` whose view (`built`) has a primary key.
    static func verdict(sqlOn: SQLTemplate, alias: String, view built: ViewBuilder.Built) -> Verdict {
        guard let key = built.view.primaryKey else { return .unclear }
        let keyColumn = column(of: key, in: built, depth: 0)
        let lowerAlias = Array(alias.lowercased().utf8)
        var bytes: [UInt8] = []
        var mentionsJoined = false
        for fragment in sqlOn.fragments {
            switch fragment {
            case .text(let text):
                guard !text.contains("{%"), !text.contains("{{") else { return .unclear }
                guard appendText(text, alias: lowerAlias, keyColumn: keyColumn, to: &bytes, mentions: &mentionsJoined) else { return .unclear }
            case .field(let view?, let name) where view == alias:
                mentionsJoined = true
                if name == key.name { bytes.append(keyMark); continue }
                let field = built.index[name].map { built.view.fields[$0] }
                if let keyColumn, let field, column(of: field, in: built, depth: 0) == keyColumn {
                    bytes.append(keyMark)
                } else {
                    bytes.append(joinedMark)
                }
            case .sqlTableName(let view) where view == alias:
                return .unclear
            case .field, .table, .sqlTableName:
                bytes.append(otherMark)
            }
        }
        guard let conjuncts = conjuncts(bytes, bytes.startIndex..<bytes.endIndex) else { return .unclear }
        for range in conjuncts where bytes[range].contains(keyMark) && hasTopLevelEquality(bytes, range) {
            return .matchesKey
        }
        guard mentionsJoined, keyColumn != nil else { return .unclear }
        return .missesKey
    }

    /// The column a field reads when its SQL is just `${TABLE}.column` (quotes dropped, lower
    /// case) or another such field of the same view; nil for anything computed.
    private static func column(of field: Field, in built: ViewBuilder.Built, depth: Int) -> String? {
        guard depth < 8, let fragments = field.sql?.fragments else { return nil }
        var meaningful = fragments
        // Trailing blanks after the column are part of the written SQL, not of the column.
        if case .text(let t)? = meaningful.last, t.allSatisfy(\.isWhitespace) { meaningful.removeLast() }
        if case .text(let t)? = meaningful.first, t.allSatisfy(\.isWhitespace) { meaningful.removeFirst() }
        switch meaningful.count {
        case 1:
            guard case .field(let view, let name) = meaningful[0], view == nil || view == built.view.name,
                  let index = built.index[name] else { return nil }
            return column(of: built.view.fields[index], in: built, depth: depth + 1)
        case 2:
            guard case .table = meaningful[0], case .text(let rest) = meaningful[1], rest.hasPrefix(".") else { return nil }
            let name = unquoted(String(rest.dropFirst()).trimmingSpaces())
            guard let name, !name.isEmpty, name.utf8.allSatisfy(isIdentifierByte) else { return nil }
            return name.lowercased()
        default:
            return nil
        }
    }

    private static func unquoted(_ s: String) -> String? {
        for q in ["\"", "`"] where s.hasPrefix(q) {
            guard s.count >= 2, s.hasSuffix(q) else { return nil }
            return String(s.dropFirst().dropLast())
        }
        return s
    }

    /// Appends literal SQL, lower-cased, turning raw `alias.column` mentions of the joined view into
    /// markers. False when a raw mention cannot be judged (the key is not one column).
    private static func appendText(_ text: String, alias: [UInt8], keyColumn: String?, to bytes: inout [UInt8], mentions: inout Bool) -> Bool {
        let source = Array(text.utf8).map { $0 >= 65 && $0 <= 90 ? $0 + 32 : $0 }
        let key = keyColumn.map { Array($0.utf8) }
        var i = 0
        var inString = false
        while i < source.count {
            let b = source[i]
            if b == UInt8(ascii: "'") { inString.toggle() }
            if !inString, !alias.isEmpty, i + alias.count < source.count,
               i == 0 || !(isIdentifierByte(source[i - 1]) || source[i - 1] == UInt8(ascii: ".")),
               source[i + alias.count] == UInt8(ascii: "."), Array(source[i..<(i + alias.count)]) == alias {
                var j = i + alias.count + 1
                var quote: UInt8?
                if j < source.count, source[j] == UInt8(ascii: "\"") || source[j] == UInt8(ascii: "`") { quote = source[j]; j += 1 }
                let start = j
                while j < source.count, isIdentifierByte(source[j]) { j += 1 }
                let columnName = Array(source[start..<j])
                if let quote { guard j < source.count, source[j] == quote else { return false }; j += 1 }
                guard let key else { return false }
                mentions = true
                bytes.append(columnName == key ? keyMark : joinedMark)
                i = j
                continue
            }
            bytes.append(b)
            i += 1
        }
        return true
    }

    /// The `AND`-separated parts of a condition, parenthesised groups opened; nil when the
    /// condition is not a plain conjunction of comparisons (top-level `OR`, subqueries, ranges).
    private static func conjuncts(_ bytes: [UInt8], _ range: Range<Int>) -> [Range<Int>]? {
        var parts: [Range<Int>] = []
        var depth = 0
        var start = range.lowerBound
        var i = range.lowerBound
        var inString = false
        while i < range.upperBound {
            let b = bytes[i]
            if b == UInt8(ascii: "'") { inString.toggle(); i += 1; continue }
            if inString { i += 1; continue }
            switch b {
            case UInt8(ascii: "("): depth += 1
            case UInt8(ascii: ")"): depth -= 1
            case UInt8(ascii: "<"):
                // `<>` is inequality; `<=>` is MySQL's null-safe equality; anything else is a range.
                let next = i + 1 < range.upperBound ? bytes[i + 1] : 0
                let afterNext = i + 2 < range.upperBound ? bytes[i + 2] : 0
                if next == UInt8(ascii: ">") { i += 2; continue }
                if next == UInt8(ascii: "="), afterNext == UInt8(ascii: ">") { i += 3; continue }
                return nil
            case UInt8(ascii: ">"):
                return nil
            default:
                if isIdentifierByte(b), i == range.lowerBound || !isIdentifierByte(bytes[i - 1]) {
                    var j = i
                    while j < range.upperBound, isIdentifierByte(bytes[j]) { j += 1 }
                    let word = String(decoding: bytes[i..<j], as: UTF8.self)
                    switch word {
                    case "select", "between": return nil
                    case "or" where depth == 0: return nil
                    case "and" where depth == 0:
                        parts.append(start..<i)
                        start = j
                    default: break
                    }
                    i = j
                    continue
                }
            }
            i += 1
        }
        parts.append(start..<range.upperBound)
        var result: [Range<Int>] = []
        for part in parts {
            var lo = part.lowerBound, hi = part.upperBound
            while lo < hi, isBlank(bytes[lo]) { lo += 1 }
            while hi > lo, isBlank(bytes[hi - 1]) { hi -= 1 }
            if lo < hi, bytes[lo] == UInt8(ascii: "("), closing(bytes, from: lo, limit: hi) == hi - 1 {
                guard let inner = conjuncts(bytes, (lo + 1)..<(hi - 1)) else { return nil }
                result += inner
            } else {
                result.append(lo..<hi)
            }
        }
        return result
    }

    /// Index of the `)` matching the `(` at `open`.
    private static func closing(_ bytes: [UInt8], from open: Int, limit: Int) -> Int? {
        var depth = 0
        var inString = false
        for i in open..<limit {
            let b = bytes[i]
            if b == UInt8(ascii: "'") { inString.toggle() }
            if inString { continue }
            if b == UInt8(ascii: "(") { depth += 1 }
            if b == UInt8(ascii: ")") { depth -= 1; if depth == 0 { return i } }
        }
        return nil
    }

    /// An `=` (or `==`, `<=>`) outside parentheses and strings, not part of `!=`.
    private static func hasTopLevelEquality(_ bytes: [UInt8], _ range: Range<Int>) -> Bool {
        var depth = 0
        var inString = false
        for i in range {
            let b = bytes[i]
            if b == UInt8(ascii: "'") { inString.toggle() }
            if inString { continue }
            if b == UInt8(ascii: "(") { depth += 1 }
            if b == UInt8(ascii: ")") { depth -= 1 }
            if b == UInt8(ascii: "="), depth == 0 {
                let previous = i > range.lowerBound ? bytes[i - 1] : 0
                if previous != UInt8(ascii: "!") && previous != UInt8(ascii: ":") { return true }
            }
        }
        return false
    }

    private static func isBlank(_ b: UInt8) -> Bool { b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D }

    private static func isIdentifierByte(_ b: UInt8) -> Bool {
        (b >= 0x61 && b <= 0x7A) || (b >= 0x41 && b <= 0x5A) || (b >= 0x30 && b <= 0x39) || b == 0x5F
    }
}
