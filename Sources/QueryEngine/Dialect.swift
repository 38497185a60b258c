import Foundation

/// One SQL flavour: quoting, literals, time arithmetic and the few aggregate spellings that differ.
///
/// The planner writes SQL only through these hooks, so a new warehouse is one new type. A hook a
/// dialect cannot express throws `QueryError.unsupported`; nothing is rendered wrongly in silence.
public protocol Dialect: FilterSQLDialect, Sendable {
    /// The name used by `--dialect` and `Dialects.named(_:)`.
    var name: String { get }
    /// Whether the CLI can run queries on it (postgres, sqlite) or only print SQL.
    var executes: Bool { get }

    /// A quoted identifier (table alias or column alias); any text, including quotes and Unicode.
    func quoteIdentifier(_ name: String) -> String
    /// An ORDER BY key putting NULLs where PostgreSQL does (last ascending, first descending).
    func orderKey(_ expr: String, descending: Bool) -> String
    /// `a` equals `b`, where two NULLs are equal.
    func nullSafeEqual(_ a: String, _ b: String) -> String

    /// The timestamp truncated to the start of its `unit` (weeks start on Monday), still comparable
    /// with timestamp literals.
    func truncate(_ unit: TimeUnit, _ timestamp: String) throws -> String
    /// The timestamp as the output contract shows `format` (`YYYY-MM`, `YYYY-MM-DD`, …).
    func format(_ timestamp: String, _ format: TimeFormat) throws -> String
    /// An integer part of the timestamp.
    func extract(_ part: DatePart, _ timestamp: String) throws -> String
    /// A UTC timestamp as wall-clock time in `zone`.
    func convertFromUTC(_ timestamp: String, to zone: TimeZone) throws -> String
    /// Seconds since 1970 as a timestamp.
    func fromEpoch(_ seconds: String) throws -> String
    /// An integer or text `YYYYMMDD` as a date.
    func fromYYYYMMDD(_ value: String) throws -> String
    /// Elapsed seconds from `start` to `end`, as a number.
    func secondsBetween(_ start: String, _ end: String) throws -> String
    /// The largest integer not above `value`.
    func floor(_ value: String) -> String

    /// The continuous percentile (0…1) of `expr` as an aggregate, or nil when the dialect has none (the
    /// planner then computes it with window functions).
    func percentileAggregate(_ expr: String, _ fraction: Double) -> String?
    /// A comma-separated list of the distinct non-NULL values of `expr`, sorted.
    func listAggregate(_ expr: String) throws -> String
    /// `expr` as text (for tier labels and list aggregation).
    func castToText(_ expr: String) -> String
    /// Whether FULL OUTER JOIN exists.
    var supportsFullOuterJoin: Bool { get }

    /// The timestamp moved forward by `seconds` (an integer SQL expression), still a timestamp.
    /// Used for hourN/minuteN buckets: day or hour start plus whole bucket seconds.
    func addSeconds(_ timestamp: String, _ seconds: String) throws -> String
    /// The timestamp as `YYYY-MM-DD HH:MM:SS.fff` with `digits` fractional digits (3: millisecond,
    /// 6: microsecond).
    func formatFraction(_ timestamp: String, digits: Int) throws -> String
    /// The bind-parameter placeholder for the `index`th (1-based) value in the statements this dialect
    /// runs (`$1`, `?1`), or nil when values are written as literals (Dialect+Values.swift).
    func placeholder(_ index: Int) -> String?
    /// The timestamp moved by whole `days` (negative: back), still a timestamp. Used for weeks that
    /// start on another day than Monday (`week_start_day`).
    func addDays(_ timestamp: String, _ days: Int) throws -> String
    /// The timestamp moved by whole calendar `months` (only ever applied to month, quarter or year
    /// starts, so no month-end clamping is involved). Used for period-over-period measures.
    func addMonths(_ timestamp: String, _ months: Int) throws -> String
}

extension Dialect {
    /// Default: the dialect has no spelling for it yet, so it says so rather than guess.
    public func addSeconds(_ timestamp: String, _ seconds: String) throws -> String {
        throw QueryError.unsupported("timestamp arithmetic (hourN/minuteN timeframes)", dialect: name)
    }
    /// Default: no day arithmetic spelled yet.
    public func addDays(_ timestamp: String, _ days: Int) throws -> String {
        throw QueryError.unsupported("week_start_day other than monday", dialect: name)
    }
    /// Default: no month arithmetic spelled yet.
    public func addMonths(_ timestamp: String, _ months: Int) throws -> String {
        throw QueryError.unsupported("period_over_period measures", dialect: name)
    }
    /// Default: no fractional-second formatting.
    public func formatFraction(_ timestamp: String, digits: Int) throws -> String {
        throw QueryError.unsupported("\(digits == 3 ? "millisecond" : "microsecond") timeframes", dialect: name)
    }
}

