import Foundation
import Presentation
import QueryEngine
import SemanticModel
import SpyglassCore
import Testing
@testable import TerminalUI

@Suite struct WorkspaceServiceTests {
    @Test func draftsAndSpecsRoundTrip() {
        let draft = QueryDraft(explore: "parley/events", fields: ["events.platform", "events.count"],
                               filters: [FilterCondition(field: "events.platform", expression: "web")],
                               sorts: [.init(field: "events.count", descending: true)], pivots: ["events.platform"],
                               limit: 10, totals: true, rowTotals: true)
        #expect(WorkspaceService.draft(from: WorkspaceService.spec(from: draft)) == draft)
    }

    /// Bug: the UI's row-limit note named a command-line flag the user cannot type there.
    @Test func rowLimitNoteNamesTheKey() {
        // The note SpyglassCore adds when the default row limit cut the answer.
        let table = ResultTable(columns: [], rows: [], notes: ["showing the first 5000 rows; raise --limit to see more"])
        #expect(WorkspaceService.grid(from: table).notes == ["showing the first 5000 rows; L raises the row limit"])
    }

    /// A query saved by the UI comes back as the same draft, and its command line runs the same query.
    @Test func savedQueriesRoundTripThroughTheStore() throws {
        let workspace = try DemoWorkspace.open()
        let home = NSTemporaryDirectory() + "spyglass-store-\(getpid())-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: home) }
        let store = SavedWorkStore(projectRoot: workspace.projectRoot, environment: ["XDG_STATE_HOME": home])
        let service = WorkspaceService(workspace: workspace, store: store)
        let draft = QueryDraft(explore: "parley/events", fields: ["events.platform", "events.count"],
                               filters: [FilterCondition(field: "events.platform", expression: "-web, it's")],
                               sorts: [.init(field: "events.count", descending: true)])
        try service.remember(draft)
        try service.saveLook(name: "Mine", draft: draft)
        try service.remember(QueryDraft(explore: "parley/users", fields: ["users.count"]))
        try service.remember(draft)  // moves to the front, no duplicate
        let saved = service.savedWork()
        #expect(saved.looks == [SavedWork.Look(name: "Mine", draft: draft)])
        #expect(saved.history.count == 2 && saved.history.first == draft)
        #expect(store.directory.hasPrefix(home + "/spyglass/projects/"))
        let line = WorkspaceService.context(for: workspace, ascii: false).commandLine(draft)
        #expect(line.contains("--filter 'events.platform=-web, it'\\''s'"), "\(line)")
        #expect(line.contains("--sorts 'events.count desc'"), "\(line)")
    }

    /// Every field of the demo project maps to a filter grammar that accepts a typical value of its
    /// type and rejects nonsense, through the real FilterExpression parser.
    @Test func filterValidationUsesTheRealGrammarForEveryDemoFieldType() throws {
        let workspace = try DemoWorkspace.open()
        let context = WorkspaceService.context(for: workspace, ascii: false)
        var checked = 0
        for model in workspace.project.models {
            for view in model.views.values {
                for field in view.fields where field.kind == .dimension || field.kind == .measure {
                    let sample: String = switch WorkspaceService.filterType(of: field) {
                    case .number: ">=10"
                    case .date: "last 7 days"
                    case .timestamp: "after 2024-01-01"
                    case .yesno: "Yes"
                    case .string: "web, mobile"
                    }
                    #expect(context.validateFilter(sample, field, field.qualifiedName) == nil, "\(field.qualifiedName) \(field.type) rejected \(sample)")
                    checked += 1
                }
            }
        }
        #expect(checked > 50)
        var amount = Field(view: "orders", name: "amount", kind: .measure, type: "sum")
        amount.label = nil
        let message = context.validateFilter(">abc", amount, "orders.amount")
        #expect(message?.contains("orders.amount") == true)
    }

    @Test func cancellationReachesTheWorkspaceToken() {
        let cancellation = Cancellation()
        let token = CancelToken()
        cancellation.onCancel { token.cancel() }
        #expect(!token.isCancelled)
        cancellation.cancel()
        #expect(token.isCancelled)
        // A handler added after cancelling runs at once.
        let late = CancelToken()
        cancellation.onCancel { late.cancel() }
        #expect(late.isCancelled)
    }
}
