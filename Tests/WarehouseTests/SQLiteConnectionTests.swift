import Foundation
import Testing
@testable import Warehouse

@Suite("SQLite connection")
struct SQLiteConnectionTests {
    /// A file with typed columns, filled through the loader, read back through a read-only session.
    private func typedFixture() throws -> String {
        let path = TempFile.path("types")
        let loader = try Warehouse.openLoader("sqlite:" + path)
        defer { loader.close() }
        try loader.execute("""
            CREATE TABLE t (b BOOLEAN, i INTEGER, f REAL, money NUMERIC(12,2), exact DECIMAL TEXT,
                            d DATE, ts TIMESTAMP, s TEXT);
            CREATE VIEW v AS SELECT d AS day, ts AS at, exact FROM t;
            """)
        try loader.load(table: "t", columns: ["b", "i", "f", "money", "exact", "d", "ts", "s"], rows: [
            [.bool(true), .int(Int64.max), .double(0.1), .decimal("12.50"), .decimal("12345678901234567890.123456789"),
             .date(LocalDate(year: 2024, month: 2, day: 29)),
             .timestamp(LocalDateTime(date: LocalDate(year: 2024, month: 3, day: 1), hour: 23, minute: 59, second: 58)),
             .string("Zürich — 東京 🚀 'quoted' \"double\"")],
            Array(repeating: Value.null, count: 8),
        ])
        return path
    }

