import QueryEngine
import SemanticModel
import Testing
import Warehouse

/// Totals and row totals come from the database at their own grain; pivots are capped inside the SQL.
@Suite(.serialized) struct TotalsAndPivotTests {
    @Test func totalsOfDistinctCountsAreNotTheSumOfRows() throws {
        let spec = QuerySpec(explore: "users", fields: ["orders.created_month", "users.count", "events.active_users", "orders.count"], totals: true)
        for db in try ShopFixture.databases() {
            let compiled = try QueryCompiler.compile(spec, project: ShopFixture.project, dialect: db.dialect)
            let totalsSQL = try #require(compiled.totalsSQL)
            let rows = try db.query(compiled.sql).rows
            let totals = try db.query(totalsSQL)
            #expect(totals.rows.count == 1)
            let expected = try db.query("""
                SELECT (SELECT COUNT(*) FROM users), (SELECT COUNT(DISTINCT user_id) FROM events), (SELECT COUNT(*) FROM orders)
                """)
            ResultCheck.expectSame(totals, expected, sql: totalsSQL, handSQL: "", db: db.name)
            // The point of database totals: a user active in several months counts once in the total.
            let summedUsers = rows.reduce(0.0) { $0 + (Double(ResultCheck.cell($1[1])) ?? 0) }
            let totalUsers = Double(ResultCheck.cell(totals.rows[0][0])) ?? 0
            #expect(summedUsers > totalUsers, "the fixture must have users with orders in several months\n\(compiled.sql)")
        }
    }

    @Test func pivotsWithRowTotalsAndTotals() throws {
        let spec = QuerySpec(explore: "orders", fields: ["users.state", "orders.count", "orders.total_amount", "users.count"],
                             pivots: ["orders.status"], totals: true, rowTotals: true)
        for db in try ShopFixture.databases() {
            let compiled = try QueryCompiler.compile(spec, project: ShopFixture.project, dialect: db.dialect)
            #expect(compiled.columns.map(\.role) == [.dimension, .pivot, .measure, .measure, .measure])
            // order_items is an inner join of the explore, but nothing here needs it, so it is not joined.
            let handSum = """
                SELECT u.state, o.status, COUNT(*), SUM(o.amount), COUNT(DISTINCT u.id)
                FROM orders o LEFT JOIN users u ON u.id = o.user_id
                GROUP BY u.state, o.status
                """
            ResultCheck.expectSame(try db.query(compiled.sql), try db.query(handSum), sql: compiled.sql, handSQL: handSum, db: db.name)
            let rowTotals = try #require(compiled.rowTotalsSQL)
            let handRows = """
                SELECT u.state, COUNT(*), SUM(o.amount), COUNT(DISTINCT u.id)
                FROM orders o LEFT JOIN users u ON u.id = o.user_id
                GROUP BY u.state
                """
            ResultCheck.expectSame(try db.query(rowTotals), try db.query(handRows), sql: rowTotals, handSQL: handRows, db: db.name)
            let totals = try #require(compiled.totalsSQL)
            let handTotals = """
                SELECT o.status, COUNT(*), SUM(o.amount), COUNT(DISTINCT o.user_id)
                FROM orders o
                GROUP BY o.status
                """
            ResultCheck.expectSame(try db.query(totals), try db.query(handTotals), sql: totals, handSQL: handTotals, db: db.name)
            let values = try #require(compiled.pivotValuesSQL)
            #expect(!compiled.pivotCapped(pivotValueRows: try db.query(values).rows.count))
        }
    }

    @Test func pivotValuesAreCappedInPivotOrderAndReported() throws {
        let spec = QuerySpec(explore: "users", fields: ["users.state", "orders.count"], pivots: ["orders.status"])
        var options = CompileOptions()
        options.pivotColumnLimit = 2
        for db in try ShopFixture.databases() {
            let compiled = try QueryCompiler.compile(spec, project: ShopFixture.project, dialect: db.dialect, options: options)
            let valueRows = try db.query(try #require(compiled.pivotValuesSQL)).rows
            #expect(compiled.pivotCapped(pivotValueRows: valueRows.count))
            #expect(valueRows.count == 3)
            // Statuses ascending: 'cancelled', 'complete' are the first two.
            let got = try db.query(compiled.sql)
            let statuses = Set(got.rows.map { ResultCheck.cell($0[1]) })
            #expect(statuses == ["cancelled", "complete"], "\(compiled.sql)")
            let hand = """
                SELECT u.state, o.status, COUNT(o.id) FROM users u JOIN orders o ON o.user_id = u.id
                WHERE o.status IN ('cancelled', 'complete') GROUP BY u.state, o.status
                """
            ResultCheck.expectSame(got, try db.query(hand), sql: compiled.sql, handSQL: hand, db: db.name)
        }
    }

    @Test func pivotRowLimitCountsDimensionRows() throws {
        let spec = QuerySpec(explore: "users", fields: ["users.state", "orders.count"], pivots: ["orders.status"], limit: 2)
        for db in try ShopFixture.databases() {
            let compiled = try QueryCompiler.compile(spec, project: ShopFixture.project, dialect: db.dialect)
            let rows = ResultCheck.rows(try db.query(compiled.sql))
            #expect(Set(rows.map { $0[0] }) == ["CA", "NY"], "\(db.name)\n\(compiled.sql)")
            let hand = """
                SELECT u.state, o.status, COUNT(o.id) FROM users u LEFT JOIN orders o ON o.user_id = u.id
                WHERE u.state IN ('CA', 'NY') GROUP BY u.state, o.status
                """
            ResultCheck.expectSame(try db.query(compiled.sql), try db.query(hand), sql: compiled.sql, handSQL: hand, db: db.name)
        }
    }

    @Test func pivotValuesSeeTheInnerJoinsTheQueryHas() throws {
        // order_items is an inner join: a status whose orders have no items is not a pivot column.
        let spec = QuerySpec(explore: "orders", fields: ["users.state", "order_items.count"], pivots: ["orders.status"])
        for db in try ShopFixture.databases() {
            let compiled = try QueryCompiler.compile(spec, project: ShopFixture.project, dialect: db.dialect)
            let values = try #require(compiled.pivotValuesSQL)
            #expect(values.contains("INNER JOIN order_items"), "\(values)")
            let got = Set(ResultCheck.rows(try db.query(values)).map { $0[0] })
            let want = Set(ResultCheck.rows(try db.query("SELECT DISTINCT o.status FROM orders o JOIN order_items oi ON oi.order_id = o.id")).map { $0[0] })
            #expect(got == want)
        }
    }
}
