import Foundation

/// Runs the built `spyglass` binary headlessly (no terminal), as a script would, to get the numbers
/// the terminal UI must agree with.
enum CommandLineRun {
    struct Output {
        var stdout: String
        var stderr: String
        var code: Int32
    }

    static func spyglass(_ arguments: [String]) throws -> Output {
        guard let binary = TmuxSession.binary else { throw TmuxError("the spyglass binary is not built next to the tests") }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = arguments
        let out = Pipe(), err = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = FileHandle.nullDevice
        try process.run()
        // Drain both pipes while it runs so a large answer cannot block it.
        let group = DispatchGroup()
        nonisolated(unsafe) var outData = Data()
        nonisolated(unsafe) var errData = Data()
        DispatchQueue.global().async(group: group) { outData = out.fileHandleForReading.readDataToEndOfFile() }
        DispatchQueue.global().async(group: group) { errData = err.fileHandleForReading.readDataToEndOfFile() }
        process.waitUntilExit()
        group.wait()
        return Output(stdout: String(decoding: outData, as: UTF8.self), stderr: String(decoding: errData, as: UTF8.self),
                      code: process.terminationStatus)
    }

    /// Simple CSV (the fields tested here hold no quotes or commas): rows of cells, header first.
    static func csvRows(_ text: String) -> [[String]] {
        text.split(whereSeparator: \.isNewline).map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
    }

    /// The whole numbers on a screen line, with thousands separators removed ("2,360" → 2360).
    static func integers(in line: String) -> [Int] {
        var numbers: [Int] = []
        var current = ""
        var previousWasDigit = false
        for character in line {
            if character.isASCII, character.isNumber {
                current.append(character)
                previousWasDigit = true
            } else if character == ",", previousWasDigit {
                continue  // A thousands separator inside a number.
            } else {
                if let n = Int(current) { numbers.append(n) }
                current = ""
                previousWasDigit = false
            }
        }
        if let n = Int(current) { numbers.append(n) }
        return numbers
    }
}
