import QueryEngine
import SemanticModel
import Testing
import Warehouse

/// Measures stay at their own view's grain whatever joins the query adds, on SQLite and PostgreSQL.
@Suite(.serialized) struct FanOutTests {
    @Test func oneLevelFanOutKeepsUserAndOrderMeasuresRight() throws {
        let spec = QuerySpec(explore: "users", fields: ["users.state", "users.count", "users.total_age", "users.average_age",
                                                        "orders.count", "orders.total_amount", "orders.average_amount"])
        let hand = """
            SELECT u.state, COUNT(*), SUM(u.age), AVG(u.age), COALESCE(SUM(o.cnt), 0), SUM(o.total), 1.0 * SUM(o.total) / SUM(o.n)
            FROM users u
            LEFT JOIN (SELECT user_id, COUNT(*) AS cnt, SUM(amount) AS total, COUNT(amount) AS n FROM orders GROUP BY user_id) o ON o.user_id = u.id
            GROUP BY u.state
            """
        for db in try ShopFixture.databases() {
            let compiled = try ResultCheck.check(spec, on: db, hand: hand)
            #expect(compiled.plan == .perViewGroups)
        }
    }

    @Test func twoLevelsAndTwoBranchesFanOut() throws {
        let spec = QuerySpec(explore: "users", fields: ["users.state", "users.count", "users.max_age", "orders.count", "orders.total_amount",
                                                        "order_items.count", "order_items.total_sale_price", "order_items.average_sale_price",
                                                        "events.count", "events.active_users"])
        let hand = """
            SELECT u.state, COUNT(*), MAX(u.age), COALESCE(SUM(o.cnt), 0), SUM(o.total), COALESCE(SUM(i.cnt), 0), SUM(i.total),
                   1.0 * SUM(i.total) / SUM(i.n), COALESCE(SUM(e.cnt), 0), COUNT(e.user_id)
            FROM users u
            LEFT JOIN (SELECT user_id, COUNT(*) AS cnt, SUM(amount) AS total FROM orders GROUP BY user_id) o ON o.user_id = u.id
            LEFT JOIN (SELECT o.user_id, COUNT(*) AS cnt, SUM(oi.sale_price) AS total, COUNT(oi.sale_price) AS n
                       FROM order_items oi JOIN orders o ON o.id = oi.order_id GROUP BY o.user_id) i ON i.user_id = u.id
            LEFT JOIN (SELECT user_id, COUNT(*) AS cnt FROM events GROUP BY user_id) e ON e.user_id = u.id
            GROUP BY u.state
            """
        for db in try ShopFixture.databases() {
            try ResultCheck.check(spec, on: db, hand: hand)
        }
    }

    @Test func dimensionOnTheFannedSideCountsEachUserAndOrderOnce() throws {
        let spec = QuerySpec(explore: "users", fields: ["order_items.product", "users.count", "users.average_age", "orders.count",
                                                        "orders.total_amount", "order_items.total_sale_price"])
        // Distinct (product, entity) pairs first, then the entity's own columns: the definition of "at its grain".
        let hand = """
            WITH r AS (SELECT u.id AS uid, o.id AS oid, oi.product AS product, oi.sale_price AS price
                       FROM users u LEFT JOIN orders o ON o.user_id = u.id LEFT JOIN order_items oi ON oi.order_id = o.id),
            pu AS (SELECT DISTINCT product, uid FROM r),
            po AS (SELECT DISTINCT product, oid FROM r WHERE oid IS NOT NULL),
            a AS (SELECT pu.product, COUNT(*) AS users, AVG(u.age) AS age FROM pu JOIN users u ON u.id = pu.uid GROUP BY pu.product),
            b AS (SELECT po.product, COUNT(*) AS orders, SUM(o.amount) AS amount FROM po JOIN orders o ON o.id = po.oid GROUP BY po.product),
            c AS (SELECT product, SUM(price) AS price FROM r GROUP BY product)
            SELECT a.product, a.users, a.age, COALESCE(b.orders, 0), b.amount, c.price
            FROM a LEFT JOIN b ON COALESCE(b.product, '~') = COALESCE(a.product, '~')
                   LEFT JOIN c ON COALESCE(c.product, '~') = COALESCE(a.product, '~')
            """
        for db in try ShopFixture.databases() {
            try ResultCheck.check(spec, on: db, hand: hand)
        }
    }

    @Test func manyToOneJoinRepeatsUsersPerOrder() throws {
        // In the orders explore each user appears once per order; users.count and users.total_age must not.
        let spec = QuerySpec(explore: "orders", fields: ["orders.status", "orders.count", "users.count", "users.total_age", "order_items.count"])
        let hand = """
            SELECT o.status, COUNT(DISTINCT o.id), COUNT(DISTINCT u.id),
                   (SELECT SUM(u2.age) FROM users u2 WHERE u2.id IN (SELECT o2.user_id FROM orders o2 JOIN order_items i2 ON i2.order_id = o2.id
                                                                      WHERE COALESCE(o2.status, '~') = COALESCE(o.status, '~'))),
                   COUNT(oi.id)
            FROM orders o JOIN order_items oi ON oi.order_id = o.id LEFT JOIN users u ON u.id = o.user_id
            GROUP BY o.status
            """
        for db in try ShopFixture.databases() {
            try ResultCheck.check(spec, on: db, hand: hand)
        }
    }

