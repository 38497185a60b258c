import Foundation
import SpyglassCore
import Testing
@testable import TerminalUI

/// Issue 5: the built binary in a real terminal (tmux) on the demo project, driven with keys as a
/// new user would, checked against what `spyglass query` prints for the same question.
@Suite(.serialized) struct NewUserJourneyTests {
    func demoOptions() throws -> [String] {
        ["--project", DemoWorkspace.projectRoot, "--database", "sqlite:" + (try DemoWorkspace.databasePath.get())]
    }

    /// The terminal was handed back in cooked mode with echo (curses ended) and the exit code was 0.
    func expectRestored(_ tmux: TmuxSession, sourceLocation: SourceLocation = #_sourceLocation) throws {
        let after = try tmux.waitFor(":END", seconds: 10)
        #expect(after.contains("EXIT=0"), "\(after)", sourceLocation: sourceLocation)
        #expect(after.contains("echo") && !after.contains("-echo"), "\(after)", sourceLocation: sourceLocation)
        #expect(after.contains("icanon") && !after.contains("-icanon"), "\(after)", sourceLocation: sourceLocation)
    }

    /// The screen line showing a result row whose first cell is `label`.
    func resultLine(_ screen: String, _ label: String) -> String? {
        screen.split(separator: "\n").map(String.init).first { line in
            line.split(whereSeparator: { $0 == " " || $0 == "│" || $0 == "|" }).first.map(String.init) == label
        }
    }

    @Test func pickFieldsFilterRunPivotAndQuitLikeANewUser() throws {
        let options = try demoOptions()
        let tmux = try TmuxSession(arguments: options)
        try tmux.waitFor("Spyglass · Explores")
        // Start screen: search the explore list and open Product Usage (parley/events).
        try tmux.send("/")
        try tmux.send("Product Usage", literal: true)
        try tmux.send("Enter", "Enter")
        try tmux.waitFor("Fields")
        // Field picker: a dimension, then a measure, each found by search and picked with Enter.
        try tmux.send("/")
        try tmux.send("platform", literal: true)
        try tmux.send("Enter", "Enter")
        try tmux.waitFor("• Events Platform")
        try tmux.send("/", "C-u")
        try tmux.send("active users", literal: true)
        try tmux.send("Enter", "Enter")
        try tmux.waitFor("Σ Events Active Users")
        // Filter editor on Platform: everything but web.
        try tmux.send("/", "C-u")
        try tmux.send("platform", literal: true)
        try tmux.send("Enter", "f")
        try tmux.waitFor("Filter: ")
        // "--": send-keys would read the leading "-" as an option.
        try tmux.tmux(["send-keys", "-t", "0", "-l", "--", "-web"])
        try tmux.waitFor("✓ valid")
        try tmux.send("Enter")
        try tmux.waitFor("⧩ ")
        try tmux.send("r")
        let results = try tmux.waitFor("rows", seconds: 30)

        // The same question through the headless CLI.
        let csv = try CommandLineRun.spyglass(["query", "parley/events", "--fields", "events.platform,events.active_users",
                                               "--filter", "events.platform=-web", "--format", "csv"] + options)
        #expect(csv.code == 0, "\(csv.stderr)")
        let expected = CommandLineRun.csvRows(csv.stdout).dropFirst()
        #expect(expected.count == 3, "\(csv.stdout)")
        #expect(results.contains("\(expected.count) rows"), "\(results)")
        for row in expected {
            let line = try #require(resultLine(results, row[0]), "no row for \(row[0]) on screen:\n\(results)")
            #expect(CommandLineRun.integers(in: line) == [Int(row[1])!], "\(line)")
        }
        #expect(resultLine(results, "web") == nil, "the filter was not applied:\n\(results)")

        // Pivot on Platform Family: its values become column groups, with the same numbers as the CLI.
        try tmux.send("Escape", "/", "C-u")
        try tmux.send("platform family", literal: true)
        try tmux.send("Enter", "p")
        try tmux.waitFor("⇄")
        try tmux.send("r")
        let pivoted = try tmux.waitFor("Mobile", seconds: 30)
        let pivotCSV = try CommandLineRun.spyglass(["query", "parley/events", "--fields", "events.platform,events.platform_family,events.active_users",
                                                    "--filter", "events.platform=-web", "--pivots", "events.platform_family",
                                                    "--format", "csv"] + options)
        #expect(pivotCSV.code == 0, "\(pivotCSV.stderr)")
        let pivotRows = CommandLineRun.csvRows(pivotCSV.stdout)
        // Header: events.platform, events.active_users|Desktop, events.active_users|Mobile.
        let groups = pivotRows[0].dropFirst().compactMap { $0.split(separator: "|").last.map(String.init) }
        #expect(groups == ["Desktop", "Mobile"], "\(pivotCSV.stdout)")
        let header = try #require(pivoted.split(separator: "\n").map(String.init).first { $0.contains("Desktop") },
                                  "no pivot header:\n\(pivoted)")
        #expect(header.contains("Mobile"), "the pivot values are not column groups of one header line: \(header)")
        for row in pivotRows.dropFirst() {
            let line = try #require(resultLine(pivoted, row[0]), "no pivoted row for \(row[0]):\n\(pivoted)")
            let numbers = row.dropFirst().compactMap { Int($0) }
            #expect(CommandLineRun.integers(in: line) == numbers, "\(line) vs \(row)")
        }

