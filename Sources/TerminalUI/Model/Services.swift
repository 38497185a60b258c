import Foundation
import SemanticModel
import Warehouse

/// How values become text in cells; the bridge plugs in Presentation's `ValueFormatter`.
public typealias CellFormatter = @Sendable (Value, ResultGrid.Column) -> String

/// What the screens need from outside that is pure and fast enough to call on the UI thread:
/// the project, value formatting and filter validation.
public struct UIContext: Sendable {
    public var project: Project
    public var format: CellFormatter
    /// Validates a filter expression for a field as the user types; returns the error sentence, or
    /// nil when the expression is valid.
    public var validateFilter: @Sendable (_ expression: String, _ field: Field, _ name: String) -> String?
    /// Whether to draw with ASCII only (no block characters).
    public var ascii: Bool
    /// Monotonic seconds, for spinners and elapsed times (injectable for tests).
    public var clock: @Sendable () -> Double
    /// The query as a command line to share (`spyglass explore … --fields …`); pure.
    public var commandLine: @Sendable (QueryDraft) -> String = { "spyglass explore \($0.explore) --fields \($0.fields.joined(separator: ","))" }

    public init(project: Project, format: @escaping CellFormatter = UIContext.plainFormat,
                validateFilter: @escaping @Sendable (String, Field, String) -> String? = { _, _, _ in nil },
                ascii: Bool = false, clock: @escaping @Sendable () -> Double = UIContext.monotonicSeconds) {
        self.project = project
        self.format = format
        self.validateFilter = validateFilter
        self.ascii = ascii
        self.clock = clock
    }

    public static let monotonicSeconds: @Sendable () -> Double = {
        Double(DispatchTime.now().uptimeNanoseconds) / 1e9
    }

    /// A formatter with no value formats: raw text, NULL as ∅ (used in tests and as a fallback).
    public static let plainFormat: CellFormatter = { value, _ in
        switch value {
        case .null: "∅"
        case .bool(let b): b ? "Yes" : "No"
        case .int(let i): String(i)
        case .double(let d): d == d.rounded() && abs(d) < 1e15 ? String(Int64(d)) : String(d)
        case .decimal(let s): s
        case .string(let s): s
        case .date(let d): d.description
        case .timestamp(let t): t.description
        }
    }
}

/// Blocking work the app runs off the UI thread. `Workspace` satisfies it through the bridge; every
/// method may throw an error whose description is one sentence for the user.
public protocol QueryService: Sendable {
    func sql(for query: QueryDraft) throws -> String
    /// Runs a query; `cancel.cancel()` from another thread stops it on the server.
    func run(_ query: QueryDraft, cancel: Cancellation) throws -> ResultGrid
    func suggestions(field: String, explore: String, prefix: String, limit: Int) throws -> [String]
    func dashboard(named name: String) throws -> Dashboard
    func query(for element: DashboardElement, in dashboard: Dashboard, filterValues: [String: String]) throws -> QueryDraft
    /// The project's saved looks and query history (empty when there are none yet).
    func savedWork() -> SavedWork
    func remember(_ draft: QueryDraft) throws
    func saveLook(name: String, draft: QueryDraft) throws
    /// Runs `draft` and writes its rows to `path` as CSV, JSON or Markdown (by the extension);
    /// returns the sentence to show ("Wrote 4 rows to /tmp/a.csv").
    func export(_ draft: QueryDraft, to path: String, cancel: Cancellation) throws -> String
    /// Puts `text` where a terminal clipboard can't reach: returns the fallback file's path.
    func yankFallback(_ text: String) throws -> String
}
