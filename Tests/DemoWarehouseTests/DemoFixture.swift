import DemoWarehouse
import Foundation
import TestSupport
import Warehouse

/// Demo databases shared by the suites: building one costs seconds, so each is built once per
/// test process (Swift's lazy statics are thread-safe) into a fresh directory of its own.
enum DemoFixture {
    struct Built: Sendable {
        var url: String
        var stats: DemoStats
    }

    /// This process's demo files: `<root>/<pid>-<random>`, removed at exit.
    ///
    /// Not in the shared temp directory: there, a live run's files looked like the litter of
    /// earlier runs (`/tmp/spyglass-demo-tests-*`), and a cleanup of that litter by another
    /// process or a person deleted them mid-run ("SQLite database file not found"). Under the test
    /// build directory only this build's own runs meet them, and they sweep only dead owners' files.
    static let directory: String = {
        try! FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        sweepLeftovers()
        let dir = root + "/\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        try! FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        // Two demo databases are ~60 MB: don't leave them behind after every run.
        atexit { try? FileManager.default.removeItem(atPath: DemoFixture.directory) }
        return dir
    }()

    /// `.spyglass-demo-tests` beside the test bundle in the build directory (which this build
    /// owns), else in the temp directory when the bundle's directory is not writable. Hidden, so a
    /// build directory inside the repository never adds the project copy to the demo project.
    static let root: String = {
        let bundle = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent().path
        let base = access(bundle, W_OK) == 0 ? bundle + "/" : NSTemporaryDirectory()
        return base + ".spyglass-demo-tests"
    }()

    /// Removes the directories of runs that died without their atexit (killed, crashed), so nobody
    /// needs to clean up by hand. Only a directory whose owner process is gone is removed: a live
    /// run's files are never touched, whatever its age.
    static func sweepLeftovers() {
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: root) else { return }
        for entry in entries {
            guard let dash = entry.firstIndex(of: "-"), let pid = Int32(entry[..<dash]), pid > 0, pid != getpid() else { continue }
            if kill(pid, 0) != 0 && errno == ESRCH {
                try? FileManager.default.removeItem(atPath: root + "/" + entry)
            }
        }
    }

    /// The default-scale demo in SQLite.
    static let sqlite: Result<Built, any Error> = Result {
        let url = "sqlite:\(directory)/demo-a.sqlite"
        return Built(url: url, stats: try DemoWarehouse.build(into: url))
    }

    /// Where `ensureDatabase(at:)` builds the second copy (in directories it must create).
    static var ensuredPath: String { directory + "/nested/dir/demo.sqlite" }

    /// The same demo built a second time, through `ensureDatabase(at:)`: the determinism test
    /// compares it with `sqlite`, and the atomic-build test inspects it (one build, two uses).
    static let sqliteAgain: Result<String, any Error> = Result {
        "sqlite:" + (try DemoWarehouse.ensureDatabase(at: ensuredPath))
    }

    /// The same demo loaded into a throwaway PostgreSQL database.
    static let postgres: Result<Built, any Error> = Result {
        let url = try TestPostgres.createDatabase(prefix: "demo")
        return Built(url: url, stats: try DemoWarehouse.build(into: url))
    }

    /// One value as comparable text: booleans as 0/1 (SQLite stores them so), doubles rounded to
    /// 6 decimals (the numeric tolerance between the two databases' float printing).
    static func canonical(_ value: Value) -> String {
        switch value {
        case .null: "∅"
        case .bool(let b): b ? "1" : "0"
        case .int(let n): String(n)
        case .double(let d): String((d * 1_000_000).rounded() / 1_000_000)
        case .decimal(let text): text
        case .string(let s): "s:" + s
        case .date(let d): "d:\(d)"
        case .timestamp(let t): "t:\(t)"
        }
    }

    /// Row count and a 64-bit FNV-1a digest of every row of `table` in primary-key order.
    static func digest(of table: String, orderBy key: String, in url: String) throws -> (rows: Int, hash: UInt64) {
        let connection = try Warehouse.connect(url)
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        var rows = 0
        try connection.stream("SELECT * FROM \(table) ORDER BY \(key)", onColumns: { _ in }, onRow: { row in
            rows += 1
            for value in row {
                for byte in canonical(value).utf8 {
                    hash = (hash ^ UInt64(byte)) &* 0x100_0000_01b3
                }
                hash = (hash ^ 0x1f) &* 0x100_0000_01b3
            }
        })
        return (rows, hash)
    }

    /// The first `limit` rows of a table as canonical text, for showing where two databases differ.
    static func dump(_ table: String, orderBy key: String, in url: String, limit: Int) throws -> [[String]] {
        let connection = try Warehouse.connect(url)
        return try connection.query("SELECT * FROM \(table) ORDER BY \(key) LIMIT \(limit)", maxRows: limit)
            .rows.map { $0.map(canonical) }
    }

    /// The single value of a one-row, one-column query.
    static func scalar(_ sql: String, in url: String) throws -> Value {
        let result = try Warehouse.connect(url).query(sql, maxRows: 2)
        return result.rows.first?.first ?? .null
    }

    static func int(_ sql: String, in url: String) throws -> Int {
        switch try scalar(sql, in: url) {
        case .int(let n): Int(n)
        case .double(let d): Int(d)
        case .decimal(let t): Int(Double(t) ?? -1)
        case let other: fatalError("expected a number from \(sql), got \(other)")
        }
    }
}
