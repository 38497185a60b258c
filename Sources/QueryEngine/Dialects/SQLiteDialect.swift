import Foundation

/// SQLite (3.39+: FULL OUTER JOIN, NULLS FIRST/LAST): executes through libsqlite3.
///
/// Timestamps are ISO-8601 text; SQLite has no time zone database, so only UTC and fixed offsets
/// can be queried, and there is no percentile aggregate (the planner uses window functions).
public struct SQLiteDialect: Dialect {
    public init() {}
    public var name: String { "sqlite" }
    public var executes: Bool { true }

    public func stringLiteral(_ s: String) throws -> String { try ansiStringLiteral(s) }
    /// `?NNN`: a numbered parameter, so one value used twice is bound once (`sqlite3_bind_text`).
    public func placeholder(_ index: Int) -> String? { "?\(index)" }
    /// Text compares with ISO-8601 text the way dates compare.
    public func dateLiteral(_ ymd: String) -> String { "'\(ymd)'" }
    public func timestampLiteral(_ ymdhms: String) -> String { "'\(ymdhms)'" }
    /// SQLite's LIKE is already case-insensitive for ASCII but has no default escape character.
    public func caseInsensitiveLike(_ expr: String, _ patternLiteral: String) -> String { "\(expr) LIKE \(patternLiteral) ESCAPE '\\'" }
    public func nullSafeEqual(_ a: String, _ b: String) -> String { "\(a) IS \(b)" }

    public func truncate(_ unit: TimeUnit, _ ts: String) throws -> String {
        switch unit {
        case .second: "datetime(\(ts))"
        case .minute: "strftime('%Y-%m-%d %H:%M:00', \(ts))"
        case .hour: "strftime('%Y-%m-%d %H:00:00', \(ts))"
        case .day: "datetime(\(ts), 'start of day')"
        case .week: "datetime(\(ts), 'start of day', '-' || ((CAST(strftime('%w', \(ts)) AS INTEGER) + 6) % 7) || ' days')"
        case .month: "datetime(\(ts), 'start of month')"
        case .quarter: "datetime(\(ts), 'start of month', '-' || ((CAST(strftime('%m', \(ts)) AS INTEGER) - 1) % 3) || ' months')"
        case .year: "datetime(\(ts), 'start of year')"
        }
    }

    public func format(_ ts: String, _ format: TimeFormat) throws -> String {
        "strftime('\(strftimePattern(format))', \(ts))"
    }

    public func extract(_ part: DatePart, _ ts: String) throws -> String {
        func int(_ f: String) -> String { "CAST(strftime('\(f)', \(ts)) AS INTEGER)" }
        return switch part {
        case .year: int("%Y")
        case .quarter: "((\(int("%m")) + 2) / 3)"
        case .month: int("%m")
        case .dayOfMonth: int("%d")
        case .dayOfYear: int("%j")
        case .hour: int("%H")
        case .minute: int("%M")
        case .second: int("%S")
        case .dayOfWeekIndex: "((\(int("%w")) + 6) % 7)"
        // ISO week: the week of the year its Thursday falls in (SQLite before 3.46 has no %V).
        case .weekOfYear: "((CAST(strftime('%j', date(\(ts), '-3 days', 'weekday 4')) AS INTEGER) - 1) / 7 + 1)"
        }
    }

    public func convertFromUTC(_ ts: String, to zone: TimeZone) throws -> String {
        guard let offset = fixedOffset(zone) else {
            throw QueryError.unsupported("the time zone '\(zone.identifier)' (only UTC and fixed offsets such as GMT+05:30)", dialect: name)
        }
        return offset == 0 ? ts : "datetime(\(ts), '\(offset >= 0 ? "+" : "")\(offset) seconds')"
    }

    public func fromEpoch(_ seconds: String) throws -> String { "datetime(\(seconds), 'unixepoch')" }
    public func fromYYYYMMDD(_ value: String) throws -> String {
        "date(substr(CAST(\(value) AS TEXT), 1, 4) || '-' || substr(CAST(\(value) AS TEXT), 5, 2) || '-' || substr(CAST(\(value) AS TEXT), 7, 2))"
    }
    /// Whole seconds from Unix time: julianday differences carry float error that floors wrongly.
    public func secondsBetween(_ start: String, _ end: String) throws -> String {
        "(CAST(strftime('%s', \(end)) AS INTEGER) - CAST(strftime('%s', \(start)) AS INTEGER))"
    }
    /// SQLite's math functions are a compile-time option, so FLOOR is spelled with CAST.
    public func floor(_ value: String) -> String {
        "(CAST(\(value) AS INTEGER) - ((\(value)) < CAST(\(value) AS INTEGER)))"
    }
    public func percentileAggregate(_ expr: String, _ fraction: Double) -> String? { nil }
    /// GROUP_CONCAT(DISTINCT …) takes no separator or order before 3.44; ',' is its separator.
    public func listAggregate(_ expr: String) throws -> String { "GROUP_CONCAT(DISTINCT CAST(\(expr) AS TEXT))" }
    public func castToText(_ expr: String) -> String { "CAST(\(expr) AS TEXT)" }
    public func addSeconds(_ ts: String, _ seconds: String) throws -> String {
        "datetime(\(ts), '+' || (\(seconds)) || ' seconds')"
    }
    /// `%f` is seconds with milliseconds; SQLite keeps no finer time, so microseconds are refused.
    public func formatFraction(_ ts: String, digits: Int) throws -> String {
        guard digits == 3 else { throw QueryError.unsupported("the microsecond timeframe", dialect: name) }
        return "strftime('%Y-%m-%d %H:%M:%f', \(ts))"
    }
    public func addDays(_ ts: String, _ days: Int) throws -> String { "datetime(\(ts), '\(days >= 0 ? "+" : "")\(days) days')" }
    public func addMonths(_ ts: String, _ months: Int) throws -> String { "datetime(\(ts), '\(months >= 0 ? "+" : "")\(months) months')" }
}
