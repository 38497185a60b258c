/// A compiled Excel-style number format, the language of LookML's `value_format`
/// (`$#,##0.00`, `0.0%`, `0.00,"K"`, `[>=1000000]0.0,,"M";[>=1000]0.0,"K";0`, `"€"#,##0`, `00000`).
///
/// Supported: `0 # ?` placeholders (also interleaved with literals, as in `(###) ###-####`),
/// `.`, thousands `,`, scaling commas (`0,` ÷ 1000), `%`, `E+00`/`E-00` scientific, `"text"`,
/// `\c`, `_c` (a space), `*c` (ignored), `[$€-407]` currency, `[Red]` colours (ignored),
/// `[>=1000]` conditions, up to four `;` sections (positive; negative; zero; text), `@`, and
/// fractions: `# ?/?` (a whole part, then the closest fraction with a one-digit denominator),
/// `# ??/??`, `?/?` (improper: no whole part), `# ?/8` and `# ??/100` (a fixed denominator).
/// Not supported, as in Looker ("date formatting is not supported"): date codes (`yyyy-mm-dd`)
/// are literal text on a number, and dates and timestamps ignore value formats altogether.
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
        /// Set for a fraction format (`# ?/?`); the `.ratio` token marks where it is printed.
        var ratio: Ratio?
        var hasDigits: Bool { integerPlaceholders > 0 || !fractionPlaceholders.isEmpty }
    }

    enum Placeholder: Sendable { case zero, hash, question }

    /// An Excel fraction: `whole` placeholders (none for an improper fraction like `?/?`), the
    /// text between them and the numerator, then numerator / denominator.
    struct Ratio: Sendable {
        var whole: [Placeholder] = []
        var grouping = false
        var separator = ""
        var numerator: [Placeholder] = []
        var denominator: [Placeholder] = []
        /// `?/8`, `??/100`: the denominator is fixed and the numerator rounded to it.
        var fixedDenominator: Int?
    }

    enum Token: Sendable {
        case literal(String)
        case integer(Placeholder)
        case point
        case fraction(Placeholder)
        case exponent
        case text
        case ratio
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
        if let ratio = section.ratio {
            return renderRatio(magnitude.scaled(byPowerOfTen: section.scalePower), ratio, tokens: section.tokens)
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
            case .text, .ratio:
                break
            }
        }
        let shownZero = integerDigits.allSatisfy { $0 == 0 } && fraction.prefix(lastShownFraction + 1).allSatisfy { $0 == 0 }
        return Rendered(text: out, isZeroDisplay: shownZero)
    }

    /// A fraction format's text: the whole part, then the closest fraction whose denominator fits
    /// the placeholders (or the fixed denominator), padded with spaces where `?` asks for them.
    private func renderRatio(_ value: DecimalNumber, _ ratio: Ratio, tokens: [Token]) -> Rendered {
        let x = value.doubleValue
        let hasWhole = !ratio.whole.isEmpty
        var whole = hasWhole ? x.rounded(.down) : 0
        let rest = x - whole
        var numerator: Int
        var denominator: Int
        if let fixed = ratio.fixedDenominator {
            denominator = fixed
            numerator = Int((rest * Double(fixed)).rounded())
        } else {
            (numerator, denominator) = NumberFormat.closestFraction(rest, maxDenominator: NumberFormat.maxValue(digits: ratio.denominator.count))
        }
        if hasWhole && numerator == denominator {  // 0.97 with `# ?/?` is 1, not 0 1/1
            whole += 1
            numerator = 0
        }

        var out = ""
        for token in tokens {
            switch token {
            case .literal(let s):
                out += s
            case .ratio:
                if hasWhole {
                    let before = out.count
                    if whole >= 1 {
                        let digits = String(format: "%.0f", whole)
                        out += ratio.grouping ? ColumnFormatter.grouped(digits) : digits
                    } else if numerator == 0 {
                        out += "0"
                    } else {
                        for placeholder in ratio.whole.reversed().prefix(1) { out += placeholder == .zero ? "0" : (placeholder == .question ? " " : "") }
                    }
                    if numerator == 0 {
                        // Excel keeps the column aligned: the fraction's room becomes spaces for `?`.
                        if ratio.numerator.last == .question {
                            out += String(repeating: " ", count: ratio.separator.count + ratio.numerator.count + 1 + max(ratio.denominator.count, String(denominator).count))
                        }
                        continue
                    }
                    // No whole part shown (`#` for 0): no gap before the fraction either.
                    if out.count > before { out += ratio.separator }
                }
                out += NumberFormat.padded(String(numerator), to: ratio.numerator, left: true)
                out += "/"
                if ratio.fixedDenominator != nil {
                    out += String(denominator)
                } else {
                    out += NumberFormat.padded(String(denominator), to: ratio.denominator, left: false)
                }
            default:
                break
            }
        }
        return Rendered(text: out, isZeroDisplay: whole == 0 && numerator == 0)
    }

    /// The fraction closest to `x` (≥ 0) with a denominator up to `maxDenominator`, smallest
    /// denominator on ties; the numerator may exceed the denominator (an improper fraction).
    static func closestFraction(_ x: Double, maxDenominator: Int) -> (Int, Int) {
        var best = (Int(x.rounded()), 1)
        var bestError = abs(x - Double(best.0))
        var d = 2
        while d <= maxDenominator && bestError > 1e-12 {
            let n = (x * Double(d)).rounded()
            let error = abs(x - n / Double(d))
            if error < bestError - 1e-12 {
                best = (Int(n), d)
                bestError = error
            }
            d += 1
        }
        return best
    }

    /// 9, 99, 999, 9999: the largest denominator `digits` placeholders hold (at most four).
    static func maxValue(digits: Int) -> Int {
        var value = 1
        for _ in 0..<min(max(digits, 1), 4) { value *= 10 }
        return value - 1
    }

    /// `digits` widened to the placeholders: spaces for `?`, zeros for `0`, nothing for `#`;
    /// numerators are padded on the left, denominators on the right, so the `/` lines up.
    static func padded(_ digits: String, to placeholders: [Placeholder], left: Bool) -> String {
        let missing = placeholders.count - digits.count
        guard missing > 0 else { return digits }
        var pad = ""
        for placeholder in placeholders.prefix(missing) {
            switch placeholder {
            case .question: pad += " "
            case .zero: pad += left ? "0" : " "
            case .hash: break
            }
        }
        return left ? pad + digits : digits + pad
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
        if let ratioSection = parseRatioSection(chars) { return ratioSection }
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

    /// A section with a fraction (`# ?/?`, `"≈ "?/8" in"`): the literal text around it is parsed
    /// as usual, the fraction itself becomes one `.ratio` token. Nil when there is no fraction.
    private static func parseRatioSection(_ chars: [Character]) -> Section? {
        func isPlaceholder(_ c: Character) -> Bool { c == "0" || c == "#" || c == "?" }
        // The `/` outside quotes, brackets and escapes that follows a placeholder.
        var slash: Int?
        var inQuote = false
        var inBracket = false
        var i = 0
        while i < chars.count {
            let c = chars[i]
            if c == "\\" && !inQuote { i += 2; continue }
            if c == "\"" && !inBracket { inQuote.toggle() }
            else if c == "[" && !inQuote { inBracket = true }
            else if c == "]" && !inQuote { inBracket = false }
            else if c == "/" && !inQuote && !inBracket && i > 0 && isPlaceholder(chars[i - 1]) { slash = i; break }
            i += 1
        }
        guard let slash, slash + 1 < chars.count else { return nil }
        var ratio = Ratio()
        var start = slash
        while start > 0 && isPlaceholder(chars[start - 1]) { start -= 1 }
        ratio.numerator = chars[start..<slash].map(placeholder)
        // A whole part: placeholders (and grouping commas) before spaces before the numerator.
        var gap = start
        while gap > 0 && chars[gap - 1] == " " { gap -= 1 }
        if gap < start && gap > 0 && isPlaceholder(chars[gap - 1]) {
            var wholeStart = gap
            while wholeStart > 0 && (isPlaceholder(chars[wholeStart - 1]) || chars[wholeStart - 1] == ",") { wholeStart -= 1 }
            let whole = chars[wholeStart..<gap]
            ratio.whole = whole.filter(isPlaceholder).map(placeholder)
            ratio.grouping = whole.contains(",")
            ratio.separator = String(chars[gap..<start])
            start = wholeStart
        }
        var end = slash + 1
        if let first = chars[end].wholeNumberValue, first > 0 {
            while end < chars.count && chars[end].isASCII && chars[end].isNumber { end += 1 }
            ratio.fixedDenominator = Int(String(chars[(slash + 1)..<end]))
        } else {
            while end < chars.count && isPlaceholder(chars[end]) { end += 1 }
            ratio.denominator = chars[(slash + 1)..<end].map(placeholder)
        }
        guard ratio.fixedDenominator != nil || !ratio.denominator.isEmpty else { return nil }

        let prefix = parseSection(String(chars[..<start]))
        let suffix = parseSection(String(chars[end...]))
        var section = Section()
        section.ratio = ratio
        section.condition = prefix.condition ?? suffix.condition
        section.scalePower = prefix.scalePower + suffix.scalePower
        section.integerPlaceholders = max(ratio.whole.count, 1)
        section.tokens = prefix.tokens + [.ratio] + suffix.tokens
        return section
    }

    private static func placeholder(_ c: Character) -> Placeholder {
        c == "0" ? .zero : (c == "#" ? .hash : .question)
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
