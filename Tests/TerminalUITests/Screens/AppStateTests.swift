import Testing
@testable import TerminalUI

@Suite struct AppStateTests {
    @Test func helpListsTheKeysOfTheScreenAndAnyKeyClosesIt() {
        var app = AppState(context: Fixtures.context(), start: .explore(QueryDraft(explore: "orders"), runImmediately: false))
        _ = app.press([.char("?")])
        #expect(app.showingHelp)
        let frame = app.render(width: 100, height: 30)
        for key in ["Tab / Shift-Tab", "f", "Esc", "Ctrl-C", "drill"] { #expect(frame.contains(key)) }
        _ = app.press([.char("x")])
        #expect(!app.showingHelp)
    }

    @Test func qGoesBackAndQuitsAtTheTop() {
        var app = AppState(context: Fixtures.context(), start: .explores)
        _ = app.press([.enter])
        #expect(app.stack.count == 2)
        #expect(app.press([.char("q")]).isEmpty)
        #expect(app.stack.count == 1)
        #expect(app.press([.char("q")]) == [.quit])
        #expect(app.finished)
    }

    @Test func qIsTypedWhileEditingAndClosesOverlaysFirst() {
        var app = AppState(context: Fixtures.context(), start: .explore(QueryDraft(explore: "orders"), runImmediately: false))
        _ = app.press([.char("/")])
        _ = app.type("q?")
        #expect(app.stack.count == 1 && !app.finished && !app.showingHelp)
        _ = app.press([.escape, .char("v")])
        _ = app.press([.char("q")]) // closes the SQL overlay, not the screen
        #expect(app.stack.count == 1 && !app.finished)
    }

    @Test func leavingAScreenCancelsItsQuery() {
        var app = AppState(context: Fixtures.context(), start: .explores)
        _ = app.press([.enter, .down, .enter])
        let run = app.type("r")
        guard case .run(let id, _)? = run.first else { Issue.record("no run: \(run)"); return }
        #expect(app.press([.char("q")]) == [.cancel(id)])
    }

    @Test func ctrlCQuitsFromAnywhere() {
        var app = AppState(context: Fixtures.context(), start: .dashboard("sales"))
        _ = app.press([.char("f")])
        #expect(app.press([.ctrl("c")]) == [.quit])
    }

    @Test func answersReachTheScreenThatAskedEvenWhenNotOnTop() {
        var app = AppState(context: Fixtures.context(), start: .explore(QueryDraft(explore: "orders", fields: ["orders.count"]), runImmediately: true))
        guard case .run(let id, _)? = app.takeStartEffects().first else { Issue.record("no run"); return }
        _ = app.press([.char("?"), .char("?")])
        _ = app.receive(.queryFinished(id, .success(Fixtures.statusGrid), seconds: 0.1))
        let explore = app.stack[0] as! ExploreScreen
        #expect(explore.results != nil)
    }

    /// Every screen must stay usable at 60×16 (the brief's smallest size) and survive tiny sizes.
    @Test func everyScreenDrawsAtSixtyBySixteenAndSurvivesTinySizes() {
        let context = Fixtures.context()
        var apps = [AppState(context: context, start: .explores),
                    AppState(context: context, start: .explore(QueryDraft(explore: "orders", fields: ["orders.status", "orders.count"]), runImmediately: true)),
                    AppState(context: context, start: .dashboard("sales"))]
        for i in apps.indices {
            for effect in apps[i].takeStartEffects() {
                if case .run(let id, _) = effect { _ = apps[i].receive(.queryFinished(id, .success(Fixtures.statusGrid), seconds: 0.1)) }
                if case .loadDashboard(let id, _) = effect {
                    for action in apps[i].receive(.dashboardLoaded(id, .success(Fixtures.project.dashboards[0]))) {
                        if case .runTile(let tile, _, _, _) = action { _ = apps[i].receive(.queryFinished(tile, .success(Fixtures.monthlyGrid), seconds: 0.1)) }
                    }
                }
            }
            let frame = apps[i].render(width: 60, height: 16)
            #expect(frame.line(0).hasPrefix(" Spyglass"))
            #expect(frame.lines.allSatisfy { DisplayWidth.of($0) == 60 })
            for (w, h) in [(1, 1), (20, 6), (21, 7), (30, 8), (45, 12)] { _ = apps[i].render(width: w, height: h) }
            for key in [Key.tab, .down, .right, .char("c"), .pageDown, .end, .left, .up] {
                _ = apps[i].handle(key)
                _ = apps[i].render(width: 60, height: 16)
            }
        }
    }
}

@Suite struct HelpScrollTests {
    /// At 60×16 the explore help is taller than the screen: arrows scroll it so every key can be read.
    @Test func helpScrollsWhenItDoesNotFit() {
        var app = AppState(context: Fixtures.context(), start: .explore(QueryDraft(explore: "orders"), runImmediately: false))
        _ = app.press([.char("?")])
        let first = app.render(width: 60, height: 16)
        #expect(first.contains("Keys (↑↓ more)"))
        #expect(!first.contains("Ctrl-C"))
        _ = app.press(Array(repeating: .down, count: 30))
        #expect(app.showingHelp)
        #expect(app.render(width: 60, height: 16).contains("Ctrl-C"))
        _ = app.press([.escape])
        #expect(!app.showingHelp)
    }
}
