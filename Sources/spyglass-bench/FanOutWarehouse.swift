import Foundation
import QueryEngine
import SemanticModel
import SpyglassCore
import TestSupport
import Warehouse

/// users → orders → order_items on a throwaway PostgreSQL, millions of rows: the fan-out query
/// against hand-written pre-aggregated SQL, CSV streaming against psql's COPY, and memory as rows grow.
struct FanOutWarehouse {
    let url: String
    let workspace: Workspace
    let users: Int
    let orders: Int
    let items: Int

    init(quick: Bool) throws {
        let users = quick ? 20_000 : 200_000, orders = users * 10, items = orders * 3
        self.users = users
        self.orders = orders
        self.items = items
        let url = try TestPostgres.createDatabase(prefix: "bench")
        self.url = url
        let setup = try Bench.milliseconds {
            try TestPostgres.execute("""
            CREATE TABLE users AS SELECT g AS id, (ARRAY['FR','DE','US','JP','BR','IN','NG'])[1 + g % 7] AS country,
              DATE '2024-01-01' + (g % 700) AS signup_date FROM generate_series(1, \(users)) g;
            CREATE TABLE orders AS SELECT g AS id, 1 + (g::bigint * 7919) % \(users) AS user_id,
              ((g % 1000) / 10.0)::numeric(10,2) AS shipping,
              TIMESTAMP '2024-01-01' + (g % 10000) * INTERVAL '97 minutes' AS created_at
              FROM generate_series(1, \(orders)) g;
            CREATE TABLE order_items AS SELECT g AS id, 1 + (g::bigint * 104729) % \(orders) AS order_id,
              ((g % 5000) / 7.0)::numeric(10,2) AS price FROM generate_series(1, \(items)) g;
            ALTER TABLE users ADD PRIMARY KEY (id);
            ALTER TABLE orders ADD PRIMARY KEY (id);
            ALTER TABLE order_items ADD PRIMARY KEY (id);
            CREATE INDEX ON orders (user_id);
            CREATE INDEX ON order_items (order_id);
            ANALYZE;
            """, in: url)
        }
        let project = NSTemporaryDirectory() + "spyglass-bench-shop-\(getpid())"
        try FileManager.default.createDirectory(atPath: project, withIntermediateDirectories: true)
        try Self.model.write(toFile: project + "/shop.model.lkml", atomically: true, encoding: .utf8)
        workspace = try Workspace.open(projectRoot: project, databaseURL: url)
        workspace.compileOptions.maxRowLimit = 10_000_000
        guard !workspace.project.hasErrors else { throw BenchError("bench model: \(workspace.project.diagnostics)") }
        Bench.report("PostgreSQL: \(users / 1000)k users, \(orders / 1000)k orders, \(items / 1000)k items", "built in \(Bench.format(setup / 1000)) s")
    }

    static let model = """
    connection: "bench"
    view: users {
      sql_table_name: users ;;
      dimension: id { primary_key: yes type: number sql: ${TABLE}.id ;; }
      dimension: country { type: string sql: ${TABLE}.country ;; }
      measure: count { type: count }
    }
    view: orders {
      sql_table_name: orders ;;
      dimension: id { primary_key: yes type: number sql: ${TABLE}.id ;; }
      dimension: user_id { type: number sql: ${TABLE}.user_id ;; }
      dimension: shipping { type: number sql: ${TABLE}.shipping ;; }
      measure: count { type: count }
      measure: total_shipping { type: sum sql: ${shipping} ;; }
    }
    view: order_items {
      sql_table_name: order_items ;;
      dimension: id { primary_key: yes type: number sql: ${TABLE}.id ;; }
      dimension: order_id { type: number sql: ${TABLE}.order_id ;; }
      dimension: price { type: number sql: ${TABLE}.price ;; }
      measure: count { type: count }
      measure: total_price { type: sum sql: ${price} ;; }
    }
    explore: users {
      join: orders { relationship: one_to_many sql_on: ${users.id} = ${orders.user_id} ;; }
      join: order_items { relationship: one_to_many sql_on: ${orders.id} = ${order_items.order_id} ;; }
    }
    explore: order_items {
      join: orders { relationship: many_to_one sql_on: ${order_items.order_id} = ${orders.id} ;; }
    }
    """

