import Foundation
import Testing
@testable import TerminalUI

/// A crash in the UI (a Swift runtime trap: SIGILL on x86-64, SIGTRAP on arm64) must leave the
/// user's terminal usable: cooked mode with echo, off the alternate screen, cursor shown, and one
/// line saying what happened. Driven through the test-only `SPYGLASS_TEST_CRASH=after-first-draw`.
@Suite(.serialized) struct CrashRestoreTests {
    @Test func aCrashAfterTheFirstDrawRestoresTheTerminal() throws {
        let arguments = ["--project", DemoWorkspace.projectRoot, "--database", "sqlite:" + (try DemoWorkspace.databasePath.get())]
        let tmux = try TmuxSession(arguments: arguments, environment: ["SPYGLASS_TEST_CRASH": "after-first-draw"],
                                   readsLineAfterExit: true)
        let after = try tmux.waitFor(":END", seconds: 20)
        let code = try #require(Self.exitCode(after), "\(after)")
        #expect(code == 128 + SIGILL || code == 128 + SIGTRAP, "\(after)")
        // The handler's own line, with the signal the exit status reports (kept by re-raising).
        #expect(after.contains("spyglass: internal error (signal \(code - 128)); the terminal was restored"), "\(after)")
        #expect(after.contains("echo") && !after.contains("-echo"), "\(after)")
        #expect(after.contains("icanon") && !after.contains("-icanon"), "\(after)")
        // Off the alternate screen, cursor visible, cursor keys back in normal mode.
        let flags = try tmux.tmux(["display-message", "-p", "-t", "0", "#{alternate_on} #{cursor_flag} #{keypad_cursor_flag}"])
        #expect(flags.trimmingCharacters(in: .whitespacesAndNewlines) == "0 1 0", "\(flags)")

        // Typing at the shell is echoed by the terminal and Enter ends the line (ICRNL is back).
        try tmux.send("typed-after-crash", literal: true)
        try tmux.send("Enter")
        let typed = try tmux.waitFor("READ=typed-after-crash:DONE", seconds: 5)
        let lines = typed.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }
        #expect(lines.contains("typed-after-crash"), "the typed line was not echoed:\n\(typed)")
    }

    /// The other fatal signals take the same handler (sent from outside here, as a fault would
    /// raise them): status 128+N and a two-digit N in the message.
    @Test(arguments: [SIGSEGV, SIGBUS, SIGFPE, SIGABRT])
    func everyFatalSignalRestoresTheTerminal(_ signal: Int32) throws {
        let arguments = ["--project", DemoWorkspace.projectRoot, "--database", "sqlite:" + (try DemoWorkspace.databasePath.get())]
        let tmux = try TmuxSession(arguments: arguments)
        try tmux.waitFor("Spyglass · Explores")
        let pid = try #require(try tmux.programPID())
        kill(pid, signal)
        let after = try tmux.waitFor(":END", seconds: 10)
        #expect(Self.exitCode(after) == 128 + signal, "\(after)")
        #expect(after.contains("spyglass: internal error (signal \(signal)); the terminal was restored"), "\(after)")
        #expect(after.contains("echo") && !after.contains("-echo"), "\(after)")
        #expect(after.contains("icanon") && !after.contains("-icanon"), "\(after)")
        let flags = try tmux.tmux(["display-message", "-p", "-t", "0", "#{alternate_on} #{cursor_flag}"])
        #expect(flags.trimmingCharacters(in: .whitespacesAndNewlines) == "0 1", "\(flags)")
    }

    static func exitCode(_ screen: String) -> Int32? {
        guard let range = screen.range(of: #"EXIT=[0-9]+"#, options: .regularExpression) else { return nil }
        return Int32(screen[range].dropFirst("EXIT=".count))
    }
}
