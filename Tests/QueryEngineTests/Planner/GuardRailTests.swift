import QueryEngine
import SemanticModel
import Testing
import Warehouse

/// sql_always_where, always_filter and measure filters (HAVING), executed on both databases.
@Suite(.serialized) struct GuardRailTests {
    @Test func alwaysWhereAndDefaultAlwaysFilter() throws {
        let spec = QuerySpec(explore: "guarded_orders", fields: ["orders.status", "orders.count", "users.count"])
        let hand = """
            SELECT o.status, COUNT(*), COUNT(DISTINCT o.user_id) FROM orders o
            WHERE o.status <> 'cancelled' AND o.amount > 0 GROUP BY o.status
            """
        for db in try ShopFixture.databases() { try ResultCheck.check(spec, on: db, hand: hand) }
    }

    @Test func userFilterReplacesTheAlwaysFilterDefault() throws {
        let spec = QuerySpec(explore: "guarded_orders", fields: ["orders.status", "orders.count"],
                             filters: [FilterCondition(field: "orders.amount", expression: "<100")])
        let hand = """
            SELECT o.status, COUNT(*) FROM orders o WHERE o.status <> 'cancelled' AND o.amount < 100 GROUP BY o.status
            """
        for db in try ShopFixture.databases() { try ResultCheck.check(spec, on: db, hand: hand) }
    }

    @Test func measureFiltersBecomeHavingInBothPlans() throws {
        // Plain plan (orders explore, no fan-out) and per-view plan (users explore, orders fan users out).
        let plain = QuerySpec(explore: "orders", fields: ["users.state", "orders.count"],
                              filters: [FilterCondition(field: "orders.count", expression: ">3"), FilterCondition(field: "orders.status", expression: "-cancelled")])
        let handPlain = """
            SELECT u.state, COUNT(*) FROM orders o LEFT JOIN users u ON u.id = o.user_id
            WHERE o.status <> 'cancelled' OR o.status IS NULL GROUP BY u.state HAVING COUNT(*) > 3
            """
        let grouped = QuerySpec(explore: "users", fields: ["users.state", "users.count"],
                                filters: [FilterCondition(field: "orders.total_amount", expression: ">1000")])
        let handGrouped = """
            SELECT u.state, COUNT(*) FROM users u GROUP BY u.state
            HAVING (SELECT SUM(o.amount) FROM orders o JOIN users u2 ON u2.id = o.user_id WHERE COALESCE(u2.state, '~') = COALESCE(u.state, '~')) > 1000
            """
        for db in try ShopFixture.databases() {
            #expect(try ResultCheck.check(plain, on: db, hand: handPlain).plan == .plain)
            #expect(try ResultCheck.check(grouped, on: db, hand: handGrouped).plan == .perViewGroups)
        }
    }

    @Test func alwaysHavingComputesMeasuresTheUserDidNotPick() throws {
        let spec = QuerySpec(explore: "busy_users", fields: ["users.age_tier", "users.count"])
        let tier = "CASE WHEN u.age IS NULL THEN NULL WHEN u.age < 20 THEN 'Below 20' WHEN u.age < 30 THEN '20 to 29' WHEN u.age < 40 THEN '30 to 39' ELSE '40 or Above' END"
        let hand = """
            SELECT t.tier, COUNT(*) FROM (SELECT \(tier) AS tier, u.id AS id FROM users u) t
            GROUP BY t.tier
            HAVING (SELECT COUNT(*) FROM orders o JOIN (SELECT \(tier) AS tier, u.id AS id FROM users u) t2 ON t2.id = o.user_id
                    WHERE COALESCE(t2.tier, '~') = COALESCE(t.tier, '~')) >= 2
            """
        for db in try ShopFixture.databases() {
            let compiled = try ResultCheck.check(spec, on: db, hand: hand)
            #expect(compiled.columns.count == 2)
        }
    }

    @Test func alwaysJoinAndRequiredJoinsComeAlongWithoutChangingNumbers() throws {
        // events is always joined and fans users out; order_items needs orders (declared after it), which requires events.
        let spec = QuerySpec(explore: "audited_users", fields: ["users.state", "users.count", "order_items.count"])
        let hand = """
            SELECT u.state, COUNT(*), COALESCE(SUM(i.cnt), 0) FROM users u
            LEFT JOIN (SELECT o.user_id, COUNT(*) AS cnt FROM order_items oi JOIN orders o ON o.id = oi.order_id GROUP BY o.user_id) i ON i.user_id = u.id
            GROUP BY u.state
            """
        for db in try ShopFixture.databases() {
            let compiled = try ResultCheck.check(spec, on: db, hand: hand)
            let sql = compiled.sql
            let e = try #require(sql.range(of: "JOIN events")), o = try #require(sql.range(of: "JOIN orders")), i = try #require(sql.range(of: "JOIN order_items"))
            #expect(e.lowerBound < o.lowerBound && o.lowerBound < i.lowerBound, "joins must follow their dependencies\n\(sql)")
        }
    }
}
