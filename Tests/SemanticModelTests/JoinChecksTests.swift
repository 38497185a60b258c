import Foundation
import Testing
@testable import SemanticModel

/// Joins declared "one" on the joined side must land on its primary key, or measures are counted
/// more than once; `final: yes` objects cannot be refined or extended. Each test copies the shop
/// fixture, seeds one change, and asserts the diagnostics exactly as `spyglass validate` prints them.
@Suite("Join fan-out and final checks")
struct JoinChecksTests {
    /// The `users` join of the `orders` explore (explores/orders.explore.lkml:12), whose
    /// `relationship: many_to_one` is at 11:19.
    private static let usersSqlOn = "sql_on: ${orders.user_id} = ${users.id} ;;"

    private func diagnostics(_ edit: (FixtureProject) throws -> Void) throws -> [String] {
        let copy = try FixtureProject.copy()
        defer { copy.remove() }
        try edit(copy)
        return copy.load().diagnostics.map(\.description)
    }

    private func diagnostics(usersSqlOn sqlOn: String) throws -> [String] {
        try diagnostics { try $0.replace(Self.usersSqlOn, with: "sql_on: \(sqlOn) ;;", in: "explores/orders.explore.lkml") }
    }

    private static func missesKey(at location: String, declared: String = "is declared many_to_one") -> String {
        "\(location): warning: join 'users' \(declared), but its sql_on does not match users.id (the primary key): "
            + "if several users rows match one row, measures are counted more than once; "
            + "fix the sql_on or declare the relationship one_to_many"
    }

    @Test func theShopFixtureHasNoDiagnostics() {
        #expect(ProjectLoader.load(root: FixtureProject.shop).diagnostics.map(\.description) == [])
    }

    @Test(arguments: [
        "${orders.user_id} = ${users.age}",
        "${users.age} = ${orders.user_id}",
        "${orders.user_id} = ${users.age} AND ${orders.status} = 'complete'",
        "(${orders.user_id} = ${users.email}) and (${users.name} <> 'x')",
        "${orders.user_id} = users.email",
        "${orders.user_id} = ${users.age_tier} AND ${users.id} IS NOT NULL",
    ])
    func manyToOneJoinOffThePrimaryKeyIsWarnedAtTheRelationship(sqlOn: String) throws {
        #expect(try diagnostics(usersSqlOn: sqlOn) == [Self.missesKey(at: "explores/orders.explore.lkml:11:19")])
    }

    /// Either order, more conditions, parentheses, a function or cast around the key, raw
    /// `alias.column` for the key's column, or a condition Spyglass cannot read: no warning.
    @Test(arguments: [
        "${users.id} = ${orders.user_id}",
        "${orders.user_id} = ${users.id} AND ${users.name} IS NOT NULL",
        "${orders.status} = 'complete' AND (${orders.user_id} = ${users.id})",
        "((${orders.user_id} = ${users.id}))",
        "CAST(${users.id} AS text) = CAST(${orders.user_id} AS text)",
        "${users.id}::text = ${orders.user_id}::text",
        "${orders.user_id} = users.id",
        "${orders.user_id} = \"users\".\"id\"",
        "${orders.user_id} = ${users.age} OR ${orders.user_id} = ${users.id}",
        "{% if orders.status._is_filtered %}${orders.user_id} = ${users.age}{% else %}${orders.user_id} = ${users.id}{% endif %}",
        "${orders.user_id} = ${users.age} AND ${orders.created_raw} BETWEEN ${users.created_raw} AND ${users.created_raw}",
        "${orders.user_id} = ${users.age} AND ${orders.created_raw} >= ${users.created_raw}",
        "${users.age} IN (SELECT age FROM adults)",
        "1 = 1",
    ])
    func joinOnTheKeyOrUnreadableConditionIsNotWarned(sqlOn: String) throws {
        #expect(try diagnostics(usersSqlOn: sqlOn) == [])
    }

    @Test func aFieldWhoseSQLIsTheKeyColumnCountsAsTheKey() throws {
        let found = try diagnostics {
            try $0.write("view: +users {\n  dimension: user_key { sql: ${TABLE}.\"id\" ;; }\n  dimension: key_copy { sql: ${user_key} ;; }\n}\n",
                         to: "refinements/zz_key.lkml")
            try $0.replace(Self.usersSqlOn, with: "sql_on: ${orders.user_id} = ${users.key_copy} ;;", in: "explores/orders.explore.lkml")
        }
        #expect(found == [])
    }

    @Test func oneToOneOffTheKeyIsWarnedToo() throws {
        let found = try diagnostics {
            try $0.replace("relationship: many_to_one\n    sql_on: ${orders.user_id} = ${users.id} ;;",
                           with: "relationship: one_to_one\n    sql_on: ${orders.user_id} = ${users.age} ;;", in: "explores/orders.explore.lkml")
        }
        #expect(found == [Self.missesKey(at: "explores/orders.explore.lkml:11:19", declared: "is declared one_to_one")])
    }

    @Test func oneToManyOffTheKeyIsNotWarned() throws {
        let found = try diagnostics {
            try $0.replace("relationship: many_to_one\n    sql_on: ${orders.user_id} = ${users.id} ;;",
                           with: "relationship: one_to_many\n    sql_on: ${orders.user_id} = ${users.age} ;;", in: "explores/orders.explore.lkml")
        }
        #expect(found == [])
    }

