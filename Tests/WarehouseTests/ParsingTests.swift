import Testing
@testable import Warehouse

@Suite("Byte-level parsing and redaction")
struct ParsingTests {
    private func timestamp(_ text: String) -> LocalDateTime? {
        Array(text.utf8).withUnsafeBytes { TemporalParser.timestamp($0) }
    }

    private func date(_ text: String) -> LocalDate? {
        Array(text.utf8).withUnsafeBytes { TemporalParser.date($0) }
    }

    @Test func timestampsWithOffsetsBecomeUTC() {
        let jan1 = LocalDate(year: 2024, month: 1, day: 1)
        #expect(timestamp("2024-01-01 00:30:00-05") == LocalDateTime(date: jan1, hour: 5, minute: 30, second: 0))
        #expect(timestamp("2024-01-01 00:30:00+01:30") ==
                LocalDateTime(date: LocalDate(year: 2023, month: 12, day: 31), hour: 23, minute: 0, second: 0))
        #expect(timestamp("2024-02-28T23:00:00.5-02") ==
                LocalDateTime(date: LocalDate(year: 2024, month: 2, day: 29), hour: 1, minute: 0, second: 0, nanosecond: 500_000_000))
        #expect(timestamp("2024-01-01 12:00:00Z") == LocalDateTime(date: jan1, hour: 12, minute: 0, second: 0))
        #expect(timestamp("2024-01-01") == LocalDateTime(date: jan1, hour: 0, minute: 0, second: 0))
        #expect(timestamp("2024-01-01 12:05") == LocalDateTime(date: jan1, hour: 12, minute: 5, second: 0))
        #expect(timestamp("12345-06-07 01:02:03")?.date == LocalDate(year: 12345, month: 6, day: 7))
    }

    @Test func malformedTemporalsAreRejected() {
        for text in ["infinity", "-infinity", "2024-01-01 BC", "2024-13-01", "2024-1-01", "24-01-01", "2024-01-01 25:00:00",
                     "2024-01-01 10:00:00 junk", ""] {
            #expect(timestamp(text) == nil, "\(text)")
        }
        #expect(date("2024-01-01 00:00:00") == nil)
        #expect(date("2024-12-31") == LocalDate(year: 2024, month: 12, day: 31))
    }

    @Test func epochDayArithmeticRoundTrips() {
        for days in stride(from: -800_000, through: 800_000, by: 997) {
            #expect(LocalDate(daysSinceEpoch: days).daysSinceEpoch == days)
        }
        #expect(LocalDate(year: 1970, month: 1, day: 1).daysSinceEpoch == 0)
        #expect(LocalDate(year: 2000, month: 3, day: 1).daysSinceEpoch == 11_017)
    }

    @Test func integersParseAtTheExtremes() {
        func parse(_ s: String) -> Int64? { Array(s.utf8).withUnsafeBytes { PostgresRowDecoder.parseInt($0) } }
        #expect(parse("-9223372036854775808") == Int64.min)
        #expect(parse("9223372036854775807") == Int64.max)
        #expect(parse("9223372036854775808") == nil)
        #expect(parse("0") == 0)
        #expect(parse("-") == nil)
        #expect(parse("12a") == nil)
    }

    @Test func timeoutOptionsAreClampedToWhatTheDatabasesAccept() {
        #expect(ConnectionOptions(statementTimeoutSeconds: 0.0001).statementTimeoutMilliseconds == 1)
        #expect(ConnectionOptions(statementTimeoutSeconds: 2.5).statementTimeoutMilliseconds == 2500)
        #expect(ConnectionOptions(statementTimeoutSeconds: 0).statementTimeoutMilliseconds == 0)
        #expect(ConnectionOptions(statementTimeoutSeconds: -3).statementTimeoutMilliseconds == 0)
        #expect(ConnectionOptions(statementTimeoutSeconds: .infinity).statementTimeoutMilliseconds == 0)
        #expect(ConnectionOptions(statementTimeoutSeconds: 1e300).statementTimeoutMilliseconds == Int(Int32.max))
    }

    @Test func passwordsAreRedacted() {
        #expect(Warehouse.redact("postgresql://ann:s3cret@db:5432/x") == "postgresql://ann:***@db:5432/x")
        #expect(Warehouse.redact("postgresql://ann:p@ss@db/x") == "postgresql://ann:***@db/x")
        #expect(Warehouse.redact("postgresql://ann@db/x?password=s3cret&sslmode=require") ==
                "postgresql://ann@db/x?password=***&sslmode=require")
        #expect(Warehouse.redact("host=db password = 'se cret' dbname=x") == "host=db password = *** dbname=x")
        #expect(Warehouse.redact("postgresql://ann@db/x") == "postgresql://ann@db/x")
        #expect(Warehouse.redact("sqlite:/tmp/a.db") == "sqlite:/tmp/a.db")
    }

    @Test func urlsPickTheirConnector() throws {
        #expect(try Warehouse.Target("postgresql://h/db") == .postgres("postgresql://h/db"))
        #expect(try Warehouse.Target("postgres://h/db") == .postgres("postgres://h/db"))
        #expect(try Warehouse.Target("host=h dbname=db") == .postgres("host=h dbname=db"))
        #expect(try Warehouse.Target("sqlite:demo.db") == .sqlite("demo.db"))
        #expect(try Warehouse.Target("sqlite:///abs/demo.db") == .sqlite("/abs/demo.db"))
        #expect(try Warehouse.Target("data/x.sqlite3") == .sqlite("data/x.sqlite3"))
        #expect(throws: WarehouseError.unsupported(
            "unrecognised database URL \"mysql://u:***@h/db\"; use postgresql://…, snowflake://…, sqlite:PATH or a .db/.sqlite file")) {
            try Warehouse.Target("mysql://u:pw@h/db")
        }
    }
}
