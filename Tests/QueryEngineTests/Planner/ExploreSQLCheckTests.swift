import Foundation
import QueryEngine
import SemanticModel
import Testing

/// `validate --sql` (every field of every explore compiled) on the corpus and the 250-view
/// project, and the SQL of references that resolve per explore, executed and compared with
/// hand-written SQL.
@Suite struct ExploreSQLCheckTests {
    static let corpus = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("SemanticModelTests/Fixtures/Corpus").path

    static func failures(_ project: Project) -> [String] {
        ExploreSQLCheck.run(project: project, dialect: { _ in PostgresDialect() }).flatMap { result in
            result.failures.map { "\(result.explore): \($0.field ?? "*") at \($0.location.map { "\($0)" } ?? "?"): \($0.message)" }
        }
    }

    @Test func corpusProjectsCompileEveryField() {
        for name in ["retail_bq", "hub_spoke", "warehouse_usage"] {
            let project = ProjectLoader.load(root: Self.corpus + "/" + name)
            let results = ExploreSQLCheck.run(project: project, dialect: { _ in PostgresDialect() })
            #expect(results.count == project.models.reduce(0) { $0 + $1.explores.count }, "\(name)")
            #expect(results.allSatisfy { $0.checked > 0 }, "\(name)")
            #expect(Self.failures(project) == [], "\(name)")
        }
    }

    @Test func realMistakesAreFoundAtTheFieldWithACountPerExplore() {
        let project = ProjectLoader.load(root: Self.corpus + "/real_mistakes")
        #expect(Self.failures(project) == [
            "orders: orders.customer_segment at views/orders.view.lkml:18:14: "
                + "'orders.customer_segment' references unknown field 'customers.segmnet'; did you mean 'customers.segment'?",
            "orders_quick: orders.customer_region at views/orders.view.lkml:13:14: "
                + "'orders.customer_region' references '${customers.region}', but 'customers' is not joined in explore 'orders_quick'",
            "orders_quick: orders.customer_segment at views/orders.view.lkml:18:14: "
                + "'orders.customer_segment' references '${customers.segmnet}', but 'customers' is not joined in explore 'orders_quick'",
        ])
    }

    /// As a content validator: a user meeting every grant, a value for every user attribute the
    /// model's Liquid reads and every parameter without a default, a period_over_period measure
    /// asked with its time; what is left cannot compile for anyone.
    @Test func onlyWhatCannotCompileForAnyoneIsReported() {
        let fixtures = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Fixtures").path
        let realworld = Self.failures(ProjectLoader.load(root: fixtures + "/realworld"))
        #expect(realworld.count == 2)
        #expect(realworld.allSatisfy { $0.hasPrefix("orders: snapshot.") && $0.contains("builds its table with create_process") }, "\(realworld)")
        let liquid = Self.failures(ProjectLoader.load(root: fixtures + "/liquid"))
        // Liquid-guarded references to a view plain_orders does not join compile (the branch is left
        // out); region_match reads users.state unconditionally, so it cannot compile there.
        #expect(liquid == ["plain_orders: orders.region_match at orders.view.lkml:83:14: "
            + "'orders.region_match' references '${users.state}', but 'users' is not joined in explore 'plain_orders'"], "\(liquid)")
    }

    /// One mistake of the explore's own (here a sql_always_where naming a view it does not join)
    /// is one failure at the explore, not one per field.
    @Test func anExploreWideMistakeIsReportedOnce() throws {
        let root = try Self.write([
            "m.model.lkml": """
                connection: "db"
                include: "*.view"
                explore: orders {
                  sql_always_where: ${users.id} > 0 ;;
                }
                view: users {
                  sql_table_name: users ;;
                  dimension: id { primary_key: yes type: number }
                }
                """,
            "orders.view.lkml": """
                view: orders {
                  sql_table_name: orders ;;
                  dimension: id { primary_key: yes type: number }
                  dimension: status {}
                  measure: count { type: count }
                }
                """,
        ])
        defer { try? FileManager.default.removeItem(atPath: root) }
        let project = ProjectLoader.load(root: root)
        #expect(Self.failures(project) == ["orders: * at m.model.lkml:3:10: "
            + "'sql_always_where of explore 'orders'' references '${users.id}', but 'users' is not joined in explore 'orders'"])
    }

    @Test func twoHundredFiftyViewsCompileFast() throws {
        let dir = NSTemporaryDirectory() + "spyglass-sqlcheck-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try SyntheticProject.write(to: dir, views: 250)
        let project = ProjectLoader.load(root: dir)
        let clock = ContinuousClock()
        let start = clock.now
        let results = ExploreSQLCheck.run(project: project, dialect: { _ in PostgresDialect() })
        let elapsed = clock.now - start
        #expect(results.count == 50)
        #expect(results.reduce(0) { $0 + $1.checked } > 15_000)
        #expect(Self.failures(project) == [])
        #if !DEBUG
        #expect(elapsed < .seconds(2))
        #endif
    }

    /// `${orders.SQL_TABLE_NAME}` inside a derived table reads the orders table though the explore
    /// does not join orders (Looker inlines any view of the model); the numbers are checked
    /// against hand-written SQL on SQLite and PostgreSQL.
    @Test func sqlTableNameOfAViewTheExploreDoesNotJoin() throws {
        let root = try Self.write([
            "shop.model.lkml": """
                connection: "db"
                include: "*.view"
                explore: users {
                  always_filter: { filters: [state: "-NULL"] }
                  join: user_order_facts {
                    relationship: one_to_one
                    sql_on: ${users.id} = ${user_order_facts.user_id} ;;
                  }
                }
                """,
            "users.view.lkml": """
                view: users {
                  sql_table_name: users ;;
                  dimension: id { primary_key: yes type: number }
                  dimension: state {}
                  measure: count { type: count }
                }
                """,
            "orders.view.lkml": """
                view: orders {
                  sql_table_name: orders ;;
                  dimension: id { primary_key: yes type: number }
                }
                """,
            "user_order_facts.view.lkml": """
                view: user_order_facts {
                  derived_table: {
                    sql: SELECT user_id, COUNT(*) AS order_count FROM ${orders.SQL_TABLE_NAME} GROUP BY user_id ;;
                  }
                  dimension: user_id { primary_key: yes type: number }
                  dimension: order_count { type: number }
                  measure: total_orders { type: sum sql: ${order_count} ;; }
                }
                """,
        ])
        defer { try? FileManager.default.removeItem(atPath: root) }
        let project = ProjectLoader.load(root: root)
        #expect(project.diagnostics.map(\.description) == [])
        let spec = QuerySpec(explore: "users", fields: ["users.state", "user_order_facts.total_orders"])
        let hand = """
            SELECT u.state, SUM(f.order_count)
            FROM users u LEFT JOIN (SELECT user_id, COUNT(*) AS order_count FROM orders GROUP BY user_id) f ON u.id = f.user_id
            WHERE u.state IS NOT NULL
            GROUP BY u.state
            """
        for db in try ShopFixture.databases() {
            let compiled = try ResultCheck.check(spec, on: db, hand: hand, project: project)
            #expect(!compiled.sql.contains("${"))
        }
    }

    static func write(_ files: [String: String]) throws -> String {
        let root = NSTemporaryDirectory() + "spyglass-sqlcheck-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        for (name, text) in files { try text.write(toFile: root + "/" + name, atomically: true, encoding: .utf8) }
        return root
    }
}
