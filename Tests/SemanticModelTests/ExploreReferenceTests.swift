import Foundation
import Testing
@testable import SemanticModel

/// `${alias.field}` written in a view is judged in each explore that exposes the field.
@Suite("References resolve in the explore that uses them")
struct ExploreReferenceTests {
    static let views = """
        view: orders {
          sql_table_name: orders ;;
          dimension: id { primary_key: yes type: number }
          dimension: user_id { type: number }
          dimension: buyer_name { sql: ${buyer.name} ;; }
          measure: count { type: count }
        }
        view: users {
          sql_table_name: users ;;
          dimension: id { primary_key: yes type: number }
          dimension: name {}
        }
        """

    private func diagnostics(_ explores: String) throws -> [String] {
        try load(explores).diagnostics.map(\.description)
    }

    static let buyerJoin = "join: buyer { from: users relationship: many_to_one sql_on: ${orders.user_id} = ${buyer.id} ;; }"

    @Test func aJoinAliasFromAnotherViewResolves() throws {
        #expect(try diagnostics("explore: orders { \(Self.buyerJoin) }\n") == [])
    }

    @Test func anExploreWithoutTheJoinIsNamedOnceAtTheReference() throws {
        #expect(try diagnostics("explore: orders { \(Self.buyerJoin) }\nexplore: bare_orders { from: orders }\nexplore: other_orders { from: orders }\n") == [
            "shop.view.lkml:5:32: error: view 'buyer' is not accessible in explore 'bare_orders': '${buyer.name}' in orders.buyer_name "
                + "needs a join named 'buyer' there",
        ])
    }

    @Test func aFieldTheExploreLeavesOutIsNotJudgedThere() throws {
        #expect(try diagnostics("explore: bare_orders { from: orders fields: [ALL_FIELDS*, -bare_orders.buyer_name] }\n") == [])
        #expect(try diagnostics("explore: bare_orders { from: orders fields: [bare_orders.id, bare_orders.count] }\n") == [])
    }

    @Test func viewNameStarSelectsAndExcludesAWholeView() throws {
        #expect(try diagnostics("explore: orders { \(Self.buyerJoin) fields: [orders*, -buyer*] }\n") == [])
        #expect(try diagnostics("explore: bare_orders { from: orders fields: [-bare_orders*] }\n") == [])
        let project = try load("explore: orders { \(Self.buyerJoin) fields: [ALL_FIELDS*, -buyer*] }\n")
        #expect(project.model(named: "shop")?.explore(named: "orders")?.allowedFields?.sorted()
            == ["orders.buyer_name", "orders.count", "orders.id", "orders.user_id"])
    }

    @Test func aJoinWithNoFieldsStillServesReferences() throws {
        #expect(try diagnostics("explore: orders { join: buyer { from: users fields: [] sql_on: ${orders.user_id} = ${buyer.id} ;; } }\n") == [])
    }

    @Test func unscopedNamesAtExploreLevelMeanTheBaseView() throws {
        let project = try load("""
            explore: orders {
              sql_always_where: ${id} > 0 ;;
              sql_always_having: ${count} > 0 ;;
              always_filter: { filters: [user_id: "-NULL"] }
              conditionally_filter: { filters: [id: ">0"] unless: [user_id] }
              \(Self.buyerJoin)
            }
            """)
        #expect(project.diagnostics.map(\.description) == [])
        let explore = project.model(named: "shop")?.explore(named: "orders")
        #expect(explore?.alwaysFilter.map(\.field) == ["orders.user_id"])
        #expect(explore?.conditionallyFilter.map(\.field) == ["orders.id"])
        #expect(explore?.conditionallyFilterUnless == ["orders.user_id"])
        #expect(try diagnostics("explore: orders { sql_always_where: ${idd} > 0 ;; \(Self.buyerJoin) }\n")
            == ["shop.model.lkml:3:37: error: unknown field 'idd' in view 'orders' referenced as '${idd}'"])
    }

    @Test func sqlTableNameOfAnyViewOfTheModel() throws {
        #expect(try diagnostics("explore: orders { sql_always_where: ${id} IN (SELECT id FROM ${users.SQL_TABLE_NAME}) ;; \(Self.buyerJoin) }\n") == [])
    }

    private func load(_ explores: String) throws -> Project {
        let root = NSTemporaryDirectory() + "spyglass-refs-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        try Self.views.write(toFile: root + "/shop.view.lkml", atomically: true, encoding: .utf8)
        try ("connection: \"db\"\ninclude: \"*.view\"\n" + explores).write(toFile: root + "/shop.model.lkml", atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: root) }
        return ProjectLoader.load(root: root)
    }
}
