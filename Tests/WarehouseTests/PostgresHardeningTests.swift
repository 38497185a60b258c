import Foundation
import Testing
import TestSupport
@testable import Warehouse

/// Regression tests for the hardening review (issue 15), each named after its finding.
@Suite("PostgreSQL hardening")
struct PostgresHardeningTests {
    /// A login role whose own default turns `standard_conforming_strings` off, allowed to read `public`.
    static func roleWithStandardStringsOff(_ url: String, name: String) throws -> String {
        try TestPostgres.execute("""
            DROP ROLE IF EXISTS \(name);
            CREATE ROLE \(name) LOGIN;
            ALTER ROLE \(name) SET standard_conforming_strings = off;
            GRANT SELECT ON ALL TABLES IN SCHEMA public TO \(name);
            """, in: url)
        return url.replacingOccurrences(of: "postgres@", with: "\(name)@")
    }

    // MARK: HIGH #1 — SQL injection with standard_conforming_strings = off

    @Test func standardConformingStringsOffByRoleAndOptionsIsPinnedOn() throws {
        let url = try TestPostgres.createDatabase(prefix: "scs")
        let role = try Self.roleWithStandardStringsOff(url, name: "scs_off_\(getpid())")
        // The role's default and the URL's options= both say off; the session must still run with on.
        let connection = try Warehouse.connect(role + "?options=-c%20standard_conforming_strings%3Doff")
        #expect(try connection.query("SHOW standard_conforming_strings", maxRows: 1).rows == [[.string("on")]])
        // A backslash is an ordinary character in '…', so `'\'` is one backslash, not an open literal.
        #expect(try connection.query("SELECT '\\' AS b", maxRows: 1).rows == [[.string("\\")]])
    }

    @Test func standardConformingStringsSwitchedOffByModelSQLDoesNotOutliveTheStatement() throws {
        let connection = try Warehouse.connect(try TestPostgres.createDatabase(prefix: "scsset"))
        _ = try connection.query("SELECT set_config('standard_conforming_strings', 'off', false)", maxRows: 1)
        #expect(try connection.query("SHOW standard_conforming_strings", maxRows: 1).rows == [[.string("on")]])
    }

