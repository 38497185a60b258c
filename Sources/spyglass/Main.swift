import ArgumentParser
import Foundation
import SpyglassCore

/// Runs the command line with DESIGN.md's exit codes (ArgumentParser's own usage code is 64).
@main
enum Main {
    static func main() {
        let code: Int32
        do {
            var command = try Spyglass.parseAsRoot()
            try command.run()
            code = 0
        } catch let error as SpyglassError {
            Output.error(error.message)
            code = error.exitCode
        } catch let error as ExitCode {
            code = error.rawValue
        } catch {
            let exit = Spyglass.exitCode(for: error)
            if exit == .success {
                Output.write(Spyglass.fullMessage(for: error) + "\n")
                code = 0
            } else if exit == .validationFailure {
                Output.error(Spyglass.message(for: error) + " (see 'spyglass help')")
                code = 2
            } else {
                Output.error(Spyglass.fullMessage(for: error))
                code = exit.rawValue
            }
        }
        Output.flush()
        exit(code)
    }
}
