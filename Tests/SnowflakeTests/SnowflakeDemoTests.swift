import DemoWarehouse
import Foundation
import Presentation
import QueryEngine
import SemanticModel
import SpyglassCore
import TestSupport
import Testing
import Warehouse

/// The demo warehouse loaded into fakesnow through `spyglass demo --snowflake`, against the same demo
/// in SQLite: every explore, every dashboard tile and both rendered reports must agree, and fan-out
/// and count-distinct totals must match hand-written SQL run on Snowflake itself.
enum SnowflakeDemo {
    static let snowflake: Result<String, any Error> = Result {
        let url = try TestFakesnow.createDatabase(prefix: "demo")
        let built = try SpyglassProcess.run(["demo", "--snowflake", url])
        guard built.code == 0 else { throw Failure(description: "spyglass demo --snowflake failed: \(built.stderr)") }
        return url
    }

    static let sqlite: Result<String, any Error> = Result {
        let path = NSTemporaryDirectory() + "spyglass-snowflake-tests-\(getpid()).sqlite"
        atexit { unlink(NSTemporaryDirectory() + "spyglass-snowflake-tests-\(getpid()).sqlite") }
        try DemoWarehouse.build(into: "sqlite:" + path)
        return "sqlite:" + path
    }

    static let project: Project = ProjectLoader.load(root: SpyglassProcess.repositoryRoot)
    static var model: Model { project.model(named: "parley")! }

    struct Failure: Error, CustomStringConvertible { var description: String }

    static func run(_ spec: QuerySpec, url: String) throws -> (sql: String, rows: [[Value]]) {
        let connection = try Warehouse.connect(url)
        let compiled = try QueryCompiler.compile(spec, project: project, dialect: try Dialects.named(connection.dialectName), options: CompileOptions())
        do {
            // The main rows, then the totals, row totals and pivot values queries' rows, each marked.
            var rows = try connection.query(compiled.sql, maxRows: 100_000).rows
            for (mark, extra) in [("totals", compiled.totalsSQL), ("row totals", compiled.rowTotalsSQL), ("pivot values", compiled.pivotValuesSQL)] {
                guard let extra else { continue }
                rows += try connection.query(extra, maxRows: 100_000).rows.map { [.string(mark)] + $0 }
            }
            return (compiled.sql, rows)
        } catch {
            throw Failure(description: "\(error)\n\(compiled.sql)")
        }
    }

    /// Numbers of any storage as a double with 9 significant digits; everything else by its text.
    static func cell(_ value: Value) -> String {
        func number(_ d: Double) -> String {
            if d == d.rounded() && abs(d) < 1e15 { return String(Int64(d)) }
            let magnitude = max(abs(d), 1e-300)
            var scale = 1.0
            while magnitude * scale < 1e8 { scale *= 10 }
            while magnitude * scale >= 1e9 { scale /= 10 }
            return String((d * scale).rounded() / scale)
        }
        switch value {
        case .null: return "∅"
        case .bool(let b): return b ? "Yes" : "No"
        case .int(let n): return String(n)
        case .double(let d): return number(d)
        case .decimal(let text): return number(Double(text) ?? .nan)
        case .string(let s): return s
        case .date(let d): return d.description
        case .timestamp(let t): return t.description
        }
    }

    static func canonical(_ rows: [[Value]]) -> [String] {
        rows.map { $0.map(cell).joined(separator: " | ") }.sorted()
    }

    /// Runs `spec` on both and records the first difference; returns the Snowflake rows.
    @discardableResult
    static func expectSame(_ spec: QuerySpec, _ what: String) throws -> [[Value]] {
        let lite = try run(spec, url: try sqlite.get())
        let snow = try run(spec, url: try snowflake.get())
        let l = canonical(lite.rows), s = canonical(snow.rows)
        if l != s {
            let index = l.indices.first { $0 >= s.count || l[$0] != s[$0] } ?? l.count
            Issue.record("""
                \(what): SQLite and Snowflake disagree (\(l.count) vs \(s.count) rows); first difference:
                  SQLite:    \(index < l.count ? l[index] : "(none)")
                  Snowflake: \(index < s.count ? s[index] : "(none)")
                Snowflake SQL:
                \(snow.sql)
                """)
        }
        return snow.rows
    }
}

