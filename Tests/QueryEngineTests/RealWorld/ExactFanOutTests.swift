import QueryEngine
import SemanticModel
import Testing
import Warehouse

/// Fan-out refusals become answers wherever an exact plan exists; refused only where none does.
@Suite(.serialized) struct ExactFanOutTests {
    @Test func customAggregateIsKeptAtItsViewsGrainWhenDimensionsRepeatItsRows() throws {
        // Each status meets each of its users once; users without orders form the NULL status.
        let spec = QuerySpec(explore: "realworld/users", fields: ["orders.status", "users.mean_age", "users.count"])
        let compiled = try RealWorldFixture.check(spec) { _ in
            """
            WITH pairs AS (SELECT DISTINCT status, user_id FROM orders
                           UNION SELECT NULL, id FROM users WHERE id NOT IN (SELECT user_id FROM orders))
            SELECT p.status, 1.0 * SUM(u.age) / NULLIF(COUNT(u.age), 0), COUNT(*)
            FROM pairs p JOIN users u ON u.id = p.user_id
            GROUP BY p.status
            """
        }
        #expect(compiled.allSatisfy { $0.plan == .perViewGroups })
    }

    @Test func customAggregateOfTheOneSideThroughAOneToManyJoin() throws {
        let spec = QuerySpec(explore: "realworld/orders", fields: ["order_items.product", "orders.amount_per_order", "orders.count"])
        try RealWorldFixture.check(spec) { _ in
            """
            WITH pairs AS (SELECT DISTINCT product, order_id FROM order_items
                           UNION SELECT NULL, id FROM orders WHERE id NOT IN (SELECT order_id FROM order_items))
            SELECT p.product, 1.0 * SUM(o.amount) / NULLIF(COUNT(o.id), 0), COUNT(*)
            FROM pairs p JOIN orders o ON o.id = p.order_id
            GROUP BY p.product
            """
        }
    }

    @Test func customAggregateNotRepeatedIsOnePerViewAggregate() throws {
        let spec = QuerySpec(explore: "realworld/users", fields: ["users.state", "users.mean_age", "orders.count"])
        try RealWorldFixture.check(spec) { _ in
            """
            SELECT u.state, 1.0 * SUM(u.age) / NULLIF(COUNT(u.age), 0), COALESCE(SUM(o.n), 0)
            FROM users u LEFT JOIN (SELECT user_id, COUNT(*) AS n FROM orders GROUP BY user_id) o ON o.user_id = u.id
            GROUP BY u.state
            """
        }
    }

    @Test func joinedViewWithoutPrimaryKeyCountsItsMatchedRows() throws {
        // Regression: refused ("needs a primary key because it is joined") though nothing repeats page_views here.
        let spec = QuerySpec(explore: "realworld/users", fields: ["users.state", "page_views.count", "page_views.total_seconds", "users.count"])
        try RealWorldFixture.check(spec) { _ in
            "SELECT u.state, COUNT(p.user_id), SUM(p.seconds), COUNT(DISTINCT u.id) FROM users u LEFT JOIN page_views p ON p.user_id = u.id GROUP BY u.state"
        }
    }

    @Test func viewWithoutPrimaryKeyRepeatedByTheDimensionsIsRefusedWithTheFix() throws {
        #expect {
            try RealWorldFixture.compile(QuerySpec(explore: "realworld/users", fields: ["orders.status", "page_views.count"]))
        } throws: { error in
            let text = "\(error)"
            return text.contains("page_views") && text.contains("orders") && text.contains("primary_key: yes")
        }
    }
}
