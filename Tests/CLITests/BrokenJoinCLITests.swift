import Foundation
import Testing
import TestSupport
import Warehouse

/// Issue 13, item 8, on the real binary: an explore with a broken join (its view is not defined)
/// still answers a query that does not need the join, with the numbers hand-written SQL gives, and
/// refuses one that does with one sentence naming the join and the view (exit 1).
@Suite("Broken join on the command line")
struct BrokenJoinCLITests {
    @Test func onlyTheQueriesNeedingTheBrokenJoinFail() throws {
        let root = NSTemporaryDirectory() + "spyglass-brokenjoin-cli-\(getpid())-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: root + "/views", withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: root) }
        for name in ["customers", "orders"] {
            try FileManager.default.copyItem(atPath: SpyglassProcess.fixtures + "/tiny/views/\(name).view.lkml", toPath: root + "/views/\(name).view.lkml")
        }
        try """
            connection: "tiny"
            include: "/views/*.view.lkml"
            explore: customers {
              join: orders { type: left_outer relationship: one_to_many sql_on: ${customers.id} = ${orders.customer_id} ;; }
              join: refunds { from: refunds_missing relationship: one_to_one sql_on: ${refunds.order_id} = ${orders.id} ;; }
            }
            """.write(toFile: root + "/m.model.lkml", atomically: true, encoding: .utf8)
        let url = "sqlite:" + root + "/w.sqlite"
        let loader = try Warehouse.openLoader(url)
        try loader.execute("CREATE TABLE customers (id INTEGER PRIMARY KEY, name TEXT, country TEXT)")
        try loader.execute("CREATE TABLE orders (id INTEGER PRIMARY KEY, customer_id INTEGER, amount INTEGER)")
        try loader.execute("INSERT INTO customers VALUES (1, 'Ada', 'France'), (2, 'Bo', 'Peru'), (3, 'Chen', 'France')")
        try loader.execute("INSERT INTO orders VALUES (10, 1, 100), (11, 1, 50), (12, 2, 7)")
        loader.close()

        let ok = try SpyglassProcess.run(["query", "customers", "--project", root, "--database", url,
                                          "--fields", "customers.country,customers.count,orders.count",
                                          "--sorts", "customers.country", "--format", "csv"])
        #expect(ok.code == 0, "\(ok.stderr)")
        let connection = try Warehouse.connect(url)
        let hand = try connection.query("""
            SELECT c.country, COUNT(DISTINCT c.id), COUNT(o.id) FROM customers c LEFT JOIN orders o ON o.customer_id = c.id
            GROUP BY c.country ORDER BY c.country
            """, maxRows: 100)
        let expected = hand.rows.map { row in row.map { value -> String in
            switch value {
            case .string(let s): return s
            case .int(let i): return String(i)
            default: return "\(value)"
            }
        }.joined(separator: ",") }
        let lines = ok.stdout.components(separatedBy: "\r\n").filter { !$0.isEmpty }
        #expect(lines.first == "customers.country,customers.count,orders.count")
        #expect(Array(lines.dropFirst()) == expected, "\(ok.stdout)")
        #expect(expected.count == 2)

        let refused = try SpyglassProcess.run(["query", "customers", "--project", root, "--database", url,
                                               "--fields", "customers.country,refunds.order_id"])
        #expect(refused.code == 1)
        #expect(refused.stderr.hasSuffix("join 'refunds' in explore 'customers' uses view 'refunds_missing', which model 'm' does not define\n"),
                "\(refused.stderr)")
        #expect(refused.stderr.split(separator: "\n").count == 1, "\(refused.stderr)")

        let validate = try SpyglassProcess.run(["validate", "--project", root])
        #expect(validate.code == 1, "\(validate.stderr)")
        #expect((validate.stdout + validate.stderr).contains("unknown view 'refunds_missing' in join 'refunds'"))
    }
}
