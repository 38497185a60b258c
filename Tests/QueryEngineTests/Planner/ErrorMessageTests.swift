import Foundation
import QueryEngine
import SemanticModel
import Testing

/// What users read when a query is refused: one sentence naming the culprit.
@Suite struct ErrorMessageTests {
    func message(_ spec: QuerySpec, options: CompileOptions = CompileOptions()) -> String {
        do {
            _ = try QueryCompiler.compile(spec, project: ShopFixture.project, dialect: PostgresDialect(), options: options)
            return "(no error)"
        } catch { return "\(error)" }
    }

    @Test func unknownFieldSuggestsTheClosest() {
        #expect(message(QuerySpec(explore: "orders", fields: ["orders.total_amont"]))
            == "unknown field 'orders.total_amont' in explore 'orders'; did you mean 'orders.total_amount'?")
    }

    @Test func unknownExploreSuggestsTheClosest() {
        #expect(message(QuerySpec(explore: "order", fields: ["orders.count"])) == "unknown explore 'order'; did you mean 'orders'?")
        #expect(message(QuerySpec(explore: "shop/nope", fields: ["orders.count"])) == "unknown explore 'nope' in model 'shop'")
    }

    @Test func sortLimitAndFilterMistakes() {
        #expect(message(QuerySpec(explore: "orders", fields: ["orders.count"], sorts: [SortKey(field: "orders.status")]))
            == "sort field 'orders.status' is not among the selected fields of the query on explore 'orders'")
        #expect(message(QuerySpec(explore: "orders", fields: ["orders.count"], limit: 2_000_000))
            == "row limit 2000000 exceeds the maximum of 1000000 rows")
        #expect(message(QuerySpec(explore: "orders", fields: ["orders.count"], filters: [FilterCondition(field: "orders.amount", expression: ">abc")]))
            .hasPrefix("invalid filter for 'orders.amount'"))
        #expect(message(QuerySpec(explore: "orders", fields: [])) == "the query on explore 'orders' selects no fields")
    }

    @Test func unsupportedIntervalIsNamed() {
        #expect(message(QuerySpec(explore: "users", fields: ["users.created_date"]), options: CompileOptions()) == "(no error)")
        #expect(throws: QueryError.self) { try Dialects.named("oracle") }
        #expect((try? Dialects.named("PostgreSQL"))?.name == "postgres")
    }
}
