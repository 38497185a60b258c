import Foundation
import Presentation
import QueryEngine
import SemanticModel
import SpyglassCore
import Warehouse

/// Connects the screens to SpyglassCore: converts QueryDraft ⇄ QuerySpec and ResultTable →
/// ResultGrid, forwards cancellation to `CancelToken`, and supplies value formatting and filter
/// validation from Presentation and QueryEngine.
struct WorkspaceService: QueryService {
    let workspace: Workspace
    /// Where history, looks and the clipboard file go: the project's own by default.
    let store: SavedWorkStore

    init(workspace: Workspace, store: SavedWorkStore? = nil) {
        self.workspace = workspace
        self.store = store ?? workspace.savedWork
    }

    static func context(for workspace: Workspace, ascii: Bool) -> UIContext {
        var context = UIContext(project: workspace.project, format: { value, column in
            ValueFormatter.format(value, for: ResultTable.Column(name: column.name, label: column.label, field: column.field,
                                                                 isMeasure: column.isMeasure, pivotLabel: column.pivotLabel))
        }, validateFilter: validateFilter, ascii: ascii)
        let project = workspace.projectRoot
        context.commandLine = { draft in SavedQuery(spec(from: draft)).commandLine(project: project) }
        return context
    }

    /// QueryEngine's filter parser with the grammar of the field's type: nil when valid, else its
    /// one-sentence error naming `name`.
    static let validateFilter: @Sendable (_ expression: String, _ field: Field, _ name: String) -> String? = { text, field, name in
        do {
            _ = try FilterExpression.parse(text, type: filterType(of: field), field: name)
            return nil
        } catch {
            return String(describing: error)
        }
    }

    /// The filter grammar for a LookML field type, as the planner chooses it.
    static func filterType(of field: Field) -> FilterFieldType {
        let type = field.type
        switch type {
        case "yesno": return .yesno
        case "date", "date_date", "date_week", "date_month", "date_quarter", "date_year", "date_fiscal_quarter", "date_fiscal_year":
            return .date
        case "time", "date_time", "date_raw", "date_hour", "date_minute", "date_second", "date_millisecond", "date_microsecond":
            return .timestamp
        case "number", "count", "count_distinct", "sum", "average", "min", "max", "median", "percentile",
             "sum_distinct", "average_distinct", "median_distinct", "percentile_distinct", "int", "tier":
            return type == "tier" ? .string : .number
        default:
            if type.hasPrefix("duration") { return .number }
            if type.hasPrefix("date_") {
                if type.hasSuffix("_name") { return .string }
                if type.hasPrefix("date_hour") && type.count > 9 { return .timestamp }
                return type.contains("_of_") || type.hasSuffix("_index") ? .number : .date
            }
            return .string
        }
    }

    static func start(_ start: StartScreen) -> AppState.Start {
        switch start {
        case .explores: .explores
        case .explore(let spec, let run): .explore(draft(from: spec), runImmediately: run)
        case .dashboard(let name): .dashboard(name)
        case .look(let name, let spec): .look(SavedWork.Look(name: name, draft: draft(from: spec)))
        }
    }

    static func draft(from spec: QuerySpec) -> QueryDraft {
        QueryDraft(explore: spec.explore, fields: spec.fields, filters: spec.filters,
                   sorts: spec.sorts.map { .init(field: $0.field, descending: $0.descending) },
                   pivots: spec.pivots, limit: spec.limit, totals: spec.totals, rowTotals: spec.rowTotals)
    }

    static func spec(from draft: QueryDraft) -> QuerySpec {
        QuerySpec(explore: draft.explore, fields: draft.fields, filters: draft.filters,
                  sorts: draft.sorts.map { SortKey(field: $0.field, descending: $0.descending) },
                  pivots: draft.pivots, limit: draft.limit, totals: draft.totals, rowTotals: draft.rowTotals)
    }

    static func grid(from table: ResultTable) -> ResultGrid {
        ResultGrid(columns: table.columns.map { column in
            var label = column.label
            // Timeframes need their timeframe in the header ("Events Event Month", not "Events Event").
            if let timeframe = column.field?.timeframe, column.field?.group != nil,
               !label.lowercased().hasSuffix(Names.titleCase(timeframe).lowercased()) {
                label += " " + Names.titleCase(timeframe)
            }
            return ResultGrid.Column(name: column.name, label: label, field: column.field, isMeasure: column.isMeasure,
                              pivotLabel: column.isRowTotal ? "Row Total" : column.pivotLabel)
        }, rows: table.rows, totals: table.totals,
        // The notes speak to the command line; in the UI the limit is a key, not a flag.
        notes: table.notes.map { $0.replacingOccurrences(of: "raise --limit to see more", with: "L raises the row limit") })
    }

    func sql(for query: QueryDraft) throws -> String {
        try workspace.compile(Self.spec(from: query)).sql
    }

    func run(_ query: QueryDraft, cancel: Cancellation) throws -> ResultGrid {
        let token = CancelToken()
        cancel.onCancel { token.cancel() }
        return Self.grid(from: try workspace.run(Self.spec(from: query), token: token))
    }

    func suggestions(field: String, explore: String, prefix: String, limit: Int) throws -> [String] {
        try workspace.suggestions(field: field, explore: explore, prefix: prefix, limit: limit)
    }

    func dashboard(named name: String) throws -> Dashboard {
        try workspace.dashboard(named: name)
    }

    func query(for element: DashboardElement, in dashboard: Dashboard, filterValues: [String: String]) throws -> QueryDraft {
        Self.draft(from: try workspace.spec(for: element, in: dashboard, filterValues: filterValues))
    }

    func savedWork() -> SavedWork {
        return SavedWork(looks: store.looks().map { SavedWork.Look(name: $0.name, draft: Self.draft(from: $0.query.spec)) },
                         history: store.history().map { Self.draft(from: $0.spec) })
    }

    func remember(_ draft: QueryDraft) throws {
        try store.remember(SavedQuery(Self.spec(from: draft)))
    }

    func saveLook(name: String, draft: QueryDraft) throws {
        try store.save(look: name, query: SavedQuery(Self.spec(from: draft)))
    }

    func export(_ draft: QueryDraft, to path: String, cancel: Cancellation) throws -> String {
        let token = CancelToken()
        cancel.onCancel { token.cancel() }
        let table = try workspace.run(Self.spec(from: draft), token: token)
        let lower = path.lowercased()
        let format: OutputFormat = lower.hasSuffix(".json") ? .json : lower.hasSuffix(".csv") ? .csv : .markdown
        let expanded = (path as NSString).expandingTildeInPath
        do {
            try Data(Renderer.render(table, as: format).utf8).write(to: URL(fileURLWithPath: expanded), options: .atomic)
        } catch {
            throw UIError("Cannot write '\(path)': \(error.localizedDescription)")
        }
        return "Wrote \(table.rows.count) row\(table.rows.count == 1 ? "" : "s") to \(expanded)."
    }

    func yankFallback(_ text: String) throws -> String {
        try store.writeClipboard(text)
    }
}
