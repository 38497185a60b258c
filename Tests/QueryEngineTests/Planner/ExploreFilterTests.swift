import Foundation
import QueryEngine
import SemanticModel
import Testing
import Warehouse

/// `conditionally_filter` (defaults lifted by an `unless` field) and join `sql_where` (applied only
/// when the join is in the query), executed against hand-written SQL.
@Suite(.serialized) struct ExploreFilterTests {
    func check(_ spec: QuerySpec, _ hand: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
        for db in try ExtrasFixture.databases() {
            try ResultCheck.check(spec, on: db, hand: hand, project: ExtrasFixture.project, sourceLocation: sourceLocation)
        }
    }

    @Test func conditionallyFilterAppliesItsDefaultWhenNothingIsFiltered() throws {
        try check(QuerySpec(explore: "recent_orders", fields: ["orders.status", "orders.count"]),
                  "SELECT status, COUNT(*) FROM orders WHERE status = 'complete' GROUP BY status")
    }

    @Test func userFilterOnTheDefaultFieldReplacesIt() throws {
        try check(QuerySpec(explore: "recent_orders", fields: ["orders.status", "orders.count"],
                            filters: [FilterCondition(field: "orders.status", expression: "pending,returned")]),
                  "SELECT status, COUNT(*) FROM orders WHERE status IN ('pending', 'returned') GROUP BY status")
    }

    @Test func filterOnAnUnlessFieldLiftsTheDefault() throws {
        try check(QuerySpec(explore: "recent_orders", fields: ["orders.status", "orders.count"],
                            filters: [FilterCondition(field: "orders.created_date", expression: "2023")]),
                  "SELECT status, COUNT(*) FROM orders WHERE created_at >= '2023-01-01' AND created_at < '2024-01-01' GROUP BY status")
        try check(QuerySpec(explore: "recent_orders", fields: ["orders.status", "orders.count"],
                            filters: [FilterCondition(field: "users.state", expression: "CA")]),
                  "SELECT o.status, COUNT(*) FROM orders o LEFT JOIN users u ON u.id = o.user_id WHERE u.state = 'CA' GROUP BY o.status")
    }

    @Test func joinSQLWhereAppliesOnlyWhenTheJoinIsUsed() throws {
        try check(QuerySpec(explore: "vip_orders", fields: ["users.state", "orders.count", "orders.total_amount"]),
                  "SELECT u.state, COUNT(*), SUM(o.amount) FROM orders o LEFT JOIN users u ON u.id = o.user_id WHERE u.vip = 1 GROUP BY u.state")
        try check(QuerySpec(explore: "vip_orders", fields: ["orders.status", "orders.count"]),
                  "SELECT status, COUNT(*) FROM orders GROUP BY status")
        // A filter alone brings the join, and with it the restriction.
        try check(QuerySpec(explore: "vip_orders", fields: ["orders.count"], filters: [FilterCondition(field: "users.state", expression: "-NULL")]),
                  "SELECT COUNT(*) FROM orders o LEFT JOIN users u ON u.id = o.user_id WHERE u.state IS NOT NULL AND u.vip = 1")
    }

    /// Per-view aggregates (users counted once despite the orders fan-out) must all see the join's
    /// sql_where, or the user count would include users without a kept order.
    @Test func joinSQLWhereReachesEveryFanOutAggregate() throws {
        let spec = QuerySpec(explore: "shipped_users", fields: ["users.state", "users.count", "orders.count", "orders.total_amount"])
        let compiled = try ExtrasFixture.compile(spec, SQLiteDialect())
        #expect(compiled.plan != .plain, "the fan-out plan should be exercised\n\(compiled.sql)")
        try check(spec, """
            SELECT u.state, COUNT(DISTINCT u.id), COUNT(o.id), SUM(o.amount)
            FROM users u LEFT JOIN orders o ON o.user_id = u.id
            WHERE o.status <> 'cancelled'
            GROUP BY u.state
            """)
    }

    @Test func totalsSeeTheJoinRestrictionToo() throws {
        let spec = QuerySpec(explore: "vip_orders", fields: ["users.state", "orders.count"], totals: true)
        for db in try ExtrasFixture.databases() {
            let compiled = try ExtrasFixture.compile(spec, db.dialect)
            let hand = "SELECT COUNT(*) FROM orders o LEFT JOIN users u ON u.id = o.user_id WHERE u.vip = 1"
            ResultCheck.expectSame(try db.query(compiled.totalsSQL!), try db.query(hand), sql: compiled.totalsSQL!, handSQL: hand, db: db.name)
        }
    }
}
