import Foundation
import QueryEngine
import Testing
import Warehouse

/// The planner's real dialects must render every filter case, reject NUL, and — where they can
/// execute here — select exactly the rows the test-only dialects select.
@Suite("Filter expressions through the planner's dialects")
struct FilterDialectContractTests {
    @Test func everyDialectRendersEveryCaseAndRejectsNUL() throws {
        let dialects = Dialects.all
        // An empty registry would make this loop prove nothing.
        #expect(dialects.count >= 6)
        for dialect in dialects {
            for (text, type, column, _) in FilterExecutionTests.cases {
                let sql = try FilterExpression.parse(text, type: type, field: "items.\(column)")
                    .sql(column, dialect: dialect, context: FilterExecutionTests.context)
                #expect(!sql.isEmpty, "\(dialect.name): \(text)")
            }
            // Built directly: the parser already refuses NUL, the dialect must too.
            let nul = FilterExpression(field: "items.name", type: .string, text: "a?b",
                                       node: .string([StringFilterItem(negated: false, match: .equals("a\u{0}b"))]))
            #expect(throws: (any Error).self, "\(dialect.name) must refuse NUL") {
                try nul.sql("name", dialect: dialect, context: FilterExecutionTests.context)
            }
        }
    }

    @Test func sqliteDialectSelectsTheExpectedRows() throws {
        let fixture = try FilterExecutionTests.sqliteFixture()
        defer { try? FileManager.default.removeItem(at: fixture.directory) }
        try FilterExecutionTests.check(try Warehouse.connect(fixture.url), dialect: try Dialects.named("sqlite"))
    }

    @Test func postgresDialectSelectsTheExpectedRows() throws {
        let url = try FilterExecutionTests.postgresFixture()
        try FilterExecutionTests.check(try Warehouse.connect(url), dialect: try Dialects.named("postgres"))
    }
}