    @Test func noFanOutIsOnePlainGroupBy() throws {
        let spec = QuerySpec(explore: "orders", fields: ["users.state", "orders.count", "orders.total_amount"])
        let project = ShopFixture.project
        for dialect in Dialects.all {
            let compiled = try QueryCompiler.compile(spec, project: project, dialect: dialect)
            #expect(compiled.plan == .plain, "\(dialect.name): \(compiled.sql)")
        }
        // order_items is an inner join in this explore but not needed, so it is not joined.
        let compiled = try QueryCompiler.compile(spec, project: project, dialect: PostgresDialect())
        #expect(!compiled.sql.contains("order_items"))
    }

    @Test func sumDistinctCountsEachOrderOnce() throws {
        // order_amount_distinct sums orders.amount once per sql_distinct_key (the order), however many items it has.
        let spec = QuerySpec(explore: "users", fields: ["users.state", "order_items.order_amount_distinct", "order_items.count"])
        let hand = """
            SELECT u.state, SUM(o.amount), COALESCE(SUM(i.cnt), 0)
            FROM users u LEFT JOIN orders o ON o.user_id = u.id
            LEFT JOIN (SELECT order_id, COUNT(*) AS cnt FROM order_items GROUP BY order_id) i ON i.order_id = o.id
            GROUP BY u.state
            """
        for db in try ShopFixture.databases() {
            try ResultCheck.check(spec, on: db, hand: hand)
        }
    }

    @Test func filteredAndCompositeMeasuresThroughFanOut() throws {
        let spec = QuerySpec(explore: "users", fields: ["users.is_vip", "orders.completed_count", "orders.completed_amount",
                                                        "orders.amount_per_user", "orders.completion_rate", "users.vip_count", "order_items.count"])
        let hand = """
            SELECT CASE WHEN u.vip = 1 THEN 'Yes' ELSE 'No' END AS vip,
                   COALESCE(SUM(o.done), 0), SUM(o.done_amount), 1.0 * SUM(o.total) / COUNT(*), 1.0 * SUM(o.done) / NULLIF(SUM(o.cnt), 0),
                   SUM(CASE WHEN u.vip = 1 THEN 1 ELSE 0 END), COALESCE(SUM(i.cnt), 0)
            FROM users u
            LEFT JOIN (SELECT user_id, COUNT(*) AS cnt, SUM(amount) AS total,
                              SUM(CASE WHEN status = 'complete' THEN 1 ELSE 0 END) AS done,
                              SUM(CASE WHEN status = 'complete' THEN amount END) AS done_amount
                       FROM orders GROUP BY user_id) o ON o.user_id = u.id
            LEFT JOIN (SELECT o.user_id, COUNT(*) AS cnt FROM order_items oi JOIN orders o ON o.id = oi.order_id GROUP BY o.user_id) i ON i.user_id = u.id
            GROUP BY CASE WHEN u.vip = 1 THEN 'Yes' ELSE 'No' END
            """
        for db in try ShopFixture.databases() {
            try ResultCheck.check(spec, on: db, hand: hand)
        }
    }

    @Test func viewWithoutPrimaryKeyThatFansOutIsRefused() throws {
        // Grouping by an order column repeats each page view once per order of its user.
        let spec = QuerySpec(explore: "users", fields: ["orders.status", "page_views.total_seconds"])
        #expect {
            try QueryCompiler.compile(spec, project: ShopFixture.project, dialect: PostgresDialect())
        } throws: { error in
            let text = "\(error)"
            return text.contains("page_views") && text.contains("primary key") && text.contains("orders")
        }
    }

    @Test func viewWithoutPrimaryKeyIsFineWhenItsOwnAggregateIsNotFannedOut() throws {
        // orders fans page_views out in the full join, but each view is aggregated over only the joins it needs.
        let spec = QuerySpec(explore: "users", fields: ["users.state", "page_views.total_seconds", "orders.count"])
        let hand = """
            SELECT u.state, SUM(p.total), COALESCE(SUM(o.cnt), 0) FROM users u
            LEFT JOIN (SELECT user_id, SUM(seconds) AS total FROM page_views GROUP BY user_id) p ON p.user_id = u.id
            LEFT JOIN (SELECT user_id, COUNT(*) AS cnt FROM orders GROUP BY user_id) o ON o.user_id = u.id
            GROUP BY u.state
            """
        for db in try ShopFixture.databases() {
            try ResultCheck.check(spec, on: db, hand: hand)
        }
    }
}
