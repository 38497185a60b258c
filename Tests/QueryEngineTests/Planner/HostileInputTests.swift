import QueryEngine
import SemanticModel
import Testing
import Warehouse

/// User values never reach SQL unescaped: hostile filter values match as text or are refused clearly.
@Suite(.serialized) struct HostileInputTests {
    static let values = ["x'); DROP TABLE users; --", "O'Brien", "%' OR '1'='1", "back\\slash", "Zoë", "'", "''", "\\'", "\"; --", "Émile"]

    @Test func hostileFilterValuesMatchOnlyAsText() throws {
        for db in try ShopFixture.databases() {
            for value in Self.values {
                let spec = QuerySpec(explore: "users", fields: ["users.name", "users.count"],
                                     filters: [FilterCondition(field: "users.name", expression: value)])
                let compiled: CompiledQuery
                do {
                    compiled = try QueryCompiler.compile(spec, project: ShopFixture.project, dialect: db.dialect)
                } catch let error as QueryError {
                    // Refusing is allowed, with a sentence naming the field.
                    #expect(error.description.contains("users.name"), "\(error)")
                    continue
                }
                let names = try db.query(compiled.sql).rows.map { ResultCheck.cell($0[0]) }
                // Looker string filters treat % and _ as wildcards; everything else is literal.
                if !value.contains("%") && !value.contains("_") && !value.contains("\\") {
                    let exact = ShopFixture.names.filter { $0.lowercased() == value.lowercased() }
                    #expect(names == exact, "\(db.name) '\(value)'\n\(compiled.sql)")
                } else {
                    #expect(names.count <= 1, "\(db.name) '\(value)' matched \(names)\n\(compiled.sql)")
                }
            }
            let count = try db.query("SELECT COUNT(*) FROM users").rows[0][0]
            #expect(ResultCheck.cell(count) == ResultCheck.number(Double(ShopFixture.names.count)), "users were touched on \(db.name)")
        }
    }

    @Test func nulByteIsRefusedWithAClearMessage() throws {
        let spec = QuerySpec(explore: "users", fields: ["users.name"], filters: [FilterCondition(field: "users.name", expression: "a\u{0}b")])
        for dialect in Dialects.all {
            #expect {
                try QueryCompiler.compile(spec, project: ShopFixture.project, dialect: dialect)
            } throws: { "\($0)".contains("NUL") }
        }
    }

    @Test func literalsRoundTripThroughExecutingDatabases() throws {
        for db in try ShopFixture.databases() {
            for value in Self.values + ["tab\there", "new\nline", "€ 😀"] {
                let literal = try db.dialect.stringLiteral(value)
                let got = try db.query("SELECT \(literal)").rows[0][0]
                #expect(got == .string(value), "\(db.name): \(literal)")
            }
        }
    }
}
