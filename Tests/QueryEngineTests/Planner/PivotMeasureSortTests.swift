import QueryEngine
import SemanticModel
import Testing
import Warehouse

/// A pivoted query sorted by a measure keeps the dimension rows with the largest (or smallest) row
/// totals, and its row-totals statement keeps exactly those rows.
@Suite(.serialized) struct PivotMeasureSortTests {
    func check(descending: Bool, limit: Int) throws {
        let spec = QuerySpec(explore: "users", fields: ["users.state", "orders.count"], sorts: [SortKey(field: "orders.count", descending: descending)],
                             pivots: ["orders.status"], limit: limit, rowTotals: true)
        for db in try ShopFixture.databases() {
            let compiled = try QueryCompiler.compile(spec, project: ShopFixture.project, dialect: db.dialect)
            let direction = descending ? "DESC NULLS FIRST" : "ASC NULLS LAST"
            let handTotals = """
                SELECT u.state, COUNT(o.id) AS n FROM users u LEFT JOIN orders o ON o.user_id = u.id
                GROUP BY u.state ORDER BY n \(direction), u.state ASC NULLS LAST LIMIT \(limit)
                """
            let wantTotals = ResultCheck.rows(try db.query(handTotals))
            let kept = wantTotals.map { $0[0] }
            // Not vacuous: the measure order keeps different rows than dimension order would.
            let byName = ResultCheck.rows(try db.query("SELECT DISTINCT state FROM users ORDER BY state ASC NULLS LAST LIMIT \(limit)")).map { $0[0] }
            #expect(Set(kept) != Set(byName), "\(db.name): pick a sort whose rows differ from dimension order")

            let rowTotals = try #require(compiled.rowTotalsSQL)
            ResultCheck.expectSame(try db.query(rowTotals), try db.query(handTotals), sql: rowTotals, handSQL: handTotals, db: db.name, ordered: true)

            let handCells = """
                SELECT u.state, o.status, COUNT(o.id) FROM users u LEFT JOIN orders o ON o.user_id = u.id GROUP BY u.state, o.status
                """
            let wantCells = ResultCheck.rows(try db.query(handCells)).filter { kept.contains($0[0]) }.sorted { $0.lexicographicallyPrecedes($1) }
            let got = ResultCheck.rows(try db.query(compiled.sql))
            #expect(got.sorted { $0.lexicographicallyPrecedes($1) } == wantCells, "\(db.name)\n\(compiled.sql)")
            // Rows come in the sort's order: each kept state's cells together, in row-total order.
            var seen: [String] = []
            for row in got where seen.last != row[0] { seen.append(row[0]) }
            #expect(seen == kept, "\(db.name)\n\(compiled.sql)")
        }
    }

    @Test func descendingKeepsTheLargestRowTotals() throws { try check(descending: true, limit: 2) }
    @Test func ascendingKeepsTheSmallestRowTotals() throws { try check(descending: false, limit: 2) }
}
