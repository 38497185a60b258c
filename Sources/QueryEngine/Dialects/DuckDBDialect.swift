import Foundation

/// DuckDB: prints SQL only. Quoting, literals, ordering, null-safe equality and truncation are the
/// shared defaults (SharedSpellings.swift).
public struct DuckDBDialect: Dialect {
    public init() {}
    public var name: String { "duckdb" }
    public var executes: Bool { false }

    public func stringLiteral(_ s: String) throws -> String { try ansiStringLiteral(s) }
    public func caseInsensitiveLike(_ expr: String, _ patternLiteral: String) -> String { "\(expr) ILIKE \(patternLiteral) ESCAPE '\\'" }

    public func format(_ ts: String, _ format: TimeFormat) throws -> String {
        format == .date ? "CAST(\(ts) AS DATE)" : "STRFTIME(\(ts), '\(strftimePattern(format))')"
    }

    public func extract(_ part: DatePart, _ ts: String) throws -> String {
        let value = "EXTRACT(\(extractField(part)) FROM \(ts))"
        switch part {
        case .second: return "CAST(\(value) AS INTEGER)"
        case .dayOfWeekIndex: return "(\(value) - 1)"
        default: return value
        }
    }

    public func convertFromUTC(_ ts: String, to zone: TimeZone) throws -> String { try atTimeZoneFromUTC(ts, to: zone) }
    public func fromEpoch(_ seconds: String) throws -> String { "MAKE_TIMESTAMP(CAST((\(seconds)) * 1000000 AS BIGINT))" }
    public func fromYYYYMMDD(_ value: String) throws -> String { "CAST(STRPTIME(CAST(\(value) AS VARCHAR), '%Y%m%d') AS DATE)" }
    public func secondsBetween(_ start: String, _ end: String) throws -> String {
        "(EPOCH(CAST(\(end) AS TIMESTAMP)) - EPOCH(CAST(\(start) AS TIMESTAMP)))"
    }
    public func percentileAggregate(_ expr: String, _ fraction: Double) -> String? { "QUANTILE_CONT(\(expr), \(fraction))" }
    public func listAggregate(_ expr: String) throws -> String { stringAggList(expr) }
    public func castToText(_ expr: String) -> String { "CAST(\(expr) AS VARCHAR)" }
    public func addSeconds(_ ts: String, _ seconds: String) throws -> String { "(\(ts) + TO_SECONDS(CAST(\(seconds) AS BIGINT)))" }
    public func formatFraction(_ ts: String, digits: Int) throws -> String { "STRFTIME(\(ts), '%Y-%m-%d %H:%M:%S.\(digits == 3 ? "%g" : "%f")')" }
    public func addDays(_ ts: String, _ days: Int) throws -> String { "(\(ts) + INTERVAL '\(days) days')" }
    public func addMonths(_ ts: String, _ months: Int) throws -> String { "(\(ts) + INTERVAL '\(months) months')" }
}