@Suite("Demo on Snowflake (fakesnow)", .serialized)
struct SnowflakeDemoTests {
    @Test func demoLoadsAllRowsAndIsIdempotent() throws {
        let url = try SnowflakeDemo.snowflake.get()
        let connection = try Warehouse.connect(url)
        let lite = try Warehouse.connect(try SnowflakeDemo.sqlite.get())
        for table in DemoWarehouse.tableNames {
            let snow = try connection.query("SELECT COUNT(*) FROM \(table)", maxRows: 1).rows
            let sql = try lite.query("SELECT COUNT(*) FROM \(table)", maxRows: 1).rows
            #expect(snow == sql, "\(table)")
        }
        // Loading again replaces the tables rather than doubling them.
        let again = try SpyglassProcess.run(["demo", "--snowflake", url])
        #expect(again.code == 0, "\(again.stderr)")
        #expect(try connection.query("SELECT COUNT(*) FROM dim_accounts", maxRows: 1).rows == [[.int(151)]])
    }

    @Test func everyExploreAndJoinGivesSQLitesNumbers() throws {
        var specs = 0
        for explore in SnowflakeDemo.model.explores {
            let fields = SnowflakeDemo.project.fields(in: explore, of: SnowflakeDemo.model)
            func visible(_ alias: String) -> [ExploreField] { fields.filter { $0.alias == alias && !$0.field.hidden } }
            let base = visible(explore.alias)
            let baseCount = base.first { $0.field.type == "count" }!
            for alias in [explore.alias] + explore.joins.map(\.name) {
                let measures = visible(alias).filter { $0.field.kind == .measure }.map(\.name)
                let dimensions = visible(alias).filter { $0.field.kind == .dimension }
                // Every dimension of every type (each timeframe is its own dimension) with the view's measures.
                for dimension in dimensions {
                    specs += 1
                    try SnowflakeDemo.expectSame(QuerySpec(explore: "parley/\(explore.name)", fields: [dimension.name] + measures + [baseCount.name]),
                                                 "explore \(explore.name) by \(dimension.name)")
                }
            }
        }
        #expect(specs > 100)
    }

    @Test func filtersOfEveryTypePivotsAndTotals() throws {
        let cases: [(String, QuerySpec)] = [
            ("string filter", QuerySpec(explore: "parley/events", fields: ["events.platform", "events.count"],
                                        filters: [FilterCondition(field: "events.platform", expression: "-web")])),
            ("date range", QuerySpec(explore: "parley/events", fields: ["events.event_week", "events.active_users"],
                                     filters: [FilterCondition(field: "events.event_date", expression: "2025/08/01 to 2025/08/20")])),
            ("number filter", QuerySpec(explore: "parley/support_tickets", fields: ["support_tickets.priority", "support_tickets.count"],
                                        filters: [FilterCondition(field: "support_tickets.satisfaction_score", expression: ">=4")])),
            ("yesno filter", QuerySpec(explore: "parley/users", fields: ["users.role", "users.count"],
                                       filters: [FilterCondition(field: "users.is_bot", expression: "No")])),
            ("null filter", QuerySpec(explore: "parley/support_tickets", fields: ["support_tickets.category", "support_tickets.count"],
                                      filters: [FilterCondition(field: "support_tickets.resolved_date", expression: "NULL")])),
            ("pivot with totals", QuerySpec(explore: "parley/events", fields: ["events.event_year", "events.platform", "events.count"],
                                            pivots: ["events.platform"], totals: true, rowTotals: true)),
        ]
        for (what, spec) in cases {
            let rows = try SnowflakeDemo.expectSame(spec, what)
            #expect(!rows.isEmpty, "\(what) is empty")
        }
    }

    @Test func everyDashboardTileAndBothReportsReadAsOnSQLite() throws {
        let generatedAt = Date(timeIntervalSince1970: 1_795_244_400)
        let onSnowflake = try Workspace.open(projectRoot: SpyglassProcess.repositoryRoot, databaseURL: try SnowflakeDemo.snowflake.get())
        let onSQLite = try Workspace.open(projectRoot: SpyglassProcess.repositoryRoot, databaseURL: try SnowflakeDemo.sqlite.get())
        #expect(onSnowflake.project.dashboards.count == 2)
        for dashboard in onSnowflake.project.dashboards {
            let snow = try onSnowflake.runDashboard(dashboard)
            #expect(snow.compactMap(\.error).isEmpty, "\(snow.compactMap(\.error).map(\.message))")
            let lite = try onSQLite.runDashboard(dashboard)
            let a = ReportRenderer.text(onSnowflake.report(of: dashboard, outcomes: snow, generatedAt: generatedAt))
            let b = ReportRenderer.text(onSQLite.report(of: dashboard, outcomes: lite, generatedAt: generatedAt))
            let aLines = a.split(separator: "\n", omittingEmptySubsequences: false)
            let bLines = b.split(separator: "\n", omittingEmptySubsequences: false)
            #expect(aLines.count == bLines.count)
            // Rows tied on a tile's sort key (two categories with 55 tickets) may come back in either
            // order, as on any two databases: compare the lines as a multiset, which still checks every
            // label, number and bar.
            for (x, y) in zip(aLines.sorted(), bLines.sorted()) where x != y {
                Issue.record("\(dashboard.name): Snowflake '\(x)' but SQLite '\(y)'")
                break
            }
        }
    }

