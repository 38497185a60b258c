import Foundation
import TestSupport

/// A real terminal for end-to-end tests: a private tmux server (own socket) running the built
/// `spyglass` binary in a 100×30 window; keys go in with send-keys, the screen comes back with
/// capture-pane.
final class TmuxSession {
    let socket: String
    /// The session's own `XDG_STATE_HOME` (removed with the session), unless the test gave one.
    private(set) var ownState: String?
    private static let counter = Counter()

    /// The `spyglass` binary beside the test bundle in the build directory (found as
    /// `SpyglassProcess` finds it), or nil when it is not built.
    static var binary: String? {
        let binary = SpyglassProcess.binary
        return FileManager.default.isExecutableFile(atPath: binary) ? binary : nil
    }

    /// Starts `spyglass arguments…` in a shell that prints `EXIT=<code> MODES: … :END` (the exit
    /// code and the terminal modes, on one line so a test never reads half of it) when it ends, then stays open so the test can read them.
    /// `readsLineAfterExit` then reads one typed line with the shell's `read` and prints
    /// `READ=<line>:DONE`: typing shows whether the terminal echoes and is line-buffered again.
    /// Core dumps are off (`ulimit -c 0`) so a crash test leaves no core file behind.
    init(arguments: [String], environment: [String: String] = [:], width: Int = 100, height: Int = 30,
         readsLineAfterExit: Bool = false) throws {
        socket = "spyglass-tui-\(getpid())-\(Self.counter.next())"
        guard let binary = Self.binary else { throw TmuxError("the spyglass binary is not built next to the tests") }
        // Each session keeps its history and looks in its own state directory unless told otherwise,
        // so no test sees another's (or the developer's) saved work.
        let state = NSTemporaryDirectory() + "spyglass-tui-state-\(getpid())-\(socket)"
        if environment["XDG_STATE_HOME"] == nil { ownState = state }
        let env = (["LANG": "C.UTF-8", "TERM": "xterm-256color", "XDG_STATE_HOME": state].merging(environment) { $1 })
            .map { "\($0.key)='\($0.value)'" }.joined(separator: " ")
        let quoted = ([binary] + arguments).map { "'\($0)'" }.joined(separator: " ")
        // The test runner may itself run under NO_COLOR; only the test's own environment counts.
        let script = "ulimit -c 0; env -u NO_COLOR \(env) \(quoted); code=$?; modes=$(stty -a | tr ' ' '\\n' | grep -E '^-?(echo|icanon)$' | tr '\\n' ' '); echo \"EXIT=$code MODES: $modes:END\"; \(readsLineAfterExit ? "read line; echo \"READ=$line:DONE\"; " : "")sleep 600"
        // The server this starts would inherit a stdout pipe and hold it open forever: no capture.
        try tmux(["new-session", "-d", "-x", String(width), "-y", String(height), "sh", "-c", script], capture: false)
    }

    deinit {
        _ = try? tmux(["kill-server"], capture: false)
        if let ownState { try? FileManager.default.removeItem(atPath: ownState) }
        unlink("/tmp/tmux-\(getuid())/\(socket)")
    }

    /// Runs a tmux command on this session's private server and returns its output. Uses the shell
    /// (`system`) rather than Foundation's Process: the server tmux forks would otherwise inherit
    /// Process's pipes and keep the test waiting.
    @discardableResult
    func tmux(_ arguments: [String], capture: Bool = true) throws -> String {
        let output = NSTemporaryDirectory() + "\(socket).out"
        let quoted = (["tmux", "-L", socket, "-f", "/dev/null"] + arguments)
            .map { "'" + $0.replacingOccurrences(of: "'", with: "'\\''") + "'" }.joined(separator: " ")
        let status = system("\(quoted) >\(capture ? output : "/dev/null") 2>/dev/null </dev/null")
        defer { unlink(output) }
        guard status == 0 || arguments.first == "kill-server" else { throw TmuxError("tmux \(arguments.first ?? "") failed (\(status))") }
        return capture ? ((try? String(contentsOfFile: output, encoding: .utf8)) ?? "") : ""
    }

    /// Sends keys in tmux's notation (`Enter`, `Escape`, `C-c`, or literal text with `literal`).
    func send(_ keys: String..., literal: Bool = false) throws {
        try tmux(["send-keys", "-t", "0"] + (literal ? ["-l"] : []) + keys)
    }

    func screen(escapes: Bool = false) throws -> String {
        try tmux(["capture-pane", "-p", "-t", "0"] + (escapes ? ["-e"] : []))
    }

    /// Waits until the screen contains `text`; throws with the screen when it never does.
    @discardableResult
    func waitFor(_ text: String, seconds: Double = 30) throws -> String {
        let deadline = Date().addingTimeInterval(seconds)
        var last = ""
        while Date() < deadline {
            last = try screen()
            if last.contains(text) { return last }
            usleep(50_000)
        }
        throw TmuxError("timed out waiting for “\(text)”; screen:\n\(last)")
    }

    /// The pid of the program running in the pane's shell.
    func programPID() throws -> Int32? {
        let shell = try tmux(["list-panes", "-t", "0", "-F", "#{pane_pid}"]).trimmingCharacters(in: .whitespacesAndNewlines)
        guard let shellPID = Int32(shell) else { return nil }
        let output = NSTemporaryDirectory() + "\(socket).ps"
        defer { unlink(output) }
        _ = system("ps -o pid= --ppid \(shellPID) >\(output) 2>/dev/null")
        let text = (try? String(contentsOfFile: output, encoding: .utf8)) ?? ""
        return text.split(separator: "\n").compactMap { Int32($0.trimmingCharacters(in: .whitespaces)) }.first
    }

    final class Counter: @unchecked Sendable {
        private let lock = NSLock()
        private var value = 0
        func next() -> Int { lock.withLock { value += 1; return value } }
    }
}

struct TmuxError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}
