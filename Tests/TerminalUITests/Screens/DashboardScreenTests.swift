import SemanticModel
import Testing
import Warehouse
@testable import TerminalUI

@Suite struct DashboardScreenTests {
    let context = Fixtures.context()
    let dashboard = Fixtures.project.dashboards[0]

    func loaded() -> (DashboardScreen, [Action]) {
        var s = DashboardScreen(tag: 3, name: "sales")
        let start = s.start(context: context)
        #expect(start == [.loadDashboard(RequestID(screen: 3, sequence: 1), "sales")])
        let actions = s.receive(.dashboardLoaded(RequestID(screen: 3, sequence: 1), .success(dashboard)), context: context)
        return (s, actions)
    }

    @Test func everyQueryTileStartsAtOnceWithTheFilterDefaults() {
        let (s, actions) = loaded()
        #expect(actions == [
            .runTile(RequestID(screen: 3, sequence: 2), element: dashboard.elements[0], dashboard: dashboard, filterValues: ["status": "complete"]),
            .runTile(RequestID(screen: 3, sequence: 3), element: dashboard.elements[1], dashboard: dashboard, filterValues: ["status": "complete"]),
        ])
        #expect(s.tiles.count == 3)
    }

    @Test func tilesFillInAsTheyFinishAndRefreshCancelsStragglers() {
        var (s, _) = loaded()
        _ = s.receive(.queryFinished(RequestID(screen: 3, sequence: 3), .success(Fixtures.statusGrid), seconds: 0.3), context: context)
        guard case .loaded = s.tiles[1].state else { Issue.record("tile 2 not loaded"); return }
        guard case .loading = s.tiles[0].state else { Issue.record("tile 1 should still load"); return }
        let actions = s.press([.char("r")], context)
        #expect(actions.first == .cancel(RequestID(screen: 3, sequence: 2)))
        #expect(actions.filter { if case .runTile = $0 { true } else { false } }.count == 2)
    }

    @Test func singleValueShowsTheLatestValueTrendAndChange() {
        var (s, _) = loaded()
        _ = s.receive(.queryFinished(RequestID(screen: 3, sequence: 2), .success(Fixtures.monthlyGrid), seconds: 0.1), context: context)
        var frame = Frame(width: 100, height: 30)
        s.render(into: &frame, area: Rect(x: 0, y: 0, width: 100, height: 30), context: context)
        #expect(frame.contains("⧩ Status: complete"))
        #expect(frame.contains("Orders"))
        // October 9 after September 12: down 25%.
        #expect(frame.contains("▼ \u{2212}25.0% vs 2024-09"))
        #expect(frame.contains("Numbers refresh hourly."))
        #expect(frame.contains("loading"))
    }

    @Test func errorsStayInTheirTile() {
        var (s, _) = loaded()
        _ = s.receive(.queryFinished(RequestID(screen: 3, sequence: 3), .failure(UIError("unknown field 'orders.sttus'")), seconds: 0.1), context: context)
        var frame = Frame(width: 60, height: 40)
        s.render(into: &frame, area: Rect(x: 0, y: 0, width: 60, height: 40), context: context)
        #expect(frame.contains("unknown field 'orders.sttus'"))
    }

    @Test func enterOpensTheTileQuery() {
        var (s, _) = loaded()
        let query = QueryDraft(explore: "orders", fields: ["orders.status", "orders.count"], filters: [FilterCondition(field: "orders.status", expression: "complete")])
        _ = s.receive(.tileQueryResolved(RequestID(screen: 3, sequence: 3), query), context: context)
        let actions = s.press([.right, .enter], context)
        #expect(actions == [.openExplore(query, runImmediately: true)])
    }

    @Test func editingAFilterReloadsEveryTile() {
        var (s, _) = loaded()
        _ = s.press([.char("f"), .enter, .ctrl("u")], context)
        #expect(s.isEditingText)
        let actions = s.type("pending", context) + s.press([.enter], context)
        #expect(s.filterValues == ["status": "pending"])
        #expect(actions.filter { if case .runTile(_, _, _, let v) = $0 { v == ["status": "pending"] } else { false } }.count == 2)
    }

    @Test func layoutScalesTheNewspaperGridAndFlowsWhenNarrow() {
        var a = DashboardElement(name: "a", type: "single_value")
        a.row = 0; a.col = 0; a.width = 12; a.height = 4
        var b = DashboardElement(name: "b", type: "table")
        b.row = 0; b.col = 12; b.width = 12; b.height = 6
        var c = DashboardElement(name: "c", type: "looker_line")
        c.row = 6; c.col = 0; c.width = 24; c.height = 6
        let wide = DashboardScreen.layout([a, b, c], width: 120)
        #expect(wide[0].x == 0 && wide[0].width == 60)
        #expect(wide[1].x == 60 && wide[1].width == 60)
        #expect(wide[2].y >= wide[1].y + wide[1].height)
        let narrow = DashboardScreen.layout([a, b, c], width: 60)
        #expect(narrow.allSatisfy { $0.x + $0.width <= 60 })
        #expect(narrow[1].y >= narrow[0].y + narrow[0].height)
    }
}
