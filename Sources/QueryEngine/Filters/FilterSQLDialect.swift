/// The few SQL renderings a filter needs from a dialect; every user value goes through one of these.
///
/// Implemented by the planner's dialects (postgres, sqlite, duckdb, snowflake, bigquery, redshift).
/// Filters never concatenate user text into SQL themselves: numbers are re-printed from a validated
/// decimal, dates from validated calendar fields, and all other user text goes through `valueLiteral`.
public protocol FilterSQLDialect {
    /// A string literal, escaped for this dialect. Throws for text it cannot express (a NUL byte).
    func stringLiteral(_ s: String) throws -> String
    /// A user's value as SQL: a bind parameter where the dialect binds (see Dialect+Values.swift), else
    /// `stringLiteral`. Constants the filter engine writes itself use `stringLiteral`.
    func valueLiteral(_ s: String) throws -> String
    /// A date literal from "YYYY-MM-DD".
    func dateLiteral(_ ymd: String) -> String
    /// A timestamp literal from "YYYY-MM-DD HH:MM:SS".
    func timestampLiteral(_ ymdhms: String) -> String
    /// A case-insensitive LIKE of `expr` against an already-escaped pattern literal (escape char '\').
    func caseInsensitiveLike(_ expr: String, _ patternLiteral: String) -> String
}
