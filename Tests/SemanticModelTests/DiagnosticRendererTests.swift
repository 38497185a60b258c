import Foundation
import SemanticModel
import Testing

/// MEDIUM #6 of the hardening review: `validate` output grew quadratically (a 20 KB file of `}` gave
/// 601 MB), because every diagnostic echoed its whole source line.
@Suite("Diagnostic rendering stays bounded")
struct DiagnosticRendererTests {
    static func project(_ files: [String: String]) throws -> String {
        let root = NSTemporaryDirectory() + "spyglass-diag-\(getpid())-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        for (name, text) in files { try text.write(toFile: root + "/" + name, atomically: true, encoding: .utf8) }
        return root
    }

    @Test func validateOutputOfAFileOfClosingBracesStaysSmall() throws {
        let root = try Self.project(["a.model.lkml": "connection: \"x\"\n", "braces.view.lkml": String(repeating: "}", count: 20_000)])
        let project = ProjectLoader.load(root: root)
        let diagnostics = project.diagnostics.filter { $0.location?.file.hasSuffix("braces.view.lkml") == true }
        try #require(diagnostics.count > DiagnosticRenderer.perFileLimit, "the fixture must produce many diagnostics")
        let rendered = DiagnosticRenderer.render(project.diagnostics, root: root)
        // 50 diagnostics of a header, ≤ 201 echoed characters and a caret line each, and one summary.
        #expect(rendered.utf8.count < 50 * 700, "\(rendered.utf8.count) bytes")
        #expect(rendered.contains("braces.view.lkml: \(diagnostics.count - DiagnosticRenderer.perFileLimit) more diagnostics not shown"))
        print("validate of a 20 KB file of '}': \(diagnostics.count) diagnostics, \(rendered.utf8.count) bytes rendered")
    }

    @Test func longLineIsEchoedAroundTheColumnWithTheCaretUnderIt() throws {
        let line = String(repeating: "a", count: 4_000) + "X" + String(repeating: "b", count: 4_000)
        let diagnostic = Diagnostic.error("bad", at: SourceLocation(file: "f.lkml", line: 2, column: 4_001))
        let rendered = DiagnosticRenderer.render([diagnostic], text: "first\n" + line + "\n")
        let lines = rendered.split(separator: "\n", omittingEmptySubsequences: false)
        try #require(lines.count == 3)
        #expect(lines[1].count == 1 + 100 + 100 + 1, "…, 100 before, 100 from the column, …")
        let caret = try #require(lines[2].firstIndex(of: "^"))
        let under = lines[1][lines[1].index(lines[1].startIndex, offsetBy: lines[2].distance(from: lines[2].startIndex, to: caret))]
        #expect(under == "X")
    }

    @Test func formFeedAndLineSeparatorsBreakLinesAndControlsAreEscaped() throws {
        // Line 4 (after a U+2028 and a form feed inside a string) holds the error, after an escape sequence.
        let text = "view: a {\n  label: \"x\u{2028}y\u{0C}z\u{1B}[2J\" ; \n}\n"
        let root = try Self.project(["a.model.lkml": "connection: \"x\"\n", "a.view.lkml": text])
        let project = ProjectLoader.load(root: root)
        let diagnostic = try #require(project.diagnostics.first { $0.location?.file.hasSuffix("a.view.lkml") == true })
        #expect(diagnostic.location?.line == 4 && diagnostic.location?.column == 8, "\(diagnostic)")
        let rendered = DiagnosticRenderer.render([diagnostic], root: root)
        #expect(!rendered.unicodeScalars.contains { $0 == "\u{1B}" || $0 == "\u{0C}" || $0 == "\u{2028}" }, "\(rendered.debugDescription)")
        #expect(rendered.hasSuffix("z\\u{1b}[2J\" ; \n" + String(repeating: " ", count: 12) + "^"), "\(rendered)")
    }
}
