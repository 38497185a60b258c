import Foundation
import QueryEngine
import SemanticModel
import Testing
import Warehouse

/// Native derived tables (`explore_source`) compile the source explore's query as a subquery, with
/// their columns, derived columns, filters, bound filters, sorts and limit — executed on SQLite and
/// PostgreSQL against hand-written SQL.
@Suite(.serialized) struct NativeDerivedTableTests {
    @Test func columnsAndFiltersBecomeASubqueryOfTheSourceExplore() throws {
        let spec = QuerySpec(explore: "realworld/users", fields: ["users.state", "user_order_facts.average_lifetime_orders",
                                                                  "user_order_facts.total_lifetime_amount"])
        let compiled = try RealWorldFixture.check(spec) { _ in
            """
            SELECT u.state, AVG(f.n), SUM(f.amt)
            FROM users u
            LEFT JOIN (SELECT user_id, COUNT(*) AS n, SUM(amount) AS amt FROM orders
                       WHERE status <> 'cancelled' OR status IS NULL GROUP BY user_id) f ON f.user_id = u.id
            GROUP BY u.state
            """
        }
        // Regression: the view used to compile to a table named after it.
        for c in compiled { #expect(!c.sql.contains("JOIN \"user_order_facts\""), "\(c.sql)") }
    }

    @Test func derivedColumnsReadTheColumnsByName() throws {
        let spec = QuerySpec(explore: "realworld/users", fields: ["users.id", "user_order_facts.amount_rank", "user_order_facts.lifetime_amount"])
        try RealWorldFixture.check(spec) { _ in
            """
            SELECT u.id, f.rk, f.amt
            FROM users u
            LEFT JOIN (SELECT user_id, amt, RANK() OVER (ORDER BY amt DESC) AS rk
                       FROM (SELECT user_id, SUM(amount) AS amt FROM orders WHERE status <> 'cancelled' OR status IS NULL GROUP BY user_id) s) f
              ON f.user_id = u.id
            """
        }
    }

    @Test func bindAllFiltersPassesTheOuterFiltersIn() throws {
        let spec = QuerySpec(explore: "realworld/orders", fields: ["orders.status", "user_status_facts.most_orders_in_filter"],
                             filters: [FilterCondition(field: "orders.status", expression: "complete,pending")])
        try RealWorldFixture.check(spec) { _ in
            """
            SELECT o.status, MAX(f.n)
            FROM orders o
            LEFT JOIN (SELECT user_id, COUNT(*) AS n FROM orders WHERE status IN ('complete', 'pending') GROUP BY user_id) f ON f.user_id = o.user_id
            WHERE o.status IN ('complete', 'pending')
            GROUP BY o.status
            """
        }
    }

    @Test func bindFiltersPassesOneFilterToItsTargetField() throws {
        // With the filter on users.is_vip, the table counts only VIP users per state; without it, all.
        for (filters, condition) in [([FilterCondition(field: "users.is_vip", expression: "yes")], "WHERE vip = 1"), ([], "")] {
            let spec = QuerySpec(explore: "realworld/orders", fields: ["users.state", "state_facts.most_users_in_state"], filters: filters)
            try RealWorldFixture.check(spec) { _ in
                """
                SELECT u.state, MAX(f.n)
                FROM orders o
                LEFT JOIN users u ON u.id = o.user_id
                LEFT JOIN (SELECT state, COUNT(*) AS n FROM users \(condition) GROUP BY state) f ON f.state = u.state
                \(condition.replacingOccurrences(of: "vip", with: "u.vip"))
                GROUP BY u.state
                """
            }
        }
    }

    @Test func sortsAndLimitKeepTheFirstRowsOnly() throws {
        let spec = QuerySpec(explore: "realworld/top_spenders", fields: ["top_spenders.user_id", "top_spenders.spent"])
        try RealWorldFixture.check(spec) { _ in
            "SELECT user_id, SUM(amount) FROM orders WHERE amount IS NOT NULL GROUP BY user_id ORDER BY SUM(amount) DESC LIMIT 3"
        }
    }

    @Test func sqlTableNameOfANativeTableInlinesItsQuery() throws {
        let spec = QuerySpec(explore: "realworld/big_spenders", fields: ["big_spenders.total_spent"])
        try RealWorldFixture.check(spec) { _ in
            "SELECT SUM(s) FROM (SELECT SUM(amount) AS s FROM orders WHERE amount IS NOT NULL GROUP BY user_id ORDER BY SUM(amount) DESC LIMIT 3) t"
        }
    }

    @Test func createProcessViewIsAWarningAndRefusedOnlyWhenAQueryNeedsIt() throws {
        let warnings = RealWorldFixture.project.diagnostics.filter { $0.message.contains("create_process") }
        #expect(warnings.count == 1 && warnings.allSatisfy { $0.severity == .warning && $0.message.contains("'snapshot'") }, "\(warnings)")
        #expect(throws: QueryError("view 'snapshot' builds its table with create_process, which needs a writing connection, and Spyglass runs read-only; give it a sql_table_name or a derived_table sql")) {
            try RealWorldFixture.compile(QuerySpec(explore: "realworld/orders", fields: ["orders.status", "snapshot.count"]))
        }
        _ = try RealWorldFixture.compile(QuerySpec(explore: "realworld/orders", fields: ["orders.status", "orders.count"]))
    }
}
