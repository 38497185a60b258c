import Testing
import Warehouse
@testable import TerminalUI

/// Issue 13: sorting as a spreadsheet does it. `s` makes the column the only key (↓, then ↑, then
/// off); `S` adds it as a further key; the grid's header shows the arrows.
@Suite struct SpreadsheetSortTests {
    let context = Fixtures.context()

    func answered(_ s: inout ExploreScreen, _ actions: [Action]) {
        for case .run(let id, _) in actions {
            _ = s.receive(.queryFinished(id, .success(Fixtures.statusGrid), seconds: 0.1), context: context)
        }
    }

    /// Bug: `s` added a sort key after the existing ones, so nothing visibly changed.
    @Test func sReplacesTheSortAndCyclesDescAscOff() {
        var s = ExploreScreen(tag: 7, project: Fixtures.project,
                              draft: QueryDraft(explore: "orders", fields: ["orders.status", "orders.count"],
                                                sorts: [.init(field: "orders.status", descending: false)]), runImmediately: false)
        answered(&s, s.press([.char("r")], context))
        #expect(s.focus == .results)
        answered(&s, s.press([.char("l"), .char("s")], context))  // onto Orders Count
        #expect(s.draft.sorts == [.init(field: "orders.count", descending: true)])
        #expect(s.results?.currentColumn?.name == "orders.count")  // the cursor stayed on the column
        answered(&s, s.press([.char("s")], context))
        #expect(s.draft.sorts == [.init(field: "orders.count", descending: false)])
        answered(&s, s.press([.char("s")], context))
        #expect(s.draft.sorts.isEmpty)
    }

    @Test func capitalSAddsAFurtherKey() {
        var s = ExploreScreen(tag: 7, project: Fixtures.project,
                              draft: QueryDraft(explore: "orders", fields: ["orders.status", "orders.count"]), runImmediately: false)
        answered(&s, s.press([.char("r")], context))
        answered(&s, s.press([.char("l"), .char("s"), .char("h"), .char("S")], context))
        #expect(s.draft.sorts == [.init(field: "orders.count", descending: true), .init(field: "orders.status", descending: true)])
        answered(&s, s.press([.char("S")], context))
        #expect(s.draft.sorts == [.init(field: "orders.count", descending: true), .init(field: "orders.status", descending: false)])
        answered(&s, s.press([.char("S")], context))
        #expect(s.draft.sorts == [.init(field: "orders.count", descending: true)])
    }

    @Test func headerShowsTheArrowsOfTheSortThatRan() {
        var s = ExploreScreen(tag: 7, project: Fixtures.project,
                              draft: QueryDraft(explore: "orders", fields: ["orders.status", "orders.count"],
                                                sorts: [.init(field: "orders.count", descending: true), .init(field: "orders.status", descending: false)]),
                              runImmediately: false)
        answered(&s, s.press([.char("r")], context))
        var frame = Frame(width: 100, height: 30)
        s.render(into: &frame, area: Rect(x: 0, y: 0, width: 100, height: 30), context: context)
        #expect(frame.contains("↓1 Orders Count"))
        #expect(frame.contains("↑2 Orders Status"))
    }
}
