import Foundation
import SpyglassCore
import TestSupport
import Warehouse

/// Streaming N rows as CSV from Snowflake's protocol (a local fakesnow server: HTTP, Arrow in
/// `rowsetBase64`) beside psql's COPY of the same rows from PostgreSQL. What it measures: the whole
/// `spyglass query --format csv` process against fakesnow, which includes fakesnow's own work
/// (DuckDB, sqlglot, building and base64-encoding the Arrow result in Python), so it is a floor on
/// what the connector does, not a Snowflake figure.
enum SnowflakeBenchmarks {
    static let model = """
    connection: "bench"
    view: items {
      sql_table_name: items ;;
      dimension: id { primary_key: yes type: number sql: ${TABLE}.id ;; }
      dimension: order_id { type: number sql: ${TABLE}.order_id ;; }
      dimension: price { type: number sql: ${TABLE}.price ;; }
      measure: count { type: count }
    }
    explore: items {}
    """

    static func run(quick: Bool, binaryDirectory: String) throws {
        let rows = quick ? 100_000 : 1_000_000
        let snowflake = try TestFakesnow.createDatabase(prefix: "bench")
        let postgres = try TestPostgres.createDatabase(prefix: "snowbench")
        let setup = try Bench.milliseconds {
            let loader = try Warehouse.openLoader(snowflake)
            try loader.execute("""
                CREATE TABLE items AS SELECT seq4() + 1 AS id, 1 + MOD((seq4() + 1) * 104729, 1000000) AS order_id,
                (MOD(seq4() + 1, 5000) / 7.0)::NUMBER(10,2) AS price FROM TABLE(GENERATOR(ROWCOUNT => \(rows)))
                """)
            loader.close()
            try TestPostgres.execute("""
                CREATE TABLE items AS SELECT g AS id, 1 + (g::bigint * 104729) % 1000000 AS order_id,
                  ((g % 5000) / 7.0)::numeric(10,2) AS price FROM generate_series(1, \(rows)) g
                """, in: postgres)
        }
        Bench.report("fakesnow and PostgreSQL: \(rows / 1000)k rows each", "built in \(Bench.format(setup / 1000)) s")
        let project = NSTemporaryDirectory() + "spyglass-bench-snowflake-\(getpid())"
        try FileManager.default.createDirectory(atPath: project, withIntermediateDirectories: true)
        try model.write(toFile: project + "/bench.model.lkml", atomically: true, encoding: .utf8)

        // The same rows come back from both (checked on the first and last rows before timing).
        let sql = "SELECT id, order_id, price FROM items ORDER BY id"
        let a = try Warehouse.connect(snowflake).query(sql + " LIMIT 3", maxRows: 3).rows
        let b = try Warehouse.connect(postgres).query(sql + " LIMIT 3", maxRows: 3).rows
        guard a == b else {
            throw BenchError("fakesnow and PostgreSQL hold different rows: \(a) vs \(b)")
        }
        func spyglass(_ url: String) -> [String] {
            [binaryDirectory + "/spyglass", "query", "items", "--project", project, "--database", url, "--format", "csv",
             "--limit", String(rows), "--max-rows", String(rows), "--fields", "items.id,items.order_id,items.price", "--sorts", "items.id"]
        }
        let psql = ["psql", postgres, "-X", "-q", "-c", "COPY (\(sql)) TO STDOUT CSV"]
        var ours: [Double] = [], theirs: [Double] = [], rss: [Int] = []
        for _ in 0..<(quick ? 1 : 3) {
            let s = Bench.spawn(spyglass(snowflake)), p = Bench.spawn(psql)
            guard s.status == 0, p.status == 0 else { throw BenchError("Snowflake CSV run failed: spyglass \(s.status), psql \(p.status)") }
            ours.append(s.ms)
            theirs.append(p.ms)
            rss.append(s.maxRSSKiB)
        }
        let s = ours.sorted()[ours.count / 2], p = theirs.sorted()[theirs.count / 2]
        Bench.report("CSV of \(rows) rows, spyglass via fakesnow", "\(Bench.format(s)) ms (\(Int(Double(rows) / s * 1000)) rows/s), peak \(rss.max()! / 1024) MiB")
        Bench.report("CSV of \(rows) rows, psql COPY from PostgreSQL", "\(Bench.format(p)) ms (\(Int(Double(rows) / p * 1000)) rows/s)")
    }
}
