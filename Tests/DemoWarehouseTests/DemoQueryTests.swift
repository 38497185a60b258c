import Foundation
import QueryEngine
import SemanticModel
import Testing
import Warehouse

/// Every explore and every dashboard tile of the demo runs on SQLite and PostgreSQL, and the two
/// databases give the same numbers; a few headline numbers are checked against hand-written SQL.
@Suite("Demo explores answer queries")
struct DemoQueryTests {
    static var project: Project { DemoModelTests.project }
    static var model: Model { DemoModelTests.model }

    /// Runs a spec on one database; the SQL is in the error so a failure shows what ran.
    static func run(_ spec: QuerySpec, url: String) throws -> (sql: String, rows: [[Value]]) {
        let connection = try Warehouse.connect(url)
        let compiled = try QueryCompiler.compile(spec, project: project, dialect: try Dialects.named(connection.dialectName),
                                                 options: CompileOptions())
        do {
            return (compiled.sql, try connection.query(compiled.sql, maxRows: 100_000).rows)
        } catch {
            throw DemoQueryFailure(description: "\(error)\n\(compiled.sql)")
        }
    }

    struct DemoQueryFailure: Error, CustomStringConvertible { var description: String }

    /// A cell as comparable text: numbers of any storage (SQLite double, PostgreSQL numeric) as a
    /// double with 9 significant digits; dates and months by their text.
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

    /// Rows as sorted text: ties in the sort key may come back in either order.
    static func canonical(_ rows: [[Value]]) -> [String] {
        rows.map { $0.map(cell).joined(separator: " | ") }.sorted()
    }

    /// Runs `spec` on both databases and records any difference.
    static func expectSameOnBoth(_ spec: QuerySpec, _ what: String) throws -> [[Value]] {
        let lite = try run(spec, url: try DemoFixture.sqlite.get().url)
        let pg = try run(spec, url: try DemoFixture.postgres.get().url)
        let l = canonical(lite.rows), p = canonical(pg.rows)
        if l != p {
            let index = l.indices.first { $0 >= p.count || l[$0] != p[$0] } ?? l.count
            Issue.record("""
                \(what): SQLite and PostgreSQL disagree (\(l.count) vs \(p.count) rows); first difference:
                  SQLite:     \(index < l.count ? l[index] : "(none)")
                  PostgreSQL: \(index < p.count ? p[index] : "(none)")
                SQLite SQL:
                \(lite.sql)
                """)
        }
        return lite.rows
    }

    /// Queries covering every non-hidden measure of every view in every explore: the base view's
    /// measures by its first month timeframe (or first string), then each join's measures next to
    /// the base view's count, which a one_to_many join would inflate if fan-out were mishandled.
    static func exploreSpecs() -> [(String, QuerySpec)] {
        var specs: [(String, QuerySpec)] = []
        for explore in model.explores {
            let fields = project.fields(in: explore, of: model)
            func visible(_ alias: String) -> [ExploreField] { fields.filter { $0.alias == alias && !$0.field.hidden } }
            func groupBy(_ alias: String) -> ExploreField? {
                visible(alias).first { $0.field.timeframe == "month" }
                    ?? visible(alias).first { $0.field.kind == .dimension && $0.field.type == "string" }
            }
            let base = visible(explore.alias)
            let baseCount = base.first { $0.field.type == "count" }!
            if let dimension = groupBy(explore.alias) {
                let measures = base.filter { $0.field.kind == .measure }.map(\.name)
                specs.append(("explore \(explore.name) by \(dimension.name)",
                              QuerySpec(explore: "parley/\(explore.name)", fields: [dimension.name] + measures)))
            }
            for join in explore.joins {
                guard let dimension = groupBy(join.name) else { continue }
                let measures = visible(join.name).filter { $0.field.kind == .measure }.map(\.name)
                specs.append(("explore \(explore.name) join \(join.name)",
                              QuerySpec(explore: "parley/\(explore.name)", fields: [dimension.name] + measures + [baseCount.name])))
            }
        }
        return specs
    }

    @Test func everyExploreAnswersOnBothDatabases() throws {
        let specs = Self.exploreSpecs()
        #expect(specs.count >= Self.model.explores.count * 2)
        for (what, spec) in specs {
            let rows = try Self.expectSameOnBoth(spec, what)
            #expect(!rows.isEmpty, "\(what) returned no rows")
        }
    }

