import Foundation
import QueryEngine
import SemanticModel
import Testing
import Warehouse

/// Liquid in model SQL (Fixtures/liquid): Looker's variables and tags in field sql, sql_on,
/// sql_table_name, derived tables and sql_always_where, executed on SQLite and PostgreSQL and compared
/// with hand-written SQL; hostile parameter and filter values cannot change a statement's shape.
@Suite(.serialized) struct LiquidSQLTests {
    static let project: Project = ProjectLoader.load(root: URL(fileURLWithPath: #filePath).deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Fixtures/liquid").path)

    static func options(_ attributes: [String: String] = ["min_amount": "0", "region": "CA"]) -> CompileOptions {
        var o = CompileOptions()
        o.userAttributes = attributes
        return o
    }

    func check(_ spec: QuerySpec, _ hand: String, options: CompileOptions = LiquidSQLTests.options(),
               sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
        for db in try ShopFixture.databases() {
            try ResultCheck.check(spec, on: db, hand: hand, options: options, project: Self.project, sourceLocation: sourceLocation)
        }
    }

    func spec(_ fields: [String], _ filters: [(String, String)] = []) -> QuerySpec {
        QuerySpec(explore: "orders", fields: fields, filters: filters.map { FilterCondition(field: $0.0, expression: $0.1) })
    }

    func sql(_ spec: QuerySpec, _ dialect: any Dialect = PostgresDialect(), options: CompileOptions = LiquidSQLTests.options()) throws -> String {
        try QueryCompiler.compile(spec, project: Self.project, dialect: dialect, options: options).sql
    }

    func message(_ spec: QuerySpec, options: CompileOptions = LiquidSQLTests.options()) -> String {
        do { _ = try sql(spec, options: options); return "compiled" } catch { return "\(error)" }
    }

    @Test func fixtureLoadsWithoutErrors() {
        let problems = Self.project.diagnostics.filter { $0.severity == .error }
        #expect(problems.isEmpty, "\(problems)")
    }

    @Test func caseOnAnUnquotedParameterPicksTheColumnAndOnlyTheJoinItNeeds() throws {
        try check(spec(["orders.dynamic_group", "orders.count"]),
                  "SELECT status, COUNT(*) FROM orders WHERE amount >= 0 GROUP BY status")
        #expect(!(try sql(spec(["orders.dynamic_group", "orders.count"]))).contains("JOIN"))
        try check(spec(["orders.dynamic_group", "orders.count"], [("orders.group_by", "user_state")]),
                  "SELECT u.state, COUNT(*) FROM orders o LEFT JOIN users u ON u.id = o.user_id WHERE o.amount >= 0 GROUP BY u.state")
    }

    @Test func stringParameterValueIsQuotedAsLookerWritesIt() throws {
        for (value, status) in [(nil, "complete"), ("pending", "pending"), ("cancelled", "cancelled")] {
            let filters = value.map { [("orders.status_choice", $0)] } ?? []
            try check(spec(["orders.is_chosen_status", "orders.chosen_status_trimmed", "orders.count"], filters),
                      """
                      SELECT CASE WHEN status = '\(status)' THEN 'Yes' ELSE 'No' END, CASE WHEN status = '\(status)' THEN 'Yes' ELSE 'No' END, COUNT(*)
                      FROM orders WHERE amount >= 0 GROUP BY 1, 2
                      """)
        }
    }

    @Test func unquotedParameterInsideQuotesAsLookerAllows() throws {
        try check(spec(["orders.quoted_unquoted_parameter", "orders.count"], [("orders.unquoted_status", "pending")]),
                  "SELECT CASE WHEN status = 'pending' THEN 'Yes' ELSE 'No' END, COUNT(*) FROM orders WHERE amount >= 0 GROUP BY 1")
    }

    @Test func filtersVariableInsideQuotesAndBare() throws {
        try check(spec(["orders.filter_text_in_quotes", "orders.filter_text_bare", "orders.count"], [("orders.status_filter", "complete")]),
                  """
                  SELECT CASE WHEN status = 'complete' THEN 'Yes' ELSE 'No' END, CASE WHEN status = 'complete' THEN 'Yes' ELSE 'No' END, COUNT(*)
                  FROM (SELECT * FROM orders WHERE status = 'complete') o WHERE amount >= 0 GROUP BY 1, 2
                  """)
    }

    @Test func sqlTableNameWithACondition() throws {
        try check(spec(["orders.status", "orders.count"], [("orders.status_filter", "pending,cancelled")]),
                  "SELECT status, COUNT(*) FROM orders WHERE status IN ('pending', 'cancelled') AND amount >= 0 GROUP BY status")
        try check(spec(["orders.status", "orders.count"]), "SELECT status, COUNT(*) FROM orders WHERE amount >= 0 GROUP BY status")
    }

    @Test func userAttributesRawInSqlAlwaysWhereAndQuotedWithSqlQuote() throws {
        try check(spec(["orders.region_match", "orders.count"], []),
                  """
                  SELECT CASE WHEN u.state = 'CA' THEN 'Yes' ELSE 'No' END, COUNT(*)
                  FROM orders o LEFT JOIN users u ON u.id = o.user_id WHERE o.amount >= 50 GROUP BY 1
                  """, options: Self.options(["min_amount": "50", "region": "CA"]))
        #expect(message(spec(["orders.count"]), options: Self.options([:]))
                == "sql_always_where of explore 'orders' needs the user attribute 'min_amount', which the current user does not have")
    }

    @Test func lookerNamesOfModelExploreViewFieldAndTimezone() throws {
        try check(spec(["orders.meta", "orders.count"]),
                  "SELECT 'liquid/orders/orders/orders.meta/UTC', COUNT(*) FROM orders WHERE amount >= 0")
    }

    @Test func forLoopAndCaptureWriteSQL() throws {
        try check(spec(["orders.amount_band", "orders.status_initials", "orders.count"]),
                  """
                  SELECT CASE WHEN amount < 50 THEN 1 WHEN amount < 100 THEN 2 WHEN amount < 150 THEN 3 ELSE 4 END,
                         CASE WHEN status = 'complete' THEN 'CO' WHEN status = 'pending' THEN 'PE' WHEN status = 'cancelled' THEN 'CA' ELSE '?' END,
                         COUNT(*)
                  FROM orders WHERE amount >= 0 GROUP BY 1, 2
                  """)
    }

    @Test func isSelectedAndInQueryChangeTheMeasure() throws {
        try check(spec(["orders.status", "orders.sum_or_count"]), "SELECT status, SUM(amount) FROM orders WHERE amount >= 0 GROUP BY status")
        try check(spec(["orders.sum_or_count"]), "SELECT COUNT(*) FROM orders WHERE amount >= 0")
        try check(spec(["users.state", "orders.count_in_query"]),
                  "SELECT u.state, COUNT(DISTINCT u.id) FROM orders o LEFT JOIN users u ON u.id = o.user_id WHERE o.amount >= 0 GROUP BY u.state")
        try check(spec(["orders.count_in_query"]), "SELECT COUNT(*) FROM orders WHERE amount >= 0")
    }

    @Test func aDimensionGroupIsInTheQueryWhenOneOfItsTimeframesIs() throws {
        // Filtered on a timeframe (a range holding every order): the group is in the query.
        try check(spec(["orders.created_span"], [("orders.created_date", "after 1990-01-01")]),
                  "SELECT COUNT(DISTINCT id) FROM orders WHERE amount >= 0")
        try check(spec(["orders.created_span"]), "SELECT -1 FROM orders WHERE amount >= 0")
    }

    @Test func aViewTheExploreDoesNotJoinIsNotInTheQuery() throws {
        try check(QuerySpec(explore: "plain_orders", fields: ["orders.status", "orders.count_in_query"]),
                  "SELECT status, COUNT(*) FROM orders GROUP BY status")
    }

    @Test func sqlOnWithAParameter() throws {
        try check(spec(["users.state", "orders.count"], [("users.vip_only", "yes")]),
                  "SELECT u.state, COUNT(*) FROM orders o LEFT JOIN users u ON u.id = o.user_id AND u.vip = 1 WHERE o.amount >= 0 GROUP BY u.state")
    }

    @Test func derivedTableWithIncrementConditionAndParameter() throws {
        try check(spec(["user_totals.total_sum"], [("user_totals.total_status", "complete"), ("user_totals.big_only", "yes")]),
                  """
                  SELECT SUM(t.total) FROM (
                    SELECT DISTINCT t.user_id, t.total FROM orders o
                    LEFT JOIN (SELECT user_id, SUM(amount) AS total FROM orders WHERE status = 'complete' AND amount >= 100 GROUP BY user_id) t
                      ON t.user_id = o.user_id
                    WHERE o.amount >= 0 AND t.user_id IS NOT NULL) t
                  """)
    }

    // MARK: Hostile values

    /// The SQL with every string literal replaced by `?` and every comment by `#`: what a value must not change.
    static func shape(_ sql: String) -> String {
        var out = ""
        var chars = Array(sql)[...]
        while let c = chars.popFirst() {
            if c == "'" {
                while let d = chars.popFirst() {
                    if d == "'" { if chars.first == "'" { chars.removeFirst() } else { break } }
                }
                out += "?"
            } else if c == "-" && chars.first == "-" {
                while let d = chars.first, d != "\n" { chars.removeFirst() }
                out += "#"
            } else if c == "/" && chars.first == "*" {
                chars.removeFirst()
                while let d = chars.popFirst() { if d == "*" && chars.first == "/" { chars.removeFirst(); break } }
                out += "#"
            } else {
                out.append(c)
            }
        }
        return out
    }

    @Test func hostileValuesCannotChangeTheStatementsShape() throws {
        let hostile = ["x OR 1=1", "x' OR '1'='1", "x'); DROP TABLE orders; --", "x\\' OR 1=1 --", "'; SELECT pg_sleep(10); --", "x'' OR ''='"]
        let shapes: [(fields: [String], field: String)] = [
            (["orders.filter_text_bare", "orders.count"], "orders.status_filter"),
            (["orders.is_chosen_status", "orders.chosen_status_trimmed", "orders.count"], "orders.status_choice"),
            (["user_totals.total_sum"], "user_totals.total_status"),
            (["orders.status", "orders.count"], "orders.status_filter"),
            (["orders.comment_then_filter", "orders.filter_in_comment", "orders.count"], "orders.status_filter"),
        ]
        for db in try ShopFixture.databases() {
            for s in shapes {
                for value in hostile {
                    // The same filter grammar (commas, wildcards, a leading '-') without the quotes and punctuation.
                    let harmless = String(value.map { $0.isLetter || $0.isNumber || " ,%_-".contains($0) ? $0 : "z" })
                    let benign = try QueryCompiler.compile(spec(s.fields, [(s.field, harmless)]), project: Self.project, dialect: db.dialect,
                                                           options: Self.options()).sql
                    let query = spec(s.fields, [(s.field, value)])
                    let compiled = try QueryCompiler.compile(query, project: Self.project, dialect: db.dialect, options: Self.options()).sql
                    #expect(Self.shape(compiled) == Self.shape(benign), "\(s.field) = \(value) on \(db.name):\n\(compiled)")
                    // And it runs: the value stayed a literal.
                    _ = try db.query(compiled)
                }
            }
            _ = try db.query("SELECT COUNT(*) FROM orders")
        }
    }

    @Test func hostileValuesAreRefusedWhereTheyCannotBeLiterals() {
        // Inside the model's quotes a value with a quote is refused, not written.
        #expect(message(spec(["orders.filter_text_in_quotes"], [("orders.status_filter", "x' OR '1'='1")]))
                == "'orders.filter_text_in_quotes' writes a value that would put quotes, a backslash or a control character inside ' quotes (at orders.view.lkml:66:23); write it in plain SQL, where Spyglass makes it a complete SQL literal")
        // Inside a comment, a value cannot end the comment.
        #expect(message(spec(["orders.filter_in_comment"], [("orders.status_filter", "x\n) OR 1=1 --")]))
                == "'orders.filter_in_comment' writes a value that would put a line break inside a -- comment (at orders.view.lkml:80:58); write it in plain SQL, where Spyglass makes it a complete SQL literal")
        #expect(message(spec(["orders.filter_in_comment"], [("orders.status_filter", "*/ OR 1=1 /*")]))
                == "'orders.filter_in_comment' writes a value that would put '*/' inside a /* */ comment (at orders.view.lkml:80:13); write it in plain SQL, where Spyglass makes it a complete SQL literal")
        // An unquoted parameter without allowed values takes only a plain word.
        #expect(message(spec(["orders.quoted_unquoted_parameter"], [("orders.unquoted_status", "x' OR 1=1 --")]))
                == "'x' OR 1=1 --' for unquoted parameter 'orders.unquoted_status' must be letters, digits and '_' (or the parameter must list allowed_value)")
        #expect(message(spec(["orders.dynamic_group"], [("orders.group_by", "status; DROP TABLE orders")]))
                == "'status; DROP TABLE orders' is not an allowed value of parameter 'orders.group_by' (allowed: 'status', 'user_state')")
        // A value cannot pose as a ${…} reference placeholder.
        #expect(message(spec(["orders.filter_text_bare"], [("orders.status_filter", "\u{E002}0\u{E003}")]))
                == "the value for 'orders.status_filter' contains the reserved character U+E002 or U+E003; it is refused")
    }
}
