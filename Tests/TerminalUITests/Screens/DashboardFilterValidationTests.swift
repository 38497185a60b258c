import Foundation
import SemanticModel
import Testing
@testable import TerminalUI

/// The dashboard filter editor validates values as they are typed, with the grammar of each
/// filter's type, and refuses to apply an invalid one. The validator is the real one the app uses
/// (QueryEngine's `FilterExpression.parse` through `WorkspaceService`).
@Suite struct DashboardFilterValidationTests {
    let context = UIContext(project: Fixtures.project, validateFilter: WorkspaceService.validateFilter, clock: { 100 })

    /// Fixtures' shop model with one filter of every type; the tile listens to all of them.
    static let dashboard: Dashboard = {
        var dashboard = Dashboard(name: "typed", title: "Typed Filters")
        func filter(_ name: String, _ type: String?, title: String? = nil, model: String? = nil, explore: String? = nil,
                    field: String? = nil) -> DashboardFilter {
            var f = DashboardFilter(name: name)
            f.type = type
            f.title = title
            f.model = model
            f.explore = explore
            f.field = field
            return f
        }
        dashboard.filters = [
            filter("created", "date_filter", title: "Created"),
            filter("amount", "number_filter"),
            filter("status", "string_filter"),
            filter("order_id", "field_filter", model: "shop", explore: "orders", field: "orders.id"),
            // No explore on the filter: found through the tile that listens to it.
            filter("month", "field_filter", field: "orders.created_date"),
            filter("customer", "field_filter", explore: "orders", field: "users.name"),
        ]
        var tile = DashboardElement(name: "by_status", type: "table")
        tile.explore = "orders"
        tile.fields = ["orders.status", "orders.count"]
        tile.listen = ["created": "orders.created_date", "amount": "orders.revenue", "status": "orders.status",
                       "order_id": "orders.id", "month": "orders.created_date", "customer": "users.name"]
        dashboard.elements = [tile]
        return dashboard
    }()

    func loaded() -> DashboardScreen {
        var s = DashboardScreen(tag: 5, name: "typed")
        _ = s.start(context: context)
        _ = s.receive(.dashboardLoaded(RequestID(screen: 5, sequence: 1), .success(Self.dashboard)), context: context)
        return s
    }

    /// Opens the editor on filter `index` with an empty value.
    func editing(_ index: Int) -> DashboardScreen {
        var s = loaded()
        _ = s.press([.char("f")] + Array(repeating: .down, count: index) + [.enter, .ctrl("u")], context)
        #expect(s.isEditingText)
        return s
    }

    @Test func eachFilterTypeMapsToItsGrammar() {
        let project = Fixtures.project
        let types = Self.dashboard.filters.map {
            DashboardScreen.grammarField(for: $0, in: Self.dashboard, project: project).map(WorkspaceService.filterType(of:))
        }
        #expect(types == [.date, .number, .string, .number, .date, .string])
        var unknown = DashboardFilter(name: "x")
        unknown.type = "field_filter"
        unknown.explore = "orders"
        unknown.field = "orders.no_such_field"
        #expect(DashboardScreen.grammarField(for: unknown, in: Self.dashboard, project: project) == nil)
    }

    @Test func typingAnInvalidDateShowsTheErrorAndEnterKeepsTheEditorOpen() {
        var s = editing(0)
        _ = s.type("next tuesdayish", context)
        let error = s.filterError ?? ""
        #expect(error.contains("'Created'"), "\(error)")
        var frame = Frame(width: 100, height: 30)
        s.render(into: &frame, area: Rect(x: 0, y: 0, width: 100, height: 30), context: context)
        #expect(frame.contains("invalid filter for 'Created'"))
        // The message sits right under the input line.
        let inputRow = (0..<30).first { frame.line($0).contains("Created: next tuesdayish") }
        let errorRow = (0..<30).first { frame.line($0).contains("invalid filter for 'Created'") }
        #expect(inputRow != nil && errorRow == inputRow.map { $0 + 1 })

        let actions = s.press([.enter], context)
        #expect(actions.isEmpty)
        #expect(s.isEditingText)
        #expect(s.filterValues["created"] == nil)
        #expect(s.filterError != nil)
    }

    @Test func fixingTheValueClearsTheErrorAndAppliesIt() {
        var s = editing(0)
        _ = s.type("yesterdayish", context)
        #expect(s.filterError != nil)
        _ = s.press([.ctrl("u")], context)
        #expect(s.filterError == nil, "empty removes the filter: valid")
        _ = s.type("last 7 days", context)
        #expect(s.filterError == nil)
        let actions = s.press([.enter], context)
        #expect(!s.isEditingText)
        #expect(s.filterValues["created"] == "last 7 days")
        #expect(actions.contains { if case .runTile(_, _, _, let v) = $0 { v["created"] == "last 7 days" } else { false } })
    }

    @Test func numberFiltersRejectWordsAndAcceptRanges() {
        var s = editing(1)
        _ = s.type("lots", context)
        #expect(s.filterError?.contains("'Amount'") == true, "\(s.filterError ?? "nil")")
        _ = s.press([.ctrl("u")], context)
        _ = s.type("[10,20)", context)
        #expect(s.filterError == nil)
    }

    @Test func fieldFiltersUseTheFieldsTypeFromTheModel() {
        var id = editing(3)
        _ = id.type("abc", context)
        #expect(id.filterError != nil, "orders.id is a number")
        var month = editing(4)
        _ = month.type("abc", context)
        #expect(month.filterError != nil, "orders.created_date is a date")
        _ = month.press([.ctrl("u")], context)
        _ = month.type("2024-05", context)
        #expect(month.filterError == nil)
        var customer = editing(5)
        _ = customer.type("abc%, -x", context)
        #expect(customer.filterError == nil, "users.name is a string")
        #expect(!customer.press([.enter], context).isEmpty)
    }

    @Test func escapeDropsTheErrorWithTheEdit() {
        var s = editing(1)
        _ = s.type("lots", context)
        _ = s.press([.escape], context)
        #expect(!s.isEditingText && s.filterError == nil && s.filterValues["amount"] == nil)
    }

    /// Regression: the dashboard filter editor applied any text, so a bad value (e.g. a word in a
    /// number filter) reloaded every tile only for each to fail with the same filter error.
    @Test func invalidDashboardFilterValueNoLongerRunsTiles() {
        var s = editing(1)
        let actions = s.type("abc", context) + s.press([.enter, .enter], context)
        #expect(!actions.contains { if case .runTile = $0 { true } else { false } })
        #expect(s.filterValues["amount"] == nil)
    }
}

extension DashboardFilterValidationTests {
    /// At the smallest supported size the whole error sentence still shows, wrapped in the box.
    @Test func theErrorWrapsInsideTheBoxAtSixtyBySixteen() {
        var s = editing(1)
        _ = s.type("lots", context)
        let error = s.filterError ?? ""
        var frame = Frame(width: 60, height: 16)
        s.render(into: &frame, area: Rect(x: 0, y: 1, width: 60, height: 14), context: context)
        let shown = frame.lines.map { line in
            line.replacingOccurrences(of: "│", with: "").trimmingCharacters(in: .whitespaces)
        }.filter { !$0.isEmpty }.joined(separator: " ")
        #expect(!error.isEmpty && shown.contains(error), "\(frame)")
    }
}
