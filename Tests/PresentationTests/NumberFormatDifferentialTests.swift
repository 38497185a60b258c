import Foundation
import Presentation
import Testing
import Warehouse

/// Random decimals formatted by our digit-level formatter and by a naive reference built on
/// Foundation's `Decimal` rounding must agree (fixed seed, so a failure reproduces).
@Suite("Number formats against a reference")
struct NumberFormatDifferentialTests {
    /// SplitMix64: tiny, seedable, good enough to spread test inputs.
    struct Random {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
        mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }
    }

    static func randomDecimalText(_ random: inout Random) -> String {
        let integerDigits = random.below(13)
        let fractionDigits = random.below(7)
        var text = random.below(3) == 0 ? "-" : ""
        text += integerDigits == 0 ? "0" : String(1 + random.below(9))
        for _ in 1..<max(integerDigits, 1) { text += String(random.below(10)) }
        if fractionDigits > 0 {
            text += "."
            // Bias towards ties (…5) so half-away-from-zero rounding is exercised.
            for i in 0..<fractionDigits { text += String(i == fractionDigits - 1 && random.below(2) == 0 ? 5 : random.below(10)) }
        }
        return text
    }

    /// Reference: round with Foundation (`.plain` = half away from zero), then print and group by hand.
    static func reference(_ text: String, places: Int, grouping: Bool, prefix: String) -> String {
        var value = Decimal(string: text)!
        var rounded = Decimal()
        NSDecimalRound(&rounded, &value, places, .plain)
        let negative = rounded < 0
        let magnitude = negative ? -rounded : rounded
        var plain = NSDecimalNumber(decimal: magnitude).stringValue
        var parts = plain.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        if parts.count == 1 { parts.append("") }
        parts[1] += String(repeating: "0", count: places - parts[1].count)
        var integer = parts[0]
        if grouping {
            var grouped = ""
            for (i, c) in integer.reversed().enumerated() {
                if i > 0 && i % 3 == 0 { grouped.append(",") }
                grouped.append(c)
            }
            integer = String(grouped.reversed())
        }
        plain = integer + (places > 0 ? "." + parts[1] : "")
        return (negative ? "-" : "") + prefix + plain
    }

    @Test(arguments: [
        ("#,##0", 0, true, ""), ("#,##0.00", 2, true, ""), ("$#,##0.00", 2, true, "$"),
        ("0.0000", 4, false, ""), ("\"€\"#,##0.0", 1, true, "€"), ("0", 0, false, ""),
    ])
    func agreesWithReference(pattern: String, places: Int, grouping: Bool, prefix: String) {
        var random = Random(state: 20_240_517)
        for _ in 0..<2_000 {
            let text = NumberFormatDifferentialTests.randomDecimalText(&random)
            let ours = ValueFormatter.format(.decimal(text), pattern: pattern)
            let expected = NumberFormatDifferentialTests.reference(text, places: places, grouping: grouping, prefix: prefix)
            #expect(ours == expected, "\(text) with \(pattern)")
            if ours != expected { return }
        }
    }
}
