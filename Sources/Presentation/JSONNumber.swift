/// Checks and repairs decimal text so it can be printed as a JSON number digit for digit.
enum JSONNumber {
    /// Whether `text` matches RFC 8259's number grammar: `-? (0 | [1-9][0-9]*) (. [0-9]+)? ([eE] [+-]? [0-9]+)?`.
    static func isValid(_ text: String) -> Bool {
        var bytes = text.utf8.makeIterator()
        var c = bytes.next()
        if c == UInt8(ascii: "-") { c = bytes.next() }
        guard let first = c, isDigit(first) else { return false }
        c = bytes.next()
        if first != UInt8(ascii: "0") { while let d = c, isDigit(d) { c = bytes.next() } }
        if c == UInt8(ascii: ".") {
            c = bytes.next()
            guard let d = c, isDigit(d) else { return false }
            while let d = c, isDigit(d) { c = bytes.next() }
        }
        if c == UInt8(ascii: "e") || c == UInt8(ascii: "E") {
            c = bytes.next()
            if c == UInt8(ascii: "+") || c == UInt8(ascii: "-") { c = bytes.next() }
            guard let d = c, isDigit(d) else { return false }
            while let d = c, isDigit(d) { c = bytes.next() }
        }
        return c == nil
    }

    /// `text` rewritten as a JSON number when it is a finite decimal in another spelling
    /// (`+1.5`, `.5`, `5.`, `007`, surrounding spaces); nil for `NaN`, `Infinity` and non-numbers.
    static func normalized(_ text: String) -> String? {
        if isValid(text) { return text }
        var s = Substring(text.trimmingSpaces())
        var negative = false
        if s.hasPrefix("+") { s = s.dropFirst() } else if s.hasPrefix("-") { negative = true; s = s.dropFirst() }
        var mantissa = s
        var exponent = ""
        if let e = s.firstIndex(where: { $0 == "e" || $0 == "E" }) {
            mantissa = s[..<e]
            exponent = String(s[e...])
        }
        var parts = mantissa.split(separator: ".", maxSplits: 1, omittingEmptySubsequences: false)
        if parts.count == 1 { parts.append("") }
        var integer = parts[0].drop(while: { $0 == "0" })
        let fraction = parts[1]
        if integer.isEmpty { integer = "0" }
        guard integer.allSatisfy(\.isASCIIDigit), fraction.allSatisfy(\.isASCIIDigit),
            !(parts[0].isEmpty && fraction.isEmpty)
        else { return nil }
        var result = negative ? "-" : ""
        result += integer
        if !fraction.isEmpty { result += "." + fraction }
        result += exponent
        return isValid(result) ? result : nil
    }

    @inline(__always) private static func isDigit(_ c: UInt8) -> Bool { c >= 48 && c <= 57 }
}