    /// Accounts fan out to opportunities and licenses: the symmetric aggregates must give the
    /// hand-written numbers on Snowflake too, and the naive join must really be wrong.
    @Test func fanOutTotalsMatchHandWrittenSQL() throws {
        let url = try SnowflakeDemo.snowflake.get()
        let spec = QuerySpec(explore: "parley/accounts",
                             fields: ["accounts.region", "opportunities.won_amount", "licenses.total_arr", "accounts.count", "servers.count"])
        let result = try SnowflakeDemo.run(spec, url: url)
        let checks = [
            "SELECT a.region, SUM(o.amount_cents) / 100.0 FROM dim_accounts a JOIN fct_opportunities o ON o.account_id = a.account_id WHERE o.stage = 'Closed Won' GROUP BY a.region",
            "SELECT a.region, SUM(l.arr_cents) / 100.0 FROM dim_accounts a JOIN fct_licenses l ON l.account_id = a.account_id WHERE NOT l.is_trial GROUP BY a.region",
            "SELECT a.region, COUNT(*) FROM dim_accounts a GROUP BY a.region",
            "SELECT a.region, COUNT(*) FROM dim_accounts a JOIN dim_servers s ON s.account_id = a.account_id GROUP BY a.region",
        ]
        let connection = try Warehouse.connect(url)
        for (column, sql) in checks.enumerated() {
            var expected: [String: String] = [:]
            for row in try connection.query(sql, maxRows: 100).rows { expected[SnowflakeDemo.cell(row[0])] = SnowflakeDemo.cell(row[1]) }
            for row in result.rows {
                let got = SnowflakeDemo.cell(row[column + 1])
                let want = expected[SnowflakeDemo.cell(row[0])] ?? (column >= 2 ? "0" : "∅")
                #expect(got == want, "region \(SnowflakeDemo.cell(row[0])), \(spec.fields[column + 1]): got \(got), hand-written \(want)\n\(result.sql)")
            }
        }
        let naive = try connection.query("""
            SELECT SUM(o.amount_cents) FROM dim_accounts a JOIN fct_opportunities o ON o.account_id = a.account_id
            JOIN fct_licenses l ON l.account_id = a.account_id WHERE o.stage = 'Closed Won'
            """, maxRows: 1).rows[0][0]
        let right = try connection.query("SELECT SUM(amount_cents) FROM fct_opportunities WHERE stage = 'Closed Won'", maxRows: 1).rows[0][0]
        #expect(Double(SnowflakeDemo.cell(naive))! > 1.5 * Double(SnowflakeDemo.cell(right))!)
    }

    @Test func countDistinctTotalsAreDistinctNotSummed() throws {
        let url = try SnowflakeDemo.snowflake.get()
        let september = FilterCondition(field: "events.event_date", expression: "2026/09/01 to 2026/10/01")
        let byPlatform = try SnowflakeDemo.run(QuerySpec(explore: "parley/events", fields: ["events.platform", "events.active_users"],
                                                         filters: [september], totals: true), url: url)
        let connection = try Warehouse.connect(url)
        let handWritten = try connection.query(
            "SELECT COUNT(DISTINCT user_id) FROM fct_events WHERE event_at >= '2026-09-01' AND event_at < '2026-10-01'", maxRows: 1).rows[0][0]
        let monthly = try SnowflakeDemo.run(QuerySpec(explore: "parley/events", fields: ["events.event_month", "events.active_users"],
                                                      filters: [september]), url: url)
        #expect(monthly.rows.count == 1 && SnowflakeDemo.cell(monthly.rows[0][1]) == SnowflakeDemo.cell(handWritten))
        let sum = byPlatform.rows.reduce(0) { $0 + Int(SnowflakeDemo.cell($1[1]))! }
        #expect(sum > Int(SnowflakeDemo.cell(handWritten))!, "multi-platform users make the per-platform sum larger")
    }
}
