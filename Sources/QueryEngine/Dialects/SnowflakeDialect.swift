import Foundation

/// Snowflake: prints SQL only. Its string literals treat backslash as an escape character.
public struct SnowflakeDialect: Dialect {
    public init() {}
    public var name: String { "snowflake" }
    public var executes: Bool { false }
    public var supportsFullOuterJoin: Bool { true }

    public func quoteIdentifier(_ name: String) -> String { ansiQuote(name) }
    public func stringLiteral(_ s: String) throws -> String { try backslashStringLiteral(s) }
    public func dateLiteral(_ ymd: String) -> String { "DATE '\(ymd)'" }
    public func timestampLiteral(_ ymdhms: String) -> String { "CAST('\(ymdhms)' AS TIMESTAMP_NTZ)" }
    public func caseInsensitiveLike(_ expr: String, _ patternLiteral: String) -> String { "\(expr) ILIKE \(patternLiteral) ESCAPE '\\\\'" }
    public func orderKey(_ expr: String, descending: Bool) -> String { descending ? "\(expr) DESC NULLS FIRST" : "\(expr) ASC NULLS LAST" }
    public func nullSafeEqual(_ a: String, _ b: String) -> String { "EQUAL_NULL(\(a), \(b))" }
    /// Weeks start on Monday under the default WEEK_START = 0.
    public func truncate(_ unit: TimeUnit, _ ts: String) throws -> String { "DATE_TRUNC('\(unit.rawValue.uppercased())', \(ts))" }

    public func format(_ ts: String, _ format: TimeFormat) throws -> String {
        switch format {
        case .date: "TO_DATE(\(ts))"
        case .second: "TO_CHAR(\(ts), 'YYYY-MM-DD HH24:MI:SS')"
        case .minute: "TO_CHAR(\(ts), 'YYYY-MM-DD HH24:MI')"
        case .hour: "TO_CHAR(\(ts), 'YYYY-MM-DD HH24')"
        case .month: "TO_CHAR(\(ts), 'YYYY-MM')"
        case .timeOfDay: "TO_CHAR(\(ts), 'HH24:MI')"
        }
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
        if let offset = fixedOffset(zone) { return offset == 0 ? ts : "DATEADD('SECOND', \(offset), \(ts))" }
        return "CONVERT_TIMEZONE('UTC', \(try stringLiteral(zone.identifier)), \(ts))"
    }
    public func fromEpoch(_ seconds: String) throws -> String { "TO_TIMESTAMP_NTZ(\(seconds))" }
    public func fromYYYYMMDD(_ value: String) throws -> String { "TO_DATE(TO_CHAR(\(value)), 'YYYYMMDD')" }
    public func secondsBetween(_ start: String, _ end: String) throws -> String { "DATEDIFF('SECOND', \(start), \(end))" }
    public func floor(_ value: String) -> String { "FLOOR(\(value))" }
    public func percentileAggregate(_ expr: String, _ fraction: Double) -> String? {
        "PERCENTILE_CONT(\(fraction)) WITHIN GROUP (ORDER BY \(expr))"
    }
    public func listAggregate(_ expr: String) throws -> String {
        "LISTAGG(DISTINCT TO_VARCHAR(\(expr)), ',') WITHIN GROUP (ORDER BY TO_VARCHAR(\(expr)))"
    }
    public func castToText(_ expr: String) -> String { "TO_VARCHAR(\(expr))" }
    public func addSeconds(_ ts: String, _ seconds: String) throws -> String { "DATEADD('SECOND', \(seconds), \(ts))" }
    public func formatFraction(_ ts: String, digits: Int) throws -> String { "TO_CHAR(\(ts), 'YYYY-MM-DD HH24:MI:SS.FF\(digits)')" }
}
