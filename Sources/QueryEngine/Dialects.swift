/// The registry of SQL dialects, by the names `--dialect` accepts.
public enum Dialects {
    /// Every dialect, executing ones first.
    public static var all: [any Dialect] {
        [PostgresDialect(), SQLiteDialect(), DuckDBDialect(), SnowflakeDialect(), BigQueryDialect(), RedshiftDialect()]
    }

    /// The dialect called `name` (case-insensitive; `postgresql` and `sqlite3` are accepted too).
    public static func named(_ name: String) throws -> any Dialect {
        let key = name.lowercased()
        let alias = ["postgresql": "postgres", "pg": "postgres", "sqlite3": "sqlite"][key] ?? key
        if let dialect = all.first(where: { $0.name == alias }) { return dialect }
        throw QueryError("unknown dialect '\(name)'; expected one of \(all.map(\.name).joined(separator: ", "))")
    }
}
