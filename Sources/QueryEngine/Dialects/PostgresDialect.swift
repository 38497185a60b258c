import Foundation

/// PostgreSQL (9.6+): executes through libpq. Quoting, literals, ordering, truncation and
/// percentiles are the shared defaults (SharedSpellings.swift).
public struct PostgresDialect: Dialect {
    public init() {}
    public var name: String { "postgres" }
    public var executes: Bool { true }

    /// Standard strings: only quotes need doubling. That holds only while `standard_conforming_strings`
    /// is on, which the warehouse pins and checks before every statement; user values are not written
    /// this way when a statement runs, they are bound (`placeholder`).
    public func stringLiteral(_ s: String) throws -> String { try ansiStringLiteral(s) }
    /// libpq's extended protocol, sent with type OID 0 so PostgreSQL infers each value's type from where
    /// it stands, as it does for an untyped literal.
    public func placeholder(_ index: Int) -> String? { "$\(index)" }
    public func caseInsensitiveLike(_ expr: String, _ patternLiteral: String) -> String { "\(expr) ILIKE \(patternLiteral)" }

    public func format(_ ts: String, _ format: TimeFormat) throws -> String { toCharFormat(ts, format) }

    public func extract(_ part: DatePart, _ ts: String) throws -> String {
        let value = "CAST(EXTRACT(\(extractField(part)) FROM \(ts)) AS INTEGER)"
        return part == .dayOfWeekIndex ? "(\(value) - 1)" : value
    }

    public func convertFromUTC(_ ts: String, to zone: TimeZone) throws -> String { try atTimeZoneFromUTC(ts, to: zone) }
    public func fromEpoch(_ seconds: String) throws -> String { "(TO_TIMESTAMP(\(seconds)) AT TIME ZONE 'UTC')" }
    public func fromYYYYMMDD(_ value: String) throws -> String { "TO_DATE(CAST(\(value) AS TEXT), 'YYYYMMDD')" }
    public func secondsBetween(_ start: String, _ end: String) throws -> String {
        "EXTRACT(EPOCH FROM CAST(\(end) AS TIMESTAMP) - CAST(\(start) AS TIMESTAMP))"
    }
    public func listAggregate(_ expr: String) throws -> String { stringAggList(expr) }
    public func castToText(_ expr: String) -> String { "CAST(\(expr) AS TEXT)" }
    public func addSeconds(_ ts: String, _ seconds: String) throws -> String { intervalAddSeconds(ts, seconds) }
    public func formatFraction(_ ts: String, digits: Int) throws -> String { toCharFraction(ts, digits: digits) }
    public func addDays(_ ts: String, _ days: Int) throws -> String { "(\(ts) + INTERVAL '\(days) days')" }
    public func addMonths(_ ts: String, _ months: Int) throws -> String { "(\(ts) + INTERVAL '\(months) months')" }
}
