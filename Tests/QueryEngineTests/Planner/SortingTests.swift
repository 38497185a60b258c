import QueryEngine
import SemanticModel
import Testing
import Warehouse

/// NULLs sort where PostgreSQL puts them on every dialect; defaults follow Looker.
@Suite(.serialized) struct SortingTests {
    @Test func nullsLastAscendingFirstDescending() throws {
        for db in try ShopFixture.databases() {
            for descending in [false, true] {
                let spec = QuerySpec(explore: "users", fields: ["users.state", "users.count"], sorts: [SortKey(field: "users.state", descending: descending)])
                let compiled = try QueryCompiler.compile(spec, project: ShopFixture.project, dialect: db.dialect)
                let states = try db.query(compiled.sql).rows.map { ResultCheck.cell($0[0]) }
                let nonNull = states.filter { $0 != "NULL" }
                #expect(states.contains("NULL"), "the fixture needs a NULL state")
                #expect(descending ? states.first == "NULL" : states.last == "NULL", "\(db.name): \(states)")
                #expect(nonNull == (descending ? nonNull.sorted(by: >) : nonNull.sorted()), "\(db.name): \(states)")
            }
        }
    }

    @Test func measureSortWithNullMeasuresAndLimit() throws {
        let spec = QuerySpec(explore: "users", fields: ["users.name", "orders.total_amount"],
                             sorts: [SortKey(field: "orders.total_amount", descending: false)], limit: 100)
        for db in try ShopFixture.databases() {
            let compiled = try QueryCompiler.compile(spec, project: ShopFixture.project, dialect: db.dialect)
            let amounts = try db.query(compiled.sql).rows.map { $0[1] }
            let firstNull = amounts.firstIndex(where: \.isNull) ?? amounts.count
            #expect(firstNull < amounts.count, "the fixture needs users without orders")
            let trailing = amounts[firstNull...].allSatisfy { $0.isNull }
            #expect(trailing, "\(db.name): NULLs must come last ascending")
            let numbers = amounts[..<firstNull].map { Double(ResultCheck.cell($0))! }
            #expect(numbers == numbers.sorted())
        }
    }

    @Test func defaultSortIsTimeDescThenMeasureDescThenDimensionAsc() throws {
        let p = ShopFixture.project, d = PostgresDialect()
        let time = try QueryCompiler.compile(QuerySpec(explore: "users", fields: ["users.state", "users.created_month", "users.count"]), project: p, dialect: d)
        #expect(time.sql.contains("ORDER BY \"users_created_month\" DESC NULLS FIRST"), "\(time.sql)")
        let measure = try QueryCompiler.compile(QuerySpec(explore: "users", fields: ["users.state", "users.count"]), project: p, dialect: d)
        #expect(measure.sql.contains("ORDER BY \"users_count\" DESC NULLS FIRST"))
        let dim = try QueryCompiler.compile(QuerySpec(explore: "users", fields: ["users.state"]), project: p, dialect: d)
        #expect(dim.sql.contains("ORDER BY \"users_state\" ASC NULLS LAST"))
        #expect(dim.sql.hasSuffix("LIMIT 5000"))
    }

    @Test func sortsAndFiltersParseFromTheCommandLineForms() throws {
        #expect(try QuerySpec.parseSorts("a.b desc, c.d") == [SortKey(field: "a.b", descending: true), SortKey(field: "c.d")])
        #expect(throws: QueryError.self) { try QuerySpec.parseSorts("a.b sideways") }
        let filter = try QuerySpec.parseFilter("orders.status=a=b")
        #expect(filter.field == "orders.status" && filter.expression == "a=b")
        #expect(throws: QueryError.self) { try QuerySpec.parseFilter("orders.status") }
    }
}
