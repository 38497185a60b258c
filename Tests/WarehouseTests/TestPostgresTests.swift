import Testing
import TestSupport
import Warehouse

@Suite("Throwaway PostgreSQL cluster")
struct TestPostgresTests {
    @Test func eachCallerGetsItsOwnEmptyDatabase() throws {
        let first = try TestPostgres.createDatabase(prefix: "Same Prefix!")
        let second = try TestPostgres.createDatabase(prefix: "Same Prefix!")
        #expect(first != second)
        #expect(first.hasPrefix("postgresql://postgres@127.0.0.1:"))
        try TestPostgres.execute("CREATE TABLE only_here (x int); INSERT INTO only_here VALUES (1), (2)", in: first)
        #expect(try Warehouse.connect(first).query("SELECT count(*) FROM only_here", maxRows: 1).rows == [[.int(2)]])
        #expect(throws: WarehouseError.queryFailed("relation \"only_here\" does not exist")) {
            try Warehouse.connect(second).query("SELECT count(*) FROM only_here", maxRows: 1)
        }
    }

    @Test func fixtureErrorsAreReported() throws {
        let url = try TestPostgres.createDatabase()
        #expect(throws: WarehouseError.queryFailed("syntax error at or near \"CREAT\"")) {
            try TestPostgres.execute("CREAT TABLE x (y int)", in: url)
        }
    }

    @Test func serverIsPostgres15OrNewerInUTF8() throws {
        let connection = try Warehouse.connect(try TestPostgres.createDatabase(prefix: "version"))
        let result = try connection.query(
            "SELECT current_setting('server_version_num')::int >= 150000, pg_encoding_to_char(encoding) FROM pg_database WHERE datname = current_database()",
            maxRows: 1)
        #expect(result.rows == [[.bool(true), .string("UTF8")]])
    }
}
