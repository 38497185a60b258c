import Foundation

/// PostgreSQL (9.6+): executes through libpq.
public struct PostgresDialect: Dialect {
    public init() {}
    public var name: String { "postgres" }
    public var executes: Bool { true }
    public var supportsFullOuterJoin: Bool { true }

    public func quoteIdentifier(_ name: String) -> String { ansiQuote(name) }
    /// Standard strings (`standard_conforming_strings` is on since 9.1): only quotes need doubling.
    public func stringLiteral(_ s: String) throws -> String { try ansiStringLiteral(s) }
    public func dateLiteral(_ ymd: String) -> String { "DATE '\(ymd)'" }
    public func timestampLiteral(_ ymdhms: String) -> String { "TIMESTAMP '\(ymdhms)'" }
    public func caseInsensitiveLike(_ expr: String, _ patternLiteral: String) -> String { "\(expr) ILIKE \(patternLiteral)" }
    public func orderKey(_ expr: String, descending: Bool) -> String { descending ? "\(expr) DESC NULLS FIRST" : "\(expr) ASC NULLS LAST" }
    public func nullSafeEqual(_ a: String, _ b: String) -> String { "\(a) IS NOT DISTINCT FROM \(b)" }

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
        let field = switch part {
        case .year: "YEAR"
        case .quarter: "QUARTER"
        case .month: "MONTH"
        case .dayOfMonth: "DAY"
        case .dayOfYear: "DOY"
        case .hour: "HOUR"
        case .minute: "MINUTE"
        case .second: "SECOND"
        case .dayOfWeekIndex: "ISODOW"
        case .weekOfYear: "WEEK"
        }
        let value = "CAST(EXTRACT(\(field) FROM \(ts)) AS INTEGER)"
        return part == .dayOfWeekIndex ? "(\(value) - 1)" : value
    }

    public func convertFromUTC(_ ts: String, to zone: TimeZone) throws -> String {
        if let offset = fixedOffset(zone) {
            // A fixed offset is plain arithmetic; PostgreSQL would read 'GMT+5' with POSIX's inverted sign.
            return offset == 0 ? ts : "(\(ts) + INTERVAL '\(offset) seconds')"
        }
        return "((\(ts)) AT TIME ZONE 'UTC' AT TIME ZONE \(try stringLiteral(zone.identifier)))"
    }

    public func fromEpoch(_ seconds: String) throws -> String { "(TO_TIMESTAMP(\(seconds)) AT TIME ZONE 'UTC')" }
    public func fromYYYYMMDD(_ value: String) throws -> String { "TO_DATE(CAST(\(value) AS TEXT), 'YYYYMMDD')" }
    public func secondsBetween(_ start: String, _ end: String) throws -> String {
        "EXTRACT(EPOCH FROM CAST(\(end) AS TIMESTAMP) - CAST(\(start) AS TIMESTAMP))"
    }
    public func floor(_ value: String) -> String { "FLOOR(\(value))" }
    public func percentileAggregate(_ expr: String, _ fraction: Double) -> String? {
        "PERCENTILE_CONT(\(fraction)) WITHIN GROUP (ORDER BY \(expr))"
    }
    public func listAggregate(_ expr: String) throws -> String {
        "STRING_AGG(DISTINCT CAST(\(expr) AS TEXT), ',' ORDER BY CAST(\(expr) AS TEXT))"
    }
    public func castToText(_ expr: String) -> String { "CAST(\(expr) AS TEXT)" }
    public func addSeconds(_ ts: String, _ seconds: String) throws -> String { "(\(ts) + (\(seconds)) * INTERVAL '1 second')" }
    public func formatFraction(_ ts: String, digits: Int) throws -> String {
        "TO_CHAR(\(ts), 'YYYY-MM-DD HH24:MI:SS.\(digits == 3 ? "MS" : "US")')"
    }
}
