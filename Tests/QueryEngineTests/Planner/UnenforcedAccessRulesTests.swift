import Foundation
import QueryEngine
import SemanticModel
import Testing

/// Hardening finding 2 (HIGH): `access_filter`, `access_grant` and `required_access_grants` were parsed
/// and ignored, so every user saw every row. Until they are enforced, such an explore is refused with
/// one sentence, never compiled without the rule.
@Suite struct UnenforcedAccessRulesTests {
    static func project(_ explore: String, view extra: String = "", field fieldExtra: String = "") throws -> Project {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("spyglass-access-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
        try """
            connection: "demo"
            include: "*.view.lkml"
            access_grant: can_see_revenue { user_attribute: can_see_revenue allowed_values: ["yes"] }
            \(explore)
            """.write(to: root.appendingPathComponent("m.model.lkml"), atomically: true, encoding: .utf8)
        try """
            view: orders {
              sql_table_name: orders ;;
              \(extra)
              dimension: id { primary_key: yes type: number sql: ${TABLE}.id ;; }
              dimension: country { sql: ${TABLE}.country ;; }
              measure: revenue { type: sum sql: ${TABLE}.amount ;; \(fieldExtra) }
              measure: count { type: count }
            }
            view: users {
              sql_table_name: users ;;
              dimension: id { primary_key: yes type: number }
            }
            """.write(to: root.appendingPathComponent("orders.view.lkml"), atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(at: root) }
        return ProjectLoader.load(root: root.path)
    }

    static func refusal(_ project: Project, explore: String = "orders") -> String? {
        let spec = QuerySpec(explore: explore, fields: ["orders.count"])
        do {
            _ = try QueryCompiler.compile(spec, project: project, dialect: SQLiteDialect())
            return nil
        } catch {
            return "\(error)"
        }
    }

    @Test func accessFilterRefusesTheExploreInsteadOfIgnoringIt() throws {
        let project = try Self.project("explore: orders { access_filter: { field: orders.country user_attribute: country } }")
        let message = try #require(Self.refusal(project))
        #expect(message.contains("explore 'orders' declares access_filter on 'orders.country' for user attribute 'country'"))
        #expect(message.contains("refused rather than run without it"))
        #expect(!message.contains("\n"))
    }

    @Test func requiredAccessGrantsOnExploreJoinViewOrFieldRefuse() throws {
        let cases: [(Project, String)] = [
            (try Self.project("explore: orders { required_access_grants: [can_see_revenue] }"), "required_access_grants [\"can_see_revenue\"]"),
            (try Self.project("explore: orders { join: users { sql_on: ${orders.id} = ${users.id} ;; relationship: one_to_one required_access_grants: [can_see_revenue] } }"),
             "required_access_grants on join 'users'"),
            (try Self.project("explore: orders {}", view: "required_access_grants: [can_see_revenue]"), "required_access_grants on view 'orders'"),
            (try Self.project("explore: orders {}", field: "required_access_grants: [can_see_revenue]"), "required_access_grants on field 'orders.revenue'"),
        ]
        for (project, expected) in cases {
            let message = try #require(Self.refusal(project))
            #expect(message.contains(expected), "\(message)")
        }
    }

    @Test func anExploreWithoutAccessRulesStillCompiles() throws {
        let project = try Self.project("explore: orders {}")
        #expect(Self.refusal(project) == nil)
    }
}
