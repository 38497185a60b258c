import Foundation
import Presentation
import QueryEngine
import SpyglassCore

/// Where the terminal UI opens.
public enum StartScreen: Sendable {
    /// The list of explores and dashboards.
    case explores
    /// One explore with a query picked (an explore link); run at once when asked.
    case explore(QuerySpec, runImmediately: Bool)
    /// One dashboard by name.
    case dashboard(String)
    /// A saved look: its explore with its query, run at once.
    case look(name: String, QuerySpec)
}

/// The terminal UI's entry point for the command line.
public enum TerminalApp {
    /// Runs the UI until the user quits (or SIGINT/SIGTERM/SIGHUP arrives); the terminal is always
    /// restored, on a crash (fatal signal) too. Returns a process exit code: 0 on quit, 128 + the
    /// signal number on a signal.
    public static func run(workspace: Workspace, start: StartScreen) -> Int32 {
        let environment = ProcessInfo.processInfo.environment
        // https://no-color.org: any non-empty NO_COLOR disables colour.
        let color = (environment["NO_COLOR"] ?? "").isEmpty
        let ascii = !(environment["LANG", default: ""] + environment["LC_ALL", default: ""] + environment["LC_CTYPE", default: ""])
            .uppercased().contains("UTF")
        let context = WorkspaceService.context(for: workspace, ascii: ascii)
        let service = WorkspaceService(workspace: workspace)
        let state = AppState(context: context, start: WorkspaceService.start(start), location: workspace.databaseDescription,
                             saved: service.savedWork())
        let loop = TerminalLoop(state: state, service: service,
                                testCrash: CrashGuard.TestCrash.fromEnvironment(environment))
        let terminal = CursesTerminal(color: color)
        return loop.run(on: terminal)
    }
}
