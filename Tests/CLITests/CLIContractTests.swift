import Foundation
import Testing
import TestSupport
import Warehouse

/// The command-line contract of DESIGN.md, checked on the real binary: output shapes, exit codes,
/// and one-sentence errors with no secrets.
@Suite("Command-line contract")
struct CLIContractTests {
    static let tiny = SpyglassProcess.fixtures + "/tiny"

    /// A SQLite copy of the tiny fixture's warehouse: 3 customers, 4 orders (one customer has none).
    static let sqliteURL: String = {
        let path = NSTemporaryDirectory() + "spyglass-cli-\(getpid()).sqlite"
        try? FileManager.default.removeItem(atPath: path)
        atexit { try? FileManager.default.removeItem(atPath: NSTemporaryDirectory() + "spyglass-cli-\(getpid()).sqlite") }
        let loader = try! Warehouse.openLoader("sqlite:" + path)
        try! loader.execute("CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT, country TEXT)")
        try! loader.execute("CREATE TABLE orders (id INTEGER PRIMARY KEY, customer_id INTEGER, amount INTEGER)")
        try! loader.load(table: "customers", columns: ["id", "name", "country"], rows: [
            [.int(1), .string("Ada"), .string("France")],
            [.int(2), .string("Bo, \"the\" Builder"), .string("France")],
            [.int(3), .string("Chen"), .null],
        ])
        try! loader.load(table: "orders", columns: ["id", "customer_id", "amount"], rows: [
            [.int(10), .int(1), .int(100)], [.int(11), .int(1), .int(50)], [.int(12), .int(2), .int(7)], [.int(13), .int(2), .int(3)],
        ])
        loader.close()
        return "sqlite:" + path
    }()

    func spyglass(_ arguments: String...) throws -> SpyglassProcess.Result {
        try SpyglassProcess.run(arguments)
    }

    @Test func helpTeachesAndExitsZero() throws {
        let result = try spyglass("--help")
        #expect(result.code == 0)
        #expect(result.stdout.contains("spyglass query"))
        #expect(result.stdout.contains("Exit codes"))
    }

    @Test func unknownFlagIsAUsageErrorInOneLine() throws {
        let result = try spyglass("explores", "--project", Self.tiny, "--frobnicate")
        #expect(result.code == 2)
        #expect(result.stderr.hasPrefix("spyglass: error: "))
        #expect(result.stderr.contains("--frobnicate"))
        #expect(result.stderr.split(separator: "\n").count == 1)
    }

    @Test func validateIsCleanOnAGoodProject() throws {
        let result = try spyglass("validate", "--project", Self.tiny)
        #expect(result.code == 0, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.isEmpty)
    }

    @Test func validateReportsEveryProblemLikeACompiler() throws {
        let result = try spyglass("validate", "--project", SpyglassProcess.fixtures + "/broken")
        #expect(result.code == 1)
        let lines = result.stdout.split(separator: "\n").map(String.init)
        #expect(lines.contains { $0.hasPrefix("broken.model.lkml:4:9: error: ") && $0.contains("missing_view") }, "\(result.stdout)")
        #expect(lines.contains { $0.hasPrefix("broken.model.lkml:13:") && $0.contains("nope") }, "\(result.stdout)")
        // The source line and a caret follow each diagnostic.
        #expect(result.stdout.contains("  join: missing_view {\n        ^"))
    }

    @Test func validateSyntaxChecksOnlyTheGivenFiles() throws {
        let bad = NSTemporaryDirectory() + "spyglass-syntax-\(getpid()).lkml"
        defer { try? FileManager.default.removeItem(atPath: bad) }
        try "view: x {\n  dimension: y {\n    sql: ${TABLE}.y\n  }\n}\n".write(toFile: bad, atomically: true, encoding: .utf8)
        let result = try spyglass("validate", "--syntax", bad)
        #expect(result.code == 1)
        #expect(result.stdout.contains("\(bad):3:5: error: sql value for 'sql' is not terminated by ';;'"), "\(result.stdout)")
        let good = try spyglass("validate", "--syntax", Self.tiny + "/views/orders.view.lkml")
        #expect(good.code == 0)
    }

    @Test func exploresAsJSON() throws {
        let result = try spyglass("explores", "--project", Self.tiny, "--format", "json")
        #expect(result.code == 0)
        let list = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as! [[String: Any]]
        let customers = try #require(list.first { $0["name"] as? String == "customers" })
        #expect(customers["model"] as? String == "tiny")
        #expect(customers["label"] as? String == "Customers")
        let slow = try #require(list.first { $0["name"] as? String == "slow" })
        #expect(slow["hidden"] as? Bool == true)
    }

    @Test func fieldsAsJSON() throws {
        let result = try spyglass("fields", "customers", "--project", Self.tiny, "--format", "json")
        #expect(result.code == 0, "\(result.stderr)")
        let list = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as! [[String: Any]]
        let names = list.compactMap { $0["name"] as? String }
        #expect(names.contains("customers.country"))
        #expect(names.contains("orders.revenue"))
        let revenue = try #require(list.first { $0["name"] as? String == "orders.revenue" })
        #expect(revenue["kind"] as? String == "measure")
        #expect(revenue["type"] as? String == "sum")
        #expect(revenue["hidden"] as? Bool == false)
        let hidden = try #require(list.first { $0["name"] as? String == "orders.customer_id" })
        #expect(hidden["hidden"] as? Bool == true)
    }

