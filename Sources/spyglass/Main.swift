import ArgumentParser
import Foundation
import SpyglassCore

/// Runs the command line with DESIGN.md's exit codes (ArgumentParser's own usage code is 64).
@main
enum Main {
    static func main() {
        var command: any ParsableCommand
        do {
            command = try Spyglass.parseAsRoot()
        } catch {
            exit(usageFailure(error))
        }
        let code: Int32
        do {
            try command.run()
            code = 0
        } catch let error as ExitCode {
            code = error.rawValue
        } catch let error as CleanExit {
            exit(usageFailure(error))
        } catch let error as ValidationError {
            Output.error(error.message + " (see 'spyglass help')")
            code = 2
        } catch where [ExitCode.success, .validationFailure].contains(Spyglass.exitCode(for: error)) {
            // Help requested or a usage problem ArgumentParser found while running.
            exit(usageFailure(error))
        } catch {
            // Everything below the front end: one sentence, with the exit code of its kind.
            let failure = SpyglassError.from(error)
            Output.error(failure.message)
            code = failure.exitCode
        }
        Output.flush()
        // A signal that cancelled the query decides the exit code, as for any signalled program.
        SignalCancellation.leave(SignalCancellation.receivedSignal.map { 128 + $0 } ?? code)
    }

    /// Help and version print and exit 0; anything else ArgumentParser rejects is a usage error (2).
    static func usageFailure(_ error: any Error) -> Int32 {
        let exit = Spyglass.exitCode(for: error)
        if exit == .success {
            Output.write(Spyglass.fullMessage(for: error) + "\n")
            Output.flush()
            return 0
        }
        Output.error(Spyglass.message(for: error) + " (see 'spyglass help')")
        return 2
    }
}