/// Units a timestamp can be truncated to.
public enum TimeUnit: String, Sendable, CaseIterable { case second, minute, hour, day, week, month, quarter, year }

/// The text shapes of the output contract (DESIGN.md): what a timeframe looks like in a result.
public enum TimeFormat: String, Sendable, CaseIterable {
    /// `YYYY-MM-DD HH:MM:SS`
    case second
    /// `YYYY-MM-DD HH:MM`
    case minute
    /// `YYYY-MM-DD HH`
    case hour
    /// `YYYY-MM-DD`
    case date
    /// `YYYY-MM`
    case month
    /// `HH:MM`
    case timeOfDay
}

/// Integer parts of a timestamp.
public enum DatePart: String, Sendable, CaseIterable {
    case year, quarter, month, dayOfMonth, dayOfYear, hour, minute, second
    /// 0 = Monday … 6 = Sunday (Looker's `day_of_week_index`).
    case dayOfWeekIndex
    /// ISO week of year, 1…53.
    case weekOfYear
}

extension Dialect {
    /// Doubles `quote` inside `name` and wraps it: the ANSI rule most dialects share.
    func ansiQuote(_ name: String, quote: Character = "\"") -> String {
        // Fast path: most names hold no quote character, so one concatenation does.
        let q = quote.asciiValue!
        if !name.utf8.contains(q) { return String(quote) + name + String(quote) }
        var out = String(quote)
        for c in name {
            if c == quote { out.append(quote) }
            out.append(c)
        }
        out.append(quote)
        return out
    }

    /// `'…'` with single quotes doubled; NUL rejected because no dialect can carry it in text.
    func ansiStringLiteral(_ s: String) throws -> String {
        var out = "'"
        out.reserveCapacity(s.utf8.count + 2)
        for scalar in s.unicodeScalars {
            if scalar == "\0" { throw QueryError("the value '\(Self.printable(s))' contains a NUL character, which SQL text cannot hold") }
            if scalar == "'" { out.append("''") } else { out.unicodeScalars.append(scalar) }
        }
        out.append("'")
        return out
    }

    /// `'…'` where backslash is an escape character (BigQuery, Snowflake, Redshift): backslashes escaped,
    /// quotes escaped with a backslash or, where `doubledQuotes`, doubled.
    func backslashStringLiteral(_ s: String, doubledQuotes: Bool = false) throws -> String {
        var out = "'"
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\0": throw QueryError("the value '\(Self.printable(s))' contains a NUL character, which SQL text cannot hold")
            case "\\": out.append("\\\\")
            case "'": out.append(doubledQuotes ? "''" : "\\'")
            case "\n": out.append("\\n")
            case "\r": out.append("\\r")
            default: out.unicodeScalars.append(scalar)
            }
        }
        out.append("'")
        return out
    }

    /// A value shown in a message with control characters made visible.
    static func printable(_ s: String) -> String {
        var out = ""
        for scalar in s.unicodeScalars {
            if scalar.value < 0x20 || scalar.value == 0x7F { out += "\\u{" + String(scalar.value, radix: 16) + "}" } else { out.unicodeScalars.append(scalar) }
        }
        return out
    }

    /// The zone's fixed offset in seconds when it never changes (UTC, `GMT+0530`), else nil.
    func fixedOffset(_ zone: TimeZone) -> Int? {
        let id = zone.identifier
        if id == "UTC" || id == "GMT" || id == "Etc/UTC" || id == "Etc/GMT" || id == "Z" { return 0 }
        if id.hasPrefix("GMT") || id.hasPrefix("UTC") { return zone.secondsFromGMT() }
        return nil
    }

    /// A literal for a time zone name; the name comes from `TimeZone`, never raw user text, but is escaped anyway.
    func zoneLiteral(_ zone: TimeZone) throws -> String {
        if let offset = fixedOffset(zone), offset == 0 { return try stringLiteral("UTC") }
        return try stringLiteral(zone.identifier)
    }
}
