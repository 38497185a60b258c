import Foundation
import TestSupport
import Testing
@testable import Warehouse

/// The connector against fakesnow: a real server speaking Snowflake's driver protocol, whose SQL is
/// translated by sqlglot and run by DuckDB, with results as Arrow built by pyarrow.
@Suite("Snowflake connection (fakesnow)")
struct SnowflakeFakesnowTests {
    @Test func everyTypeRoundTripsThroughArrow() throws {
        let connection = try Warehouse.connect(try TestFakesnow.createDatabase(prefix: "types"))
        #expect(connection.dialectName == "snowflake")
        let result = try connection.query("""
            SELECT 42 AS i, 12.50::NUMBER(10,2) AS d, 1.5::DOUBLE AS f, 'héllo' AS t, TRUE AS b,
                   '2024-02-29'::DATE AS dt, '2024-02-29 13:14:15.123456'::TIMESTAMP_NTZ AS ts,
                   '2024-02-29 13:14:15'::TIMESTAMP_TZ AS tz, NULL::INTEGER AS n,
                   99999999999999999999999999999999.9999::NUMBER(38,4) AS big
            """, maxRows: 10)
        #expect(result.columns.map(\.name) == ["I", "D", "F", "T", "B", "DT", "TS", "TZ", "N", "BIG"])
        #expect(result.columns.map(\.type) == [.int, .decimal, .double, .string, .bool, .date, .timestamp, .timestamp, .int, .decimal])
        let row = try #require(result.rows.first)
        #expect(row[0] == .int(42))
        #expect(row[1] == .decimal("12.50"))
        #expect(row[2] == .double(1.5))
        #expect(row[3] == .string("héllo"))
        #expect(row[4] == .bool(true))
        #expect(row[5] == .date(LocalDate(year: 2024, month: 2, day: 29)))
        #expect(row[6] == .timestamp(LocalDateTime(date: LocalDate(year: 2024, month: 2, day: 29), hour: 13, minute: 14, second: 15, nanosecond: 123_456_000)))
        #expect(row[7] == .timestamp(LocalDateTime(date: LocalDate(year: 2024, month: 2, day: 29), hour: 13, minute: 14, second: 15)))
        #expect(row[8] == .null)
        #expect(row[9] == .decimal("99999999999999999999999999999999.9999"))
    }

    @Test func emptyResultsStillHaveColumns() throws {
        let connection = try Warehouse.connect(try TestFakesnow.createDatabase(prefix: "empty"))
        var columns: [Column] = []
        var rows = 0
        try connection.stream("SELECT 1 AS a, 'x' AS b WHERE 1 = 0", onColumns: { columns = $0 }, onRow: { _ in rows += 1 })
        #expect(columns.map(\.name) == ["A", "B"] && rows == 0)
    }

    @Test func loaderArrayBindsAndStagedCopyLoadTheSameRows() throws {
        let url = try TestFakesnow.createDatabase(prefix: "loader")
        var rows: [[Value]] = []
        for i in 0..<120 {
            let name: Value = i % 7 == 0 ? .null : .string("name \"\(i)\", ok")
            let day = LocalDate(year: 2024, month: 1 + i % 12, day: 1 + i % 28)
            let at = LocalDateTime(date: LocalDate(year: 2025, month: 3, day: 1 + i % 28), hour: i % 24, minute: i % 60, second: 7)
            rows.append([.int(Int64(i)), name, .date(day), .timestamp(at), .bool(i % 2 == 0), .double(Double(i) / 8)])
        }
        for (table, staging) in [("by_binds", false), ("by_stage", true)] {
            let loader = try SnowflakeLoader(url: url, staging: staging)
            try loader.execute("CREATE TABLE \(table) (id INTEGER, name TEXT, day DATE, seen_at TIMESTAMP_NTZ, flag BOOLEAN, share DOUBLE)")
            try loader.load(table: table, columns: ["id", "name", "day", "seen_at", "flag", "share"], rows: rows)
            loader.close()
        }
        let connection = try Warehouse.connect(url)
        for table in ["by_binds", "by_stage"] {
            let back = try connection.query("SELECT id, name, day, seen_at, flag, share FROM \(table) ORDER BY id", maxRows: 1000).rows
            #expect(back == rows, "\(table)")
        }
        #expect(try connection.query("SELECT COUNT(*) FROM by_stage", maxRows: 1).rows == [[.int(120)]])
    }

    /// Regression: fakesnow's COPY INTO of more than ten CSV columns fails (DuckDB names them
    /// column00…); the staged loader splits wide tables into parts and joins them back.
    @Test func stagedLoadOfAWideTable() throws {
        let url = try TestFakesnow.createDatabase(prefix: "wide")
        let columns = (0..<23).map { "c\($0)" }
        var rows: [[Value]] = []
        for r in 0..<250 {
            var row: [Value] = []
            for c in 0..<23 { row.append((r + c) % 11 == 0 ? Value.null : Value.int(Int64(r * 100 + c))) }
            rows.append(row)
        }
        let loader = try SnowflakeLoader(url: url, staging: true)
        try loader.execute("CREATE TABLE wide (\(columns.map { "\($0) INTEGER" }.joined(separator: ", ")))")
        try loader.load(table: "wide", columns: columns, rows: rows)
        loader.close()
        let back = try Warehouse.connect(url).query("SELECT \(columns.joined(separator: ", ")) FROM wide ORDER BY c1", maxRows: 1000).rows
        #expect(back.count == 250)
        // c1 is NULL in rows 10, 21, …: compare as sets of rows.
        #expect(Set(back) == Set(rows))
    }

    @Test func sqlErrorsNameSnowflakesCode() throws {
        let connection = try Warehouse.connect(try TestFakesnow.createDatabase(prefix: "errors"))
        do {
            _ = try connection.query("SELECT * FROM no_such_table", maxRows: 1)
            Issue.record("no error")
        } catch let error as WarehouseError {
            #expect(error.description.hasPrefix("the query failed: Snowflake error 002003 (42S02): "), "\(error)")
            #expect(!error.description.contains("\n"))
        }
        #expect(try connection.query("SELECT 1", maxRows: 1).rows == [[.int(1)]])
    }

    @Test func rowCapStopsTheStream() throws {
        let connection = try Warehouse.connect(try TestFakesnow.createDatabase(prefix: "cap"))
        #expect(throws: WarehouseError.tooManyRows(10)) {
            _ = try connection.query("SELECT seq4() AS n FROM TABLE(GENERATOR(ROWCOUNT => 100))", maxRows: 10)
        }
    }

    @Test func urlSettingsAndDemoSubcommandPlumbing() throws {
        #expect(try Warehouse.dialectName(for: try TestFakesnow.createDatabase()) == "snowflake")
        #expect(Warehouse.redact("snowflake://u:topsecret@a/DB") == "snowflake://u:***@a/DB")
    }
}
