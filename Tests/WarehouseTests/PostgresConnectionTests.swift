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
