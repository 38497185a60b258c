import Presentation
import SemanticModel
import Testing
import Warehouse

/// `--alert 'FIELD OP N'` on a tile's first row (the current period).
@Suite("Report alerts")
struct ReportAlertTests {
    static func report(_ current: Value, previous: Value = .int(10)) -> Report {
        let table = ResultTable(
            columns: [ResultTable.Column(name: "activity.month", label: "Activity Month"),
                      ResultTable.Column(name: "activity.servers", label: "Activity Servers", isMeasure: true)],
            rows: [[.string("2026-10"), current], [.string("2026-09"), previous]])
        return Report(name: "health", title: "Health", tiles: [
            ReportTile(name: "servers", title: "Active servers", type: "single_value", table: table),
            ReportTile(name: "note", title: "Note", type: "text", table: nil, bodyText: "hello"),
        ])
    }

    @Test(arguments: [
        (">", 1000.0, true), (">", 1234, false), (">=", 1234, true), (">=", 1235, false),
        ("<", 1235, true), ("<", 1234, false), ("<=", 1234, true), ("<=", 1233, false),
        ("=", 1234, true), ("==", 1234, true), ("=", 1000, false), ("!=", 1000, true), ("!=", 1234, false),
    ])
    func everyOperatorComparesTheCurrentPeriod(op: String, threshold: Double, crosses: Bool) throws {
        let alert = try ReportAlert(parsing: "activity.servers \(op) \(Int(threshold))")
        let found = try alert.crossings(in: Self.report(.int(1234)))
        #expect(found.count == (crosses ? 1 : 0))
        if crosses {
            let shown = op == "==" ? "=" : op
            #expect(found.first?.description == "Active servers 1,234 \(shown) \(Int(threshold).formatted(.number.grouping(.automatic).locale(.init(identifier: "en_US"))))")
            #expect(found.first?.tile == "servers")
        }
    }

    /// The previous period (second row) never triggers: only the current one counts.
    @Test func onlyTheFirstRowCounts() throws {
        let alert = try ReportAlert(parsing: "activity.servers>100")
        #expect(try alert.crossings(in: Self.report(.int(5), previous: .int(500))).isEmpty)
        #expect(try alert.crossings(in: Self.report(.null, previous: .int(500))).isEmpty)
        #expect(try alert.crossings(in: Self.report(.decimal("100.5"))).count == 1)
    }

    @Test func appliesOnlyToFieldsATileShows() throws {
        #expect(try ReportAlert(parsing: "activity.servers > 1").applies(to: Self.report(.int(1))))
        #expect(!(try ReportAlert(parsing: "activity.users > 1").applies(to: Self.report(.int(1)))))
    }

    @Test(arguments: ["activity.servers", "activity.servers ~ 3", "> 3", "activity.servers > many", "activity.servers => 3", "activity.servers > "])
    func malformedAlertsAreRefusedWithTheirText(text: String) {
        do {
            _ = try ReportAlert(parsing: text)
            Issue.record("'\(text)' was accepted")
        } catch let error as ReportError {
            #expect(error.message.contains("--alert"))
        } catch {
            Issue.record("unexpected \(error)")
        }
    }

    /// The fingerprint follows the results, not the time the report was made.
    @Test func fingerprintFollowsResultsOnly() {
        var a = Self.report(.int(1234))
        var b = Self.report(.int(1234))
        a.generatedAt = .init(timeIntervalSince1970: 0)
        b.generatedAt = .init(timeIntervalSince1970: 86_400)
        #expect(a.fingerprint == b.fingerprint)
        #expect(a.fingerprint != Self.report(.int(1235)).fingerprint)
        #expect(a.fingerprint.count == 32)
    }

    // MARK: which tiles and which period an alert watches (issue 13)

    static func monthField() -> Field {
        var field = Field(view: "activity", name: "activity_month", kind: .dimension, type: "date_month")
        field.timeframe = "month"
        return field
    }

