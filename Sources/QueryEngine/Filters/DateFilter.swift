/// One comma-separated clause of a date or timestamp filter.
public enum DateFilterClause: Sendable, Hashable, CustomStringConvertible {
    /// Within the span: `column >= start AND column < end`.
    case during(DateSpan)
    /// `before X`: strictly before the span's start.
    case before(DateSpan)
    /// `after X`: at or after the span's start.
    case after(DateSpan)
    case isNull
    case isNotNull

    public var description: String {
        switch self {
        case .during(let s): "during(\(s))"
        case .before(let s): "before(\(s))"
        case .after(let s): "after(\(s))"
        case .isNull: "NULL"
        case .isNotNull: "NOT NULL"
        }
    }
}

/// A span of time, still symbolic: relative spans are resolved against a `FilterContext` when SQL
/// is rendered. Every span resolves to half-open wall-clock bounds [start, end).
public indirect enum DateSpan: Sendable, Hashable, CustomStringConvertible {
    /// A written date/time covering one unit of its precision (`2018/05` is all of May 2018).
    case absolute(FilterDateTime, DateUnit)
    /// The unit-long period `offset` units from the current one (`today` is `(day, 0)`,
    /// `last month` is `(month, -1)`, `3 days ago` is `(day, -3)`, `now` is `(second, 0)`).
    case period(DateUnit, offset: Int)
    /// `last N units` / `N units`: N periods ending with the current one (it is included);
    /// with `complete`, the N periods before the current one.
    case last(Int, DateUnit, complete: Bool)
    /// `next N units`: the N periods after the current one.
    case next(Int, DateUnit)
    /// `X for N units`: from X's start for N units.
    case forDuration(DateSpan, Int, DateUnit)
    /// `X to Y`: from X's start up to (not including) Y's start.
    case through(DateSpan, DateSpan)

    public var description: String {
        switch self {
        case .absolute(let t, let u): "\(t)/\(u.rawValue)"
        case .period(let u, let o): "period(\(u.rawValue), \(o))"
        case .last(let n, let u, let c): "last(\(n) \(u.rawValue)\(c ? " complete" : ""))"
        case .next(let n, let u): "next(\(n) \(u.rawValue))"
        case .forDuration(let s, let n, let u): "\(s) for \(n) \(u.rawValue)"
        case .through(let a, let b): "\(a) to \(b)"
        }
    }
}

/// A calendar unit of date filters. Weeks start on Monday.
public enum DateUnit: String, Sendable, Hashable, CaseIterable {
    case second, minute, hour, day, week, month, quarter, year
}

/// A wall-clock date and time with no zone, as written in a filter or resolved in the query zone.
public struct FilterDateTime: Sendable, Hashable, Comparable, CustomStringConvertible {
    public var year: Int
    public var month: Int
    public var day: Int
    public var hour: Int
    public var minute: Int
    public var second: Int

    public init(year: Int, month: Int, day: Int, hour: Int = 0, minute: Int = 0, second: Int = 0) {
        self.year = year
        self.month = month
        self.day = day
        self.hour = hour
        self.minute = minute
        self.second = second
    }

    /// `YYYY-MM-DD`.
    public var dateText: String { "\(Self.pad(year, 4))-\(Self.pad(month, 2))-\(Self.pad(day, 2))" }

    /// `YYYY-MM-DD HH:MM:SS`.
    public var description: String {
        "\(dateText) \(Self.pad(hour, 2)):\(Self.pad(minute, 2)):\(Self.pad(second, 2))"
    }

    public static func < (a: Self, b: Self) -> Bool {
        (a.year, a.month, a.day, a.hour, a.minute, a.second) < (b.year, b.month, b.day, b.hour, b.minute, b.second)
    }

    static func pad(_ n: Int, _ width: Int) -> String {
        let s = String(n)
        return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
    }
}
