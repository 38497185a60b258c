/// Writes ISO dates and timestamps as bytes for the loaders (`YYYY-MM-DD`, `YYYY-MM-DD HH:MM:SS[.f]`),
/// the text both databases read back and that sorts correctly as text in SQLite. Fractional seconds
/// keep their digits (trailing zeros dropped) so a load never truncates a timestamp.
enum TemporalFormatter {
    static func append(_ d: LocalDate, to bytes: inout [UInt8]) {
        if d.year < 0 { bytes.append(UInt8(ascii: "-")) }
        appendPadded(abs(d.year), width: 4, to: &bytes)
        bytes.append(UInt8(ascii: "-"))
        appendPadded(d.month, width: 2, to: &bytes)
        bytes.append(UInt8(ascii: "-"))
        appendPadded(d.day, width: 2, to: &bytes)
    }

    static func append(_ t: LocalDateTime, to bytes: inout [UInt8]) {
        append(t.date, to: &bytes)
        bytes.append(UInt8(ascii: " "))
        appendPadded(t.hour, width: 2, to: &bytes)
        bytes.append(UInt8(ascii: ":"))
        appendPadded(t.minute, width: 2, to: &bytes)
        bytes.append(UInt8(ascii: ":"))
        appendPadded(t.second, width: 2, to: &bytes)
        guard t.nanosecond > 0 else { return }
        bytes.append(UInt8(ascii: "."))
        var fraction = t.nanosecond
        var width = 9
        while fraction % 10 == 0 {
            fraction /= 10
            width -= 1
        }
        appendPadded(fraction, width: width, to: &bytes)
    }

    /// Non-negative `n` in at least `width` digits.
    @inline(__always)
    static func appendPadded(_ n: Int, width: Int, to bytes: inout [UInt8]) {
        var digits = 1
        var limit = 10
        while n >= limit, digits < 19 {
            digits += 1
            limit = limit &* 10
        }
        for _ in digits..<max(digits, width) { bytes.append(UInt8(ascii: "0")) }
        let start = bytes.count
        var v = n
        for _ in 0..<digits {
            bytes.append(0)
        }
        var k = start + digits - 1
        repeat {
            bytes[k] = UInt8(48 + v % 10)
            v /= 10
            k -= 1
        } while k >= start
    }
}
