import Foundation
import Testing
@testable import TerminalUI

/// Issue 13, item 5, in a real terminal: `s` on a column of the results sorts by it alone (↓, ↑,
/// off) and the rows on screen follow `spyglass query --sorts`; `S` adds a second key.
@Suite(.serialized) struct SpreadsheetSortEndToEndTests {
    func options() throws -> [String] {
        ["--project", DemoWorkspace.projectRoot, "--database", "sqlite:" + (try DemoWorkspace.databasePath.get())]
    }

    /// The platforms in the order the CLI sorts them.
    func cliOrder(_ sorts: String?) throws -> [String] {
        var arguments = ["query", "parley/events", "--fields", "events.platform,events.active_users", "--format", "csv"] + (try options())
        if let sorts { arguments += ["--sorts", sorts] }
        let csv = try CommandLineRun.spyglass(arguments)
        #expect(csv.code == 0, "\(csv.stderr)")
        return CommandLineRun.csvRows(csv.stdout).dropFirst().map { $0[0] }
    }

    /// The platforms in the order the screen shows them.
    func screenOrder(_ screen: String, among platforms: [String]) -> [String] {
        screen.split(separator: "\n").compactMap { line in
            let first = line.split(whereSeparator: { $0 == " " || $0 == "│" }).first.map(String.init)
            return first.flatMap { platforms.contains($0) ? $0 : nil }
        }
    }

    func waitUntil(_ tmux: TmuxSession, seconds: Double = 30, _ done: (String) -> Bool) throws -> String {
        let deadline = Date().addingTimeInterval(seconds)
        var last = ""
        while Date() < deadline {
            last = try tmux.screen()
            if done(last) { return last }
            usleep(50_000)
        }
        throw TmuxError("timed out; screen:\n\(last)")
    }

    @Test func sSortsByTheColumnAloneThenAscendingThenOffAndSAddsAKey() throws {
        let tmux = try TmuxSession(arguments: ["explore", "parley/events", "--fields", "events.platform,events.active_users"] + (try options()))
        try tmux.waitFor("rows", seconds: 30)
        let platforms = try cliOrder(nil)
        #expect(platforms.count >= 3)

        try tmux.send("l", "s")
        var screen = try tmux.waitFor("↓ Events Active Users")
        #expect(screenOrder(screen, among: platforms) == (try cliOrder("events.active_users desc")), "\(screen)")
        try tmux.send("s")
        screen = try tmux.waitFor("↑ Events Active Users")
        #expect(screenOrder(screen, among: platforms) == (try cliOrder("events.active_users")), "\(screen)")
        try tmux.send("s")
        screen = try waitUntil(tmux) { !$0.contains("↑") && $0.contains("Events Active Users") }
        #expect(!screen.contains("↓ Events"), "a third press clears the sort:\n\(screen)")

        // s on the measure, then S on the platform: two keys, numbered in the header.
        try tmux.send("s")
        try tmux.waitFor("↓ Events Active Users")
        try tmux.send("h", "S")
        screen = try tmux.waitFor("↓2 Events Platform")
        #expect(screen.contains("↓1 Events Active Users"), "\(screen)")
        #expect(screenOrder(screen, among: platforms) == (try cliOrder("events.active_users desc,events.platform desc")), "\(screen)")
        try tmux.send("Q")
        try tmux.waitFor(":END", seconds: 10)
    }
}