    /// The dashboard of the README's cron example: a single value (latest first, limit 2) and a
    /// trend of the same measure split by edition, oldest month first.
    static func healthReport(latest: Int64) -> Report {
        let month = ResultTable.Column(field: monthField())
        let servers = ResultTable.Column(name: "activity.servers", label: "Activity Servers", isMeasure: true)
        func m(_ text: String) -> Value {
            let parts = text.split(separator: "-").map { Int($0)! }
            return .date(LocalDate(year: parts[0], month: parts[1], day: 1))
        }
        let single = ResultTable(columns: [month, servers], rows: [[m("2026-11"), .int(latest)], [m("2026-10"), .int(140)]])
        var pivoted = [servers, servers, servers]
        pivoted[0].pivotLabel = "free"; pivoted[1].pivotLabel = "pro"
        pivoted[2].isRowTotal = true
        let trend = ResultTable(columns: [month] + pivoted, rows: [
            [m("2024-01"), .int(20), .int(30), .int(50)],
            [m("2026-11"), .int(60), .int(73), .int(latest)],
        ], pivotColumns: [ResultTable.Column(name: "servers.edition", label: "Servers Edition")])
        return Report(name: "health", title: "Health", tiles: [
            ReportTile(name: "active_servers_by_month", title: "Active Servers (latest month)", type: "single_value", table: single),
            ReportTile(name: "active_servers_trend", title: "Active Servers by Month and Edition", type: "looker_line", table: trend),
        ])
    }

    /// Bug: `--alert 'server_daily_activity.reporting_servers < 120'` fired on a latest value of 133,
    /// because the trend tile's first row (its oldest month) and each pivot column were checked too.
    @Test func trendTilesOldestMonthAndPivotColumnsDoNotFire() throws {
        let alert = try ReportAlert(parsing: "activity.servers < 120")
        #expect(try alert.crossings(in: Self.healthReport(latest: 133)).isEmpty)
        let fired = try alert.crossings(in: Self.healthReport(latest: 110))
        #expect(fired.map(\.description) == ["Active Servers (latest month) 110 < 120"])
    }

    /// `--tile` watches one tile's latest period; a pivoted one by its row total, or per series when asked.
    @Test func namedTileIsCheckedInItsLatestPeriod() throws {
        let report = Self.healthReport(latest: 133)
        let below = try ReportAlert(parsing: "activity.servers < 70")
        #expect(try below.crossings(in: report, tile: "active_servers_trend").isEmpty)  // total 133
        let perSeries = try below.crossings(in: report, tile: "active_servers_trend", perSeries: true)
        #expect(perSeries.map(\.description) == ["Active Servers by Month and Edition (free, 2026-11) 60 < 70"])
        let total = try ReportAlert(parsing: "activity.servers > 130").crossings(in: report, tile: "active_servers_trend")
        #expect(total.map(\.description) == ["Active Servers by Month and Edition (total, 2026-11) 133 > 130"])
    }

    @Test func splitTileWithoutTotalsAsksForPerSeries() throws {
        var report = Self.healthReport(latest: 133)
        var trend = report.tiles[1].table!
        trend.columns.removeLast()
        trend.rows = trend.rows.map { Array($0.dropLast()) }
        report.tiles[1].table = trend
        #expect(throws: ReportError.self) { try ReportAlert(parsing: "activity.servers < 70").crossings(in: report, tile: "active_servers_trend") }
        do {
            _ = try ReportAlert(parsing: "activity.servers < 70").crossings(in: report, tile: "active_servers_trend")
        } catch let error as ReportError {
            #expect(error.message.contains("--per-series"))
        }
    }

    @Test func noSingleValueTileNamesTheTilesShowingTheField() throws {
        var report = Self.healthReport(latest: 133)
        report.tiles.removeFirst()
        do {
            _ = try ReportAlert(parsing: "activity.servers < 70").crossings(in: report)
            Issue.record("accepted")
        } catch let error as ReportError {
            #expect(error.message.contains("--tile") && error.message.contains("active_servers_trend"))
        }
    }
}