        // q leaves the explore, q again quits from the start screen.
        try tmux.send("q")
        try tmux.waitFor("Spyglass · Explores")
        try tmux.send("q")
        try expectRestored(tmux)
    }

    @Test func resizeToSixtyBySixteenAndBackKeepsTheResultReadable() throws {
        let tmux = try TmuxSession(arguments: ["explore", "parley/events", "--fields", "events.platform,events.active_users"] + (try demoOptions()))
        let before = try tmux.waitFor("rows", seconds: 30)
        let desktop = try #require(resultLine(before, "desktop"))
        try tmux.tmux(["resize-window", "-t", "0", "-x", "60", "-y", "16"])
        let small = try waitForSize(tmux, width: 60, height: 16)
        expectClean(small, width: 60)
        #expect(small.contains("rows"))
        #expect(resultLine(small, "desktop").map(CommandLineRun.integers) == CommandLineRun.integers(in: desktop), "\(small)")
        try tmux.tmux(["resize-window", "-t", "0", "-x", "100", "-y", "30"])
        let large = try waitForSize(tmux, width: 100, height: 30)
        expectClean(large, width: 100)
        #expect(large.contains("Events Active Users"))
        #expect(resultLine(large, "desktop") == desktop, "the 100×30 screen differs after the round trip:\n\(large)")
        // Still responsive after both resizes.
        try tmux.send("?")
        try tmux.waitFor("Keys")
        try tmux.send("x", "Q")
        try expectRestored(tmux)
    }

    /// Polls until the program has redrawn for the new size and the screen is stable: the same
    /// capture twice in a row (capture-pane trims trailing blanks, so widths alone cannot tell).
    func waitForSize(_ tmux: TmuxSession, width: Int, height: Int) throws -> String {
        let deadline = Date().addingTimeInterval(5)
        var screen = "", previous = ""
        while Date() < deadline {
            screen = try tmux.screen()
            let lines = screen.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            let size = try tmux.tmux(["display-message", "-p", "-t", "0", "#{pane_width}x#{pane_height}"])
            if size.hasPrefix("\(width)x\(height)"), lines.first?.hasPrefix(" Spyglass") == true, screen.contains("rows"),
               screen == previous {
                return screen
            }
            previous = screen
            usleep(50_000)
        }
        throw TmuxError("the screen was not redrawn at \(width)×\(height):\n\(screen)")
    }

    /// No line wider than the window, no leftover escape sequences or replacement characters.
    func expectClean(_ screen: String, width: Int, sourceLocation: SourceLocation = #_sourceLocation) {
        for line in screen.split(separator: "\n") {
            #expect(DisplayWidth.of(String(line)) <= width, "too wide: \(line)", sourceLocation: sourceLocation)
            #expect(!line.contains("\u{1B}") && !line.contains("\u{FFFD}") && !line.contains("^["), "garbage: \(line.debugDescription)",
                    sourceLocation: sourceLocation)
        }
    }

    @Test func dashboardTilesShowTheirValuesRefreshAndQuit() throws {
        let workspace = try DemoWorkspace.open()
        let dashboard = try #require(workspace.project.dashboards.first { $0.name == "product_usage" })
        let listed = try CommandLineRun.spyglass(["dashboards"] + (try demoOptions()))
        #expect(listed.stdout.contains(dashboard.name), "\(listed.stdout)\(listed.stderr)")
        // The first single-value tile's number, as the headless path computes and formats it: the tile
        // sorts its month descending, so the first row is the latest month the tile shows large.
        let tile = try #require(dashboard.elements.first { $0.type == "single_value" })
        let table = try workspace.run(try workspace.spec(for: tile, in: dashboard))
        let grid = WorkspaceService.grid(from: table)
        let measure = try #require(grid.columns.lastIndex { $0.isMeasure })
        let value = WorkspaceService.context(for: workspace, ascii: false).format(try #require(table.rows.first)[measure], grid.columns[measure])

        let tmux = try TmuxSession(arguments: ["dashboard", dashboard.name] + (try demoOptions()), width: 120, height: 40)
        // Tiles load in parallel, so the first comparison on screen may be another tile's: wait
        // for this tile's value itself (waitFor fails with the screen if it never shows).
        _ = try tmux.waitFor(" vs 20", seconds: 60)  // "▲ +3.9% vs 2026-09"
        let loaded = try tmux.waitFor(value, seconds: 60)
        #expect(loaded.contains(dashboard.title))
        try tmux.send("r")
        try tmux.waitFor("loading", seconds: 10)
        _ = try tmux.waitFor(" vs 20", seconds: 60)  // "▲ +3.9% vs 2026-09"
        let refreshed = try tmux.waitFor(value, seconds: 60)
        #expect(refreshed.contains(dashboard.title))
        try tmux.send("q")
        try expectRestored(tmux)
    }
}
