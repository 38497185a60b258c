import SemanticModel

/// Identifies a request a screen made, so its answer is routed back to that screen and stale
/// answers (an older keystroke's suggestions, a cancelled run) are ignored.
public struct RequestID: Hashable, Sendable {
    public var screen: Int
    public var sequence: Int
}

/// What a state machine asks the outside world to do. Navigation actions are handled by `AppState`;
/// the rest are effects the app performs on background threads.
public enum Action: Sendable, Equatable {
    case quit
    case pop
    case openExplore(QueryDraft, runImmediately: Bool)
    case openDashboard(String)
    /// Open a saved look: its explore with its query, run at once.
    case openLook(name: String, QueryDraft)
    case run(RequestID, QueryDraft)
    case cancel(RequestID)
    case compileSQL(RequestID, QueryDraft)
    case suggest(RequestID, field: String, explore: String, prefix: String)
    case loadDashboard(RequestID, String)
    case runTile(RequestID, element: DashboardElement, dashboard: Dashboard, filterValues: [String: String])
    /// A query was run: put it first in the project's history.
    case remember(QueryDraft)
    /// Save the query as the look `name` (replacing one of that name).
    case saveLook(name: String, QueryDraft)
    /// Put text on the clipboard (OSC 52) and in the fallback file; `what` names it in the message.
    case yank(String, what: String)
    /// Write the result of the query to `path` in the format its extension names.
    case export(RequestID, QueryDraft, path: String)
}

/// An answer to an effect, delivered to the screen that asked.
public enum Event: Sendable {
    case queryFinished(RequestID, Result<ResultGrid, UIError>, seconds: Double)
    case sqlCompiled(RequestID, Result<String, UIError>)
    case suggestions(RequestID, [String])
    case dashboardLoaded(RequestID, Result<Dashboard, UIError>)
    /// A dashboard tile's query, resolved (with filter values) just before it runs.
    case tileQueryResolved(RequestID, QueryDraft)
    /// An export finished: the sentence to show (where it went, or why it failed).
    case exported(RequestID, Result<String, UIError>)

    var request: RequestID {
        switch self {
        case .queryFinished(let id, _, _), .sqlCompiled(let id, _), .suggestions(let id, _), .dashboardLoaded(let id, _),
             .tileQueryResolved(let id, _), .exported(let id, _): id
        }
    }
}

/// An error as one sentence for the user.
public struct UIError: Error, Sendable, Equatable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}