    @Test func dashboardsAsJSON() throws {
        let result = try spyglass("dashboards", "--project", Self.tiny, "--format", "json")
        #expect(result.code == 0)
        let list = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as! [[String: Any]]
        #expect(list.count == 1)
        #expect(list.first?["name"] as? String == "overview")
        #expect(list.first?["title"] as? String == "Customer overview")
    }

    /// Fan-out: customers → orders is one_to_many, so the customer count must not be inflated.
    @Test func queryAsJSONKeepsCountsRightThroughFanOut() throws {
        let result = try SpyglassProcess.run([
            "query", "customers", "--project", Self.tiny, "--database", Self.sqliteURL,
            "--fields", "customers.country,customers.count,orders.count,orders.revenue",
            "--sorts", "customers.country", "--totals", "--format", "json",
        ])
        #expect(result.code == 0, "\(result.stderr)")
        let object = try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as! [String: Any]
        let rows = object["rows"] as! [[String: Any]]
        #expect(rows.count == 2)
        #expect(rows[0]["customers.country"] as? String == "France")
        #expect((rows[0]["customers.count"] as? NSNumber)?.intValue == 2)
        #expect((rows[0]["orders.count"] as? NSNumber)?.intValue == 4)
        #expect((rows[0]["orders.revenue"] as? NSNumber)?.intValue == 160)
        #expect(rows[1]["customers.country"] is NSNull)
        #expect((rows[1]["customers.count"] as? NSNumber)?.intValue == 1)
        let totals = object["totals"] as! [String: Any]
        #expect((totals["customers.count"] as? NSNumber)?.intValue == 3)
        #expect((totals["orders.revenue"] as? NSNumber)?.intValue == 160)
    }

    @Test func queryAsCSVStreamsRawValues() throws {
        let result = try SpyglassProcess.run([
            "query", "customers", "--project", Self.tiny, "--database", Self.sqliteURL,
            "--fields", "customers.name,orders.revenue", "--sorts", "customers.name", "--format", "csv",
        ])
        #expect(result.code == 0, "\(result.stderr)")
        // RFC 4180 ends records with CRLF.
        let lines = result.stdout.components(separatedBy: "\r\n")
        try #require(lines.count == 5, "\(result.stdout)")
        #expect(lines[0] == "customers.name,orders.revenue")
        #expect(lines[1] == "Ada,150")
        #expect(lines[2] == "\"Bo, \"\"the\"\" Builder\",10")
        #expect(lines[3] == "Chen,")
    }

    @Test func unknownFieldNamesTheFieldAndExitsOne() throws {
        let result = try SpyglassProcess.run([
            "query", "customers", "--project", Self.tiny, "--database", Self.sqliteURL, "--fields", "customers.contry",
        ])
        #expect(result.code == 1)
        #expect(result.stderr.contains("customers.contry"))
        #expect(result.stderr.split(separator: "\n").count == 1)
    }

    @Test func unknownExploreExitsOne() throws {
        let result = try SpyglassProcess.run(["query", "nope", "--project", Self.tiny, "--database", Self.sqliteURL, "--fields", "a.b"])
        #expect(result.code == 1)
        #expect(result.stderr.contains("'nope'"))
    }

    @Test func badFilterExpressionIsNamed() throws {
        let result = try SpyglassProcess.run([
            "query", "customers", "--project", Self.tiny, "--database", Self.sqliteURL,
            "--fields", "orders.revenue", "--filter", "orders.amount=>abc",
        ])
        #expect(result.code == 1)
        #expect(result.stderr.contains("orders.amount"), "\(result.stderr)")
    }

    @Test func unreachableDatabaseExitsThreeWithoutThePassword() throws {
        let result = try SpyglassProcess.run([
            "query", "customers", "--project", Self.tiny,
            "--database", "postgresql://analyst:s3cret-pw@127.0.0.1:1/warehouse", "--fields", "customers.count",
        ])
        #expect(result.code == 3, "\(result.stderr)")
        #expect(!result.stderr.contains("s3cret-pw"))
        #expect(result.stderr.contains("127.0.0.1"))
    }

    @Test func timeoutExitsFour() throws {
        let url = try TestPostgres.createDatabase(prefix: "cli")
        let result = try SpyglassProcess.run([
            "query", "slow", "--project", Self.tiny, "--database", url, "--fields", "slow.count", "--timeout", "0.5",
        ])
        #expect(result.code == 4, "\(result.stderr)")
        #expect(result.stderr.split(separator: "\n").count == 1)
    }

    @Test func theTerminalUIWithoutATerminalSaysSoInOneLine() throws {
        let result = try spyglass("--project", Self.tiny)
        #expect(result.code == 2)
        #expect(result.stderr.contains("spyglass query"))
        #expect(result.stderr.split(separator: "\n").count == 1)
    }

    @Test func sqlForEveryDialect() throws {
        for dialect in ["postgres", "sqlite", "duckdb", "snowflake", "bigquery", "redshift"] {
            let result = try spyglass("sql", "customers", "--project", Self.tiny, "--database", Self.sqliteURL,
                                      "--fields", "customers.country,orders.revenue", "--dialect", dialect)
            #expect(result.code == 0, "\(dialect): \(result.stderr)")
            #expect(result.stdout.contains("SELECT"), "\(dialect)")
        }
        let unknown = try spyglass("sql", "customers", "--project", Self.tiny, "--fields", "customers.country", "--dialect", "oracle7")
        #expect(unknown.code != 0)
        #expect(unknown.stderr.contains("oracle7"))
    }
}
