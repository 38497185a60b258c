import Foundation
import Testing
import TestSupport
@testable import TerminalUI

/// Issue 13, item 4, in a real terminal: `y` copies the cell, `Y` the row, `y` in the SQL viewer the
/// bare SQL — to the terminal's clipboard by OSC 52 (tmux with `set-clipboard on` keeps it as a
/// paste buffer) and to `$XDG_STATE_HOME/spyglass/clipboard.txt`; Ctrl-S writes the result to a
/// typed path; `C` copies a command line that gives the same rows.
@Suite(.serialized) struct GetDataOutEndToEndTests {
    func options() throws -> [String] {
        ["--project", DemoWorkspace.projectRoot, "--database", "sqlite:" + (try DemoWorkspace.databasePath.get())]
    }

    /// The newest tmux paste buffer and the fallback file, once both hold `expected`-like text.
    func clipboard(_ tmux: TmuxSession, state: String, changedFrom previous: String?) throws -> (buffer: String, file: String) {
        let deadline = Date().addingTimeInterval(10)
        while Date() < deadline {
            let buffer = (try? tmux.tmux(["show-buffer"])) ?? ""
            let file = (try? String(contentsOfFile: state + "/spyglass/clipboard.txt", encoding: .utf8)) ?? ""
            if !buffer.isEmpty, buffer != previous, buffer == file { return (buffer, file) }
            usleep(50_000)
        }
        throw TmuxError("nothing new was copied")
    }

    @Test func copyCellRowSQLAndCommandLineAndExportTheResult() throws {
        let state = NSTemporaryDirectory() + "spyglass-out-\(getpid())-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: state, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: state) }
        let options = try options()
        let query = ["parley/events", "--fields", "events.platform,events.active_users", "--sorts", "events.platform"]
        let tmux = try TmuxSession(arguments: ["explore"] + query + options, environment: ["XDG_STATE_HOME": state])
        try tmux.tmux(["set-option", "-g", "set-clipboard", "on"])
        try tmux.waitFor("rows", seconds: 30)
        let csv = try CommandLineRun.spyglass(["query"] + query + ["--format", "csv"] + options)
        let rows = CommandLineRun.csvRows(csv.stdout).dropFirst().map { $0 }

        // y: the cell under the cursor (first row, first column).
        try tmux.send("y")
        var copied = try clipboard(tmux, state: state, changedFrom: nil)
        #expect(copied.buffer == rows[0][0])
        // Y: the whole row, tab-separated, as shown (2,360 with its separator).
        try tmux.send("Y")
        copied = try clipboard(tmux, state: state, changedFrom: copied.buffer)
        let cells = copied.buffer.split(separator: "\t").map(String.init)
        #expect(cells.first == rows[0][0])
        #expect(cells.last.map { $0.replacingOccurrences(of: ",", with: "") } == rows[0][1])

        // v then y: the SQL alone, exactly what `spyglass sql` prints, without the box.
        try tmux.send("v")
        try tmux.waitFor("SELECT")
        try tmux.send("y")
        copied = try clipboard(tmux, state: state, changedFrom: copied.buffer)
        let sql = try CommandLineRun.spyglass(["sql"] + query + options)
        #expect(copied.buffer == sql.stdout.trimmingCharacters(in: .newlines), "\(copied.buffer)")
        #expect(!copied.buffer.contains("│"))

        // Ctrl-S: the result to a typed path, the same CSV the CLI prints.
        let path = state + "/platforms.csv"
        try tmux.send("C-s")
        try tmux.waitFor("Export the result to")
        try tmux.send("C-u")
        try tmux.send(path, literal: true)
        try tmux.send("Enter")
        try tmux.waitFor("Wrote \(rows.count) rows")
        #expect(try String(contentsOfFile: path, encoding: .utf8) == csv.stdout)

        // C: a command line that, run as `query`, gives the same rows.
        try tmux.send("C")
        copied = try clipboard(tmux, state: state, changedFrom: copied.buffer)
        #expect(copied.buffer.hasPrefix("spyglass explore parley/events --project "), "\(copied.buffer)")
        let binary = try #require(TmuxSession.binary)
        let shell = Process()
        shell.executableURL = URL(fileURLWithPath: "/bin/sh")
        let line = copied.buffer.replacingOccurrences(of: "spyglass explore ", with: "'\(binary)' query ")
        shell.arguments = ["-c", line + " --format csv --database 'sqlite:\(try DemoWorkspace.databasePath.get())'"]
        let out = Pipe()
        shell.standardOutput = out
        try shell.run()
        let again = String(decoding: out.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        shell.waitUntilExit()
        #expect(again == csv.stdout)
        try tmux.send("Q")
    }
}
