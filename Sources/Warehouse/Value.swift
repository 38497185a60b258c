/// A typed value from a warehouse. Decimals keep their exact text: a `numeric(38,10)` sum must print
/// the digits the database computed, not a binary float's approximation.
public enum Value: Hashable, Sendable {
    case null
    case bool(Bool)
    case int(Int64)
    case double(Double)
    /// Exact decimal text as the database printed it (`-12.50`).
    case decimal(String)
    case string(String)
    case date(LocalDate)
    case timestamp(LocalDateTime)

    public var isNull: Bool { if case .null = self { true } else { false } }
}

/// A calendar date with no time zone.
public struct LocalDate: Hashable, Sendable, Comparable, CustomStringConvertible {
    public var year: Int
    public var month: Int
    public var day: Int

    public init(year: Int, month: Int, day: Int) {
        self.year = year
        self.month = month
        self.day = day
    }

    /// `YYYY-MM-DD`.
    public var description: String {
        func pad(_ n: Int, _ width: Int) -> String {
            let s = String(n)
            return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
        }
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
    }

    public static func < (a: LocalDate, b: LocalDate) -> Bool { (a.year, a.month, a.day) < (b.year, b.month, b.day) }
}

/// A date and wall-clock time with no time zone (timestamps are converted to the query time zone
/// before they reach a result).
public struct LocalDateTime: Hashable, Sendable, Comparable, CustomStringConvertible {
    public var date: LocalDate
    public var hour: Int
    public var minute: Int
    public var second: Int
    public var nanosecond: Int

    public init(date: LocalDate, hour: Int, minute: Int, second: Int, nanosecond: Int = 0) {
        self.date = date
        self.hour = hour
        self.minute = minute
        self.second = second
        self.nanosecond = nanosecond
    }

    /// `YYYY-MM-DD HH:MM:SS` (fractional seconds are dropped, as DESIGN.md's JSON contract says).
    public var description: String {
        func pad(_ n: Int) -> String { n < 10 ? "0\(n)" : String(n) }
        return "\(date) \(pad(hour)):\(pad(minute)):\(pad(second))"
    }

    public static func < (a: LocalDateTime, b: LocalDateTime) -> Bool {
        (a.date, a.hour, a.minute, a.second, a.nanosecond) < (b.date, b.hour, b.minute, b.second, b.nanosecond)
    }
}
