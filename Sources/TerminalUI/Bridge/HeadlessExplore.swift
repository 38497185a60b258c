import Presentation
import QueryEngine
import SpyglassCore

/// The explore screen without a terminal: the real `AppState` with a query's answer loaded, driven by
/// keys and drawn into a `Frame`. For benchmarks and tools outside this module (spyglass-bench times
/// keystroke + full-frame redraws with it); the interactive app uses `TerminalApp.run`.
public struct HeadlessExplore: Sendable {
    private var state: AppState

    /// Opens `spec`'s explore in `workspace` and loads `table` as if the query had just finished.
    /// Throws when the screen did not ask to run (the spec names no fields).
    public init(workspace: Workspace, spec: QuerySpec, table: ResultTable) throws {
        state = AppState(context: WorkspaceService.context(for: workspace, ascii: false),
                         start: .explore(WorkspaceService.draft(from: spec), runImmediately: true),
                         location: workspace.databaseDescription)
        guard case .run(let id, _)? = state.takeStartEffects().first else {
            throw UIError("The explore screen did not run the query; give it fields.")
        }
        _ = state.receive(.queryFinished(id, .success(WorkspaceService.grid(from: table)), seconds: 0))
    }

    /// Handles one key as the run loop would; the effects it asks for are not performed.
    public mutating func press(_ key: Key) {
        _ = state.handle(key)
    }

    /// Draws the whole screen (title bar, explore, status line) at `width`×`height`.
    public mutating func render(width: Int, height: Int) -> Frame {
        state.render(width: width, height: height)
    }
}
