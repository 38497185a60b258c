import QueryEngine

/// Test-only dialects: the minimum SQLite and PostgreSQL need, so filter SQL can be executed on real
/// databases independently of the planner's dialects (which run the same cases in
/// FilterDialectContractTests). LIKE comes back unparenthesised on purpose: the renderer must not
/// rely on a dialect to group it.
struct SQLiteFilterDialect: FilterSQLDialect {
    struct Unrepresentable: Error {}

    func stringLiteral(_ s: String) throws -> String {
        if s.utf8.contains(0) { throw Unrepresentable() }
        return "'" + s.replacingOccurrences(of: "'", with: "''") + "'"
    }
    // Dates and timestamps are stored as ISO text in the SQLite fixtures, which sorts correctly.
    func dateLiteral(_ ymd: String) -> String { "'\(ymd)'" }
    func timestampLiteral(_ ymdhms: String) -> String { "'\(ymdhms)'" }
    func caseInsensitiveLike(_ expr: String, _ patternLiteral: String) -> String {
        "\(expr) LIKE \(patternLiteral) ESCAPE '\\'"
    }
}

struct PostgresFilterDialect: FilterSQLDialect {
    struct Unrepresentable: Error {}

    /// Relies on standard_conforming_strings (on by default since 9.1): backslashes are literal.
    func stringLiteral(_ s: String) throws -> String {
        if s.utf8.contains(0) { throw Unrepresentable() }
        return "'" + s.replacingOccurrences(of: "'", with: "''") + "'"
    }
    func dateLiteral(_ ymd: String) -> String { "DATE '\(ymd)'" }
    func timestampLiteral(_ ymdhms: String) -> String { "TIMESTAMP '\(ymdhms)'" }
    func caseInsensitiveLike(_ expr: String, _ patternLiteral: String) -> String {
        "\(expr) ILIKE \(patternLiteral) ESCAPE '\\'"
    }
}
