import SemanticModel
import Testing
import Warehouse
@testable import TerminalUI

@Suite struct ExploreScreenTests {
    let context = Fixtures.context()

    func screen(_ draft: QueryDraft = QueryDraft(explore: "orders"), run: Bool = false) -> ExploreScreen {
        ExploreScreen(tag: 7, project: Fixtures.project, draft: draft, runImmediately: run)
    }

    func rowIndex(_ screen: ExploreScreen, field name: String) -> Int? {
        screen.pickerRows.firstIndex { if case .field(let e, _) = $0 { e.name == name } else { false } }
    }

    @Test func pickerGroupsViewsAndFoldsDimensionGroups() {
        let s = screen()
        let rows = s.pickerRows
        #expect(rows.first == .view(alias: "orders", label: "Orders", collapsed: false))
        // Dimensions before measures; the dimension group is one collapsed row; hidden fields are out.
        let names = rows.map { row -> String in
            switch row {
            case .view(let alias, _, _): "view:\(alias)"
            case .group(let key, _, _): "group:\(key)"
            case .field(let e, _): e.name
            }
        }
        #expect(names == ["view:orders", "orders.id", "orders.status", "group:orders.created", "orders.count", "orders.revenue",
                          "view:users", "users.name", "users.country", "users.count"])
        #expect(s.draft.explore == "shop/orders")
    }

    @Test func enterExpandsAGroupAndPicksTimeframes() {
        var s = screen()
        _ = s.press([.down, .down, .enter], context) // onto "Created", expand
        #expect(rowIndex(s, field: "orders.created_month") != nil)
        _ = s.press([.down, .down, .enter], context) // month
        #expect(s.draft.fields == ["orders.created_month"])
        _ = s.press([.enter], context) // unpick
        #expect(s.draft.fields.isEmpty)
    }

    @Test func spaceTogglesFieldsAndTabMovesPanes() {
        var s = screen()
        _ = s.press([.down, .char(" ")], context)
        #expect(s.draft.fields == ["orders.status"])
        _ = s.press([.tab], context)
        #expect(s.focus == .query)
        _ = s.press([.tab], context)
        #expect(s.focus == .fields) // no results yet: the results pane is skipped
    }

    @Test func sortCyclesDescendingAscendingOff() {
        var s = screen()
        _ = s.press([.down], context)
        _ = s.press([.char("s")], context)
        #expect(s.draft.sorts == [.init(field: "orders.status", descending: true)])
        #expect(s.draft.fields == ["orders.status"])
        _ = s.press([.char("s")], context)
        #expect(s.draft.sorts == [.init(field: "orders.status", descending: false)])
        _ = s.press([.char("s")], context)
        #expect(s.draft.sorts.isEmpty)
    }

    @Test func pivotOnlyOnDimensions() {
        var s = screen()
        _ = s.press([.down, .char("p")], context)
        #expect(s.draft.pivots == ["orders.status"])
        _ = s.press([.down, .down, .char("p")], context) // orders.count: a measure
        #expect(s.draft.pivots == ["orders.status"])
        #expect(s.message == "Only dimensions can be pivoted.")
    }

    @Test func filterEditorCommitsAndEditsAndRemoves() {
        var s = screen()
        _ = s.press([.down, .char("f")], context)
        #expect(s.isEditingText)
        _ = s.type("complete, pending", context)
        _ = s.press([.enter], context)
        #expect(s.draft.filters == [FilterCondition(field: "orders.status", expression: "complete, pending")])
        // Editing again starts from the current expression; emptying it removes the filter.
        _ = s.press([.char("f"), .ctrl("u"), .enter], context)
        #expect(s.draft.filters.isEmpty)
    }

    @Test func invalidFilterIsShownAndNotApplied() {
        let strict = UIContext(project: Fixtures.project, validateFilter: { text, _, name in
            text.contains("!") ? "invalid filter for '\(name)': unexpected '!'" : nil
        })
        var s = screen()
        _ = s.press([.char("f")], strict)
        _ = s.type(">!3", strict)
        _ = s.press([.enter], strict)
        #expect(s.draft.filters.isEmpty)
        guard case .filter(let editor, _)? = s.modal else { Issue.record("the editor closed"); return }
        #expect(editor.error == "invalid filter for 'orders.id': unexpected '!'")
        _ = s.press([.escape], strict)
        #expect(s.modal == nil)
    }

    @Test func stringFiltersAskForSuggestionsAndMergeAnswers() {
        var s = screen()
        _ = s.press([.down, .char("f")], context)
        let actions = s.type("co", context)
        #expect(actions.last == .suggest(RequestID(screen: 7, sequence: 2), field: "orders.status", explore: "shop/orders", prefix: "co"))
        _ = s.receive(.suggestions(RequestID(screen: 7, sequence: 1), ["stale"]), context: context)
        _ = s.receive(.suggestions(RequestID(screen: 7, sequence: 2), ["complete", "cold, storage"]), context: context)
        guard case .filter(let editor, _)? = s.modal else { Issue.record("the editor closed"); return }
        #expect(editor.suggestions == ["complete", "cold, storage"])
        // Choosing a suggestion escapes the grammar's commas.
        _ = s.press([.down, .down, .enter, .enter], context)
        #expect(s.draft.filters == [FilterCondition(field: "orders.status", expression: "cold^, storage")])
    }

    @Test func runEmitsTheDraftAndResultsArriveWithFocus() {
        var s = screen(QueryDraft(explore: "orders", fields: ["orders.status", "orders.count"]))
        let actions = s.press([.char("r")], context)
        let id = RequestID(screen: 7, sequence: 1)
        #expect(actions == [.run(id, QueryDraft(explore: "shop/orders", fields: ["orders.status", "orders.count"])),
                            .remember(QueryDraft(explore: "shop/orders", fields: ["orders.status", "orders.count"]))])
        #expect(s.run == .running(id, started: 100))
        _ = s.receive(.queryFinished(id, .success(Fixtures.statusGrid), seconds: 0.2), context: context)
        #expect(s.run == .idle)
        #expect(s.focus == .results)
        #expect(s.results?.grid.rows.count == 3)
    }

    @Test func escapeCancelsARunningQueryAndItsLateAnswerIsIgnored() {
        var s = screen(QueryDraft(explore: "orders", fields: ["orders.count"]))
        _ = s.press([.char("r")], context)
        let id = RequestID(screen: 7, sequence: 1)
        #expect(s.press([.escape], context) == [.cancel(id)])
        #expect(s.run == .failed("Query cancelled."))
        _ = s.receive(.queryFinished(id, .failure(UIError("canceling statement due to user request")), seconds: 1), context: context)
        #expect(s.run == .failed("Query cancelled."))
    }

    @Test func errorsStayInlineAndTheScreenStaysUsable() {
        var s = screen(QueryDraft(explore: "orders", fields: ["orders.count"]))
        _ = s.press([.char("r")], context)
        _ = s.receive(.queryFinished(RequestID(screen: 7, sequence: 1), .failure(UIError("cannot connect to host 'db.example'")), seconds: 1), context: context)
        var frame = Frame(width: 80, height: 20)
        s.render(into: &frame, area: Rect(x: 0, y: 0, width: 80, height: 20), context: context)
        #expect(frame.contains("cannot connect to host 'db.example'"))
        _ = s.press([.down, .enter], context)
        #expect(s.draft.fields == ["orders.count", "orders.status"])
    }

    @Test func runWithoutFieldsExplains() {
        var s = screen()
        #expect(s.press([.char("r")], context).isEmpty)
        #expect(s.message == "Pick at least one dimension or measure first.")
    }

    @Test func runImmediatelyStartsOnOpen() {
        var s = screen(QueryDraft(explore: "orders", fields: ["orders.created_month", "orders.count"]), run: true)
        let actions = s.start(context: context)
        #expect(actions.count == 2)  // run, and remember it in the history
        // The group of a picked timeframe starts expanded so the pick is visible.
        #expect(rowIndex(s, field: "orders.created_month") != nil)
    }

    @Test func drillOpensTheRowsBehindAMeasure() {
        var s = screen(QueryDraft(explore: "orders", fields: ["orders.status", "orders.count"], filters: [FilterCondition(field: "users.country", expression: "NL")]))
        _ = s.press([.char("r")], context)
        _ = s.receive(.queryFinished(RequestID(screen: 7, sequence: 1), .success(Fixtures.statusGrid), seconds: 0.1), context: context)
        // Enter on a dimension explains; on the count of the NULL-status row it drills.
        #expect(s.press([.enter], context).isEmpty)
        let actions = s.press([.down, .down, .right, .enter], context)
        #expect(actions == [.openExplore(QueryDraft(explore: "shop/orders", fields: ["orders.id", "orders.status", "users.name"],
                                                    filters: [FilterCondition(field: "users.country", expression: "NL"),
                                                              FilterCondition(field: "orders.status", expression: "NULL")],
                                                    limit: 500), runImmediately: true)])
    }

    @Test func queryPaneRemovesAndReorders() {
        var s = screen(QueryDraft(explore: "orders", fields: ["orders.status", "orders.count"], sorts: [.init(field: "orders.count", descending: true)]))
        _ = s.press([.tab, .char("J")], context)
        #expect(s.draft.fields == ["orders.count", "orders.status"])
        _ = s.press([.char("d")], context)
        #expect(s.draft.fields == ["orders.count"])
        _ = s.press([.up, .char("d")], context)
        #expect(s.draft.fields.isEmpty)
        #expect(s.draft.sorts.isEmpty) // removing a field removes its sort
    }

    @Test func limitAndTotals() {
        var s = screen()
        _ = s.press([.char("L")], context)
        _ = s.type("25x0", context) // letters are ignored
        _ = s.press([.enter, .char("t"), .char("T")], context)
        #expect(s.draft.limit == 250)
        #expect(s.draft.totals)
        #expect(s.draft.rowTotals)
    }

    @Test func sqlViewerShowsCompiledSQL() {
        var s = screen(QueryDraft(explore: "orders", fields: ["orders.count"]))
        let actions = s.press([.char("v")], context)
        #expect(actions == [.compileSQL(RequestID(screen: 7, sequence: 1), s.draft)])
        _ = s.receive(.sqlCompiled(RequestID(screen: 7, sequence: 1), .success("SELECT\n  COUNT(*)\nFROM orders")), context: context)
        var frame = Frame(width: 60, height: 16)
        s.render(into: &frame, area: Rect(x: 0, y: 0, width: 60, height: 16), context: context)
        #expect(frame.contains("COUNT(*)"))
        _ = s.press([.escape], context)
        #expect(s.modal == nil)
    }

    @Test func fieldSearchFindsByLabel() {
        var s = screen()
        _ = s.press([.char("/")], context)
        _ = s.type("revenu", context)
        _ = s.press([.enter], context)
        #expect(s.pickerEntry?.name == "orders.revenue")
        _ = s.press([.enter], context)
        #expect(s.draft.fields == ["orders.revenue"])
    }

    @Test func showsTheFieldDescriptionUnderTheCursor() {
        var s = screen()
        _ = s.press([.down], context)
        var frame = Frame(width: 100, height: 30)
        s.render(into: &frame, area: Rect(x: 0, y: 0, width: 100, height: 30), context: context)
        #expect(frame.contains("Where the order is in fulfilment"))
        #expect(frame.contains("orders.status · dimension · string"))
    }
}

@Suite struct ResultsSortTests {
    @Test func sortingFromTheGridRunsAgain() {
        let context = Fixtures.context()
        var s = ExploreScreen(tag: 7, project: Fixtures.project, draft: QueryDraft(explore: "orders", fields: ["orders.status", "orders.count"]), runImmediately: false)
        _ = s.press([.char("r")], context)
        _ = s.receive(.queryFinished(RequestID(screen: 7, sequence: 1), .success(Fixtures.statusGrid), seconds: 0.1), context: context)
        let actions = s.press([.right, .char("s")], context)
        let sorted = QueryDraft(explore: "shop/orders", fields: ["orders.status", "orders.count"], sorts: [.init(field: "orders.count", descending: true)])
        #expect(actions == [.run(RequestID(screen: 7, sequence: 2), sorted), .remember(sorted)])
    }
}
