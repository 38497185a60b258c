import Foundation

/// Amazon Redshift: prints SQL only. PostgreSQL 8-era syntax without IS NOT DISTINCT FROM.
public struct RedshiftDialect: Dialect {
    public init() {}
    public var name: String { "redshift" }
    public var executes: Bool { false }
    public var supportsFullOuterJoin: Bool { true }

    public func quoteIdentifier(_ name: String) -> String { ansiQuote(name) }
    public func stringLiteral(_ s: String) throws -> String {
        // Redshift treats backslash in string literals as an escape character.
        try backslashStringLiteral(s, doubledQuotes: true)
    }
    public func dateLiteral(_ ymd: String) -> String { "DATE '\(ymd)'" }
    public func timestampLiteral(_ ymdhms: String) -> String { "TIMESTAMP '\(ymdhms)'" }
    public func caseInsensitiveLike(_ expr: String, _ patternLiteral: String) -> String { "\(expr) ILIKE \(patternLiteral)" }
    public func orderKey(_ expr: String, descending: Bool) -> String { descending ? "\(expr) DESC NULLS FIRST" : "\(expr) ASC NULLS LAST" }
    public func nullSafeEqual(_ a: String, _ b: String) -> String { "((\(a) = \(b)) OR (\(a) IS NULL AND \(b) IS NULL))" }
    public func truncate(_ unit: TimeUnit, _ ts: String) throws -> String { "DATE_TRUNC('\(unit.rawValue)', \(ts))" }

    public func format(_ ts: String, _ format: TimeFormat) throws -> String {
        switch format {
        case .date: "CAST(\(ts) AS DATE)"
        case .second: "TO_CHAR(\(ts), 'YYYY-MM-DD HH24:MI:SS')"
        case .minute: "TO_CHAR(\(ts), 'YYYY-MM-DD HH24:MI')"
        case .hour: "TO_CHAR(\(ts), 'YYYY-MM-DD HH24')"
        case .month: "TO_CHAR(\(ts), 'YYYY-MM')"
        case .timeOfDay: "TO_CHAR(\(ts), 'HH24:MI')"
        }
    }

    public func extract(_ part: DatePart, _ ts: String) throws -> String {
        switch part {
        case .year: "DATE_PART(year, \(ts))::INTEGER"
        case .quarter: "DATE_PART(quarter, \(ts))::INTEGER"
        case .month: "DATE_PART(month, \(ts))::INTEGER"
        case .dayOfMonth: "DATE_PART(day, \(ts))::INTEGER"
        case .dayOfYear: "DATE_PART(doy, \(ts))::INTEGER"
        case .hour: "DATE_PART(hour, \(ts))::INTEGER"
        case .minute: "DATE_PART(minute, \(ts))::INTEGER"
        case .second: "DATE_PART(second, \(ts))::INTEGER"
        case .dayOfWeekIndex: "((DATE_PART(dow, \(ts))::INTEGER + 6) % 7)"
        case .weekOfYear: "DATE_PART(week, \(ts))::INTEGER"
        }
    }

    public func convertFromUTC(_ ts: String, to zone: TimeZone) throws -> String {
        if let offset = fixedOffset(zone) { return offset == 0 ? ts : "DATEADD(second, \(offset), \(ts))" }
        return "CONVERT_TIMEZONE('UTC', \(try stringLiteral(zone.identifier)), \(ts))"
    }
    public func fromEpoch(_ seconds: String) throws -> String { "(TIMESTAMP 'epoch' + (\(seconds)) * INTERVAL '1 second')" }
    public func fromYYYYMMDD(_ value: String) throws -> String { "TO_DATE(CAST(\(value) AS VARCHAR), 'YYYYMMDD')" }
    public func secondsBetween(_ start: String, _ end: String) throws -> String { "DATEDIFF(second, \(start), \(end))" }
    public func floor(_ value: String) -> String { "FLOOR(\(value))" }
    public func percentileAggregate(_ expr: String, _ fraction: Double) -> String? {
        "PERCENTILE_CONT(\(fraction)) WITHIN GROUP (ORDER BY \(expr))"
    }
    public func listAggregate(_ expr: String) throws -> String {
        "LISTAGG(DISTINCT CAST(\(expr) AS VARCHAR), ',') WITHIN GROUP (ORDER BY CAST(\(expr) AS VARCHAR))"
    }
    public func castToText(_ expr: String) -> String { "CAST(\(expr) AS VARCHAR)" }
    public func addSeconds(_ ts: String, _ seconds: String) throws -> String { "(\(ts) + (\(seconds)) * INTERVAL '1 second')" }
    public func formatFraction(_ ts: String, digits: Int) throws -> String { "TO_CHAR(\(ts), 'YYYY-MM-DD HH24:MI:SS.\(digits == 3 ? "MS" : "US")')" }
}
