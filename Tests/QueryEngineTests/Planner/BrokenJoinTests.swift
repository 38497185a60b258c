import Foundation
import QueryEngine
import SemanticModel
import Testing
import Warehouse

/// Issue 13, item 8: one broken join (a view the model does not define, a required join the explore
/// lacks) used to fail every query of its explore. Now only the queries that need it are refused, with
/// one sentence naming the join and the view; the rest run and give the numbers hand-written SQL gives.
@Suite struct BrokenJoinTests {
    static func missingView(_ explore: String = "orders") -> String {
        "join 'refunds' in explore '\(explore)' uses view 'refunds_missing', which model 'm' does not define"
    }
    static let missingRequired = "join 'late' in explore 'orders' requires join 'nope', which the explore does not have"

    /// The shop's views with a model whose explores carry broken joins.
    static let project: Project = {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("spyglass-brokenjoin-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        do {
            try FileManager.default.createDirectory(at: root, withIntermediateDirectories: true)
            for name in ["orders", "users", "order_items"] {
                try FileManager.default.copyItem(atPath: ShopFixture.fixtureRoot + "/\(name).view.lkml",
                                                 toPath: root.appendingPathComponent("\(name).view.lkml").path)
            }
            try """
                connection: "shop"
                include: "*.view.lkml"
                explore: orders {
                  join: users { type: left_outer relationship: many_to_one sql_on: ${users.id} = ${orders.user_id} ;; }
                  join: refunds { from: refunds_missing relationship: one_to_one sql_on: ${refunds.order_id} = ${orders.id} ;; }
                  join: audit { from: order_items relationship: one_to_many sql_on: ${audit.order_id} = ${refunds.order_id} ;; }
                  join: late { from: users relationship: many_to_one sql_on: ${late.id} = ${orders.user_id} ;; required_joins: [nope] }
                  join: items { from: order_items relationship: one_to_many sql_on: ${items.order_id} = ${orders.id} ;; required_joins: [late] }
                }
                explore: always_refunds {
                  view_name: orders
                  always_join: [refunds]
                  join: refunds { from: refunds_missing relationship: one_to_one sql_on: ${refunds.order_id} = ${orders.id} ;; }
                }
                explore: where_refunds {
                  view_name: orders
                  sql_always_where: ${refunds.order_id} IS NULL ;;
                  join: refunds { from: refunds_missing relationship: one_to_one sql_on: ${refunds.order_id} = ${orders.id} ;; }
                }
                """.write(to: root.appendingPathComponent("m.model.lkml"), atomically: true, encoding: .utf8)
        } catch {
            Issue.record("could not write the project: \(error)")
        }
        return ProjectLoader.load(root: root.path)
    }()

    /// The shop's rows in SQLite, loaded once per process (tests run in parallel).
    static let database: Result<ShopFixture.Database, any Error> = Result {
        let dir = NSTemporaryDirectory() + "spyglass-brokenjoin-\(getpid())"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let path = dir + "/shop.db"
        try? FileManager.default.removeItem(atPath: path)
        try ShopFixture.load(into: "sqlite:" + path)
        return ShopFixture.Database(name: "sqlite", url: "sqlite:" + path, dialect: SQLiteDialect(), connection: try Warehouse.connect("sqlite:" + path))
    }

    static func sqlite() throws -> ShopFixture.Database { try database.get() }

    static func refusal(_ spec: QuerySpec) -> String? {
        do {
            _ = try QueryCompiler.compile(spec, project: project, dialect: SQLiteDialect())
            return nil
        } catch {
            return "\(error)"
        }
    }

    @Test func validateStillReportsTheBrokenJoins() {
        let errors = Self.project.diagnostics.filter { $0.severity == .error }.map(\.message)
        #expect(errors.contains { $0.contains("unknown view 'refunds_missing' in join 'refunds'") }, "\(errors)")
        #expect(errors.contains { $0.contains("unknown join 'nope' in required_joins of join 'late'") }, "\(errors)")
    }

    @Test func aQueryThatDoesNotNeedTheBrokenJoinRunsAndMatchesHandWrittenSQL() throws {
        let db = try Self.sqlite()
        let spec = QuerySpec(explore: "orders", fields: ["users.state", "orders.count"],
                             filters: [FilterCondition(field: "orders.status", expression: "-cancelled")],
                             sorts: [SortKey(field: "orders.count", descending: true)])
        let hand = """
            SELECT u.state, COUNT(*) FROM orders o LEFT JOIN users u ON u.id = o.user_id
            WHERE o.status <> 'cancelled' OR o.status IS NULL GROUP BY u.state
            """
        let compiled = try ResultCheck.check(spec, on: db, hand: hand, project: Self.project)
        #expect(!compiled.sql.contains("refunds"), "\(compiled.sql)")
    }

    @Test func aQueryOfAnExploreWhoseOnlyJoinIsBrokenRunsOnTheBaseView() throws {
        let db = try Self.sqlite()
        let spec = QuerySpec(explore: "orders", fields: ["orders.status", "orders.count"])
        try ResultCheck.check(spec, on: db, hand: "SELECT o.status, COUNT(*) FROM orders o GROUP BY o.status", project: Self.project)
    }

    @Test func everyWayOfNeedingTheBrokenJoinIsRefusedWithItsSentence() {
        let needing: [(String, QuerySpec)] = [
            ("field", QuerySpec(explore: "orders", fields: ["refunds.order_id", "orders.count"])),
            ("filter", QuerySpec(explore: "orders", fields: ["orders.count"], filters: [FilterCondition(field: "refunds.order_id", expression: "1")])),
            // A sort names a selected field, so it needs the join as that field does.
            ("sort", QuerySpec(explore: "orders", fields: ["orders.count", "refunds.order_id"], sorts: [SortKey(field: "refunds.order_id")])),
            ("pivot", QuerySpec(explore: "orders", fields: ["orders.status", "refunds.order_id", "orders.count"], pivots: ["refunds.order_id"])),
            ("another join's ON", QuerySpec(explore: "orders", fields: ["audit.count"])),
            ("always_join", QuerySpec(explore: "always_refunds", fields: ["orders.count"])),
            ("sql_always_where", QuerySpec(explore: "where_refunds", fields: ["orders.count"])),
        ]
        for (how, spec) in needing {
            #expect(Self.refusal(spec) == Self.missingView(spec.explore), "needing the join through its \(how)")
        }
    }

    @Test func aJoinRequiringAMissingJoinIsRefusedAndSoIsWhatRequiresIt() {
        #expect(Self.refusal(QuerySpec(explore: "orders", fields: ["late.state"])) == Self.missingRequired)
        #expect(Self.refusal(QuerySpec(explore: "orders", fields: ["items.count"])) == Self.missingRequired)
        #expect(Self.refusal(QuerySpec(explore: "orders", fields: ["users.state"])) == nil)
    }
}
