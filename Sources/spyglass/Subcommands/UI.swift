import ArgumentParser
import Foundation
import SpyglassCore
import TerminalUI

/// The terminal UI needs a terminal; scripts get one clear line instead of a garbled screen.
func requireTerminal() throws {
    guard isatty(STDIN_FILENO) != 0, isatty(STDOUT_FILENO) != 0 else {
        throw SpyglassError(.usage, "the terminal UI needs a terminal; in scripts use 'spyglass query' or 'spyglass report'")
    }
}

/// The workspace for a full-screen UI: one-off work (the demo database on first use) happens now,
/// with its progress on the plain terminal, and nothing writes to stderr once curses draws.
func terminalWorkspace(_ options: ProjectOptions) throws -> Workspace {
    let workspace = try options.workspace()
    workspace.prepareConnections()
    workspace.progress = nil
    return workspace
}

struct Open: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "open",
        abstract: "Open the terminal UI on the project's explores (the default command)."
    )

    @OptionGroup var options: ProjectOptions

    func run() throws {
        try requireTerminal()
        let workspace = try terminalWorkspace(options)
        let code = TerminalApp.run(workspace: workspace, start: .explores)
        if code != 0 { throw ExitCode(code) }
    }
}

struct ExploreUI: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "explore",
        abstract: "Open the terminal UI on an explore, with a query already picked and run.",
        discussion: "Like following a Looker explore link: spyglass explore users --fields users.primary_platform,users.count --sorts \"users.count desc\""
    )

    @OptionGroup var options: ProjectOptions
    @Argument(help: ArgumentHelp("The explore: name or model/name.", valueName: "explore")) var explore: String?
    @OptionGroup var query: QueryOptions
    @Option(help: ArgumentHelp("Open a saved look (see 'spyglass looks') and run it.", valueName: "name")) var look: String?

    func run() throws {
        if look != nil, explore != nil || query.fields != nil {
            throw SpyglassError(.usage, "--look opens a saved query; give it without an explore or --fields")
        }
        try requireTerminal()
        let workspace = try terminalWorkspace(options)
        let start: StartScreen
        if let look {
            let saved = try workspace.savedWork.look(named: look)
            start = .look(name: saved.name, saved.query.spec)
        } else if let explore {
            if query.fields == nil {
                var spec = try query.spec(explore: explore, requireFields: false)
                spec.fields = []
                start = .explore(spec, runImmediately: false)
            } else {
                start = .explore(try query.spec(explore: explore), runImmediately: true)
            }
        } else {
            start = .explores
        }
        let code = TerminalApp.run(workspace: workspace, start: start)
        if code != 0 { throw ExitCode(code) }
    }
}

struct DashboardUI: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "dashboard",
        abstract: "Open a LookML dashboard in the terminal UI."
    )

    @OptionGroup var options: ProjectOptions
    @Argument(help: ArgumentHelp("The dashboard's name (see 'spyglass dashboards').", valueName: "name")) var name: String

    func run() throws {
        try requireTerminal()
        let workspace = try terminalWorkspace(options)
        _ = try workspace.dashboard(named: name)
        let code = TerminalApp.run(workspace: workspace, start: .dashboard(name))
        if code != 0 { throw ExitCode(code) }
    }
}
