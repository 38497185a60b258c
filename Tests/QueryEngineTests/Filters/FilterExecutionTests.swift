import Foundation
import QueryEngine
import TestSupport
import Testing
import Warehouse

/// Runs generated filter conditions on real SQLite and PostgreSQL databases and compares the rows
/// they select with hand-written expectations; hostile values must match literally and harm nothing.
@Suite("Filter expressions executed on real databases")
struct FilterExecutionTests {
    /// One fixture row: id, name, amount, day (date), ts (timestamp), flag (yesno text).
    typealias Row = (Int, String?, Double?, String?, String?, String?)

    static let rows: [Row] = [
        (1, "FOO", 5, "2018-05-29", "2018-05-29 10:00:00", "Yes"),
        (2, "food", 10, "2018-05-10", "2018-05-10 00:00:00", "No"),
        (3, "buffoon", 1.5, "2018-05-18", "2018-05-17 23:59:59", "Yes"),
        (4, "Fast Food", -5, "2018-06-01", "2018-06-01 00:00:00", "No"),
        (5, "", 66, "2017-12-31", "2017-12-31 23:59:59", nil),
        (6, nil, nil, nil, nil, nil),
        (7, "bar", 99, "2018-01-01", "2018-01-01 00:00:00", "Yes"),
        (8, "50%_off", 4, "2018-05-31", "2018-05-31 12:30:00", "No"),
        (9, "a,b", 0, "2019-02-28", "2019-02-28 08:00:00", "Yes"),
        (10, "x'); DROP TABLE users; --", nil, nil, nil, nil),
        (11, "%' OR '1'='1", nil, nil, nil, nil),
        (12, "back\\slash", nil, nil, nil, nil),
        (13, "Ünïcødé ☃", nil, nil, nil, nil),
        (14, "-minus", nil, nil, nil, nil),
        (15, "NULL", nil, nil, nil, nil),
        (16, "^caret", nil, nil, nil, nil),
        (17, "O'Brien", nil, nil, nil, nil),
        (18, "say \"hi\"", nil, nil, nil, nil),
        (19, "50X_off", nil, nil, nil, nil),
    ]

