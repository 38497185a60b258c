import Foundation

/// Snowflake (runs through Warehouse's Snowflake connection). Its string literals treat backslash as an escape character; what it
/// shares with the other dialects comes from SharedSpellings.swift.
public struct SnowflakeDialect: Dialect {
    public init() {}
    public var name: String { "snowflake" }
    public var executes: Bool { true }

    public func stringLiteral(_ s: String) throws -> String { try backslashStringLiteral(s) }
    public func timestampLiteral(_ ymdhms: String) -> String { "CAST('\(ymdhms)' AS TIMESTAMP_NTZ)" }
    public func caseInsensitiveLike(_ expr: String, _ patternLiteral: String) -> String { "\(expr) ILIKE \(patternLiteral) ESCAPE '\\\\'" }
    public func nullSafeEqual(_ a: String, _ b: String) -> String { "EQUAL_NULL(\(a), \(b))" }
    /// Weeks start on Monday under the default WEEK_START = 0.
    public func truncate(_ unit: TimeUnit, _ ts: String) throws -> String { "DATE_TRUNC('\(unit.rawValue.uppercased())', \(ts))" }

    /// TO_CHAR's argument is cast to TIMESTAMP_NTZ (a no-op on timestamps, midnight on dates, the
    /// value's own wall time for TZ/LTZ, as TO_CHAR itself formats them): with its type explicit,
    /// fakesnow's translator keeps the format instead of dropping it.
    public func format(_ ts: String, _ format: TimeFormat) throws -> String {
        format == .date ? "TO_DATE(\(ts))" : toCharFormat("CAST(\(ts) AS TIMESTAMP_NTZ)", format)
    }

    public func extract(_ part: DatePart, _ ts: String) throws -> String {
        switch part {
        case .year: "YEAR(\(ts))"
        case .quarter: "QUARTER(\(ts))"
        case .month: "MONTH(\(ts))"
        case .dayOfMonth: "DAYOFMONTH(\(ts))"
        case .dayOfYear: "DAYOFYEAR(\(ts))"
        case .hour: "HOUR(\(ts))"
        case .minute: "MINUTE(\(ts))"
        case .second: "SECOND(\(ts))"
        case .dayOfWeekIndex: "(DAYOFWEEKISO(\(ts)) - 1)"
        case .weekOfYear: "WEEKISO(\(ts))"
        }
    }

    public func convertFromUTC(_ ts: String, to zone: TimeZone) throws -> String {
        try convertTimezoneFromUTC(ts, to: zone, secondUnit: "'SECOND'")
    }
    public func fromEpoch(_ seconds: String) throws -> String { "TO_TIMESTAMP_NTZ(\(seconds))" }
    public func fromYYYYMMDD(_ value: String) throws -> String { "TO_DATE(TO_CHAR(\(value)), 'YYYYMMDD')" }
    public func secondsBetween(_ start: String, _ end: String) throws -> String { "DATEDIFF('SECOND', \(start), \(end))" }
    public func listAggregate(_ expr: String) throws -> String { listAggList(expr) }
    public func castToText(_ expr: String) -> String { "TO_VARCHAR(\(expr))" }
    public func addSeconds(_ ts: String, _ seconds: String) throws -> String { "DATEADD('SECOND', \(seconds), \(ts))" }
    public func formatFraction(_ ts: String, digits: Int) throws -> String { "TO_CHAR(CAST(\(ts) AS TIMESTAMP_NTZ), 'YYYY-MM-DD HH24:MI:SS.FF\(digits)')" }
    public func addDays(_ ts: String, _ days: Int) throws -> String { "DATEADD('DAY', \(days), \(ts))" }
    public func addMonths(_ ts: String, _ months: Int) throws -> String { "DATEADD('MONTH', \(months), \(ts))" }
}
