/// Parses the ISO date and timestamp text both databases print, straight from UTF-8 bytes (this runs
/// once per temporal value of every streamed row, so no `String` is built on the way).
enum TemporalParser {
    /// `YYYY-MM-DD` (a year of 4 or more digits). Anything else (`infinity`, `… BC`) → nil.
    static func date(_ bytes: UnsafeRawBufferPointer) -> LocalDate? {
        var i = 0
        guard let date = parseDate(bytes, &i), i == bytes.count else { return nil }
        return date
    }

    /// `YYYY-MM-DD[ T]HH:MM[:SS[.fraction]][Z|±HH[:MM[:SS]]]`, or a bare date (midnight). With an
    /// offset the result is converted to UTC wall time.
    static func timestamp(_ bytes: UnsafeRawBufferPointer) -> LocalDateTime? {
        var i = 0
        guard let date = parseDate(bytes, &i) else { return nil }
        if i == bytes.count { return LocalDateTime(date: date, hour: 0, minute: 0, second: 0) }
        guard bytes[i] == UInt8(ascii: " ") || bytes[i] == UInt8(ascii: "T") else { return nil }
        i += 1
        guard let hour = digits(bytes, &i, 2), hour < 24, expect(bytes, &i, ":"),
              let minute = digits(bytes, &i, 2), minute < 60 else { return nil }
        var second = 0
        var nanosecond = 0
        if i < bytes.count, bytes[i] == UInt8(ascii: ":") {
            i += 1
            guard let s = digits(bytes, &i, 2), s < 61 else { return nil }
            second = s
            if i < bytes.count, bytes[i] == UInt8(ascii: ".") {
                i += 1
                var scale = 100_000_000
                let start = i
                while i < bytes.count, let d = digit(bytes[i]) {
                    nanosecond += d * scale
                    scale /= 10
                    i += 1
                }
                guard i > start else { return nil }
            }
        }
        var value = LocalDateTime(date: date, hour: hour, minute: minute, second: second, nanosecond: nanosecond)
        if i == bytes.count { return value }
        if bytes[i] == UInt8(ascii: "Z"), i + 1 == bytes.count { return value }
        let sign: Int
        switch bytes[i] {
        case UInt8(ascii: "+"): sign = 1
        case UInt8(ascii: "-"): sign = -1
        default: return nil
        }
        i += 1
        guard let oh = digits(bytes, &i, 2) else { return nil }
        var offset = oh * 3600
        if i < bytes.count, bytes[i] == UInt8(ascii: ":") {
            i += 1
            guard let om = digits(bytes, &i, 2) else { return nil }
            offset += om * 60
            if i < bytes.count, bytes[i] == UInt8(ascii: ":") {
                i += 1
                guard let os = digits(bytes, &i, 2) else { return nil }
                offset += os
            }
        }
        guard i == bytes.count else { return nil }
        if offset != 0 { value = value.addingSeconds(-sign * offset) }
        return value
    }

    private static func parseDate(_ bytes: UnsafeRawBufferPointer, _ i: inout Int) -> LocalDate? {
        var year = 0
        let start = i
        while i < bytes.count, let d = digit(bytes[i]) {
            year = year * 10 + d
            i += 1
            if i - start > 9 { return nil }
        }
        guard i - start >= 4, expect(bytes, &i, "-"), let month = digits(bytes, &i, 2), (1...12).contains(month),
              expect(bytes, &i, "-"), let day = digits(bytes, &i, 2), (1...31).contains(day) else { return nil }
        return LocalDate(year: year, month: month, day: day)
    }

    @inline(__always)
    private static func digit(_ byte: UInt8) -> Int? {
        byte >= 48 && byte <= 57 ? Int(byte &- 48) : nil
    }

    @inline(__always)
    private static func digits(_ bytes: UnsafeRawBufferPointer, _ i: inout Int, _ count: Int) -> Int? {
        guard i + count <= bytes.count else { return nil }
        var n = 0
        for k in i..<(i + count) {
            guard let d = digit(bytes[k]) else { return nil }
            n = n * 10 + d
        }
        i += count
        return n
    }

    @inline(__always)
    private static func expect(_ bytes: UnsafeRawBufferPointer, _ i: inout Int, _ c: Unicode.Scalar) -> Bool {
        guard i < bytes.count, bytes[i] == UInt8(ascii: c) else { return false }
        i += 1
        return true
    }
}