    /// (filter text, field type, column, ids it must select) — worked out by hand from `rows`.
    static let cases: [(String, FilterFieldType, String, [Int])] = {
        let all = Array(1...19)
        let nullTail = Array(10...19)
        return [
            // strings
            ("FOO", .string, "name", [1]),
            ("FOO, bar", .string, "name", [1, 7]),
            ("%FOO%", .string, "name", [1, 2, 3, 4]),
            ("FOO%", .string, "name", [1, 2]),
            ("%FOO", .string, "name", [1]),
            ("F%OD", .string, "name", [2, 4]),
            ("_UF%", .string, "name", [3]),
            ("-FOO", .string, "name", all.filter { $0 != 1 }),
            ("-%FOO%", .string, "name", Array(5...19)),
            ("%foo%,-food", .string, "name", [1, 3, 4]),
            ("EMPTY", .string, "name", [5, 6]),
            ("-EMPTY", .string, "name", all.filter { $0 != 5 && $0 != 6 }),
            ("NULL", .string, "name", [6]),
            ("-NULL", .string, "name", all.filter { $0 != 6 }),
            ("50^%^_off", .string, "name", [8]),
            ("50^%%", .string, "name", [8]),
            ("50_%", .string, "name", [8, 19]),
            ("a^,b", .string, "name", [9]),
            ("a\\,b", .string, "name", [9]),
            ("x'); DROP TABLE users; --", .string, "name", [10]),
            ("%' OR '1'='1", .string, "name", [11]),
            ("back\\slash", .string, "name", [12]),
            ("%\\sl%", .string, "name", [12]),
            ("Ünïcødé ☃", .string, "name", [13]),
            ("^-minus", .string, "name", [14]),
            ("'NULL'", .string, "name", [15]),
            ("^NULL", .string, "name", [15]),
            ("^^caret", .string, "name", [16]),
            ("O'Brien", .string, "name", [17]),
            ("say ^\"hi^\"", .string, "name", [18]),
            ("%'%", .string, "name", [10, 11, 17]),
            // numbers
            ("5", .number, "amount", [1]),
            ("5, 10, 99", .number, "amount", [1, 2, 7]),
            ("NOT 5", .number, "amount", all.filter { $0 != 1 }),
            ("NOT 66, 99, 4", .number, "amount", [1, 2, 3, 4, 6, 9] + nullTail),
            (">1", .number, "amount", [1, 2, 3, 5, 7, 8]),
            (">=1.5", .number, "amount", [1, 2, 3, 5, 7, 8]),
            ("<1", .number, "amount", [4, 9]),
            ("<=0", .number, "amount", [4, 9]),
            (">= 5 AND <= 10", .number, "amount", [1, 2]),
            (">10 OR <1", .number, "amount", [4, 5, 7, 9]),
            ("[1.5,10]", .number, "amount", [1, 2, 3, 8]),
            ("(1.5,10)", .number, "amount", [1, 8]),
            ("[4, 10)", .number, "amount", [1, 8]),
            ("(4,10]", .number, "amount", [1, 2]),
            ("(5, inf)", .number, "amount", [2, 5, 7]),
            ("[-inf, 0]", .number, "amount", [4, 9]),
            ("NULL", .number, "amount", [6] + nullTail),
            ("NOT NULL", .number, "amount", [1, 2, 3, 4, 5, 7, 8, 9]),
            ("-5", .number, "amount", [4]),
            ("5 to 10", .number, "amount", [1, 2]),
            // timestamps, with now = Friday 2018-06-01 09:30:00 UTC
            ("2018/05/29", .timestamp, "ts", [1]),
            ("2018/05", .timestamp, "ts", [1, 2, 3, 8]),
            ("2018", .timestamp, "ts", [1, 2, 3, 4, 7, 8]),
            ("2018/05/10 to 2018/05/18", .timestamp, "ts", [2, 3]),
            ("2018/05/10 for 3 days", .timestamp, "ts", [2]),
            ("after 2018/05/31", .timestamp, "ts", [4, 8, 9]),
            ("before 2018/01/01", .timestamp, "ts", [5]),
            ("2018/05/29 10:00", .timestamp, "ts", [1]),
            ("today", .timestamp, "ts", [4]),
            ("yesterday", .timestamp, "ts", [8]),
            ("last 7 days", .timestamp, "ts", [1, 4, 8]),
            ("this month", .timestamp, "ts", [4]),
            ("last month", .timestamp, "ts", [1, 2, 3, 8]),
            ("this week", .timestamp, "ts", [1, 4, 8]),
            ("last 3 complete weeks", .timestamp, "ts", [2, 3]),
            ("this year", .timestamp, "ts", [1, 2, 3, 4, 7, 8]),
            ("last year", .timestamp, "ts", [5]),
            ("next year", .timestamp, "ts", [9]),
            ("this quarter", .timestamp, "ts", [1, 2, 3, 4, 8]),
            ("before 7 days ago", .timestamp, "ts", [2, 3, 5, 7]),
            ("NULL", .timestamp, "ts", [6] + nullTail),
            ("2018/05/29, NULL", .timestamp, "ts", [1, 6] + nullTail),
            // dates
            ("last 7 days", .date, "day", [1, 4, 8]),
            ("2018/05/10 to 2018/05/18", .date, "day", [2]),
            ("yesterday", .date, "day", [8]),
            ("after 2018/05/29", .date, "day", [1, 4, 8, 9]),
            // yesno
            ("yes", .yesno, "flag", [1, 3, 7, 9]),
            ("No", .yesno, "flag", [2, 4, 8]),
            ("NULL", .yesno, "flag", [5, 6] + nullTail),
            ("-NULL", .yesno, "flag", [1, 2, 3, 4, 7, 8, 9]),
            // no filter
            ("", .string, "name", all),
        ]
    }()

