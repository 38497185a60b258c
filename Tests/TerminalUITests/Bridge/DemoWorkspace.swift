import DemoWarehouse
import Foundation
import Synchronization
import SpyglassCore
@testable import TerminalUI

/// The repository's demo project over a demo SQLite database built once per test process into a
/// temp directory (never the user's ~/.local/share copy).
enum DemoWorkspace {
    static let databasePath: Result<String, any Error> = Result {
        // Random as well as per process: a later run reusing this pid must not find an old
        // database (ensureDatabase keeps an existing file). Removed at exit: 30 MB a run piled up.
        let dir = NSTemporaryDirectory() + "spyglass-tui-tests-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        createdDirectory.withLock { $0 = dir }
        atexit {
            if let dir = DemoWorkspace.createdDirectory.withLock({ $0 }) { try? FileManager.default.removeItem(atPath: dir) }
        }
        return try DemoWarehouse.ensureDatabase(at: dir + "/demo.sqlite")
    }

    private static let createdDirectory = Mutex<String?>(nil)

    static var projectRoot: String {
        URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().deletingLastPathComponent().path
    }

    static func open() throws -> Workspace {
        try Workspace.open(projectRoot: projectRoot, databaseURL: "sqlite:" + databasePath.get())
    }
}

/// A terminal that plays a script of keys and waits, and records every frame drawn: the real run
/// loop, threads and services, without curses.
final class ScriptedTerminal: TerminalDevice {
    enum Step {
        case keys([Key])
        /// Waits (up to `seconds`) until the screen shows `text`.
        case waitFor(String, seconds: Double)
    }

    private var steps: [Step]
    private(set) var frames: [Frame] = []
    private(set) var failures: [String] = []
    private var waitStarted: Date?
    let width: Int, height: Int
    private(set) var restored = false

    init(width: Int = 100, height: Int = 30, _ steps: [Step]) {
        self.width = width
        self.height = height
        self.steps = steps
    }

    var size: (width: Int, height: Int) { (width, height) }
    var last: Frame? { frames.last }

    func readKey(timeoutMilliseconds: Int) -> Key? {
        guard let step = steps.first else { return .ctrl("c") }
        switch step {
        case .keys(var keys):
            let key = keys.removeFirst()
            steps[0] = .keys(keys)
            if keys.isEmpty { steps.removeFirst() }
            return key
        case .waitFor(let text, let seconds):
            if last?.contains(text) == true {
                steps.removeFirst()
                waitStarted = nil
                return nil
            }
            let started = waitStarted ?? Date()
            waitStarted = started
            if Date().timeIntervalSince(started) > seconds {
                failures.append("timed out waiting for “\(text)”; screen:\n" + (last?.lines.joined(separator: "\n") ?? ""))
                steps = []
                return .ctrl("c")
            }
            usleep(5_000)
            return nil
        }
    }

    func draw(_ frame: Frame) {
        if frames.last != frame { frames.append(frame) }
    }

    func invalidate() {}
    func restore() { restored = true }
}
