import Foundation
import QueryEngine
import SemanticModel
import TestSupport
import Testing
import Warehouse

/// Generated fan-out SQL against the best hand-written pre-aggregated SQL on PostgreSQL over millions of
/// rows (users → orders → order_items). Slow, so it runs only with SPYGLASS_BENCH=1 (rows scale with
/// SPYGLASS_BENCH_SCALE, default 1 = 200k users, 1M orders, 3M items).
@Suite(.serialized, .enabled(if: ProcessInfo.processInfo.environment["SPYGLASS_BENCH"] == "1"))
struct FanOutBenchmarkTests {
    static func setUp() throws -> any Connection {
        let scale = Int(ProcessInfo.processInfo.environment["SPYGLASS_BENCH_SCALE"] ?? "1") ?? 1
        let url = try TestPostgres.createDatabase(prefix: "bench")
        try TestPostgres.execute("""
            CREATE TABLE users AS SELECT g AS id, (ARRAY['CA','NY','TX','WA',NULL])[1 + g % 5] AS state, 18 + g % 50 AS age,
                'user ' || g AS name, g % 7 = 0 AS vip, '10001' AS zip, TIMESTAMP '2023-01-01' + (g % 700) * INTERVAL '1 day' AS created_at
              FROM generate_series(1, \(200_000 * scale)) g;
            CREATE TABLE orders AS SELECT g AS id, 1 + (g::bigint * 7919) % \(200_000 * scale) AS user_id,
                (ARRAY['complete','pending','cancelled','returned'])[1 + g % 4] AS status, ((g % 1000) + 0.25)::numeric(10,2) AS amount,
                TIMESTAMP '2023-01-01' + (g % 700) * INTERVAL '1 day' + (g % 86400) * INTERVAL '1 second' AS created_at,
                NULL::timestamp AS shipped_at
              FROM generate_series(1, \(1_000_000 * scale)) g;
            CREATE TABLE order_items AS SELECT g AS id, 1 + (g::bigint * 104729) % \(1_000_000 * scale) AS order_id,
                (ARRAY['apple','pear','fig'])[1 + g % 3] AS product, ((g % 500) + 0.5)::numeric(10,2) AS sale_price
              FROM generate_series(1, \(3_000_000 * scale)) g;
            CREATE TABLE events (id INTEGER, user_id INTEGER, kind TEXT);
            CREATE TABLE page_views (user_id INTEGER, seconds INTEGER);
            ALTER TABLE users ADD PRIMARY KEY (id);
            ALTER TABLE orders ADD PRIMARY KEY (id);
            ALTER TABLE order_items ADD PRIMARY KEY (id);
            CREATE INDEX ON orders (user_id);
            CREATE INDEX ON order_items (order_id);
            ANALYZE;
            """, in: url)
        return try Warehouse.connect(url)
    }

    /// Best of `runs` wall-clock timings, in seconds.
    static func time(_ connection: any Connection, _ sql: String, runs: Int = 3) throws -> (Double, ResultSet) {
        var best = Double.infinity
        var result = ResultSet(columns: [], rows: [])
        for _ in 0..<runs {
            let start = ContinuousClock.now
            result = try connection.query(sql, maxRows: 1_000_000)
            let d = ContinuousClock.now - start
            best = min(best, Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18)
        }
        return (best, result)
    }

    static let cases: [(String, QuerySpec, [String])] = [
        ("state: users, orders, items", QuerySpec(explore: "users", fields: ["users.state", "users.count", "orders.count", "orders.total_amount",
                                                                         "order_items.count", "order_items.total_sale_price"]),
         ["""
          WITH oi AS (SELECT order_id, COUNT(*) AS c, SUM(sale_price) AS s FROM order_items GROUP BY order_id),
          o AS (SELECT o.user_id, COUNT(*) AS c, SUM(o.amount) AS s, SUM(oi.c) AS ic, SUM(oi.s) AS isum
                FROM orders o LEFT JOIN oi ON oi.order_id = o.id GROUP BY o.user_id)
          SELECT u.state, COUNT(*), COALESCE(SUM(o.c), 0), SUM(o.s), COALESCE(SUM(o.ic), 0), SUM(o.isum)
          FROM users u LEFT JOIN o ON o.user_id = u.id GROUP BY u.state
          """,
          """
          SELECT u.state, COUNT(*), COALESCE(SUM(o.c), 0), SUM(o.s), COALESCE(SUM(i.c), 0), SUM(i.s)
          FROM users u
          LEFT JOIN (SELECT user_id, COUNT(*) AS c, SUM(amount) AS s FROM orders GROUP BY user_id) o ON o.user_id = u.id
          LEFT JOIN (SELECT o.user_id, COUNT(*) AS c, SUM(oi.sale_price) AS s FROM order_items oi JOIN orders o ON o.id = oi.order_id GROUP BY o.user_id) i
            ON i.user_id = u.id
          GROUP BY u.state
          """]),
        ("month: users, orders, items", QuerySpec(explore: "users", fields: ["orders.created_month", "users.count", "orders.count", "order_items.total_sale_price"]),
         ["""
          WITH oi AS (SELECT order_id, SUM(sale_price) AS s FROM order_items GROUP BY order_id)
          SELECT TO_CHAR(o.created_at, 'YYYY-MM'), COUNT(DISTINCT u.id), COUNT(o.id), SUM(oi.s)
          FROM users u LEFT JOIN orders o ON o.user_id = u.id LEFT JOIN oi ON oi.order_id = o.id
          GROUP BY 1
          """]),
    ]

    @Test func generatedSQLIsWithinTwentyPercentOfHandWritten() throws {
        let connection = try Self.setUp()
        let project = ShopFixture.project
        for (name, spec, hands) in Self.cases {
            let compiled = try QueryCompiler.compile(spec, project: project, dialect: PostgresDialect())
            let (generated, got) = try Self.time(connection, compiled.sql)
            var best = Double.infinity
            for hand in hands {
                let (t, expected) = try Self.time(connection, hand)
                best = min(best, t)
                ResultCheck.expectSame(got, expected, sql: compiled.sql, handSQL: hand, db: "postgres (benchmark)")
            }
            let ratio = generated / best
            print("benchmark \(name): generated \(String(format: "%.3f", generated)) s, best hand-written \(String(format: "%.3f", best)) s, ratio \(String(format: "%.2f", ratio))")
            #expect(ratio <= 1.2, "\(name): generated SQL took \(ratio)× the hand-written time\n\(compiled.sql)")
        }
    }
}
