import Testing
@testable import TerminalUI

@Suite struct ExploreListScreenTests {
    let context = Fixtures.context()

    @Test func groupsExploresByModelAndGroupLabelAndHidesHiddenOnes() {
        let screen = ExploreListScreen(tag: 1, project: Fixtures.project)
        #expect(screen.allItems == [
            .heading("Shop"),
            .explore(model: "shop", name: "orders", label: "Orders", description: "Orders with their customers"),
            .heading("Shop › People"),
            .explore(model: "shop", name: "users", label: "Users", description: nil),
            .heading("Web Analytics"),
            .explore(model: "web", name: "events", label: "Site Events", description: nil),
            .heading("Dashboards"),
            .dashboard(name: "sales", title: "Sales Overview", description: nil),
        ])
        // The cursor starts on the first explore, not on a heading.
        #expect(screen.selected == .explore(model: "shop", name: "orders", label: "Orders", description: "Orders with their customers"))
    }

    @Test func movingSkipsHeadings() {
        var screen = ExploreListScreen(tag: 1, project: Fixtures.project)
        _ = screen.press([.down], context)
        #expect(screen.selected == .explore(model: "shop", name: "users", label: "Users", description: nil))
        _ = screen.press([.char("j"), .char("j")], context)
        #expect(screen.selected == .dashboard(name: "sales", title: "Sales Overview", description: nil))
        _ = screen.press([.up], context)
        #expect(screen.selected == .explore(model: "web", name: "events", label: "Site Events", description: nil))
    }

    @Test func fuzzySearchNarrowsAndEnterOpens() {
        var screen = ExploreListScreen(tag: 1, project: Fixtures.project)
        _ = screen.press([.char("/")], context)
        #expect(screen.isEditingText)
        _ = screen.type("sevt", context)
        #expect(screen.visible.first == .explore(model: "web", name: "events", label: "Site Events", description: nil))
        #expect(!screen.visible.contains(.explore(model: "shop", name: "orders", label: "Orders", description: "Orders with their customers")))
        _ = screen.press([.enter], context)
        #expect(!screen.isEditingText)
        let actions = screen.press([.enter], context)
        #expect(actions == [.openExplore(QueryDraft(explore: "web/events"), runImmediately: false)])
    }

    @Test func escapeClearsTheSearch() {
        var screen = ExploreListScreen(tag: 1, project: Fixtures.project)
        _ = screen.press([.char("/")], context)
        _ = screen.type("zzzz", context)
        #expect(screen.visible.isEmpty)
        _ = screen.press([.escape], context)
        #expect(screen.visible == screen.allItems)
    }

    @Test func dashboardsOpenFromTheList() {
        var screen = ExploreListScreen(tag: 1, project: Fixtures.project)
        let actions = screen.press([.end, .enter], context)
        #expect(actions == [.openDashboard("sales")])
    }

    @Test func rendersLabelsAndTheSelectedDescription() {
        var screen = ExploreListScreen(tag: 1, project: Fixtures.project)
        var frame = Frame(width: 60, height: 14)
        screen.render(into: &frame, area: Rect(x: 0, y: 0, width: 60, height: 14), context: context)
        #expect(frame.line(0).hasPrefix("Shop"))
        #expect(frame.line(1).contains("Orders"))
        #expect(frame[2, 1].style == .selection)
        #expect(frame.line(13).contains("Orders (shop/orders): Orders with their customers"))
    }
}