    @Test func typedValuesRoundTrip() throws {
        let connection = try Warehouse.connect(try typedFixture())
        #expect(connection.dialectName == "sqlite")
        let result = try connection.query("SELECT * FROM t ORDER BY i DESC", maxRows: 10)
        #expect(result.columns.map(\.type) == [.bool, .int, .double, .decimal, .decimal, .date, .timestamp, .string])
        #expect(result.rows.first == [
            .bool(true), .int(Int64.max), .double(0.1), .decimal("12.5"), .decimal("12345678901234567890.123456789"),
            .date(LocalDate(year: 2024, month: 2, day: 29)),
            .timestamp(LocalDateTime(date: LocalDate(year: 2024, month: 3, day: 1), hour: 23, minute: 59, second: 58)),
            .string("Zürich — 東京 🚀 'quoted' \"double\""),
        ])
        #expect(result.rows.last == Array(repeating: Value.null, count: 8))
    }

    @Test func viewColumnsKeepTheirDeclaredTypes() throws {
        let connection = try Warehouse.connect("sqlite:" + typedFixture())
        let result = try connection.query("SELECT day, at, exact FROM v WHERE day IS NOT NULL", maxRows: 10)
        #expect(result.columns == [Column(name: "day", type: .date), Column(name: "at", type: .timestamp),
                                   Column(name: "exact", type: .decimal)])
        #expect(result.rows.first?.first == .date(LocalDate(year: 2024, month: 2, day: 29)))
    }

    @Test func expressionColumnsAreTypedByValue() throws {
        let connection = try Warehouse.connect(try typedFixture())
        let result = try connection.query("SELECT count(*) AS n, avg(f) AS a, 'x' AS s, NULL AS z FROM t", maxRows: 1)
        #expect(result.columns.map(\.type) == [.int, .double, .string, .unknown])
        #expect(result.rows == [[.int(2), .double(0.1), .string("x"), .null]])
    }

    @Test func missingFileIsCannotConnect() {
        let path = TempFile.path("missing")
        #expect(throws: WarehouseError.cannotConnect("SQLite database file not found: \(path)")) {
            try Warehouse.connect("sqlite:" + path)
        }
        #expect(!FileManager.default.fileExists(atPath: path), "a read-only connect must not create the file")
    }

    @Test func notADatabaseIsCannotConnect() throws {
        let path = TempFile.path("text")
        try "hello, not a database".write(toFile: path, atomically: true, encoding: .utf8)
        #expect(throws: WarehouseError.cannotConnect("cannot open SQLite database \(path): file is not a database")) {
            try Warehouse.connect(path)
        }
    }

    @Test func readOnlySessionRejectsWrites() throws {
        let path = try typedFixture()
        let connection = try Warehouse.connect(path)
        #expect(throws: WarehouseError.queryFailed("the connection is read-only and this statement would write")) {
            try connection.query("INSERT INTO t (i) VALUES (1)", maxRows: 1)
        }
        // Even a session that switches query_only off cannot write: the file itself is open read-only.
        _ = try connection.query("PRAGMA query_only = OFF", maxRows: 1)
        #expect(throws: WarehouseError.self) {
            try connection.query("DELETE FROM t", maxRows: 1)
        }
        #expect(try connection.query("SELECT count(*) FROM t", maxRows: 1).rows == [[.int(2)]])
    }

    @Test func readWriteSessionWritesWhenAskedTo() throws {
        let path = try typedFixture()
        var options = ConnectionOptions()
        options.readOnly = false
        let writer = try Warehouse.connect(path, options: options)
        _ = try writer.query("INSERT INTO t (i) VALUES (7)", maxRows: 1)
        #expect(try Warehouse.connect(path).query("SELECT count(*) FROM t", maxRows: 1).rows == [[.int(3)]])
    }

    @Test func interruptStopsALongRecursiveQuery() throws {
        let connection = try Warehouse.connect(try typedFixture())
        let canceller = Canceller(after: 0.2) { connection.cancel() }
        #expect(throws: WarehouseError.cancelled) {
            try connection.query(Self.endlessCTE, maxRows: 1)
        }
        let returned = ContinuousClock.now
        let cancelledAt = try #require(canceller.firedAt)
        #expect(returned - cancelledAt < .seconds(1))
        #expect(try connection.query("SELECT 1", maxRows: 1).rows == [[.int(1)]])
    }

    @Test func statementTimeoutStopsALongRecursiveQuery() throws {
        let connection = try Warehouse.connect(try typedFixture(), options: ConnectionOptions(statementTimeoutSeconds: 0.3))
        let started = ContinuousClock.now
        #expect(throws: WarehouseError.timeout("the query ran longer than the statement timeout of 0.3 s")) {
            try connection.query(Self.endlessCTE, maxRows: 1)
        }
        #expect(ContinuousClock.now - started < .seconds(2))
        #expect(try connection.query("SELECT 1", maxRows: 1).rows == [[.int(1)]])
    }

    @Test func severalStatementsAreRefused() throws {
        let connection = try Warehouse.connect(try typedFixture())
        #expect(throws: WarehouseError.unsupported("only one SQL statement can run at a time on SQLite")) {
            try connection.query("SELECT 1; SELECT 2", maxRows: 5)
        }
        // A trailing semicolon and comment are still one statement.
        #expect(try connection.query("SELECT 1; -- done", maxRows: 5).rows == [[.int(1)]])
    }

    @Test func rowCapAndErrors() throws {
        let connection = try Warehouse.connect(try typedFixture())
        #expect(throws: WarehouseError.tooManyRows(3)) {
            try connection.query("WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c LIMIT 100) SELECT x FROM c", maxRows: 3)
        }
        #expect(throws: WarehouseError.queryFailed("no such table: nope")) {
            try connection.query("SELECT * FROM nope", maxRows: 3)
        }
    }

    @Test func streamsAMillionRowsWithFlatMemory() throws {
        let connection = try Warehouse.connect(try typedFixture())
        let before = try ProcessMemory.residentKilobytes()
        var peak = before
        var count = 0
        var sum: Int64 = 0
        try connection.stream("""
            WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 1000000)
            SELECT x, printf('row %08d', x) AS label FROM c
            """, onColumns: { #expect($0.map(\.type) == [.int, .string]) }, onRow: { row in
                count += 1
                if case .int(let n) = row[0] { sum += n }
                if count % 100_000 == 0 { peak = max(peak, (try? ProcessMemory.residentKilobytes()) ?? 0) }
            })
        #expect(count == 1_000_000)
        #expect(sum == 500_000_500_000)
        #expect(peak - before < 40_000, "RSS grew from \(before) kB to \(peak) kB while streaming")
    }

    /// Counts to a billion: minutes of work, so only an interrupt or timeout ends it in time.
    static let endlessCTE = """
        WITH RECURSIVE c(x) AS (SELECT 1 UNION ALL SELECT x + 1 FROM c WHERE x < 1000000000)
        SELECT max(x) FROM c
        """
}
