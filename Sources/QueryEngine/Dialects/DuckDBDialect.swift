import Foundation

/// DuckDB: prints SQL only.
public struct DuckDBDialect: Dialect {
    public init() {}
    public var name: String { "duckdb" }
    public var executes: Bool { false }
    public var supportsFullOuterJoin: Bool { true }

    public func quoteIdentifier(_ name: String) -> String { ansiQuote(name) }
    public func stringLiteral(_ s: String) throws -> String { try ansiStringLiteral(s) }
    public func dateLiteral(_ ymd: String) -> String { "DATE '\(ymd)'" }
    public func timestampLiteral(_ ymdhms: String) -> String { "TIMESTAMP '\(ymdhms)'" }
    public func caseInsensitiveLike(_ expr: String, _ patternLiteral: String) -> String { "\(expr) ILIKE \(patternLiteral) ESCAPE '\\'" }
    public func orderKey(_ expr: String, descending: Bool) -> String { descending ? "\(expr) DESC NULLS FIRST" : "\(expr) ASC NULLS LAST" }
    public func nullSafeEqual(_ a: String, _ b: String) -> String { "\(a) IS NOT DISTINCT FROM \(b)" }
    public func truncate(_ unit: TimeUnit, _ ts: String) throws -> String { "DATE_TRUNC('\(unit.rawValue)', \(ts))" }

    public func format(_ ts: String, _ format: TimeFormat) throws -> String {
        switch format {
        case .date: "CAST(\(ts) AS DATE)"
        case .second: "STRFTIME(\(ts), '%Y-%m-%d %H:%M:%S')"
        case .minute: "STRFTIME(\(ts), '%Y-%m-%d %H:%M')"
        case .hour: "STRFTIME(\(ts), '%Y-%m-%d %H')"
        case .month: "STRFTIME(\(ts), '%Y-%m')"
        case .timeOfDay: "STRFTIME(\(ts), '%H:%M')"
        }
    }

    public func extract(_ part: DatePart, _ ts: String) throws -> String {
        switch part {
        case .year: "EXTRACT(YEAR FROM \(ts))"
        case .quarter: "EXTRACT(QUARTER FROM \(ts))"
        case .month: "EXTRACT(MONTH FROM \(ts))"
        case .dayOfMonth: "EXTRACT(DAY FROM \(ts))"
        case .dayOfYear: "EXTRACT(DOY FROM \(ts))"
        case .hour: "EXTRACT(HOUR FROM \(ts))"
        case .minute: "EXTRACT(MINUTE FROM \(ts))"
        case .second: "CAST(EXTRACT(SECOND FROM \(ts)) AS INTEGER)"
        case .dayOfWeekIndex: "(EXTRACT(ISODOW FROM \(ts)) - 1)"
        case .weekOfYear: "EXTRACT(WEEK FROM \(ts))"
        }
    }

    public func convertFromUTC(_ ts: String, to zone: TimeZone) throws -> String {
        if let offset = fixedOffset(zone) { return offset == 0 ? ts : "(\(ts) + INTERVAL '\(offset) seconds')" }
        return "((\(ts)) AT TIME ZONE 'UTC' AT TIME ZONE \(try stringLiteral(zone.identifier)))"
    }
    public func fromEpoch(_ seconds: String) throws -> String { "MAKE_TIMESTAMP(CAST((\(seconds)) * 1000000 AS BIGINT))" }
    public func fromYYYYMMDD(_ value: String) throws -> String { "CAST(STRPTIME(CAST(\(value) AS VARCHAR), '%Y%m%d') AS DATE)" }
    public func secondsBetween(_ start: String, _ end: String) throws -> String {
        "(EPOCH(CAST(\(end) AS TIMESTAMP)) - EPOCH(CAST(\(start) AS TIMESTAMP)))"
    }
    public func floor(_ value: String) -> String { "FLOOR(\(value))" }
    public func percentileAggregate(_ expr: String, _ fraction: Double) -> String? { "QUANTILE_CONT(\(expr), \(fraction))" }
    public func listAggregate(_ expr: String) throws -> String {
        "STRING_AGG(DISTINCT CAST(\(expr) AS VARCHAR), ',' ORDER BY CAST(\(expr) AS VARCHAR))"
    }
    public func castToText(_ expr: String) -> String { "CAST(\(expr) AS VARCHAR)" }
    public func addSeconds(_ ts: String, _ seconds: String) throws -> String { "(\(ts) + TO_SECONDS(CAST(\(seconds) AS BIGINT)))" }
    public func formatFraction(_ ts: String, digits: Int) throws -> String { "STRFTIME(\(ts), '%Y-%m-%d %H:%M:%S.\(digits == 3 ? "%g" : "%f")')" }
}
