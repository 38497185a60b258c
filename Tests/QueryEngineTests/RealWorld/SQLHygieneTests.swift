import Foundation
import QueryEngine
import SemanticModel
import Testing
import Warehouse

/// No silently wrong SQL: comments, defaults, list_field, time-zone conversion of timestamp measures,
/// raw join clauses and references validation rejects — executed where they produce numbers.
@Suite(.serialized) struct SQLHygieneTests {
    @Test func snippetEndingInALineCommentKeepsWhatFollows() throws {
        // Regression: `${TABLE}.name -- comment` swallowed the closing parenthesis and `AS alias`.
        let spec = QuerySpec(explore: "realworld/users", fields: ["users.name", "users.name_count"])
        let compiled = try RealWorldFixture.check(spec) { _ in "SELECT name, COUNT(DISTINCT name) FROM users GROUP BY name" }
        #expect(compiled.allSatisfy { $0.sql.contains("-- the display name") })
    }

    @Test func aggregateMeasureWithoutSQLReadsTheColumnNamedLikeIt() throws {
        let spec = QuerySpec(explore: "realworld/users", fields: ["users.state", "users.vip"])
        try RealWorldFixture.check(spec) { _ in "SELECT state, SUM(vip) FROM users GROUP BY state" }
    }

    @Test func listFieldListsTheDimensionsDistinctValues() throws {
        let spec = QuerySpec(explore: "realworld/users", fields: ["users.is_vip", "users.states"])
        for db in try RealWorldFixture.databases() {
            let compiled = try QueryCompiler.compile(spec, project: RealWorldFixture.project, dialect: db.dialect)
            let got = try db.query(compiled.sql)
            let hand = try db.query("SELECT CASE WHEN vip = 1 THEN 'Yes' ELSE 'No' END, state FROM users WHERE state IS NOT NULL")
            var expected: [String: Set<String>] = [:]
            for row in ResultCheck.rows(hand) { expected[row[0], default: []].insert(row[1]) }
            var actual: [String: Set<String>] = [:]
            for row in ResultCheck.rows(got) { actual[row[0]] = Set(row[1].split(separator: ",").map(String.init)) }
            #expect(actual == expected, "on \(db.name): \(compiled.sql)")
            #expect(!expected.isEmpty)
        }
    }

    @Test func timestampMeasuresShowInTheQueryZoneUnlessConvertTZIsOff() throws {
        let options = CompileOptions(queryTimeZone: TimeZone(secondsFromGMT: 7200)!)
        let spec = QuerySpec(explore: "realworld/orders", fields: ["orders.status", "orders.last_order_at", "orders.last_order_at_utc"])
        try RealWorldFixture.check(spec, options: options) { db in
            db == "postgres"
                ? "SELECT status, MAX(created_at) + INTERVAL '2 hours', MAX(created_at) FROM orders GROUP BY status"
                : "SELECT status, datetime(MAX(created_at), '+2 hours'), MAX(created_at) FROM orders GROUP BY status"
        }
    }

    @Test func rawJoinClauseIsUsedAsWritten() throws {
        let spec = QuerySpec(explore: "realworld/users", fields: ["users.state", "users.count", "raw_events.count"])
        let compiled = try RealWorldFixture.check(spec) { _ in
            """
            SELECT u.state, COUNT(*), COALESCE(SUM(e.cnt), 0)
            FROM users u LEFT JOIN (SELECT user_id, COUNT(*) AS cnt FROM events GROUP BY user_id) e ON e.user_id = u.id
            GROUP BY u.state
            """
        }
        #expect(compiled.allSatisfy { $0.sql.contains("LEFT JOIN events AS raw_events ON raw_events.user_id = (\"users\".id)") })
    }

    @Test func referenceValidationRejectsIsNeverSentToTheDatabase() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("spyglass-hygiene-\(getpid())")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        try "connection: \"x\"\ninclude: \"*.view.lkml\"\nexplore: t {}\n".write(to: dir.appendingPathComponent("m.model.lkml"), atomically: true, encoding: .utf8)
        try """
            view: t {
              sql_table_name: t ;;
              dimension: broken {
                sql: ${TABLE}.x + ${not a reference} ;;
              }
            }
            """.write(to: dir.appendingPathComponent("t.view.lkml"), atomically: true, encoding: .utf8)
        let project = ProjectLoader.load(root: dir.path)
        #expect(project.diagnostics.contains { $0.severity == .error && $0.message.contains("not a reference") })
        #expect(throws: QueryError("'t.broken' has a malformed ${…} reference in its SQL; fix the reference (validate shows where)")) {
            try QueryCompiler.compile(QuerySpec(explore: "t", fields: ["t.broken"]), project: project, dialect: PostgresDialect())
        }
    }
}