    /// Looker's default relationship is many_to_one: the message says so, at the join's name.
    @Test func undeclaredRelationshipIsTheDefaultManyToOne() throws {
        let found = try diagnostics {
            try $0.replace("    relationship: many_to_one\n    sql_on: ${events.user_id} = ${users.id} ;;",
                           with: "    sql_on: ${events.user_id} = ${users.email} ;;", in: "models/marketing.model.lkml")
        }
        #expect(found == [Self.missesKey(at: "models/marketing.model.lkml:8:9",
                                         declared: "is many_to_one (the default when no relationship is given)")])
    }

    /// A join with `from:` is judged on its alias: `${buyer.id}` is the key of view users.
    @Test func joinWithFromIsJudgedByItsAlias() throws {
        func found(_ sqlOn: String) throws -> [String] {
            try diagnostics {
                try $0.replace("explore: events {\n", with: "explore: events {\n  join: buyer {\n    from: users\n    relationship: many_to_one\n    sql_on: \(sqlOn) ;;\n  }\n",
                               in: "models/marketing.model.lkml")
            }
        }
        #expect(try found("${events.user_id} = ${buyer.id}") == [])
        #expect(try found("${events.user_id} = ${buyer.age}") == [
            "models/marketing.model.lkml:10:19: warning: join 'buyer' is declared many_to_one, but its sql_on does not match buyer.id (the primary key): "
                + "if several buyer rows match one row, measures are counted more than once; fix the sql_on or declare the relationship one_to_many",
        ])
    }

    @Test func misspeltKeyInSqlOnIsOnlyTheUnknownFieldError() throws {
        #expect(try diagnostics(usersSqlOn: "${orders.user_id} = ${users.idd}") == [
            "explores/orders.explore.lkml:12:33: error: unknown field 'idd' in view 'users' referenced as '${users.idd}'",
        ])
    }

    @Test func joinedViewWithoutPrimaryKeyIsNotWarnedTwice() throws {
        let found = try diagnostics {
            try $0.replace("    primary_key: yes\n", with: "", in: "views/products.view.lkml")
            try $0.replace("foreign_key: order_items.product_id", with: "sql_on: ${order_items.product_id} = ${products.name} ;;",
                           in: "explores/orders.explore.lkml")
        }
        // The existing fan-out warning names the missing key; the sql_on is not judged without one.
        #expect(found == ["explores/orders.explore.lkml:17:19: warning: measures of 'products' may be wrong through fan-out: view 'products' has no primary_key"])
    }

    @Test func foreignKeyJoinIsOnTheKeyByDefinition() throws {
        let copy = try FixtureProject.copy()
        defer { copy.remove() }
        let project = copy.load()
        let join = try #require(project.model(named: "ecommerce")?.explores.first { $0.name == "orders" }?.join(named: "products"))
        #expect(join.foreignKey == "order_items.product_id" && join.relationship == .manyToOne)
        #expect(project.diagnostics.isEmpty)
    }

    // MARK: final

    @Test func refiningAFinalViewIsAnErrorAtTheRefinement() throws {
        let found = try diagnostics {
            try $0.replace("view: products {\n", with: "view: products {\n  final: yes\n", in: "views/products.view.lkml")
            try $0.write("view: +products {\n  dimension: colour {}\n}\n", to: "refinements/zz_final.lkml")
        }
        #expect(found == ["refinements/zz_final.lkml:1:7: error: view 'products' is final (final: yes at views/products.view.lkml:2:3) and cannot be refined"])
    }

    /// `final: yes` on a refinement closes the object to the refinements after it, not before.
    @Test func aFinalRefinementClosesTheObjectToLaterRefinements() throws {
        let found = try diagnostics {
            try $0.write("explore: +orders {\n  final: yes\n}\n", to: "refinements/zz_a.lkml")
            try $0.write("explore: +orders {\n  label: \"Late\"\n}\n", to: "refinements/zz_b.lkml")
        }
        // recent_orders extends orders, so it is reported too; shop.lkml's earlier refinement is not.
        #expect(found == [
            "explores/orders.explore.lkml:29:13: error: explore 'orders' is final (final: yes at refinements/zz_a.lkml:2:3) and cannot be extended",
            "refinements/zz_b.lkml:1:10: error: explore 'orders' is final (final: yes at refinements/zz_a.lkml:2:3) and cannot be refined",
        ])
    }

    @Test func extendingAFinalExploreIsAnErrorAtTheExtendsEntry() throws {
        let found = try diagnostics {
            try $0.replace("explore: orders {\n", with: "explore: orders {\n  final: yes\n", in: "explores/orders.explore.lkml")
        }
        // The fixture's own refinement of orders (refinements/shop.lkml) is now an error too.
        #expect(found == [
            "explores/orders.explore.lkml:30:13: error: explore 'orders' is final (final: yes at explores/orders.explore.lkml:2:3) and cannot be extended",
            "refinements/shop.lkml:19:10: error: explore 'orders' is final (final: yes at explores/orders.explore.lkml:2:3) and cannot be refined",
        ])
    }

    /// A refinement's `final: yes` also forbids extending the refined view, in the model that
    /// includes the refinement (ecommerce) and not in the one that does not (marketing).
    @Test func extendingAViewMadeFinalByARefinementIsAnError() throws {
        let found = try diagnostics {
            try $0.write("view: +entity {\n  final: yes\n}\n", to: "refinements/zz_final.lkml")
        }
        #expect(found == [
            "views/orders.view.lkml:2:13: error: view 'entity' is final (final: yes at refinements/zz_final.lkml:2:3) and cannot be extended",
            "views/users.view.lkml:2:13: error: view 'entity' is final (final: yes at refinements/zz_final.lkml:2:3) and cannot be extended",
        ])
    }

    @Test func finalNoChangesNothing() throws {
        let found = try diagnostics {
            try $0.replace("explore: orders {\n", with: "explore: orders {\n  final: no\n", in: "explores/orders.explore.lkml")
            try $0.replace("view: products {\n", with: "view: products {\n  final: no\n", in: "views/products.view.lkml")
        }
        #expect(found == [])
    }
}
