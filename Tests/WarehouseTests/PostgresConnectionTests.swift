import Foundation
import Testing
import TestSupport
@testable import Warehouse

@Suite("PostgreSQL connection")
struct PostgresConnectionTests {
    @Test func typedValuesRoundTrip() throws {
        let url = try TestPostgres.createDatabase(prefix: "types")
        try TestPostgres.execute("""
            CREATE TABLE t (b boolean, i2 smallint, i4 integer, i8 bigint, f4 real, f8 double precision,
                            n numeric(40,9), d date, ts timestamp, tz timestamptz, s text, v varchar(20), c char(3));
            INSERT INTO t VALUES (true, -32768, 2147483647, -9223372036854775808, 1.5, 0.1,
                                  12345678901234567890.123456789, '2024-02-29', '2024-03-01 12:34:56.789',
                                  '2024-03-01 01:30:00+05:30', 'Zürich — 東京 🚀', 'tab\tnew\nline', 'ab');
            INSERT INTO t VALUES (NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL, NULL);
            """, in: url)
        let connection = try Warehouse.connect(url)
        #expect(connection.dialectName == "postgres")
        let result = try connection.query("SELECT * FROM t ORDER BY b NULLS LAST", maxRows: 10)
        #expect(result.columns.map(\.type) == [.bool, .int, .int, .int, .double, .double, .decimal, .date,
                                               .timestamp, .timestamp, .string, .string, .string])
        #expect(result.columns.map(\.name) == ["b", "i2", "i4", "i8", "f4", "f8", "n", "d", "ts", "tz", "s", "v", "c"])
        let day = LocalDate(year: 2024, month: 3, day: 1)
        #expect(result.rows.first == [
            .bool(true), .int(-32768), .int(2_147_483_647), .int(Int64.min), .double(1.5), .double(0.1),
            .decimal("12345678901234567890.123456789"), .date(LocalDate(year: 2024, month: 2, day: 29)),
            .timestamp(LocalDateTime(date: day, hour: 12, minute: 34, second: 56, nanosecond: 789_000_000)),
            // 01:30 at +05:30 is 20:00 UTC the day before.
            .timestamp(LocalDateTime(date: LocalDate(year: 2024, month: 2, day: 29), hour: 20, minute: 0, second: 0)),
            .string("Zürich — 東京 🚀"), .string("tab\tnew\nline"), .string("ab "),
        ])
        #expect(result.rows.last == Array(repeating: Value.null, count: 13))
    }

    @Test func emptyResultStillReportsColumns() throws {
        let connection = try Warehouse.connect(try TestPostgres.createDatabase(prefix: "empty"))
        var columns: [Column]?
        var rows = 0
        try connection.stream("SELECT 1::int AS a, 'x'::text AS b WHERE false",
                              onColumns: { columns = $0 }, onRow: { _ in rows += 1 })
        #expect(columns == [Column(name: "a", type: .int), Column(name: "b", type: .string)])
        #expect(rows == 0)
    }
}

extension PostgresConnectionTests {
    @Test func streamsAMillionRowsWithFlatMemory() throws {
        let connection = try Warehouse.connect(try TestPostgres.createDatabase(prefix: "stream"))
        // Warm up allocator and libpq buffers so the baseline is not the first-touch cost.
        _ = try connection.query("SELECT g, 'row ' || g FROM generate_series(1, 10000) g", maxRows: 20_000)
        let before = try ProcessMemory.residentKilobytes()
        var count = 0
        var sum: Int64 = 0
        var peak = before
        let started = ContinuousClock.now
        try connection.stream("SELECT g::bigint AS n, md5(g::text) AS s FROM generate_series(1, 1000000) g",
                              onColumns: { #expect($0.map(\.type) == [.int, .string]) },
                              onRow: { row in
                                  count += 1
                                  if case .int(let n) = row[0] { sum += n }
                                  if count % 100_000 == 0 { peak = max(peak, (try? ProcessMemory.residentKilobytes()) ?? 0) }
                              })
        let seconds = (ContinuousClock.now - started) / .seconds(1)
        print("PostgreSQL stream: \(Int(Double(count) / seconds)) rows/s, RSS \(before) kB → peak \(peak) kB")
        #expect(count == 1_000_000)
        #expect(sum == 500_000_500_000)
        // Buffering 1M rows of ~50 bytes would cost well over 100 MB; streaming must stay far below.
        #expect(peak - before < 40_000, "RSS grew from \(before) kB to \(peak) kB while streaming")
    }

    @Test func cancelFromAnotherThreadStopsPgSleepWithinASecond() throws {
        let connection = try Warehouse.connect(try TestPostgres.createDatabase(prefix: "cancel"))
        // A plain thread, not a Task: the test's own blocking call may occupy the cooperative pool.
        let canceller = Canceller(after: 0.3) { connection.cancel() }
        #expect(throws: WarehouseError.cancelled) {
            try connection.query("SELECT pg_sleep(30)", maxRows: 1)
        }
        let returned = ContinuousClock.now
        let cancelledAt = try #require(canceller.firedAt)
        #expect(returned - cancelledAt < .seconds(1), "cancel took \(returned - cancelledAt)")
        // The session is still usable after a cancel.
        #expect(try connection.query("SELECT 1 AS one", maxRows: 1).rows == [[.int(1)]])
    }

