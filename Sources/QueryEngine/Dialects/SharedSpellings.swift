import Foundation

/// The spellings most dialects share, written once.
///
/// Defaults here are the standard (or PostgreSQL-family) form of a hook; a dialect that spells it
/// otherwise implements the hook itself, and its own implementation always wins. The helpers below
/// the defaults are shared by two or three dialects only, so each dialect opts into them by name.
/// Golden SQL files (Tests/QueryEngineTests/Golden) pin every dialect's output byte for byte.
extension Dialect {
    // MARK: Defaults

    /// Default: FULL OUTER JOIN exists (every dialect we print has it).
    public var supportsFullOuterJoin: Bool { true }
    /// Default: ANSI double quotes, inner quotes doubled.
    public func quoteIdentifier(_ name: String) -> String { ansiQuote(name) }
    /// Default: the standard typed literal.
    public func dateLiteral(_ ymd: String) -> String { "DATE '\(ymd)'" }
    /// Default: the standard typed literal.
    public func timestampLiteral(_ ymdhms: String) -> String { "TIMESTAMP '\(ymdhms)'" }
    /// Default: explicit NULLS FIRST/LAST, matching PostgreSQL's own ordering.
    public func orderKey(_ expr: String, descending: Bool) -> String {
        descending ? "\(expr) DESC NULLS FIRST" : "\(expr) ASC NULLS LAST"
    }
    /// Default: the standard null-safe comparison.
    public func nullSafeEqual(_ a: String, _ b: String) -> String { "\(a) IS NOT DISTINCT FROM \(b)" }
    /// Default: `DATE_TRUNC` with the unit as a lowercase string (weeks start on Monday there).
    public func truncate(_ unit: TimeUnit, _ ts: String) throws -> String { "DATE_TRUNC('\(unit.rawValue)', \(ts))" }
    /// Default: the standard `FLOOR`.
    public func floor(_ value: String) -> String { "FLOOR(\(value))" }
    /// Default: the standard ordered-set aggregate.
    public func percentileAggregate(_ expr: String, _ fraction: Double) -> String? {
        "PERCENTILE_CONT(\(fraction)) WITHIN GROUP (ORDER BY \(expr))"
    }

    // MARK: Helpers a few dialects share

    /// `format` through `TO_CHAR` patterns (PostgreSQL, Redshift, Snowflake); dates as a cast.
    func toCharFormat(_ ts: String, _ format: TimeFormat) -> String {
        switch format {
        case .date: "CAST(\(ts) AS DATE)"
        case .second: "TO_CHAR(\(ts), 'YYYY-MM-DD HH24:MI:SS')"
        case .minute: "TO_CHAR(\(ts), 'YYYY-MM-DD HH24:MI')"
        case .hour: "TO_CHAR(\(ts), 'YYYY-MM-DD HH24')"
        case .month: "TO_CHAR(\(ts), 'YYYY-MM')"
        case .timeOfDay: "TO_CHAR(\(ts), 'HH24:MI')"
        }
    }

    /// The C `strftime` pattern of `format` (SQLite, DuckDB, BigQuery), without quotes.
    func strftimePattern(_ format: TimeFormat) -> String {
        switch format {
        case .second: "%Y-%m-%d %H:%M:%S"
        case .minute: "%Y-%m-%d %H:%M"
        case .hour: "%Y-%m-%d %H"
        case .date: "%Y-%m-%d"
        case .month: "%Y-%m"
        case .timeOfDay: "%H:%M"
        }
    }

    /// Fractional seconds through `TO_CHAR`'s `MS`/`US` fields (PostgreSQL, Redshift).
    func toCharFraction(_ ts: String, digits: Int) -> String {
        "TO_CHAR(\(ts), 'YYYY-MM-DD HH24:MI:SS.\(digits == 3 ? "MS" : "US")')"
    }

    /// Seconds added as a multiple of a one-second interval (PostgreSQL, Redshift).
    func intervalAddSeconds(_ ts: String, _ seconds: String) -> String { "(\(ts) + (\(seconds)) * INTERVAL '1 second')" }

    /// UTC to `zone` with `AT TIME ZONE` (PostgreSQL, DuckDB).
    func atTimeZoneFromUTC(_ ts: String, to zone: TimeZone) throws -> String {
        if let offset = fixedOffset(zone) {
            // A fixed offset is plain arithmetic; PostgreSQL would read 'GMT+5' with POSIX's inverted sign.
            return offset == 0 ? ts : "(\(ts) + INTERVAL '\(offset) seconds')"
        }
        return "((\(ts)) AT TIME ZONE 'UTC' AT TIME ZONE \(try stringLiteral(zone.identifier)))"
    }

    /// UTC to `zone` with `CONVERT_TIMEZONE`, fixed offsets with `DATEADD(secondUnit, …)` (Redshift, Snowflake).
    func convertTimezoneFromUTC(_ ts: String, to zone: TimeZone, secondUnit: String) throws -> String {
        if let offset = fixedOffset(zone) { return offset == 0 ? ts : "DATEADD(\(secondUnit), \(offset), \(ts))" }
        return "CONVERT_TIMEZONE('UTC', \(try stringLiteral(zone.identifier)), \(ts))"
    }

    /// Distinct sorted values joined by commas with `STRING_AGG` (PostgreSQL, DuckDB).
    func stringAggList(_ expr: String) -> String {
        let text = castToText(expr)
        return "STRING_AGG(DISTINCT \(text), ',' ORDER BY \(text))"
    }

    /// Distinct sorted values joined by commas with `LISTAGG … WITHIN GROUP` (Redshift, Snowflake).
    func listAggList(_ expr: String) -> String {
        let text = castToText(expr)
        return "LISTAGG(DISTINCT \(text), ',') WITHIN GROUP (ORDER BY \(text))"
    }

    /// The `EXTRACT` field name of `part` (PostgreSQL, DuckDB); the day of week is ISO (1 = Monday).
    func extractField(_ part: DatePart) -> String {
        switch part {
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
    }
}
