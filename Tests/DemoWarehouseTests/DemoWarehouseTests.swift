import DemoWarehouse
import Foundation
import Testing
import Warehouse

/// The generator: speed, determinism, and the same rows in SQLite and PostgreSQL.
@Suite("Demo warehouse build")
struct DemoWarehouseTests {
    static let primaryKeys = [
        "dim_accounts": "account_id", "dim_servers": "server_id", "dim_users": "user_id", "fct_events": "event_id",
        "fct_server_daily_activity": "activity_id", "fct_opportunities": "opportunity_id",
        "fct_licenses": "license_id", "fct_support_tickets": "ticket_id", "fct_nps": "response_id",
    ]

    @Test func defaultScaleBuildsEveryTableAndReportsItsSpeed() throws {
        let built = try DemoFixture.sqlite.get()
        let stats = built.stats
        print("demo build (scale 1, SQLite): \(stats.totalRows) rows in \(stats.seconds) s = \(Int(stats.rowsPerSecond)) rows/s")
        for table in stats.tables { print("  \(table.name): \(table.rows)") }
        #expect(stats.tables.map(\.name) == DemoWarehouse.tableNames)
        for table in stats.tables {
            #expect(table.rows > 100, "table \(table.name) is nearly empty")
            #expect(try DemoFixture.int("SELECT COUNT(*) FROM \(table.name)", in: built.url) == table.rows)
        }
        #expect(stats.rows(of: "fct_events")! > 300_000)
        // Debug builds on a shared 2-core machine: the ≤ 5 s budget is for release builds (README).
        #expect(stats.seconds < 300)
    }

    @Test func twoBuildsProduceIdenticalTables() throws {
        let a = try DemoFixture.sqlite.get(), b = try DemoFixture.sqliteAgain.get()
        for table in DemoWarehouse.tableNames + [DemoWarehouse.infoTable] {
            let key = Self.primaryKeys[table] ?? "name"
            let x = try DemoFixture.digest(of: table, orderBy: key, in: a.url)
            let y = try DemoFixture.digest(of: table, orderBy: key, in: b)
            #expect(x.rows == y.rows && x.hash == y.hash, "table \(table) differs between two builds")
        }
    }

    @Test func postgresHoldsTheSameRowsAsSQLite() throws {
        let lite = try DemoFixture.sqlite.get(), pg = try DemoFixture.postgres.get()
        print("demo build (scale 1, PostgreSQL): \(pg.stats.totalRows) rows in \(pg.stats.seconds) s = \(Int(pg.stats.rowsPerSecond)) rows/s")
        #expect(pg.stats.tables.map(\.rows) == lite.stats.tables.map(\.rows))
        for table in DemoWarehouse.tableNames {
            let key = Self.primaryKeys[table]!
            let x = try DemoFixture.digest(of: table, orderBy: key, in: lite.url)
            let y = try DemoFixture.digest(of: table, orderBy: key, in: pg.url)
            #expect(x.rows == y.rows, "table \(table): \(x.rows) rows in SQLite, \(y.rows) in PostgreSQL")
            if x.hash != y.hash {
                // Show the first differing row so the failure says what to fix.
                let l = try DemoFixture.dump(table, orderBy: key, in: lite.url, limit: 5000)
                let p = try DemoFixture.dump(table, orderBy: key, in: pg.url, limit: 5000)
                let index = l.indices.first { $0 < p.count && l[$0] != p[$0] }
                Issue.record("table \(table) differs: first at row \(index.map(String.init) ?? "> 5000"): SQLite \(index.map { l[$0] } ?? []) vs PostgreSQL \(index.map { p[$0] } ?? [])")
            }
        }
    }

    @Test func typesArriveAsDeclaredOnBothDatabases() throws {
        for url in [try DemoFixture.sqlite.get().url, try DemoFixture.postgres.get().url] {
            let connection = try Warehouse.connect(url)
            let row = try connection.query(
                "SELECT signup_at, is_bot, last_active_date, user_id FROM dim_users ORDER BY user_id LIMIT 1", maxRows: 1).rows[0]
            guard case .timestamp = row[0], case .bool = row[1], case .date = row[2], case .int = row[3] else {
                Issue.record("unexpected types from \(connection.dialectName): \(row)")
                continue
            }
            let money = try connection.query("SELECT SUM(arr_cents) FROM fct_licenses WHERE is_trial", maxRows: 1).rows[0][0]
            #expect(DemoFixture.canonical(money) == "0", "trial licenses carry no revenue on \(connection.dialectName)")
        }
    }

    @Test func ensureDatabaseBuildsOnceAtomically() throws {
        let path = DemoFixture.ensuredPath
        #expect(try DemoFixture.sqliteAgain.get() == "sqlite:" + path)
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        let clock = ContinuousClock()
        let started = clock.now
        #expect(try DemoWarehouse.ensureDatabase(at: path) == path)
        #expect(clock.now - started < .seconds(1), "an existing demo database must not be rebuilt")
        #expect(try FileManager.default.attributesOfItem(atPath: path)[.modificationDate] as? Date
                == attributes[.modificationDate] as? Date)
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: DemoFixture.directory + "/nested/dir")
        #expect(leftovers == ["demo.sqlite"], "no temporary files may remain")
        #expect(try DemoFixture.int("SELECT COUNT(*) FROM fct_events", in: "sqlite:\(path)") > 300_000)
        #expect(try DemoFixture.scalar("SELECT value FROM \(DemoWarehouse.infoTable) WHERE name = 'generator_version'",
                                       in: "sqlite:\(path)") == .string(String(DemoWarehouse.generatorVersion)))
    }

    @Test func defaultDatabasePathIsVersionedUnderTheDataHome() {
        let path = DemoWarehouse.defaultDatabasePath
        #expect(path.hasSuffix("/spyglass/demo-v\(DemoWarehouse.generatorVersion).sqlite"))
        if let xdg = ProcessInfo.processInfo.environment["XDG_DATA_HOME"], xdg.hasPrefix("/") {
            #expect(path.hasPrefix(xdg + "/"))
        } else {
            #expect(path.contains("/.local/share/spyglass/"))
        }
    }

    @Test func anUnusableScaleIsRefusedWithOneSentence() {
        #expect {
            try DemoWarehouse.build(into: "sqlite:\(DemoFixture.directory)/never.sqlite", scale: 0)
        } throws: { error in
            "\(error)" == "the demo scale must be between 1 and 1000 (got 0)"
        }
    }
}