    @Test func statementTimeoutBecomesTimeoutError() throws {
        let url = try TestPostgres.createDatabase(prefix: "timeout")
        let connection = try Warehouse.connect(url, options: ConnectionOptions(statementTimeoutSeconds: 0.2))
        #expect(throws: WarehouseError.timeout("the query ran longer than the statement timeout of 0.2 s")) {
            try connection.query("SELECT pg_sleep(5)", maxRows: 1)
        }
        #expect(try connection.query("SELECT 2 AS two", maxRows: 1).rows == [[.int(2)]])
        // A timeout beyond PostgreSQL's range is clamped, not a failed session setup.
        let patient = try Warehouse.connect(url, options: ConnectionOptions(statementTimeoutSeconds: 1e12))
        #expect(try patient.query("SHOW statement_timeout", maxRows: 1).rows == [[.string("2147483647ms")]])
    }

    @Test func readOnlySessionRejectsWrites() throws {
        let url = try TestPostgres.createDatabase(prefix: "readonly")
        try TestPostgres.execute("CREATE TABLE t (x int)", in: url)
        let connection = try Warehouse.connect(url)
        #expect(throws: WarehouseError.queryFailed("cannot execute INSERT in a read-only transaction")) {
            try connection.query("INSERT INTO t VALUES (1)", maxRows: 1)
        }
        #expect(throws: WarehouseError.queryFailed("cannot execute CREATE TABLE in a read-only transaction")) {
            try connection.query("CREATE TABLE u (y int)", maxRows: 1)
        }
        var options = ConnectionOptions()
        options.readOnly = false
        let writer = try Warehouse.connect(url, options: options)
        _ = try writer.query("INSERT INTO t VALUES (1)", maxRows: 1)
        #expect(try connection.query("SELECT count(*) AS n FROM t", maxRows: 1).rows == [[.int(1)]])
    }

    @Test func severalStatementsInOneCallAreRefused() throws {
        let connection = try Warehouse.connect(try TestPostgres.createDatabase(prefix: "multi"))
        #expect(throws: WarehouseError.unsupported("only one SQL statement can run at a time on PostgreSQL")) {
            try connection.query("SELECT 1; SELECT 2", maxRows: 5)
        }
        #expect(try connection.query("SELECT 3 AS x", maxRows: 1).rows == [[.int(3)]])
    }

    @Test func rowCapStopsTheQueryAndKeepsTheSessionUsable() throws {
        let connection = try Warehouse.connect(try TestPostgres.createDatabase(prefix: "cap"))
        #expect(throws: WarehouseError.tooManyRows(10)) {
            try connection.query("SELECT g FROM generate_series(1, 5000000) g", maxRows: 10)
        }
        #expect(try connection.query("SELECT 4 AS x", maxRows: 1).rows == [[.int(4)]])
    }

    @Test func queryErrorsCarryTheDatabaseMessage() throws {
        let connection = try Warehouse.connect(try TestPostgres.createDatabase(prefix: "errors"))
        #expect(throws: WarehouseError.queryFailed("relation \"missing_table\" does not exist")) {
            try connection.query("SELECT * FROM missing_table", maxRows: 1)
        }
    }

    @Test func unreachableServerIsCannotConnectWithoutPassword() throws {
        let port = try ClosedPort.find()
        let url = "postgresql://analyst:s3cret-Pa55@127.0.0.1:\(port)/warehouse?connect_timeout=3"
        do {
            _ = try Warehouse.connect(url)
            Issue.record("connected to a port with nothing listening")
        } catch let error as WarehouseError {
            guard case .cannotConnect(let message) = error else {
                Issue.record("expected cannotConnect, got \(error)")
                return
            }
            #expect(message.hasPrefix("cannot connect to PostgreSQL at 127.0.0.1:\(port) database warehouse: "))
            #expect(!message.contains("s3cret"))
            #expect(!error.description.contains("s3cret"))
            #expect(error.exitCode == 3)
        }
    }

    @Test func wrongPasswordMessageNeverEchoesIt() throws {
        let url = try TestPostgres.createDatabase(prefix: "auth")
        // Trust auth accepts any password, so a missing database is the login failure we can provoke.
        let bad = url.replacingOccurrences(of: "postgres@", with: "postgres:hunter2@")
            .replacingOccurrences(of: "/auth_", with: "/nosuchdb_")
        #expect {
            try Warehouse.connect(bad)
        } throws: { error in
            guard let error = error as? WarehouseError, case .cannotConnect(let message) = error else { return false }
            return message.hasSuffix("failed: database \"nosuchdb_\(url.split(separator: "_", maxSplits: 1)[1])\" does not exist")
                && !message.contains("hunter2")
        }
    }
}

