/// A compiled Excel-style number format, the language of LookML's `value_format`
/// (`$#,##0.00`, `0.0%`, `0.00,"K"`, `[>=1000000]0.0,,"M";[>=1000]0.0,"K";0`, `"€"#,##0`, `00000`).
///
/// Supported: `0 # ?` placeholders (also interleaved with literals, as in `(###) ###-####`),
/// `.`, thousands `,`, scaling commas (`0,` ÷ 1000), `%`, `E+00`/`E-00` scientific, `"text"`,
/// `\c`, `_c` (a space), `*c` (ignored), `[$€-407]` currency, `[Red]` colours (ignored),
/// `[>=1000]` conditions, up to four `;` sections (positive; negative; zero; text) and `@`.
/// Not supported (printed as literal text): dates codes, fractions (`# ?/?`).
///
/// Rounding is exact on decimal digits, half away from zero.
struct NumberFormat: Sendable {
    /// One `;`-separated part of the pattern.
    struct Section: Sendable {
        var tokens: [Token] = []
        var condition: Condition?
        var integerPlaceholders = 0
        var fractionPlaceholders: [Placeholder] = []
        var exponentPlaceholders = 0
        var exponentAlwaysSigned = false
        var isScientific = false
        var grouping = false
        /// Power of ten applied before display: +2 per `%`, −3 per scaling comma.
        var scalePower = 0
        var hasPoint = false
        var isGeneral = false
        var hasDigits: Bool { integerPlaceholders > 0 || !fractionPlaceholders.isEmpty }
    }

    enum Placeholder: Sendable { case zero, hash, question }

    enum Token: Sendable {
        case literal(String)
        case integer(Placeholder)
        case point
        case fraction(Placeholder)
        case exponent
        case text
    }

    struct Condition: Sendable {
        enum Operator: Sendable { case lt, le, gt, ge, eq, ne }
        var op: Operator
        var threshold: Double

        func matches(_ x: Double) -> Bool {
            switch op {
            case .lt: x < threshold
            case .le: x <= threshold
            case .gt: x > threshold
            case .ge: x >= threshold
            case .eq: x == threshold
            case .ne: x != threshold
            }
        }

        /// A condition that selects negative numbers formats their magnitude, like a plain negative section.
        var selectsNegatives: Bool { (op == .lt && threshold <= 0) || (op == .le && threshold < 0) }
    }

    var sections: [Section]
    var isConditional: Bool { sections.contains { $0.condition != nil } }

    /// Compiles `pattern`; anything it does not understand is kept as literal text.
    init(_ pattern: String) {
        sections = NumberFormat.splitSections(pattern).map(NumberFormat.parseSection)
        if sections.isEmpty { sections = [NumberFormat.parseSection("General")] }
    }

    // MARK: - Formatting

    /// `number` formatted by the section that applies to it.
    func format(_ number: DecimalNumber) -> String {
        let (section, prependMinus) = choose(number)
        let magnitude = DecimalNumber(negative: false, digits: number.digits, pointPosition: number.pointPosition)
        var body = render(magnitude, with: section)
        if prependMinus && !body.isZeroDisplay {
            body.text = "-" + body.text
        }
        return body.text
    }

    /// Text values: the fourth section (or any section with `@`) wraps them; otherwise they pass through.
    func format(text: String) -> String {
        let textSection = sections.count >= 4 ? sections[3] : sections.first { s in
            s.tokens.contains { if case .text = $0 { true } else { false } }
        }
        guard let section = textSection else { return text }
        var out = ""
        for token in section.tokens {
            switch token {
            case .literal(let s): out += s
            case .text: out += text
            default: break
            }
        }
        return out
    }

    private func choose(_ number: DecimalNumber) -> (Section, prependMinus: Bool) {
        if isConditional {
            let x = number.doubleValue
            for section in sections {
                guard let condition = section.condition else { continue }
                if condition.matches(x) { return (section, number.negative && !condition.selectsNegatives) }
            }
            let fallback = sections.first { $0.condition == nil } ?? sections[sections.count - 1]
            return (fallback, number.negative)
        }
        let numeric = sections.count >= 4 ? Array(sections[0..<3]) : sections
        if number.negative && numeric.count >= 2 { return (numeric[1], false) }
        if number.isZero && numeric.count >= 3 { return (numeric[2], false) }
        return (numeric[0], number.negative)
    }

