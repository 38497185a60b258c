import Foundation
import Testing
@testable import TerminalUI

/// The built binary in a real terminal (tmux, 100×30): what a user sees and what the terminal is
/// left in afterwards.
@Suite(.serialized) struct TmuxEndToEndTests {
    func arguments(_ rest: [String]) throws -> [String] {
        // Subcommand first: its options include the common ones.
        rest + ["--project", DemoWorkspace.projectRoot, "--database", "sqlite:" + (try DemoWorkspace.databasePath.get())]
    }

    @Test func exploreRunQuitAndTheTerminalIsRestored() throws {
        let tmux = try TmuxSession(arguments: try arguments([]))
        try tmux.waitFor("Spyglass · Explores")
        try tmux.send("/")
        try tmux.send("Product Usage", literal: true)
        try tmux.send("Enter", "Enter")
        try tmux.waitFor("Fields")
        try tmux.send("/")
        try tmux.send("platform", literal: true)
        try tmux.send("Enter", "Enter", "r")
        let results = try tmux.waitFor("rows")
        #expect(results.contains("Events Platform"))
        #expect(results.contains("desktop"))
        try tmux.send("q", "q")
        let after = try tmux.waitFor(":END")
        #expect(after.contains("EXIT=0"))
        // Back in cooked mode with echo: curses was ended.
        #expect(after.contains("echo") && !after.contains("-echo"))
        #expect(after.contains("icanon") && !after.contains("-icanon"))
    }

    @Test func sigtermRestoresTheTerminal() throws {
        let tmux = try TmuxSession(arguments: try arguments(["explore", "parley/events", "--fields", "events.platform,events.count"]))
        try tmux.waitFor("rows")
        let pid = try #require(try tmux.programPID())
        kill(pid, SIGTERM)
        let after = try tmux.waitFor(":END")
        #expect(after.contains("EXIT=143"))
        #expect(after.contains("echo") && !after.contains("-echo"))
    }

    @Test func resizeToSixtyBySixteenRedrawsTheResults() throws {
        let tmux = try TmuxSession(arguments: try arguments(["explore", "parley/events", "--fields", "events.platform,events.active_users"]))
        try tmux.waitFor("rows")
        try tmux.tmux(["resize-window", "-t", "0", "-x", "60", "-y", "16"])
        usleep(300_000)
        let small = try tmux.screen()
        let lines = small.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines.first?.hasPrefix(" Spyglass") == true)
        #expect(small.contains("desktop"))
        #expect(lines.allSatisfy { DisplayWidth.of(String($0)) <= 60 })
        try tmux.send("?")
        try tmux.waitFor("Keys")
        try tmux.send("x", "Q")
        try tmux.waitFor("EXIT=0 MODES")
    }

    @Test func noColorDrawsWithoutColourEscapes() throws {
        let tmux = try TmuxSession(arguments: try arguments(["explore", "parley/events", "--fields", "events.platform,events.count"]),
                                   environment: ["NO_COLOR": "1"])
        try tmux.waitFor("rows")
        let escaped = try tmux.screen(escapes: true)
        // Reverse video and bold are allowed (selection, headers); colour selections are not.
        #expect(!escaped.contains("38;5;") && !escaped.contains("48;5;"))
        #expect(escaped.range(of: "\u{1B}\\[[0-9;]*3[0-7]m", options: .regularExpression) == nil)
        #expect(escaped.contains("\u{1B}[7m") || escaped.contains(";7m") || escaped.contains("[7;"))
        try tmux.send("Q")
        try tmux.waitFor("EXIT=0 MODES")
    }

    @Test func colourTerminalsGetTwoHundredFiftySixColours() throws {
        let tmux = try TmuxSession(arguments: try arguments(["explore", "parley/events", "--fields", "events.platform,events.count"]))
        try tmux.waitFor("rows")
        let escaped = try tmux.screen(escapes: true)
        #expect(escaped.contains("38;5;"), "\(escaped.debugDescription.prefix(600))")
        try tmux.send("Q")
        try tmux.waitFor("EXIT=0 MODES")
    }
}
