import Warehouse

/// A number as decimal digits, so rounding and scaling for display are exact: a `numeric` sum of
/// `1234.565` rounds to `1,234.57` as a person expects, not as a binary double would.
///
/// The value is `0.d₁d₂d₃… × 10^pointPosition` (digits without leading zeros).
struct DecimalNumber: Equatable {
    var negative: Bool
    /// Digit values 0…9, most significant first; empty for zero.
    var digits: [UInt8]
    /// How many digits stand before the decimal point (may be ≤ 0 or beyond `digits.count`).
    var pointPosition: Int

    static let zero = DecimalNumber(negative: false, digits: [], pointPosition: 0)

    var isZero: Bool { digits.isEmpty }

    /// A numeric `Value` as decimal digits; nil for non-numbers, NaN and infinities.
    init?(_ value: Value) {
        switch value {
        case .int(let i):
            self.init(integer: i)
        case .double(let d):
            guard d.isFinite else { return nil }
            // The shortest round-trip text is what a person means by this double.
            self.init(text: d.description)
        case .decimal(let text):
            self.init(text: text)
        case .string(let text):
            self.init(text: text)
        case .bool(let b):
            self.init(integer: b ? 1 : 0)
        default:
            return nil
        }
    }

    init(integer: Int64) {
        var magnitude = integer.magnitude
        var reversed: [UInt8] = []
        while magnitude > 0 {
            reversed.append(UInt8(magnitude % 10))
            magnitude /= 10
        }
        self.init(negative: integer < 0, digits: reversed.reversed(), pointPosition: reversed.count)
    }

    init(negative: Bool, digits: [UInt8], pointPosition: Int) {
        self.negative = negative
        self.digits = digits
        self.pointPosition = pointPosition
        normalize()
    }

    /// Parses `-12.50`, `1e-7`, `+3`, `.5`; nil when the text is not a finite number.
    init?(text: String) {
        var negative = false
        var digits: [UInt8] = []
        digits.reserveCapacity(text.utf8.count)
        var pointPosition: Int? = nil
        var exponent = 0
        var sawDigit = false
        var iterator = text.utf8.makeIterator()
        var c = iterator.next()
        while c == UInt8(ascii: " ") { c = iterator.next() }
        if c == UInt8(ascii: "-") { negative = true; c = iterator.next() } else if c == UInt8(ascii: "+") { c = iterator.next() }
        while let byte = c {
            if byte >= 48 && byte <= 57 {
                digits.append(byte - 48)
                sawDigit = true
            } else if byte == UInt8(ascii: "."), pointPosition == nil {
                pointPosition = digits.count
            } else {
                break
            }
            c = iterator.next()
        }
        guard sawDigit else { return nil }
        if c == UInt8(ascii: "e") || c == UInt8(ascii: "E") {
            c = iterator.next()
            var exponentNegative = false
            if c == UInt8(ascii: "-") { exponentNegative = true; c = iterator.next() } else if c == UInt8(ascii: "+") { c = iterator.next() }
            var sawExponentDigit = false
            while let byte = c, byte >= 48 && byte <= 57 {
                if exponent < 100_000 { exponent = exponent * 10 + Int(byte - 48) }
                sawExponentDigit = true
                c = iterator.next()
            }
            guard sawExponentDigit else { return nil }
            if exponentNegative { exponent = -exponent }
        }
        while c == UInt8(ascii: " ") { c = iterator.next() }
        guard c == nil else { return nil }
        self.init(negative: negative, digits: digits, pointPosition: (pointPosition ?? digits.count) + exponent)
    }

    /// Strips leading and trailing zero digits; zero is never negative.
    private mutating func normalize() {
        var start = 0
        while start < digits.count && digits[start] == 0 { start += 1 }
        if start > 0 {
            digits.removeFirst(start)
            pointPosition -= start
        }
        while let last = digits.last, last == 0 { digits.removeLast() }
        if digits.isEmpty { negative = false; pointPosition = 0 }
    }

    /// The number times 10^power (percent: +2; a thousands-scaling comma: −3).
    func scaled(byPowerOfTen power: Int) -> DecimalNumber {
        if isZero { return self }
        var copy = self
        copy.pointPosition += power
        return copy
    }

    /// Rounded half away from zero to `places` digits after the point.
    func rounded(toPlaces places: Int) -> DecimalNumber {
        let keep = pointPosition + places
        if keep >= digits.count { return self }
        if keep < 0 { return .zero }
        var kept = Array(digits[0..<keep])
        var position = pointPosition
        if digits[keep] >= 5 {
            var i = kept.count - 1
            while i >= 0 {
                if kept[i] == 9 { kept[i] = 0; i -= 1 } else { kept[i] += 1; break }
            }
            if i < 0 {
                kept.insert(1, at: 0)
                position += 1
            }
        }
        return DecimalNumber(negative: negative, digits: kept, pointPosition: position)
    }

    /// Rounded half away from zero to `count` significant digits.
    func rounded(toSignificantDigits count: Int) -> DecimalNumber {
        rounded(toPlaces: count - pointPosition)
    }

    /// Digits before the point, without leading zeros ("" for a value below 1).
    var integerDigits: [UInt8] {
        if pointPosition <= 0 { return [] }
        if pointPosition >= digits.count {
            return digits + [UInt8](repeating: 0, count: pointPosition - digits.count)
        }
        return Array(digits[0..<pointPosition])
    }

    /// Exactly `places` digits after the point (truncated; round first).
    func fractionDigits(_ places: Int) -> [UInt8] {
        var result: [UInt8] = []
        result.reserveCapacity(places)
        for i in 0..<places {
            let index = pointPosition + i
            result.append(index >= 0 && index < digits.count ? digits[index] : 0)
        }
        return result
    }

    /// The value as a double, for conditions and charts.
    var doubleValue: Double {
        var text = negative ? "-0." : "0."
        for d in digits { text.append(Character(Unicode.Scalar(d + 48))) }
        text += "e\(pointPosition)"
        return Double(text) ?? 0
    }
}
