import QueryEngine
import SemanticModel
import Testing
import Warehouse

/// Views, joins and fields whose names are reserved words, hold quotes and spaces, or are not ASCII.
@Suite(.serialized) struct OddIdentifierTests {
    /// A hand-built project (LookML names cannot hold these characters, but models from elsewhere can).
    static let project: Project = {
        let viewName = "sélect \"odd\""
        func sql(_ fragments: [SQLTemplate.Fragment]) -> SQLTemplate { SQLTemplate(fragments: fragments, location: nil) }
        var view = View(name: viewName)
        view.sqlTableName = "\"odd table\""
        var cafe = Field(view: viewName, name: "café", kind: .dimension, type: "string")
        cafe.sql = sql([.table, .text(".\"café\"")])
        var select = Field(view: viewName, name: "select", kind: .dimension, type: "string")
        select.sql = sql([.table, .text(".\"select\"")])
        var price = Field(view: viewName, name: "unit price", kind: .dimension, type: "number")
        price.sql = sql([.table, .text(".\"unit price\"")])
        price.primaryKey = true
        var total = Field(view: viewName, name: "total price", kind: .measure, type: "sum")
        total.sql = sql([.field(view: nil, name: "unit price")])
        let count = Field(view: viewName, name: "count", kind: .measure, type: "count")
        view.fields = [cafe, select, price, total, count]
        var model = Model(name: "odd")
        model.views = [viewName: view]
        var explore = Explore(model: "odd", name: "odd", baseView: viewName, alias: viewName)
        // A self-join under a reserved word, one_to_many so it fans the base view out.
        var join = Join(name: "order", view: viewName)
        join.relationship = .oneToMany
        join.sqlOn = sql([.field(view: "order", name: "select"), .text(" = "), .field(view: viewName, name: "select")])
        explore.joins = [join]
        model.explores = [explore]
        return Project(root: "/nonexistent", models: [model])
    }()

    @Test func oddNamesQuoteAndExecute() throws {
        let spec = QuerySpec(explore: "odd", fields: ["sélect \"odd\".café", "sélect \"odd\".total price", "sélect \"odd\".count", "order.count"],
                             filters: [FilterCondition(field: "sélect \"odd\".select", expression: "a,b")])
        let hand = """
            SELECT t."café", SUM(t."unit price"), COUNT(*), (SELECT COUNT(*) FROM "odd table" t2 JOIN "odd table" t3 ON t3."select" = t2."select"
                                                            WHERE COALESCE(t2."café", '~') = COALESCE(t."café", '~'))
            FROM "odd table" t GROUP BY t."café"
            """
        for db in try ShopFixture.databases() {
            let compiled = try QueryCompiler.compile(spec, project: Self.project, dialect: db.dialect)
            #expect(compiled.columns.map(\.name) == spec.fields)
            #expect(Set(compiled.columns.map(\.alias)).count == 4)
            ResultCheck.expectSame(try db.query(compiled.sql), try db.query(hand), sql: compiled.sql, handSQL: hand, db: db.name)
        }
        for dialect in Dialects.all {
            #expect(throws: Never.self) { try QueryCompiler.compile(spec, project: Self.project, dialect: dialect) }
        }
    }
}
