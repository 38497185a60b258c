import DemoWarehouse
import Foundation
import TestSupport

/// Issue 4 figures: the default demo into SQLite, and a larger scale into PostgreSQL through COPY.
enum DemoBenchmarks {
    static func run(quick: Bool) throws {
        let path = NSTemporaryDirectory() + "spyglass-bench-demo-\(getpid()).sqlite"
        defer { try? FileManager.default.removeItem(atPath: path) }
        let sqlite = try DemoWarehouse.build(into: "sqlite:" + path, scale: 1)
        let rows = sqlite.tables.reduce(0) { $0 + $1.rows }
        Bench.report("demo at scale 1 into SQLite (\(rows) rows)", "\(Bench.format(sqlite.seconds, 2)) s", target: "≤ 5 s", ok: sqlite.seconds <= 5)
        let scale = quick ? 2 : 10
        let url = try TestPostgres.createDatabase(prefix: "demo")
        let pg = try DemoWarehouse.build(into: url, scale: scale)
        let pgRows = pg.tables.reduce(0) { $0 + $1.rows }
        Bench.report("demo at scale \(scale) into PostgreSQL (\(pgRows) rows)", "\(Int(pg.rowsPerSecond)) rows/s",
                     target: "≥ 200k rows/s", ok: pg.rowsPerSecond >= 200_000)
    }
}
