import Foundation
import QueryEngine
import SemanticModel
import Testing
import Warehouse

/// Random picks over the shop model with a fixed seed: SQLite and PostgreSQL must return the same cells.
@Suite(.serialized) struct DifferentialTests {
    static let dimensions = ["users.state", "users.is_vip", "users.age_tier", "users.created_month", "users.created_day_of_week",
                             "orders.status", "orders.created_year", "order_items.product", "events.kind", "users.created_quarter"]
    static let measures = ["users.count", "users.average_age", "users.median_age", "users.vip_count", "users.state_count",
                           "orders.count", "orders.total_amount", "orders.p75_amount", "orders.completed_amount", "orders.amount_per_user",
                           "order_items.count", "order_items.total_sale_price", "order_items.order_amount_distinct",
                           "events.count", "events.active_users"]
    static let filters = [FilterCondition(field: "users.state", expression: "-TX"), FilterCondition(field: "orders.amount", expression: ">50"),
                          FilterCondition(field: "order_items.product", expression: "apple,fig"), FilterCondition(field: "users.is_vip", expression: "no")]

    @Test func sqliteAndPostgresAgreeOnRandomQueries() throws {
        let dbs = try ShopFixture.databases()
        var seed: UInt64 = 7
        func next(_ n: Int) -> Int {
            seed = seed &* 6364136223846793005 &+ 1442695040888963407
            return Int((seed >> 33) % UInt64(n))
        }
        for round in 0..<40 {
            var fields: [String] = []
            for _ in 0..<next(3) { fields.append(Self.dimensions[next(Self.dimensions.count)]) }
            for _ in 0..<(1 + next(3)) { fields.append(Self.measures[next(Self.measures.count)]) }
            let filters = next(2) == 0 ? [Self.filters[next(Self.filters.count)]] : []
            let spec = QuerySpec(explore: "users", fields: fields, filters: filters, totals: next(3) == 0)
            var results: [[[String]]] = []
            var texts: [String] = []
            for db in dbs {
                let compiled = try QueryCompiler.compile(spec, project: ShopFixture.project, dialect: db.dialect)
                var rows = ResultCheck.rows(try db.query(compiled.sql))
                if let totals = compiled.totalsSQL { rows += ResultCheck.rows(try db.query(totals)).map { ["TOTAL"] + $0 } }
                results.append(rows.sorted { $0.lexicographicallyPrecedes($1) })
                texts.append(compiled.sql)
            }
            #expect(results[0] == results[1], "round \(round) \(fields) \(filters)\n--- sqlite:\n\(texts[0])\n--- postgres:\n\(texts[1])")
        }
    }

    /// Regression: with three view groups, PostgreSQL typed the NULL padding of the union as text and
    /// refused "UNION types text and bigint cannot be matched".
    @Test func regressionAllNullUnionColumnTypedAsTextOnPostgres() throws {
        let spec = QuerySpec(explore: "users", fields: ["users.state", "users.count", "orders.count", "events.count"])
        for db in try ShopFixture.databases() {
            let compiled = try QueryCompiler.compile(spec, project: ShopFixture.project, dialect: db.dialect)
            #expect(throws: Never.self) { try db.query(compiled.sql) }
        }
    }
}
