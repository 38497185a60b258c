import Foundation
import SpyglassCore
import Testing
@testable import TerminalUI

/// The real loop, services and demo database, driven by a scripted terminal.
@Suite(.serialized) struct TerminalLoopTests {
    func run(_ start: AppState.Start, _ steps: [ScriptedTerminal.Step], width: Int = 100, height: Int = 30) throws -> ScriptedTerminal {
        let workspace = try DemoWorkspace.open()
        let state = AppState(context: WorkspaceService.context(for: workspace, ascii: false), start: start)
        let terminal = ScriptedTerminal(width: width, height: height, steps)
        // History and looks go to a directory of this run's own, never the developer's.
        let stateHome = NSTemporaryDirectory() + "spyglass-loop-state-\(getpid())-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: stateHome) }
        let store = SavedWorkStore(projectRoot: workspace.projectRoot, environment: ["XDG_STATE_HOME": stateHome])
        let code = TerminalLoop(state: state, service: WorkspaceService(workspace: workspace, store: store)).run(on: terminal)
        #expect(code == 0)
        #expect(terminal.restored)
        for failure in terminal.failures { Issue.record(Comment(rawValue: failure)) }
        return terminal
    }

    @Test func pickFieldsRunAndReadTheAnswer() throws {
        // Platform and Active Users, picked by search, as a user would; then run.
        let terminal = try run(.explore(QueryDraft(explore: "parley/events"), runImmediately: false), [
            .keys([.char("/")] + "platform".map(Key.char) + [.enter, .enter]),
            .keys([.char("/"), .ctrl("u")] + "active users".map(Key.char) + [.enter, .enter, .char("r")]),
            .waitFor("rows", seconds: 30),
        ])
        let screen = try #require(terminal.last)
        #expect(screen.contains("Events Platform"))
        #expect(screen.contains("Events Active Users"))
        // The demo's numbers, from the headless CLI path: desktop 2,360 active users.
        let workspace = try DemoWorkspace.open()
        let expected = try workspace.run(WorkspaceService.spec(from: QueryDraft(explore: "parley/events", fields: ["events.platform", "events.active_users"])))
        let desktop = try #require(expected.rows.first { $0.first == .string("desktop") })
        let formatted = WorkspaceService.context(for: workspace, ascii: false).format(desktop[1], WorkspaceService.grid(from: expected).columns[1])
        #expect(screen.lines.contains { $0.contains("desktop") && $0.contains(formatted) })
    }

    @Test func drillIntoAMeasureRunsTheDrillQuery() throws {
        let terminal = try run(.explore(QueryDraft(explore: "parley/events", fields: ["events.platform", "events.active_users"],
                                                   sorts: [.init(field: "events.platform", descending: false)]), runImmediately: true), [
            .waitFor("rows", seconds: 30),
            .keys([.right, .enter]),
            .waitFor("Users Primary Platform", seconds: 30),
            .waitFor("rows", seconds: 30),
        ])
        let screen = try #require(terminal.last)
        #expect(screen.contains("Users User ID"))
    }

    @Test func invalidFilterIsExplainedWhileTyping() throws {
        let terminal = try run(.explore(QueryDraft(explore: "parley/events"), runImmediately: false), [
            .keys([.char("/")] + "major".map(Key.char) + [.enter, .char("f")] + ">abc".map(Key.char)),
            .waitFor("abc", seconds: 5),
            .keys([.escape]),
        ])
        let typed = try #require(terminal.frames.last { $0.contains(">abc") })
        #expect(typed.contains("events.server_major_version"))
        #expect(!typed.contains("✓ valid"))
    }

    @Test func stringFilterSuggestsExistingValues() throws {
        _ = try run(.explore(QueryDraft(explore: "parley/events"), runImmediately: false), [
            .keys([.char("/")] + "platform family".map(Key.char) + [.enter, .char("f")]),
            .waitFor("Filter:", seconds: 5),
            .keys([.char("d")]),
            .waitFor("Desktop", seconds: 30),
            .keys([.escape]),
        ])
    }

    @Test func sqlViewShowsTheCompiledStatement() throws {
        let terminal = try run(.explore(QueryDraft(explore: "parley/events", fields: ["events.platform", "events.count"]), runImmediately: false), [
            .keys([.char("v")]),
            .waitFor("SELECT", seconds: 10),
        ])
        #expect(terminal.frames.contains { $0.contains("GROUP BY") || $0.contains("group by") })
    }

    @Test func dashboardTilesLoadInParallelAndRefresh() throws {
        let workspace = try DemoWorkspace.open()
        let dashboard = try #require(workspace.project.dashboards.first { $0.elements.contains { $0.type == "single_value" } })
        let terminal = try run(.dashboard(dashboard.name), [
            .waitFor(" vs 20", seconds: 60),
            .keys([.char("r")]),
            .waitFor("loading", seconds: 10),
            .waitFor(" vs 20", seconds: 60),
        ], width: 120, height: 40)
        let screen = try #require(terminal.last)
        #expect(screen.contains(dashboard.title))
        #expect(!screen.contains("Cancelled"))
    }

    @Test func unknownDashboardIsOneSentenceAndTheUIStaysUp() throws {
        let terminal = try run(.dashboard("no_such_board"), [
            .waitFor("unknown dashboard 'no_such_board'", seconds: 10),
            .keys([.char("?")]),
            .waitFor("Keys", seconds: 2),
        ])
        #expect(terminal.frames.count >= 2)
    }
}
