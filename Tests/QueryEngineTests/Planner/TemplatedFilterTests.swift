import Foundation
import QueryEngine
import SemanticModel
import Testing
import Warehouse

/// Filter-only fields, `{% condition %}` templated filters (in field SQL and in a derived table),
/// parameters (`{% parameter %}`, `{{ name._parameter_value }}`, unquoted with allowed values), and
/// the refusal of other Liquid: executed against hand-written SQL.
@Suite(.serialized) struct TemplatedFilterTests {
    func check(_ spec: QuerySpec, _ hand: String, sourceLocation: Testing.SourceLocation = #_sourceLocation) throws {
        for db in try ExtrasFixture.databases() {
            try ResultCheck.check(spec, on: db, hand: hand, project: ExtrasFixture.project, sourceLocation: sourceLocation)
        }
    }

    func filter(_ field: String, _ expression: String) -> FilterCondition { FilterCondition(field: field, expression: expression) }

    @Test func conditionTagAppliesTheUsersFilterToTheExpressionAndNotToWhere() throws {
        try check(QuerySpec(explore: "users", fields: ["users.name_matches", "users.count"], filters: [filter("users.name_filter", "Ada,Bob")]),
                  "SELECT CASE WHEN name IN ('Ada', 'Bob') THEN 'Yes' ELSE 'No' END, COUNT(*) FROM users GROUP BY 1")
    }

    @Test func conditionTagWithoutAValueIsTrue() throws {
        try check(QuerySpec(explore: "users", fields: ["users.name_matches", "users.count"]), "SELECT 'Yes', COUNT(*) FROM users")
    }

    @Test func hostileFilterValueStaysALiteral() throws {
        let hostile = "x'); DROP TABLE users; --"
        try check(QuerySpec(explore: "users", fields: ["users.name_matches", "users.count"], filters: [filter("users.name_filter", hostile)]),
                  "SELECT CASE WHEN name = 'x''); DROP TABLE users; --' THEN 'Yes' ELSE 'No' END, COUNT(*) FROM users GROUP BY 1")
    }

    @Test func filterFieldWithItsOwnSQLJoinsWhere() throws {
        try check(QuerySpec(explore: "users", fields: ["users.state", "users.count"], filters: [filter("users.min_age", ">= 30")]),
                  "SELECT state, COUNT(*) FROM users WHERE age >= 30 GROUP BY state")
    }

    @Test func dateStartAndDateEnd() throws {
        try check(QuerySpec(explore: "users", fields: ["users.created_in_window", "users.count"], filters: [filter("users.created_window", "2024")]),
                  "SELECT CASE WHEN created_at >= '2024-01-01' AND created_at < '2025-01-01' THEN 'Yes' ELSE 'No' END, COUNT(*) FROM users GROUP BY 1")
    }

    @Test func conditionInsideADerivedTable() throws {
        try check(QuerySpec(explore: "users", fields: ["users.state", "order_facts.total_sum", "order_facts.order_sum"],
                            filters: [filter("order_facts.order_status", "complete")]),
                  """
                  SELECT u.state, SUM(f.total), SUM(f.orders)
                  FROM users u LEFT JOIN (SELECT user_id, SUM(amount) AS total, COUNT(*) AS orders FROM orders WHERE status = 'complete' GROUP BY user_id) f
                    ON f.user_id = u.id
                  GROUP BY u.state
                  """)
    }

    @Test func stringParameterByValueLabelAndDefault() throws {
        for (value, state) in [("TX", "TX"), ("California", "CA"), (nil, "NY")] {
            let filters = value.map { [filter("users.state_choice", $0)] } ?? []
            try check(QuerySpec(explore: "users", fields: ["users.in_chosen_state", "users.chosen_state_label", "users.count"], filters: filters),
                      """
                      SELECT CASE WHEN state = '\(state)' THEN 'Yes' ELSE 'No' END, CASE WHEN state = '\(state)' THEN 'chosen' ELSE 'other' END, COUNT(*)
                      FROM users GROUP BY 1, 2
                      """)
        }
    }

    @Test func parameterValueIsNotAddedToWhere() throws {
        try check(QuerySpec(explore: "users", fields: ["users.count"], filters: [filter("users.state_choice", "CA")]), "SELECT COUNT(*) FROM users")
    }

    @Test func unquotedParameterPicksAColumn() throws {
        try check(QuerySpec(explore: "users", fields: ["users.state", "users.metric_total"], filters: [filter("users.metric", "vip")]),
                  "SELECT state, SUM(vip) FROM users GROUP BY state")
        try check(QuerySpec(explore: "users", fields: ["users.state", "users.metric_total"], filters: [filter("users.metric", "age")]),
                  "SELECT state, SUM(age) FROM users GROUP BY state")
    }

    @Test func quotedParameterWithoutAllowedValuesIsEscaped() throws {
        try check(QuerySpec(explore: "users", fields: ["users.is_exact_name", "users.count"], filters: [filter("users.exact_name", "O'Brien")]),
                  "SELECT CASE WHEN name = 'O''Brien' THEN 'Yes' ELSE 'No' END, COUNT(*) FROM users GROUP BY 1")
    }

    @Test func liquidIfOnIsFiltered() throws {
        try check(QuerySpec(explore: "users", fields: ["users.uses_liquid_if", "users.count"]), "SELECT 0, COUNT(*) FROM users")
        try check(QuerySpec(explore: "users", fields: ["users.uses_liquid_if", "users.count"], filters: [filter("users.name_filter", "Ada")]),
                  "SELECT 1, COUNT(*) FROM users")
    }

    @Test func refusals() throws {
        func message(_ spec: QuerySpec) -> String {
            do { _ = try ExtrasFixture.compile(spec, PostgresDialect()); return "compiled" } catch { return "\(error)" }
        }
        #expect(message(QuerySpec(explore: "users", fields: ["users.metric_total"], filters: [filter("users.metric", "age; DROP TABLE users")]))
                == "'age; DROP TABLE users' is not an allowed value of parameter 'users.metric' (allowed: 'age', 'vip')")
        #expect(message(QuerySpec(explore: "users", fields: ["users.metric_total"]))
                == "parameter 'users.metric' has no value; choose one with a filter on 'users.metric' or give it a default_value")
        #expect(message(QuerySpec(explore: "users", fields: ["users.count"], filters: [filter("users.min_age", "abc")])).contains("users.min_age"))
        // Regression: a parameter the model wraps in quotes would let a value close them and run as SQL.
        #expect(message(QuerySpec(explore: "users", fields: ["users.quoted_parameter"], filters: [filter("users.exact_name", "x' OR 1=1 --")]))
                == "'users.quoted_parameter' puts Liquid '{% parameter exact_name %}' inside ' quotes; remove them — Spyglass writes the value as a complete SQL literal")
        #expect(message(QuerySpec(explore: "users", fields: ["users.name_filter"])) == "field 'users.name_filter' is a filter-only field and cannot be selected")
    }

    @Test func fixtureLoadsWithoutErrors() {
        let errors = ExtrasFixture.project.diagnostics.filter { $0.severity == .error }
        #expect(errors.isEmpty, "\(errors)")
    }
}