    /// The same numbers written by hand, the way an expert would: each table aggregated on its own
    /// at the query's grain, then the per-table answers joined on the dimension.
    static let handWrittenPerTable = """
    WITH u AS (SELECT country, COUNT(id) AS users FROM users GROUP BY country),
    o AS (SELECT u.country, COUNT(o.id) AS orders, SUM(o.shipping) AS shipping
          FROM users u JOIN orders o ON o.user_id = u.id GROUP BY u.country),
    i AS (SELECT u.country, COUNT(i.id) AS items, SUM(i.price) AS price
          FROM users u JOIN orders o ON o.user_id = u.id JOIN order_items i ON i.order_id = o.id GROUP BY u.country)
    SELECT u.country, u.users, COALESCE(o.orders, 0) AS orders, o.shipping, COALESCE(i.items, 0) AS items, i.price
    FROM u LEFT JOIN o ON o.country = u.country LEFT JOIN i ON i.country = u.country
    ORDER BY u.country
    """

    /// The same numbers pre-aggregated along the join keys (items per order, orders per user).
    static let handWritten = """
    WITH item_totals AS (
      SELECT order_id, COUNT(id) AS items, SUM(price) AS price FROM order_items GROUP BY order_id
    ), order_totals AS (
      SELECT o.user_id, COUNT(o.id) AS orders, SUM(o.shipping) AS shipping, SUM(i.items) AS items, SUM(i.price) AS price
      FROM orders o LEFT JOIN item_totals i ON i.order_id = o.id GROUP BY o.user_id
    )
    SELECT u.country, COUNT(u.id) AS users, COALESCE(SUM(t.orders), 0) AS orders, SUM(t.shipping) AS shipping,
      COALESCE(SUM(t.items), 0) AS items, SUM(t.price) AS price
    FROM users u LEFT JOIN order_totals t ON t.user_id = u.id
    GROUP BY u.country ORDER BY u.country
    """

    func fanOut() throws {
        var spec = QuerySpec(explore: "users")
        spec.fields = ["users.country", "users.count", "orders.count", "orders.total_shipping", "order_items.count", "order_items.total_price"]
        spec.sorts = [SortKey(field: "users.country")]
        let compiled = try workspace.compile(spec)
        let connection = try Warehouse.connect(url)
        let ours = try connection.query(compiled.sql, maxRows: 1000)
        for hand in [Self.handWrittenPerTable, Self.handWritten] {
            let theirs = try connection.query(hand, maxRows: 1000)
            guard Self.same(ours.rows, theirs.rows) else {
                throw BenchError("the fan-out query disagrees with the hand-written SQL:\n\(ours.rows)\n\(theirs.rows)\nSQL:\n\(compiled.sql)")
            }
        }
        var oursMs: [Double] = [], perTableMs: [Double] = [], joinKeyMs: [Double] = []
        // Interleave runs so cache and load effects hit all alike.
        for _ in 0..<5 {
            oursMs.append(try Bench.milliseconds { _ = try connection.query(compiled.sql, maxRows: 1000) })
            perTableMs.append(try Bench.milliseconds { _ = try connection.query(Self.handWrittenPerTable, maxRows: 1000) })
            joinKeyMs.append(try Bench.milliseconds { _ = try connection.query(Self.handWritten, maxRows: 1000) })
        }
        let a = oursMs.sorted()[2], b = perTableMs.sorted()[2], c = joinKeyMs.sorted()[2]
        Bench.report("fan-out query, Spyglass SQL (\(compiled.plan.rawValue))", "\(Bench.format(a)) ms")
        Bench.report("fan-out, hand-written per-table aggregates", "\(Bench.format(b)) ms")
        Bench.report("fan-out, hand-written pre-aggregation by join key", "\(Bench.format(c)) ms")
        let best = min(b, c)
        Bench.report("fan-out ratio to the faster hand-written SQL", "\(Bench.format(a / best, 2))×", target: "≤ 1.2×", ok: a / best <= 1.2)
    }

