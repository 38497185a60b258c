import SemanticModel
import Testing
import Warehouse
@testable import TerminalUI

/// Issue 13, item 3, as state machines: history, saved looks, undo for clear, and the prompt before
/// leaving a query that was neither run nor saved.
@Suite struct KeepWorkTests {
    let context = Fixtures.context()
    let query = QueryDraft(explore: "shop/orders", fields: ["orders.status", "orders.count"])

    @Test func runningAQueryPutsItInTheHistory() {
        var app = AppState(context: context, start: .explore(query, runImmediately: false))
        let effects = app.handle(.char("r"))
        #expect(effects.contains(.remember(query)))
        #expect(app.saved.history == [query])
    }

    @Test func wSavesALookThatTheStartScreenLists() {
        var app = AppState(context: context, start: .explores)
        _ = app.handle(.enter)  // the first explore: shop/orders
        var effects: [Action] = []
        for key in [Key.char("/"), .char("s"), .char("t"), .char("a"), .char("t"), .char("u"), .char("s"), .enter, .enter, .char("w")] {
            effects += app.handle(key)
        }
        for c in "By status" { effects += app.handle(.char(c)) }
        effects += app.handle(.enter)
        #expect(effects.contains(.saveLook(name: "By status", QueryDraft(explore: "shop/orders", fields: ["orders.status"]))))
        // Saved, so leaving asks nothing; the start screen lists the look first.
        _ = app.handle(.char("q"))
        let list = app.top as? ExploreListScreen
        #expect(list?.selected == .look(name: "By status", draft: QueryDraft(explore: "shop/orders", fields: ["orders.status"]),
                                         summary: "Orders: Status"))
        let open = app.handle(.enter)
        #expect(open.contains { if case .run(_, let draft) = $0 { draft.fields == ["orders.status"] } else { false } })
        #expect((app.top as? ExploreScreen)?.lookName == "By status")
    }

    /// Bug: X cleared the query with no confirm or undo.
    @Test func clearIsUndone() {
        var s = ExploreScreen(tag: 7, project: Fixtures.project, draft: query, runImmediately: false)
        _ = s.press([.char("X")], context)
        #expect(s.draft.fields.isEmpty)
        #expect(s.message == "Query cleared · u undoes")
        _ = s.press([.char("u")], context)
        #expect(s.draft == query)
    }

    /// Bug: leaving an explore discarded the query without a word.
    @Test func leavingUnsavedWorkAsksFirst() {
        var app = AppState(context: context, start: .explores)
        _ = app.handle(.enter)
        _ = app.handle(.down)
        _ = app.handle(.enter)  // pick a field: unsaved, not run
        #expect(app.handle(.char("q")).isEmpty)
        let explore = app.top as? ExploreScreen
        guard case .confirmLeave? = explore?.modal else { Issue.record("no prompt"); return }
        _ = app.handle(.char("n"))
        #expect(app.top is ExploreScreen)
        _ = app.handle(.char("q"))
        _ = app.handle(.char("y"))
        #expect(app.top is ExploreListScreen)
    }

    @Test func aQueryThatRanLeavesWithoutAPrompt() {
        var app = AppState(context: context, start: .explore(query, runImmediately: false))
        _ = app.handle(.char("r"))
        _ = app.handle(.char("q"))
        #expect(app.finished)
    }
}

/// Bug: the UI broke error text mid-word.
@Suite struct ErrorWrappingTests {
    @Test func longErrorsWrapBetweenWords() {
        let context = Fixtures.context()
        var s = ExploreScreen(tag: 7, project: Fixtures.project,
                              draft: QueryDraft(explore: "orders", fields: ["orders.status"]), runImmediately: false)
        _ = s.press([.char("r")], context)
        let message = "join 'missing_view' in explore 'things' uses view 'missing_view', which model 'broken' does not define"
        _ = s.receive(.queryFinished(RequestID(screen: 7, sequence: 1), .failure(UIError(message)), seconds: 0.1), context: context)
        var frame = Frame(width: 60, height: 20)
        s.render(into: &frame, area: Rect(x: 0, y: 0, width: 60, height: 20), context: context)
        let words = Set(message.split(separator: " ").map(String.init))
        let shown = frame.lines.filter { $0.contains("missing_view") || $0.contains("does not define") }
        #expect(shown.count >= 2, "\(frame.lines.joined(separator: "\n"))")
        // Every word on the wrapped lines is whole.
        for line in shown.dropFirst() {
            let text = line.split(separator: "│").last.map(String.init) ?? line
            for word in text.split(separator: " ") { #expect(words.contains(String(word)), "cut word '\(word)' in '\(line)'") }
        }
    }
}
