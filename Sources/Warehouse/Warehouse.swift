/// Entry points: turn a database URL into a connection (read-only by default) or a loader.
public enum Warehouse {
    /// Opens a session. `url` is a libpq URI (`postgresql://…`, `postgres://…`), a libpq keyword
    /// string (`host=… dbname=…`), `sqlite:PATH`, or a path ending in .db/.sqlite/.sqlite3.
    public static func connect(_ url: String, options: ConnectionOptions = .init()) throws -> any Connection {
        switch try Target(url) {
        case .postgres(let conninfo): try PostgresConnection(conninfo: conninfo, options: options)
        case .sqlite(let path): try SQLiteConnection(path: path, options: options)
        case .snowflake(let url): try SnowflakeConnection(url: url, options: options)
        }
    }

    /// Opens a read-write session for DDL and bulk loads. A missing SQLite file is created.
    public static func openLoader(_ url: String) throws -> any Loader {
        switch try Target(url) {
        case .postgres(let conninfo): try PostgresLoader(conninfo: conninfo)
        case .sqlite(let path): try SQLiteLoader(path: path)
        case .snowflake(let url): try SnowflakeLoader(url: url)
        }
    }

    /// `url` with any password replaced by `***`, safe to print in messages and logs.
    public static func redact(_ url: String) -> String {
        Redactor.redact(url)
    }

    /// The dialect ("postgres" | "sqlite" | "snowflake") a URL would connect with, without connecting.
    public static func dialectName(for url: String) throws -> String {
        switch try Target(url) {
        case .postgres: "postgres"
        case .sqlite: "sqlite"
        case .snowflake: "snowflake"
        }
    }

    /// Which connector a URL names.
    enum Target: Equatable {
        case postgres(String)
        case sqlite(String)
        case snowflake(String)

        init(_ url: String) throws {
            let lower = url.lowercased()
            if lower.hasPrefix("postgresql://") || lower.hasPrefix("postgres://") {
                self = .postgres(url)
            } else if lower.hasPrefix("snowflake://") {
                _ = try SnowflakeConfiguration(url)  // URL mistakes are usage errors, found before connecting
                self = .snowflake(url)
            } else if lower.hasPrefix("sqlite:") {
                var path = String(url.dropFirst("sqlite:".count))
                // `sqlite:///abs/path` and `sqlite://rel` are common spellings of the same thing.
                if path.hasPrefix("//") { path.removeFirst(2) }
                guard !path.isEmpty else { throw WarehouseError.unsupported("the SQLite URL \"\(url)\" names no file") }
                self = .sqlite(path)
            } else if lower.hasSuffix(".db") || lower.hasSuffix(".sqlite") || lower.hasSuffix(".sqlite3") {
                self = .sqlite(url)
            } else if url.contains("=") {
                self = .postgres(url)  // libpq keyword/value string: host=… dbname=…
            } else {
                throw WarehouseError.unsupported(
                    "unrecognised database URL \"\(Redactor.redact(url))\"; use postgresql://…, snowflake://…, sqlite:PATH or a .db/.sqlite file")
            }
        }
    }
}