    static let context: FilterContext = {
        var cal = Calendar(identifier: .gregorian)
        let utc = TimeZone(identifier: "UTC")!
        cal.timeZone = utc
        let now = cal.date(from: DateComponents(year: 2018, month: 6, day: 1, hour: 9, minute: 30))!
        return FilterContext(now: now, timeZone: utc)
    }()

    static func load(_ loader: any Loader) throws {
        try loader.load(table: "items", columns: ["id", "name", "amount", "day", "ts", "flag"], rows: rows.map { r in
            [Value.int(Int64(r.0)), r.1.map(Value.string) ?? .null, r.2.map(Value.double) ?? .null,
             r.3.map(Value.string) ?? .null, r.4.map(Value.string) ?? .null, r.5.map(Value.string) ?? .null]
        })
        try loader.execute("INSERT INTO users (id) VALUES (1); INSERT INTO users (id) VALUES (2)")
    }

    static func check(_ connection: any Connection, dialect: any FilterSQLDialect) throws {
        #expect(cases.count >= 80)  // a shrunken table would make this suite prove less than it claims
        for (text, type, column, expected) in cases {
            let condition = try FilterExpression.parse(text, type: type, field: "items.\(column)")
                .sql(column, dialect: dialect, context: context)
            let sql = "SELECT id FROM items WHERE \(condition) ORDER BY id"
            let ids = try connection.query(sql, maxRows: 100).rows.map { row -> Int in
                if case .int(let v) = row[0] { Int(v) } else { -1 }
            }
            #expect(ids == expected, "filter \(text) (\(type)) ran as: \(sql)")
        }
        let users = try connection.query("SELECT COUNT(*) FROM users", maxRows: 1).rows
        #expect(users == [[.int(2)]], "the users table must survive every hostile filter")
        // NUL cannot be expressed as an SQL string literal: rendering must fail, not truncate.
        let nul = FilterExpression(field: "items.name", type: .string, text: "a?b",
                                       node: .string([StringFilterItem(negated: false, match: .equals("a\u{0}b"))]))
        #expect(throws: (any Error).self) { try nul.sql("name", dialect: dialect, context: context) }
    }

    /// A fresh SQLite file holding the fixture; the caller removes the returned directory.
    static func sqliteFixture() throws -> (url: String, directory: URL) {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("spyglass-filters-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        let url = "sqlite:" + dir.appendingPathComponent("filters.db").path
        let loader = try Warehouse.openLoader(url)
        defer { loader.close() }
        try loader.execute("""
            CREATE TABLE items (id INTEGER, name TEXT, amount REAL, day TEXT, ts TEXT, flag TEXT);
            CREATE TABLE users (id INTEGER)
            """)
        try load(loader)
        return (url, dir)
    }

    /// A fresh PostgreSQL database on the throwaway test cluster holding the fixture.
    static func postgresFixture() throws -> String {
        let url = try TestPostgres.createDatabase(prefix: "filters")
        let loader = try Warehouse.openLoader(url)
        defer { loader.close() }
        try loader.execute("""
            CREATE TABLE items (id integer, name text, amount numeric, day date, ts timestamp, flag text);
            CREATE TABLE users (id integer)
            """)
        try load(loader)
        return url
    }

    @Test func sqlite() throws {
        let fixture = try Self.sqliteFixture()
        defer { try? FileManager.default.removeItem(at: fixture.directory) }
        try Self.check(try Warehouse.connect(fixture.url), dialect: SQLiteFilterDialect())
    }

    @Test func postgres() throws {
        try Self.check(try Warehouse.connect(try Self.postgresFixture()), dialect: PostgresFilterDialect())
    }
}