    @Test func statementIsRefusedWhenTheSessionHasStandardConformingStringsOff() throws {
        let url = try TestPostgres.createDatabase(prefix: "scscheck")
        let connection = try #require(try Warehouse.connect(url) as? PostgresConnection)
        try connection.runOnSessionForTesting("SET standard_conforming_strings = off")
        #expect(throws: WarehouseError.unsupported(
            "PostgreSQL's standard_conforming_strings is off on this session, and Spyglass runs statements only with it on")) {
            try connection.query("SELECT 1", maxRows: 1)
        }
        // The refusal marks the session for a reset, which sets it up again.
        #expect(try connection.query("SHOW standard_conforming_strings", maxRows: 1).rows == [[.string("on")]])
    }

    @Test func boundValuesReadBackExactlyWithStandardConformingStringsOff() throws {
        let url = try TestPostgres.createDatabase(prefix: "binds")
        let role = try Self.roleWithStandardStringsOff(url, name: "scs_bind_\(getpid())")
        let connection = try Warehouse.connect(role)
        let values = ["\\') OR (1=1) --", "'", "\\", "\\'", "O'Brien", "é😀\u{2028}", "\t\r\n\u{1B}[2J", "$1", "?1", "%_"]
        for value in values {
            let rows = try connection.query("SELECT $1 AS v, $1 = $2 AS same", parameters: [value, value], maxRows: 1).rows
            #expect(rows == [[.string(value), .bool(true)]], "\(value)")
        }
        #expect(throws: WarehouseError.unsupported("a value bound to the statement contains a NUL character, which PostgreSQL text cannot hold")) {
            try connection.query("SELECT $1", parameters: ["a\u{0}b"], maxRows: 1)
        }
    }

    @Test func unknownTypedParameterIsInferredLikeAnUntypedLiteral() throws {
        let url = try TestPostgres.createDatabase(prefix: "infer")
        try TestPostgres.execute("CREATE TABLE t (i int, d date, b boolean, s varchar(10)); INSERT INTO t VALUES (7, '2024-02-29', true, 'x')", in: url)
        let connection = try Warehouse.connect(url)
        // Each position types the value as it would type '…': integer, date, boolean, varchar.
        let where_ = "SELECT count(*) AS n FROM t WHERE i = $1 AND d = $2 AND b = $3 AND s = $4"
        #expect(try connection.query(where_, parameters: ["7", "2024-02-29", "yes", "x"], maxRows: 1).rows == [[.int(1)]])
        // Bare in the select list, in CASE, and in concat(), where PostgreSQL cannot infer a type from
        // the call and the statement is sent again with the value typed text.
        let select = "SELECT $1 AS bare, CASE WHEN i > 0 THEN $2 END AS branch, concat($3, s) AS joined FROM t"
        #expect(try connection.query(select, parameters: ["a", "b", "c"], maxRows: 1).rows == [[.string("a"), .string("b"), .string("cx")]])
        // A value PostgreSQL cannot read as the column's type fails as a literal would.
        #expect(throws: WarehouseError.queryFailed("invalid input syntax for type integer: \"seven\"")) {
            try connection.query("SELECT count(*) FROM t WHERE i = $1", parameters: ["seven"], maxRows: 1)
        }
    }

    // MARK: LOW–MEDIUM #7 — read-only as a session default that SQL could switch off

    @Test func readOnlySwitchedOffBySetConfigDoesNotMakeTheNextStatementWritable() throws {
        let url = try TestPostgres.createDatabase(prefix: "rocfg")
        try TestPostgres.execute("CREATE TABLE t (x int)", in: url)
        let connection = try Warehouse.connect(url)
        // Reported: this in one statement made later statements on the pooled session writable.
        _ = try connection.query("SELECT set_config('default_transaction_read_only', 'off', false)", maxRows: 1)
        #expect(throws: WarehouseError.queryFailed("cannot execute INSERT in a read-only transaction")) {
            try connection.query("INSERT INTO t VALUES (1)", maxRows: 1)
        }
        #expect(try connection.query("SHOW default_transaction_read_only", maxRows: 1).rows == [[.string("on")]])
        // A large object created by a function is undone with the statement's transaction.
        _ = try? connection.query("SELECT lo_create(0)", maxRows: 1)
        #expect(try connection.query("SELECT count(*) AS n FROM pg_largeobject_metadata", maxRows: 1).rows == [[.int(0)]])
        #expect(try connection.query("SELECT count(*) AS n FROM t", maxRows: 1).rows == [[.int(0)]])
        // Session settings a statement changes are rolled back with it too.
        _ = try connection.query("SELECT set_config('statement_timeout', '0', false)", maxRows: 1)
        #expect(try connection.query("SHOW statement_timeout", maxRows: 1).rows == [[.string("5min")]])
    }

    // MARK: MEDIUM #4 — a query the DBA terminates is silently run again

    @Test func queryTerminatedByTheDBAIsNotRunAgain() throws {
        let url = try TestPostgres.createDatabase(prefix: "terminated")
        let connection = try Warehouse.connect(url)
        let tag = "spyglass_terminate_\(getpid())"
        let killer = Canceller(after: 0) {
            // Wait for the statement to be running, then terminate its backend as a DBA would.
            for _ in 0..<200 {
                let found = (try? Warehouse.connect(url).query(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE query LIKE '%\(tag)%' AND pid <> pg_backend_pid() AND query NOT LIKE '%pg_stat_activity%'",
                    maxRows: 5).rows.count) ?? 0
                if found > 0 { return }
                Thread.sleep(forTimeInterval: 0.02)
            }
        }
        let started = ContinuousClock.now
        #expect {
            try connection.query("SELECT pg_sleep(3) AS \(tag)", maxRows: 1)
        } throws: { error in
            guard let error = error as? WarehouseError, case .cannotConnect(let message) = error else { return false }
            return message.hasPrefix("lost the connection to PostgreSQL at ")
        }
        _ = killer.firedAt
        // Run again, it would have slept another 3 s and succeeded.
        #expect(ContinuousClock.now - started < .seconds(2.5))
        let running = try Warehouse.connect(url).query(
            "SELECT count(*) FROM pg_stat_activity WHERE query LIKE '%\(tag)%' AND query NOT LIKE '%pg_stat_activity%'", maxRows: 1)
        #expect(running.rows == [[.int(0)]])
        // The connection itself recovers for the next statement.
        #expect(try connection.query("SELECT 5 AS x", maxRows: 1).rows == [[.int(5)]])
    }

    @Test func idleSessionTerminatedByTheDBAIsReopenedForTheNextStatement() throws {
        let url = try TestPostgres.createDatabase(prefix: "idlekill")
        let connection = try Warehouse.connect(url)
        guard case .int(let backend) = try connection.query("SELECT pg_backend_pid()", maxRows: 1).rows[0][0] else {
            Issue.record("no backend pid")
            return
        }
        try TestPostgres.execute("SELECT pg_terminate_backend(\(backend))", in: url)
        // No pause: the termination may or may not have reached the client when BEGIN is sent.
        #expect(try connection.query("SELECT pg_backend_pid() <> \(backend) AS fresh", maxRows: 1).rows == [[.bool(true)]])
    }
}
