import Foundation

/// Amazon Redshift: prints SQL only. PostgreSQL 8-era syntax without IS NOT DISTINCT FROM; the rest
/// of what it shares with PostgreSQL comes from SharedSpellings.swift.
public struct RedshiftDialect: Dialect {
    public init() {}
    public var name: String { "redshift" }
    public var executes: Bool { false }

    public func stringLiteral(_ s: String) throws -> String {
        // Redshift treats backslash in string literals as an escape character.
        try backslashStringLiteral(s, doubledQuotes: true)
    }
    public func caseInsensitiveLike(_ expr: String, _ patternLiteral: String) -> String { "\(expr) ILIKE \(patternLiteral)" }
    public func nullSafeEqual(_ a: String, _ b: String) -> String { "((\(a) = \(b)) OR (\(a) IS NULL AND \(b) IS NULL))" }

    public func format(_ ts: String, _ format: TimeFormat) throws -> String { toCharFormat(ts, format) }

    public func extract(_ part: DatePart, _ ts: String) throws -> String {
        // DATE_PART takes PostgreSQL's field names unquoted; its day of week counts from Sunday = 0.
        if part == .dayOfWeekIndex { return "((DATE_PART(dow, \(ts))::INTEGER + 6) % 7)" }
        return "DATE_PART(\(extractField(part).lowercased()), \(ts))::INTEGER"
    }

    public func convertFromUTC(_ ts: String, to zone: TimeZone) throws -> String {
        try convertTimezoneFromUTC(ts, to: zone, secondUnit: "second")
    }
    public func fromEpoch(_ seconds: String) throws -> String { "(TIMESTAMP 'epoch' + (\(seconds)) * INTERVAL '1 second')" }
    public func fromYYYYMMDD(_ value: String) throws -> String { "TO_DATE(CAST(\(value) AS VARCHAR), 'YYYYMMDD')" }
    public func secondsBetween(_ start: String, _ end: String) throws -> String { "DATEDIFF(second, \(start), \(end))" }
    public func listAggregate(_ expr: String) throws -> String { listAggList(expr) }
    public func castToText(_ expr: String) -> String { "CAST(\(expr) AS VARCHAR)" }
    public func addSeconds(_ ts: String, _ seconds: String) throws -> String { intervalAddSeconds(ts, seconds) }
    public func formatFraction(_ ts: String, digits: Int) throws -> String { toCharFraction(ts, digits: digits) }
    public func addDays(_ ts: String, _ days: Int) throws -> String { "DATEADD(day, \(days), \(ts))" }
    public func addMonths(_ ts: String, _ months: Int) throws -> String { "DATEADD(month, \(months), \(ts))" }
}