    private struct Rendered {
        var text: String
        /// Whether every digit shown is zero (so "-0.00" is never printed).
        var isZeroDisplay: Bool
    }

    private func render(_ magnitude: DecimalNumber, with section: Section) -> Rendered {
        if section.isGeneral {
            return Rendered(text: NumberFormat.general(magnitude), isZeroDisplay: magnitude.isZero)
        }
        var value = magnitude.scaled(byPowerOfTen: section.scalePower)
        var exponent = 0
        if section.isScientific && !value.isZero {
            let integerDigits = max(section.integerPlaceholders, 1)
            exponent = value.pointPosition - integerDigits
            value = value.scaled(byPowerOfTen: -exponent).rounded(toPlaces: section.fractionPlaceholders.count)
            if value.pointPosition > integerDigits {  // 9.99 rounded up to 10.0
                exponent += 1
                value = value.scaled(byPowerOfTen: -1)
            }
        } else {
            value = value.rounded(toPlaces: section.fractionPlaceholders.count)
        }
        let integerDigits = value.integerDigits
        let fraction = value.fractionDigits(section.fractionPlaceholders.count)

        // Trailing fraction placeholders that are `#` (or `?`) show nothing (a space) for zero digits.
        var lastShownFraction = -1
        for (i, placeholder) in section.fractionPlaceholders.enumerated() where placeholder == .zero || fraction[i] != 0 {
            lastShownFraction = i
        }
        // Looker drops the point of `0.##` when no fraction digit shows ("1", not Excel's "1.").
        let showPoint = section.hasPoint
            && (lastShownFraction >= 0 || section.fractionPlaceholders.contains { $0 != .hash })

        var out = ""
        out.reserveCapacity(24)
        var placeholderIndex = 0  // integer placeholders seen, left to right
        var fractionIndex = 0
        let count = section.integerPlaceholders
        for token in section.tokens {
            switch token {
            case .literal(let s):
                out += s
            case .integer(let placeholder):
                let position = count - 1 - placeholderIndex  // from the right, 0 = units
                if placeholderIndex == 0 && integerDigits.count > count {
                    // Digits beyond the placeholders all go to the leftmost one.
                    for p in stride(from: integerDigits.count - 1, to: position, by: -1) {
                        emitDigit(integerDigits[integerDigits.count - 1 - p], at: p, grouping: section.grouping, into: &out)
                    }
                }
                if position < integerDigits.count {
                    emitDigit(integerDigits[integerDigits.count - 1 - position], at: position, grouping: section.grouping, into: &out)
                } else {
                    switch placeholder {
                    case .zero:
                        emitDigit(0, at: position, grouping: section.grouping, into: &out)
                    case .question: out += " "
                    case .hash: break
                    }
                }
                placeholderIndex += 1
            case .point:
                if showPoint { out += "." }
            case .fraction(let placeholder):
                if fractionIndex <= lastShownFraction {
                    out.append(Character(Unicode.Scalar(fraction[fractionIndex] + 48)))
                } else if placeholder == .question {
                    out += " "
                }
                fractionIndex += 1
            case .exponent:
                out += exponent < 0 ? "E-" : (section.exponentAlwaysSigned ? "E+" : "E")
                let digits = String(abs(exponent))
                out += String(repeating: "0", count: max(0, section.exponentPlaceholders - digits.count)) + digits
            case .text:
                break
            }
        }
        let shownZero = integerDigits.allSatisfy { $0 == 0 } && fraction.prefix(lastShownFraction + 1).allSatisfy { $0 == 0 }
        return Rendered(text: out, isZeroDisplay: shownZero)
    }

    /// Appends a digit and, with grouping, the thousands separator that follows it.
    @inline(__always)
    private func emitDigit(_ digit: UInt8, at position: Int, grouping: Bool, into out: inout String) {
        out.append(Character(Unicode.Scalar(digit + 48)))
        if grouping && position > 0 && position % 3 == 0 { out += "," }
    }

    /// Excel's "General": the number as it is, no grouping.
    static func general(_ number: DecimalNumber) -> String {
        if number.isZero { return "0" }
        var out = number.negative ? "-" : ""
        let integer = number.integerDigits
        if integer.isEmpty { out += "0" } else { for d in integer { out.append(Character(Unicode.Scalar(d + 48))) } }
        let places = max(0, number.digits.count - number.pointPosition)
        if places > 0 {
            out += "."
            for d in number.fractionDigits(places) { out.append(Character(Unicode.Scalar(d + 48))) }
        }
        return out
    }

