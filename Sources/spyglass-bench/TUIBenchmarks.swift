import DemoWarehouse
import Foundation
import QueryEngine
import SpyglassCore
import TerminalUI

/// Issue 5 figures for the terminal UI: how soon the real binary draws its first screen in a real
/// terminal (tmux), and how long a keystroke + full redraw takes with 10,000 rows loaded.
enum TUIBenchmarks {
    /// The demo project: the repository root, three levels above this file.
    static let projectRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().path

    static func run(quick: Bool, binaryDirectory: String) throws {
        let directory = NSTemporaryDirectory() + "spyglass-bench-tui-\(getpid())"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let database = try DemoWarehouse.ensureDatabase(at: directory + "/demo.sqlite")
        try firstScreen(binary: binaryDirectory + "/spyglass", database: database, runs: 5)
        try redraw(database: database, keystrokes: quick ? 200 : 1_000)
    }

    /// Starts `spyglass` in a fresh detached tmux session (on an already running private tmux
    /// server, so the server's own start-up is not counted) and polls capture-pane every 2 ms until
    /// the start screen's title is drawn. Each poll forks a tmux client, so a figure includes up to
    /// one poll (~2 ms + the client's run time) of latency.
    static func firstScreen(binary: String, database: String, runs: Int) throws {
        guard FileManager.default.isExecutableFile(atPath: binary) else {
            throw BenchError("no spyglass binary at \(binary); build it with `swift build -c release`")
        }
        let socket = "spyglass-bench-tui-\(getpid())"
        let tmux = Tmux(socket: socket)
        defer {
            tmux.run(["kill-server"])
            unlink("/tmp/tmux-\(getuid())/\(socket)")  // kill-server leaves the socket file behind.
        }
        // A placeholder session keeps the server alive between runs.
        guard tmux.run(["new-session", "-d", "-s", "idle", "-x", "100", "-y", "30", "sleep 600"]) == 0 else {
            throw BenchError("tmux could not start a session; is tmux installed?")
        }
        let command = ["env", "LANG=C.UTF-8", "TERM=xterm-256color", binary, "--project", projectRoot, "--database", "sqlite:" + database]
            .map { "'\($0)'" }.joined(separator: " ")
        // The harness alone (session, shell, polls) with a program that prints the title at once:
        // what the spyglass figure includes that is not spyglass.
        let harness = try firstTitle(tmux: tmux, command: "printf 'Spyglass · Explores'; sleep 60", runs: runs)
        let median = try firstTitle(tmux: tmux, command: command, runs: runs)
        Bench.report("tui: first screen in tmux, median of \(runs), 2 ms polls", "\(Bench.format(median)) ms",
                     target: "≤ 150 ms", ok: median <= 150)
        Bench.report("tui: … of which tmux + shell + polling (printf)", "\(Bench.format(harness)) ms")
    }

    /// Median ms from starting `command` in a new tmux session until the start screen's title is on
    /// the pane; one extra warm-up run first.
    static func firstTitle(tmux: Tmux, command: String, runs: Int) throws -> Double {
        var times: [Double] = []
        for index in 0..<(runs + 1) {
            let name = "run\(index)"
            let start = DispatchTime.now().uptimeNanoseconds
            guard tmux.run(["new-session", "-d", "-s", name, "-x", "100", "-y", "30", command]) == 0 else {
                throw BenchError("tmux could not start spyglass")
            }
            let deadline = start + 10_000_000_000
            var drawn = false
            while DispatchTime.now().uptimeNanoseconds < deadline {
                if tmux.capture(name).contains("Spyglass · Explores") { drawn = true; break }
                usleep(2_000)
            }
            let ms = Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6
            tmux.run(["kill-session", "-t", name])
            guard drawn else { throw BenchError("spyglass never drew its start screen within 10 s") }
            if index > 0 { times.append(ms) }  // The first run warms the page cache.
        }
        times.sort()
        return times[times.count / 2]
    }

    /// A real 10,000-row answer from the demo database loaded into the explore screen; each sample
    /// is one keystroke handled plus a full 200×60 frame drawn.
    static func redraw(database: String, keystrokes: Int) throws {
        let workspace = try Workspace.open(projectRoot: projectRoot, databaseURL: "sqlite:" + database)
        let spec = QuerySpec(explore: "events", fields: ["events.event_id", "events.platform", "events.feature", "events.count"],
                             limit: 10_000)
        let table = try workspace.run(spec)
        guard table.rows.count == 10_000 else { throw BenchError("the demo returned \(table.rows.count) rows, not 10,000") }
        var screen = try HeadlessExplore(workspace: workspace, spec: spec, table: table)
        _ = screen.render(width: 200, height: 60)
        let keys: [Key] = [.tab, .down, .pageDown, .pageDown, .right, .end, .up, .left, .pageUp, .home]
        var times: [Double] = []
        times.reserveCapacity(keystrokes)
        var drawnCells = 0
        for index in 0..<keystrokes {
            let start = DispatchTime.now().uptimeNanoseconds
            screen.press(keys[index % keys.count])
            let frame = screen.render(width: 200, height: 60)
            times.append(Double(DispatchTime.now().uptimeNanoseconds - start) / 1e6)
            drawnCells &+= frame.cells.count
        }
        times.sort()
        let median = times[times.count / 2]
        let p99 = times[min(times.count - 1, times.count * 99 / 100)]
        Bench.report("tui: key + redraw, 10k rows, 200×60, median", "\(Bench.format(median, 2)) ms", target: "≤ 16 ms", ok: median <= 16)
        Bench.report("tui: key + redraw, 10k rows, 200×60, p99 of \(keystrokes)", "\(Bench.format(p99, 2)) ms", target: "≤ 16 ms", ok: p99 <= 16)
        if drawnCells == 0 { print("tui: no cells drawn") }
    }

    /// A private tmux server driven through the shell (output captured to a temp file).
    struct Tmux {
        let socket: String

        @discardableResult
        func run(_ arguments: [String], output: String = "/dev/null") -> Int32 {
            let quoted = (["tmux", "-L", socket, "-f", "/dev/null"] + arguments)
                .map { "'" + $0.replacingOccurrences(of: "'", with: "'\\''") + "'" }.joined(separator: " ")
            return system("\(quoted) >\(output) 2>/dev/null </dev/null")
        }

        func capture(_ session: String) -> String {
            let path = NSTemporaryDirectory() + "\(socket).capture"
            defer { unlink(path) }
            guard run(["capture-pane", "-p", "-t", session], output: path) == 0 else { return "" }
            return (try? String(contentsOfFile: path, encoding: .utf8)) ?? ""
        }
    }

    struct BenchError: Error, CustomStringConvertible {
        var description: String
        init(_ description: String) { self.description = description }
    }
}
