import Foundation
import TestSupport

/// Runs the built `spyglass` binary headlessly (no terminal), as a script would, to get the numbers
/// the terminal UI must agree with.
enum CommandLineRun {
    typealias Output = SpyglassProcess.Result

    static func spyglass(_ arguments: [String]) throws -> Output {
        guard TmuxSession.binary != nil else { throw TmuxError("the spyglass binary is not built next to the tests") }
        return try SpyglassProcess.run(arguments)
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
