import Presentation
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
        let found = alert.crossings(in: Self.report(.int(1234)))
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
        #expect(alert.crossings(in: Self.report(.int(5), previous: .int(500))).isEmpty)
        #expect(alert.crossings(in: Self.report(.null, previous: .int(500))).isEmpty)
        #expect(alert.crossings(in: Self.report(.decimal("100.5"))).count == 1)
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
}
