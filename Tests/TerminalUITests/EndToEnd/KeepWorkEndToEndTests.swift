import Foundation
import Testing
import TestSupport
@testable import TerminalUI

/// Issue 13, item 3, in a real terminal: a query saved as a look with `w` is listed by
/// `spyglass looks`, shown on the start screen (with the history) and reopened from there and by
/// `spyglass explore --look NAME`; `X` is undone with `u`; leaving unsaved work asks first.
@Suite(.serialized) struct KeepWorkEndToEndTests {
    func options() throws -> [String] {
        ["--project", DemoWorkspace.projectRoot, "--database", "sqlite:" + (try DemoWorkspace.databasePath.get())]
    }

    @Test func saveALookThenReopenItFromTheStartScreenAndTheCommandLine() throws {
        let state = NSTemporaryDirectory() + "spyglass-keep-\(getpid())-\(UUID().uuidString)"
        defer { try? FileManager.default.removeItem(atPath: state) }
        let env = ["XDG_STATE_HOME": state]
        let options = try options()

        // 1. Run a query, save it as a look.
        var tmux = try TmuxSession(arguments: ["explore", "parley/events", "--fields", "events.platform,events.active_users"] + options,
                                   environment: env)
        let first = try tmux.waitFor("rows", seconds: 30)
        let desktop = try #require(first.split(separator: "\n").first { $0.contains("desktop") }.map(String.init))
        try tmux.send("w")
        try tmux.waitFor("Save as look")
        try tmux.send("Platform users", literal: true)
        try tmux.send("Enter")
        try tmux.waitFor("Saved look 'Platform users'")
        try tmux.send("Q")
        try tmux.waitFor("EXIT=0", seconds: 10)

        // 2. The command line lists it, with the command that reopens the query.
        let looks = try SpyglassProcess.run(["looks", "--format", "json"] + options, environment: env)
        #expect(looks.code == 0, "\(looks.stderr)")
        let list = try #require(try JSONSerialization.jsonObject(with: Data(looks.stdout.utf8)) as? [[String: Any]])
        #expect(list.map { $0["name"] as? String } == ["Platform users"])
        #expect((list.first?["command"] as? String)?.hasPrefix("spyglass explore parley/events --fields events.platform,events.active_users") == true)
        let history = try SpyglassProcess.run(["looks", "--history"] + options, environment: env)
        #expect(history.stdout.contains("spyglass explore parley/events --fields events.platform,events.active_users"), "\(history.stdout)")

        // 3. The start screen shows the look and the history; Enter reopens and runs it.
        tmux = try TmuxSession(arguments: options, environment: env)
        let start = try tmux.waitFor("★ Platform users")
        #expect(start.contains("Recent queries"), "\(start)")
        try tmux.send("Enter")
        let reopened = try tmux.waitFor("rows", seconds: 30)
        #expect(reopened.split(separator: "\n").contains { String($0) == desktop }, "\(reopened)")

        // 4. X clears, u undoes.
        try tmux.send("X")
        try tmux.waitFor("Query cleared · u undoes")
        try tmux.send("u")
        try tmux.waitFor("Query restored.")

        // 5. A change not run nor saved: q asks; n stays; y leaves to the start screen.
        try tmux.send("Tab")
        try tmux.send("/")
        try tmux.send("platform family", literal: true)
        try tmux.send("Enter", "Enter")
        try tmux.waitFor("Events Platform Family")
        try tmux.send("q")
        try tmux.waitFor("Leave this query?")
        try tmux.send("n")
        try tmux.send("q")
        try tmux.waitFor("Leave this query?")
        try tmux.send("y")
        try tmux.waitFor("★ Platform users")
        try tmux.send("q")
        try tmux.waitFor("EXIT=0", seconds: 10)

        // 6. spyglass explore --look NAME opens it; a misspelt name gets a suggestion.
        tmux = try TmuxSession(arguments: ["explore", "--look", "Platform users"] + options, environment: env)
        let byName = try tmux.waitFor("rows", seconds: 30)
        #expect(byName.split(separator: "\n").contains { String($0) == desktop }, "\(byName)")
        try tmux.send("Q")
        tmux = try TmuxSession(arguments: ["explore", "--look", "Platfrom users"] + options, environment: env)
        let typo = try tmux.waitFor("EXIT=2", seconds: 20)
        #expect(typo.contains("did you mean 'Platform users'"), "\(typo)")
    }
}

/// Issue 13, item 8: the UI opens a broken project saying so on its start screen.
@Suite(.serialized) struct BrokenProjectStartScreenTests {
    @Test func startScreenListsTheProjectsErrors() throws {
        let broken = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("CLITests/Fixtures/broken").path
        let validate = try SpyglassProcess.run(["validate", "--project", broken])
        let errors = validate.stdout.split(separator: "\n").filter { $0.contains(": error: ") }
        #expect(errors.count >= 2, "\(validate.stdout)")
        let tmux = try TmuxSession(arguments: ["--project", broken], width: 140)
        let screen = try tmux.waitFor("⚠ \(errors.count) errors in this project")
        // The first error as validate prints it: file and line, then the message.
        let first = try #require(errors.first)
        let parts = first.split(separator: ":", maxSplits: 4)
        let expected = "\(parts[0]):\(parts[1]): " + String(parts[4]).trimmingCharacters(in: .whitespaces)
        #expect(screen.contains(expected), "\(expected)\n\(screen)")
        try tmux.send("Q")
        try tmux.waitFor("EXIT=0", seconds: 10)
    }
}
