#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Synchronization
import Warehouse

/// The bundled demo: the customer-data marts of "Parley", a company selling a self-hosted chat
/// product (web, desktop and mobile apps), generated deterministically and loaded into SQLite or
/// PostgreSQL. The LookML model on top lives in the repository's models/, views/ and dashboards/.
public enum DemoWarehouse {
    /// Bumped whenever the generated data changes, so an old cached database is never reused.
    public static let generatorVersion = 2

    /// The demo's tables in load order (dimensions, then facts).
    public static let tableNames = [
        "dim_accounts", "dim_servers", "dim_users", "fct_events", "fct_server_daily_activity",
        "fct_opportunities", "fct_licenses", "fct_support_tickets", "fct_nps",
    ]

    /// The table recording how a database was built (generator version, scale, period).
    public static let infoTable = "spyglass_demo_info"

    /// Generates the demo at `scale` (1 = default, about half a million rows; 10 = millions of
    /// events) and loads it into `url` (`sqlite:PATH`, `postgresql://…` or `snowflake://…`), replacing any demo
    /// tables already there. Deterministic: the same scale gives identical rows on every machine.
    @discardableResult
    public static func build(into url: String, scale: Int = 1, progress: ((String) -> Void)? = nil) throws -> DemoStats {
        guard scale >= 1 && scale <= 1000 else {
            throw DemoWarehouseError("the demo scale must be between 1 and 1000 (got \(scale))")
        }
        let clock = ContinuousClock()
        let started = clock.now
        let dialect = try Warehouse.dialectName(for: url)
        let postgres = dialect == "postgres"
        let snowflake = dialect == "snowflake"
        let loader = try Warehouse.openLoader(url)
        defer { loader.close() }
        if dialect == "sqlite" {
            // A scratch build: nothing to recover on a crash (ensureDefaultDatabase renames only
            // a finished file), so skip the journal and fsyncs.
            try loader.execute("PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; PRAGMA cache_size = -65536")
        }

        progress?("Generating the Parley demo world (scale \(scale))…")
        let world = DemoWorld(scale: scale)
        let tables = DemoTables.all(world: world)
        for table in tables.reversed() { try loader.execute("DROP TABLE IF EXISTS \(table.name)") }
        try loader.execute("DROP TABLE IF EXISTS \(infoTable)")

        var counts: [(name: String, rows: Int)] = []
        for table in tables {
            progress?("Loading \(table.name)…")
            try loader.execute(table.createSQL(postgres: postgres, snowflake: snowflake))
            let counter = RowCounter()
            try loader.load(table: table.name, columns: table.columns.map(\.name),
                            rows: table.rows().lazy.map { row in counter.count += 1; return row })
            if postgres {
                progress?("Indexing \(table.name)…")
                try loader.execute("ALTER TABLE \(table.name) ADD PRIMARY KEY (\(table.primaryKey))")
            }
            counts.append((table.name, counter.count))
        }

        try loader.execute("CREATE TABLE \(infoTable) (name TEXT PRIMARY KEY, value TEXT NOT NULL)")
        try loader.load(table: infoTable, columns: ["name", "value"], rows: [
            [.string("generator_version"), .string(String(generatorVersion))],
            [.string("scale"), .string(String(scale))],
            [.string("period_start"), .string(DemoCalendar.start.description)],
            [.string("period_end"), .string(DemoCalendar.end.description)],
        ])
        if !snowflake {  // Snowflake keeps its statistics itself and has no ANALYZE.
            progress?("Analyzing…")
            try loader.execute("ANALYZE")
        }

        let elapsed = clock.now - started
        let seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
        let stats = DemoStats(tables: counts, seconds: seconds)
        progress?("Built \(stats.totalRows) rows in \(formatSeconds(seconds)) s.")
        return stats
    }

    /// `$XDG_DATA_HOME/spyglass/demo-v<generatorVersion>.sqlite`, else
    /// `~/.local/share/spyglass/demo-v<generatorVersion>.sqlite`.
    public static var defaultDatabasePath: String {
        let file = "spyglass/demo-v\(generatorVersion).sqlite"
        if let xdg = environment("XDG_DATA_HOME"), xdg.hasPrefix("/") { return "\(xdg)/\(file)" }
        let home = environment("HOME") ?? "."
        return "\(home)/.local/share/\(file)"
    }

    /// Builds the default database if it is missing and returns its path. The build goes to a
    /// temporary file renamed into place when complete, so a crash or a concurrent build never
    /// leaves a half-built demo behind.
    @discardableResult
    public static func ensureDefaultDatabase(progress: ((String) -> Void)? = nil) throws -> String {
        try ensureDatabase(at: defaultDatabasePath, progress: progress)
    }

    /// Builds a default-scale SQLite demo at `path` unless a file is already there (same atomic
    /// temp-file-and-rename as `ensureDefaultDatabase`), creating missing directories; returns `path`.
    @discardableResult
    public static func ensureDatabase(at path: String, progress: ((String) -> Void)? = nil) throws -> String {
        // Threads of one process (dashboard tiles opening at once) wait for one build instead of
        // racing on the same temporary file; other processes get their own temporary file.
        try ensureLock.withLock { _ in try ensureDatabaseUnlocked(at: path, progress: progress) }
    }

    private static func ensureDatabaseUnlocked(at path: String, progress: ((String) -> Void)?) throws -> String {
        if access(path, F_OK) == 0 { return path }
        if let slash = path.lastIndex(of: "/"), slash != path.startIndex {
            try makeDirectories(String(path[..<slash]))
        }
        let temporary = "\(path).tmp-\(getpid())"
        unlink(temporary)
        do {
            try build(into: "sqlite:\(temporary)", scale: 1, progress: progress)
        } catch {
            unlink(temporary)
            throw error
        }
        guard rename(temporary, path) == 0 else {
            let reason = String(cString: strerror(errno))
            unlink(temporary)
            throw DemoWarehouseError("cannot move the demo database into \(path): \(reason)")
        }
        return path
    }

    // MARK: Helpers

    private static let ensureLock = Mutex(())

    private final class RowCounter { var count = 0 }

    private static func environment(_ name: String) -> String? {
        guard let value = getenv(name) else { return nil }
        let text = String(cString: value)
        return text.isEmpty ? nil : text
    }

    /// `mkdir -p`.
    private static func makeDirectories(_ path: String) throws {
        var prefix = path.hasPrefix("/") ? "/" : ""
        for part in path.split(separator: "/") {
            prefix += (prefix.isEmpty || prefix.hasSuffix("/") ? "" : "/") + part
            if mkdir(prefix, 0o755) != 0 && errno != EEXIST {
                throw DemoWarehouseError("cannot create the directory \(prefix) for the demo database: \(String(cString: strerror(errno)))")
            }
        }
    }

    static func formatSeconds(_ seconds: Double) -> String {
        let hundredths = Int((seconds * 100).rounded())
        let fraction = hundredths % 100
        return "\(hundredths / 100).\(fraction < 10 ? "0" : "")\(fraction)"
    }
}
