import Foundation

/// BigQuery standard SQL: prints SQL only. Backtick identifiers; backslash escapes in strings; timestamp
/// columns are `TIMESTAMP` (UTC), so local time is computed as a `DATETIME` in the query zone.
public struct BigQueryDialect: Dialect {
    public init() {}
    public var name: String { "bigquery" }
    public var executes: Bool { false }

    public func quoteIdentifier(_ name: String) -> String {
        var out = "`"
        for c in name {
            if c == "`" || c == "\\" { out.append("\\") }
            out.append(c)
        }
        return out + "`"
    }
    public func stringLiteral(_ s: String) throws -> String { try backslashStringLiteral(s) }
    public func caseInsensitiveLike(_ expr: String, _ patternLiteral: String) -> String { "LOWER(\(expr)) LIKE LOWER(\(patternLiteral))" }

    public func truncate(_ unit: TimeUnit, _ ts: String) throws -> String {
        let part = unit == .week ? "ISOWEEK" : unit.rawValue.uppercased()
        return "TIMESTAMP_TRUNC(\(ts), \(part))"
    }

    public func format(_ ts: String, _ format: TimeFormat) throws -> String {
        format == .date ? "DATE(\(ts))" : "FORMAT_TIMESTAMP('\(strftimePattern(format))', \(ts))"
    }

    public func extract(_ part: DatePart, _ ts: String) throws -> String {
        switch part {
        case .year: "EXTRACT(YEAR FROM \(ts))"
        case .quarter: "EXTRACT(QUARTER FROM \(ts))"
        case .month: "EXTRACT(MONTH FROM \(ts))"
        case .dayOfMonth: "EXTRACT(DAY FROM \(ts))"
        case .dayOfYear: "EXTRACT(DAYOFYEAR FROM \(ts))"
        case .hour: "EXTRACT(HOUR FROM \(ts))"
        case .minute: "EXTRACT(MINUTE FROM \(ts))"
        case .second: "EXTRACT(SECOND FROM \(ts))"
        // DAYOFWEEK is 1 = Sunday … 7 = Saturday.
        case .dayOfWeekIndex: "MOD(EXTRACT(DAYOFWEEK FROM \(ts)) + 5, 7)"
        case .weekOfYear: "EXTRACT(ISOWEEK FROM \(ts))"
        }
    }

    /// The local wall-clock time, re-read as a UTC TIMESTAMP so every other hook keeps working on it.
    public func convertFromUTC(_ ts: String, to zone: TimeZone) throws -> String {
        if let offset = fixedOffset(zone), offset == 0 { return ts }
        return "TIMESTAMP(DATETIME(\(ts), \(try stringLiteral(zone.identifier))))"
    }
    public func fromEpoch(_ seconds: String) throws -> String { "TIMESTAMP_SECONDS(CAST(\(seconds) AS INT64))" }
    public func fromYYYYMMDD(_ value: String) throws -> String { "PARSE_DATE('%Y%m%d', CAST(\(value) AS STRING))" }
    public func secondsBetween(_ start: String, _ end: String) throws -> String { "TIMESTAMP_DIFF(\(end), \(start), SECOND)" }
    /// PERCENTILE_CONT is analytic-only in BigQuery; the planner's window-function form is exact.
    public func percentileAggregate(_ expr: String, _ fraction: Double) -> String? { nil }
    public func listAggregate(_ expr: String) throws -> String {
        "STRING_AGG(DISTINCT CAST(\(expr) AS STRING), ',' ORDER BY CAST(\(expr) AS STRING))"
    }
    public func castToText(_ expr: String) -> String { "CAST(\(expr) AS STRING)" }
    public func addSeconds(_ ts: String, _ seconds: String) throws -> String { "TIMESTAMP_ADD(\(ts), INTERVAL \(seconds) SECOND)" }
    public func formatFraction(_ ts: String, digits: Int) throws -> String { "FORMAT_TIMESTAMP('%Y-%m-%d %H:%M:%E\(digits)S', \(ts))" }
    public func addDays(_ ts: String, _ days: Int) throws -> String { "TIMESTAMP_ADD(\(ts), INTERVAL \(days) DAY)" }
    /// TIMESTAMP_ADD stops at days; months go through DATETIME.
    public func addMonths(_ ts: String, _ months: Int) throws -> String { "TIMESTAMP(DATETIME_ADD(DATETIME(\(ts)), INTERVAL \(months) MONTH))" }
}
