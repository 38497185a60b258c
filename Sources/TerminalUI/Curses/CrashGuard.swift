import CNcursesw
import Foundation

/// Restores the terminal when the process dies of a fatal signal (SIGSEGV, SIGBUS, SIGILL, SIGFPE,
/// SIGABRT, SIGTRAP — a Swift runtime trap is SIGILL or SIGTRAP on Linux), so a crash never leaves
/// the user's shell in raw mode without echo on the alternate screen.
///
/// The handler itself is C in `CNcursesw/shim.h`: a signal handler may only do async-signal-safe
/// work (tcsetattr, write, sigaction, raise), and Swift cannot promise that of its own code. It puts
/// back the termios saved before `initscr`, writes the terminfo sequences prepared while curses was
/// up, prints "spyglass: internal error (signal N); the terminal was restored" to stderr, then
/// resets the signal to SIG_DFL and re-raises it, so the exit status and any core dump are kept.
///
/// This file is the only caller of the shim's `sg_*` crash functions: their state is `static` in a
/// header, so each Swift file calling them would get a copy of its own.
enum CrashGuard {
    /// Saves the terminal's modes as the user's shell left them; call before `initscr`.
    static func saveTerminalModes() {
        _ = sg_save_termios()
    }

    /// Prepares the restore sequence from terminfo and installs the handlers; call after `initscr`.
    static func arm() {
        sg_prepare_restore_sequence()
        _ = sg_install_fatal_handlers()
    }

    /// Puts back the previous handlers once `endwin` has restored the terminal.
    static func disarm() {
        sg_remove_fatal_handlers()
    }

    /// TEST ONLY: `SPYGLASS_TEST_CRASH=after-first-draw` makes the UI trap (a Swift runtime trap,
    /// the same as a failed force unwrap) right after it has drawn its first frame, so the tmux
    /// end-to-end test can check that a real crash restores the terminal. Read by `TerminalApp` only.
    enum TestCrash: String {
        case afterFirstDraw = "after-first-draw"

        static func fromEnvironment(_ environment: [String: String]) -> TestCrash? {
            environment["SPYGLASS_TEST_CRASH"].flatMap(TestCrash.init(rawValue:))
        }
    }

    /// Crashes the process on purpose (the test hook above).
    static func crash(_ reason: TestCrash) -> Never {
        fatalError("SPYGLASS_TEST_CRASH=\(reason.rawValue): deliberate crash for the terminal-restore test")
    }
}
