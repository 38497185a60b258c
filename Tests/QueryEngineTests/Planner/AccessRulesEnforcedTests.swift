import Foundation
import QueryEngine
import SemanticModel
import Testing

/// Hardening finding 2 (HIGH): `access_filter`, `access_grant` and `required_access_grants` were parsed
/// and ignored, so every user saw every row. They are now enforced in the compiler: a user without the
/// attribute is refused, a user with it gets the filter, a guarded field or explore does not exist for
/// a user without the grant.
@Suite struct AccessRulesEnforcedTests {
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

    enum Outcome: Equatable {
        case sql(String), refused(String)
        var compiled: Bool { if case .sql = self { true } else { false } }
    }

    static func compile(_ project: Project, explore: String = "orders", fields: [String] = ["orders.count"],
                        attributes: [String: String] = [:]) -> Outcome {
        var options = CompileOptions()
        options.userAttributes = attributes
        options.userName = "alice"
        do {
            return .sql(try QueryCompiler.compile(QuerySpec(explore: explore, fields: fields), project: project,
                                                      dialect: SQLiteDialect(), options: options).sql)
        } catch {
            return .refused("\(error)")
        }
    }

    @Test func accessFilterRefusesAUserWithoutTheAttributeAndFiltersOneWithIt() throws {
        let project = try Self.project("explore: orders { access_filter: { field: orders.country user_attribute: country } }")
        guard case .refused(let message) = Self.compile(project) else { Issue.record("compiled without the attribute"); return }
        #expect(message == "explore 'orders' needs the user attribute 'country', which alice does not have")
        guard case .sql(let sql) = Self.compile(project, attributes: ["country": "DE"]) else { Issue.record("refused with the attribute"); return }
        #expect(sql.contains("'DE'"), "\(sql)")
    }

    @Test func requiredAccessGrantsOnExploreJoinViewOrFieldHideWhatTheyGuard() throws {
        let yes = ["can_see_revenue": "yes"], no = ["can_see_revenue": "no"]
        let explore = try Self.project("explore: orders { required_access_grants: [can_see_revenue] }")
        #expect(Self.compile(explore, attributes: no) == .refused("unknown explore 'orders'"))
        #expect(Self.compile(explore, attributes: yes).compiled)

        let join = try Self.project("explore: orders { join: users { sql_on: ${orders.id} = ${users.id} ;; relationship: one_to_one required_access_grants: [can_see_revenue] } }")
        #expect(Self.compile(join, fields: ["users.id"], attributes: no) == .refused("unknown field 'users.id' in explore 'orders'"))
        #expect(Self.compile(join, fields: ["users.id"], attributes: yes).compiled)

        let view = try Self.project("explore: orders {}", view: "required_access_grants: [can_see_revenue]")
        #expect(Self.compile(view, attributes: no) == .refused("unknown explore 'orders'"))

        let field = try Self.project("explore: orders {}", field: "required_access_grants: [can_see_revenue]")
        #expect(Self.compile(field, fields: ["orders.revenue"], attributes: no) == .refused("unknown field 'orders.revenue' in explore 'orders'"))
        #expect(Self.compile(field, fields: ["orders.revenue"], attributes: yes).compiled)
        #expect(Self.compile(field, fields: ["orders.count"], attributes: no).compiled)
    }

    @Test func anExploreWithoutAccessRulesStillCompiles() throws {
        let project = try Self.project("explore: orders {}")
        #expect(Self.compile(project).compiled)
    }
}