    // MARK: - Parsing

    /// Splits on `;` outside quotes, brackets and escapes.
    private static func splitSections(_ pattern: String) -> [String] {
        var sections: [String] = []
        var current = ""
        var inQuote = false
        var inBracket = false
        var escaped = false
        for c in pattern {
            if escaped { current.append(c); escaped = false; continue }
            if c == "\\" && !inQuote { escaped = true; current.append(c); continue }
            if c == "\"" && !inBracket { inQuote.toggle() }
            if c == "[" && !inQuote { inBracket = true }
            if c == "]" && !inQuote { inBracket = false }
            if c == ";" && !inQuote && !inBracket {
                sections.append(current)
                current = ""
                continue
            }
            current.append(c)
        }
        sections.append(current)
        return sections.count > 4 ? Array(sections[0..<4]) : sections
    }

    private static func parseSection(_ text: String) -> Section {
        var section = Section()
        let chars = Array(text)
        if text.trimmingSpaces().lowercased() == "general" {
            section.isGeneral = true
            return section
        }
        var literal = ""
        func flush() {
            if !literal.isEmpty { section.tokens.append(.literal(literal)); literal = "" }
        }
        enum Part { case integer, fraction, exponent }
        var part = Part.integer
        var i = 0
        func isPlaceholder(_ c: Character) -> Bool { c == "0" || c == "#" || c == "?" }
        while i < chars.count {
            let c = chars[i]
            switch c {
            case "\"":
                var j = i + 1
                while j < chars.count && chars[j] != "\"" { literal.append(chars[j]); j += 1 }
                i = j + 1
                continue
            case "\\":
                if i + 1 < chars.count { literal.append(chars[i + 1]) }
                i += 2
                continue
            case "_":
                literal += " "
                i += 2
                continue
            case "*":
                i += 2
                continue
            case "[":
                var j = i + 1
                var content = ""
                while j < chars.count && chars[j] != "]" { content.append(chars[j]); j += 1 }
                i = j + 1
                if content.hasPrefix("$") {
                    literal += content.dropFirst().prefix { $0 != "-" }
                } else if let condition = parseCondition(content) {
                    section.condition = condition
                }
                continue
            case "0", "#", "?":
                let placeholder: Placeholder = c == "0" ? .zero : (c == "#" ? .hash : .question)
                flush()
                switch part {
                case .integer:
                    section.tokens.append(.integer(placeholder))
                    section.integerPlaceholders += 1
                case .fraction:
                    section.tokens.append(.fraction(placeholder))
                    section.fractionPlaceholders.append(placeholder)
                case .exponent:
                    section.exponentPlaceholders += 1
                }
            case "." where part == .integer:
                flush()
                section.tokens.append(.point)
                section.hasPoint = true
                part = .fraction
            case "," where part != .exponent && i > 0 && (isPlaceholder(chars[i - 1]) || chars[i - 1] == ","):
                var j = i
                while j < chars.count && chars[j] == "," { j += 1 }
                if part == .integer && j < chars.count && isPlaceholder(chars[j]) {
                    section.grouping = true
                } else {
                    section.scalePower -= 3 * (j - i)
                }
                i = j
                continue
            case "%":
                section.scalePower += 2
                literal += "%"
            case "E" where part != .exponent && i + 1 < chars.count && (chars[i + 1] == "+" || chars[i + 1] == "-"),
                "e" where part != .exponent && i + 1 < chars.count && (chars[i + 1] == "+" || chars[i + 1] == "-"):
                flush()
                section.isScientific = true
                section.exponentAlwaysSigned = chars[i + 1] == "+"
                section.tokens.append(.exponent)
                part = .exponent
                i += 2
                continue
            case "@":
                flush()
                section.tokens.append(.text)
            default:
                literal.append(c)
            }
            i += 1
        }
        flush()
        return section
    }

    /// `>=1000`, `<0`, `=1`, `<>0`; nil for colours and other bracket content.
    private static func parseCondition(_ content: String) -> Condition? {
        let operators: [(String, Condition.Operator)] = [
            ("<=", .le), (">=", .ge), ("<>", .ne), ("<", .lt), (">", .gt), ("=", .eq),
        ]
        for (symbol, op) in operators where content.hasPrefix(symbol) {
            guard let threshold = Double(content.dropFirst(symbol.count).trimming(" ")) else { return nil }
            return Condition(op: op, threshold: threshold)
        }
        return nil
    }
}