    @Test func everyDashboardTileAnswersOnBothDatabases() throws {
        var tiles = 0
        for dashboard in Self.project.dashboards {
            for element in dashboard.elements where !element.fields.isEmpty {
                tiles += 1
                // No limit: a tie at the cut could keep different rows on the two databases.
                let spec = QuerySpec(
                    explore: "\(element.model!)/\(element.explore!)", fields: element.fields, filters: element.filters,
                    sorts: try QuerySpec.parseSorts(element.sorts.joined(separator: ",")), pivots: element.pivots)
                let rows = try Self.expectSameOnBoth(spec, "dashboard \(dashboard.name) tile \(element.name)")
                #expect(!rows.isEmpty, "dashboard \(dashboard.name) tile \(element.name) is empty")
                if element.type == "single_value" {
                    // "Latest month vs the one before": the newest month is October 2026.
                    let latest = try Self.run(QuerySpec(explore: spec.explore, fields: spec.fields, filters: spec.filters,
                                                        sorts: spec.sorts, limit: 2), url: try DemoFixture.sqlite.get().url)
                    #expect(latest.rows.count == 2 && Self.cell(latest.rows[0][0]).hasPrefix("2026-10"),
                            "single value \(element.name) starts at \(latest.rows.first.map { Self.cell($0[0]) } ?? "nothing")")
                }
            }
        }
        #expect(tiles >= 15)
    }

    /// Accounts fan out to opportunities AND licenses: a naive join multiplies both sums.
    @Test func revenueByRegionThroughTwoFanOutsMatchesHandWrittenSQL() throws {
        let spec = QuerySpec(explore: "parley/accounts",
                             fields: ["accounts.region", "opportunities.won_amount", "licenses.total_arr", "accounts.count", "servers.count"])
        for url in [try DemoFixture.sqlite.get().url, try DemoFixture.postgres.get().url] {
            let result = try Self.run(spec, url: url)
            let checks = [
                "SELECT a.region, SUM(o.amount_cents) / 100.0 FROM dim_accounts a JOIN fct_opportunities o ON o.account_id = a.account_id WHERE o.stage = 'Closed Won' GROUP BY a.region",
                "SELECT a.region, SUM(l.arr_cents) / 100.0 FROM dim_accounts a JOIN fct_licenses l ON l.account_id = a.account_id WHERE NOT l.is_trial GROUP BY a.region",
                "SELECT a.region, COUNT(*) FROM dim_accounts a GROUP BY a.region",
                "SELECT a.region, COUNT(*) FROM dim_accounts a JOIN dim_servers s ON s.account_id = a.account_id GROUP BY a.region",
            ]
            let connection = try Warehouse.connect(url)
            for (column, sql) in checks.enumerated() {
                var expected: [String: String] = [:]
                for row in try connection.query(sql, maxRows: 100).rows { expected[Self.cell(row[0])] = Self.cell(row[1]) }
                for row in result.rows {
                    let got = Self.cell(row[column + 1])
                    let want = expected[Self.cell(row[0])] ?? (column >= 2 ? "0" : "∅")
                    #expect(got == want, "region \(Self.cell(row[0])), \(spec.fields[column + 1]) on \(connection.dialectName): got \(got), hand-written \(want)\n\(result.sql)")
                }
            }
            let naive = try connection.query("""
                SELECT SUM(o.amount_cents) FROM dim_accounts a JOIN fct_opportunities o ON o.account_id = a.account_id
                JOIN fct_licenses l ON l.account_id = a.account_id WHERE o.stage = 'Closed Won'
                """, maxRows: 1).rows[0][0]
            let right = try connection.query("SELECT SUM(amount_cents) FROM fct_opportunities WHERE stage = 'Closed Won'", maxRows: 1).rows[0][0]
            #expect(Double(Self.cell(naive))! > 1.5 * Double(Self.cell(right))!, "the demo's fan-out should be real")
        }
    }

    /// Monthly active users are counted by the database per month, never as a sum of days.
    @Test func monthlyActiveUsersAreDistinctNotSummedDays() throws {
        let september = FilterCondition(field: "events.event_date", expression: "2026/09/01 to 2026/10/01")
        let monthly = try Self.expectSameOnBoth(
            QuerySpec(explore: "parley/events", fields: ["events.event_month", "events.active_users"], filters: [september]),
            "MAU for September 2026")
        let daily = try Self.expectSameOnBoth(
            QuerySpec(explore: "parley/events", fields: ["events.event_date", "events.active_users"], filters: [september], limit: 100),
            "DAU in September 2026")
        let url = try DemoFixture.sqlite.get().url
        let handWritten = try DemoFixture.int(
            "SELECT COUNT(DISTINCT user_id) FROM fct_events WHERE event_at >= '2026-09-01' AND event_at < '2026-10-01'", in: url)
        #expect(monthly.count == 1 && Self.cell(monthly[0][1]) == String(handWritten))
        #expect(daily.count == 30)
        let sumOfDays = daily.reduce(0) { $0 + Int(Self.cell($1[1]))! }
        #expect(sumOfDays > 2 * handWritten)
    }
}
