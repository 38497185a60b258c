import Foundation
import Testing
@testable import TerminalUI

/// The dashboard filter editor in a real terminal: an invalid date is refused with its error under
/// the input and the tiles keep their last value; a valid one applies. The demo project is copied
/// to a temp directory with one extra dashboard that has a date filter (the demo dashboards' filters
/// are all strings, which every text satisfies).
@Suite(.serialized) struct DashboardFilterValidationEndToEndTests {
    static let dashboard = """
    - dashboard: filter_check
      title: "Filter Check"
      layout: newspaper
      filters:
      - name: closed
        title: "Closed"
        type: date_filter
        default_value: "2024"
      elements:
      - name: opportunity_count
        title: "Opportunities"
        type: single_value
        model: parley
        explore: opportunities
        fields: [opportunities.count]
        listen:
          closed: opportunities.close_date
        row: 0
        col: 0
        width: 8
        height: 4

    """

    static func project() throws -> String {
        let root = NSTemporaryDirectory() + "spyglass-tui-filter-check-\(getpid())"
        let files = FileManager.default
        try? files.removeItem(atPath: root)
        try files.createDirectory(atPath: root, withIntermediateDirectories: true)
        for directory in ["models", "views", "dashboards"] {
            try files.copyItem(atPath: DemoWorkspace.projectRoot + "/" + directory, toPath: root + "/" + directory)
        }
        try dashboard.write(toFile: root + "/dashboards/filter_check.dashboard.lookml", atomically: true, encoding: .utf8)
        return root
    }

    @Test func anInvalidDateIsRefusedInTheEditorAndAValidOneApplies() throws {
        let root = try Self.project()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let tmux = try TmuxSession(arguments: ["dashboard", "filter_check", "--project", root,
                                               "--database", "sqlite:" + (try DemoWorkspace.databasePath.get())])
        try tmux.waitFor("⧩ Closed: 2024")
        try tmux.send("f")
        try tmux.waitFor("Dashboard filters")
        try tmux.send("Enter", "C-u")
        try tmux.send("not a date", literal: true)
        try tmux.waitFor("Closed: not a date", seconds: 5)
        let invalid = try tmux.waitFor("'not a date'", seconds: 5)
        let lines = invalid.split(separator: "\n", omittingEmptySubsequences: false)
        let inputRow = lines.firstIndex { $0.contains("Closed: not a date") }
        let errorRow = lines.firstIndex { $0.contains("invalid filter for 'Closed'") }
        #expect(inputRow != nil && errorRow == inputRow.map { $0 + 1 }, "\(invalid)")

        // Enter is refused: still editing, the message stays, the filter bar keeps the old value.
        try tmux.send("Enter")
        usleep(300_000)
        let refused = try tmux.screen()
        #expect(refused.contains("invalid filter for 'Closed'") && refused.contains("Closed: not a date"), "\(refused)")
        #expect(refused.contains("⧩ Closed: 2024"), "\(refused)")

        try tmux.send("C-u")
        try tmux.send("2023", literal: true)
        try tmux.send("Enter")
        let applied = try tmux.waitFor("⧩ Closed: 2023", seconds: 5)
        #expect(!applied.contains("invalid filter"), "\(applied)")
        try tmux.send("Q")
        let after = try tmux.waitFor(":END")
        #expect(after.contains("EXIT=0"))
    }
}