    /// Rows equal cell by cell; numbers compared by value (42 and 42.00 are the same number).
    static func same(_ a: [[Value]], _ b: [[Value]]) -> Bool {
        guard a.count == b.count else { return false }
        for (x, y) in zip(a, b) {
            guard x.count == y.count else { return false }
            for (u, v) in zip(x, y) where u != v {
                guard let p = number(u), let q = number(v), abs(p - q) <= 1e-9 * max(1, abs(p)) else { return false }
            }
        }
        return true
    }

    static func number(_ value: Value) -> Double? {
        switch value {
        case .int(let n): Double(n)
        case .double(let d): d
        case .decimal(let s): Double(s)
        default: nil
        }
    }

    func csvSpec(limit: Int) -> QuerySpec {
        var spec = QuerySpec(explore: "order_items")
        spec.fields = ["order_items.id", "order_items.order_id", "order_items.price"]
        spec.sorts = [SortKey(field: "order_items.id")]
        spec.limit = limit
        return spec
    }

    func csvStreaming(binaryDirectory: String) throws {
        let rows = min(items, 1_000_000)
        let compiled = try workspace.compile(csvSpec(limit: rows))
        let spyglass = [binaryDirectory + "/spyglass", "query", "order_items", "--project", workspace.projectRoot,
                        "--database", url, "--format", "csv", "--limit", String(rows),
                        "--fields", "order_items.id,order_items.order_id,order_items.price",
                        "--sorts", "order_items.id"]
        let psql = ["psql", url, "-X", "-q", "-c", "COPY (\(compiled.sql)) TO STDOUT CSV"]
        var ours: [Double] = [], theirs: [Double] = []
        for _ in 0..<3 {
            let a = Bench.spawn(spyglass), b = Bench.spawn(psql)
            guard a.status == 0, b.status == 0 else { throw BenchError("CSV run failed: spyglass \(a.status), psql \(b.status)") }
            ours.append(a.ms)
            theirs.append(b.ms)
        }
        let a = ours.sorted()[1], b = theirs.sorted()[1]
        Bench.report("CSV of \(rows) rows, spyglass query --format csv", "\(Bench.format(a)) ms (\(Int(Double(rows) / a * 1000)) rows/s)")
        Bench.report("CSV of \(rows) rows, psql COPY … TO STDOUT CSV", "\(Bench.format(b)) ms (\(Int(Double(rows) / b * 1000)) rows/s)")
        Bench.report("CSV streaming ratio", "\(Bench.format(a / b, 2))×", target: "≤ 1.5×", ok: a / b <= 1.5)
    }

    func memory(binaryDirectory: String) throws {
        var peaks: [(Int, Int)] = []
        for rows in [10_000, 100_000, 1_000_000, min(items, 3_000_000)] {
            let run = Bench.spawn([binaryDirectory + "/spyglass", "query", "order_items", "--project", workspace.projectRoot,
                                   "--database", url, "--format", "csv", "--limit", String(rows), "--max-rows", String(rows),
                                   "--fields", "order_items.id,order_items.order_id,order_items.price", "--sorts", "order_items.id"])
            guard run.status == 0 else { throw BenchError("memory run failed with \(run.status)") }
            peaks.append((rows, run.maxRSSKiB))
            Bench.report("peak memory streaming \(rows) rows as CSV", "\(run.maxRSSKiB / 1024) MiB")
        }
        let growth = Double(peaks.last!.1) / Double(peaks.first!.1)
        Bench.report("memory growth from \(peaks.first!.0) to \(peaks.last!.0) rows", "\(Bench.format(growth, 2))×", target: "flat (≤ 1.5×)", ok: growth <= 1.5)
    }
}