extension PostgresConnectionTests {
    @Test func cancelRacingTheStatementStartStillStopsIt() throws {
        let connection = try Warehouse.connect(try TestPostgres.createDatabase(prefix: "race"))
        for attempt in 0..<5 {
            // Fires while the statement is being sent: a cancel the server ignores must be re-sent.
            let canceller = Canceller(after: 0.002 * Double(attempt + 1)) { connection.cancel() }
            let started = ContinuousClock.now
            do {
                _ = try connection.query("SELECT pg_sleep(10)", maxRows: 1)
                Issue.record("attempt \(attempt): pg_sleep finished although cancelled")
            } catch let error as WarehouseError {
                // A cancel that fired before the statement began is a no-op, so the call may only
                // end by the cancel or not be cancelled at all; it must never hang for 10 s.
                #expect(error == .cancelled)
            }
            _ = canceller.firedAt
            #expect(ContinuousClock.now - started < .seconds(3))
        }
    }

    @Test func sessionKilledByTheServerReconnects() throws {
        let url = try TestPostgres.createDatabase(prefix: "killed")
        let connection = try Warehouse.connect(url)
        let pid = try connection.query("SELECT pg_backend_pid()", maxRows: 1).rows[0][0]
        guard case .int(let backend) = pid else { Issue.record("no pid: \(pid)"); return }
        try TestPostgres.execute("SELECT pg_terminate_backend(\(backend))", in: url)
        Thread.sleep(forTimeInterval: 0.2)
        let again = try connection.query("SELECT pg_backend_pid() <> \(backend) AS fresh, current_setting('transaction_read_only') AS ro",
                                          maxRows: 1)
        #expect(again.rows == [[.bool(true), .string("on")]])
    }
}

extension PostgresConnectionTests {
    @Test func libpqKeywordStringsAndURIParametersPassThrough() throws {
        let url = try TestPostgres.createDatabase(prefix: "keywords")
        let port = try #require(url.split(separator: ":").last?.split(separator: "/").first)
        let database = try #require(url.split(separator: "/").last)
        let keywords = "host=127.0.0.1 port=\(port) user=postgres dbname=\(database) application_name=kw"
        let connection = try Warehouse.connect(keywords)
        #expect(try connection.query("SELECT current_setting('application_name')", maxRows: 1).rows == [[.string("kw")]])
        // sslmode reaches libpq untouched: this test server has no SSL, so requiring it must fail.
        #expect {
            try Warehouse.connect(url + "?sslmode=require")
        } throws: { error in
            guard let error = error as? WarehouseError, case .cannotConnect(let message) = error else { return false }
            return message.contains("server does not support SSL")
        }
        _ = try Warehouse.connect(url + "?sslmode=disable")
    }
}
