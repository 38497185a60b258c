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
