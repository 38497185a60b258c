import Foundation
import Testing
import TestSupport

/// LOW #9 of the hardening review: names a user types reached stderr raw, so a newline forged a
/// second error line and an escape sequence could set the terminal title or clear the screen.
@Suite("Identifiers in errors are escaped")
struct IdentifierEscapingTests {
    static let tiny = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/tiny").path
    static let hostile = "x\nspyglass: error: forged\u{1B}]0;pwned\u{07}\u{1B}[2J\u{202E}\u{85}\r"

    @Test func identifiersWithControlCharactersAreEscapedInErrors() throws {
        let h = Self.hostile
        let runs: [[String]] = [
            ["sql", "customers", "--fields", "customers.\(h)"],
            ["sql", "customers", "--fields", "customers.count", "--sorts", "customers.\(h) desc"],
            ["sql", "customers", "--fields", "customers.country,customers.count", "--pivots", "customers.\(h)"],
            ["sql", "customers", "--fields", "customers.count", "--filter", "customers.\(h)=1"],
            ["sql", h, "--fields", "customers.count"],
            ["sql", "customers", "--fields", "customers.count", "--time-zone", h],
            ["report", h],
            ["report", "overview", "--tile", h],
            ["report", "overview", "--filter", "\(h)=1"],
        ]
        for arguments in runs {
            let result = try SpyglassProcess.run(arguments + ["--project", Self.tiny, "--database", "sqlite:/nonexistent/tiny.db"])
            #expect(result.code != 0, "\(arguments)")
            let scalars = Array(result.stderr.unicodeScalars)
            #expect(scalars.last == "\n" && scalars.dropLast().allSatisfy { $0.value >= 0x20 && !(0x7F..<0xA0).contains($0.value) && $0 != "\u{202E}" },
                    "\(arguments[0]) \(arguments[1]): \(result.stderr.debugDescription)")
            #expect(result.stderr.contains("\\u{a}spyglass: error: forged\\u{1b}]0;pwned"), "\(result.stderr.debugDescription)")
        }
    }
}
