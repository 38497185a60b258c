import Foundation

/// Renders diagnostics like a compiler: `path:line:col: error: message`, the source line, and a
/// caret under the column. Paths are project-relative, so files are read from `root`.
public enum DiagnosticRenderer {
    /// compiler-style text with source line and caret, reading files from disk
    public static func render(_ diagnostics: [Diagnostic], root: String) -> String {
        var lines: [String: [Substring]] = [:]
        func sourceLine(_ location: SourceLocation) -> String? {
            if lines[location.file] == nil {
                let path = location.file.hasPrefix("/") ? location.file : root + "/" + location.file
                let text = FileManager.default.contents(atPath: path).map { String(decoding: $0, as: UTF8.self) } ?? ""
                lines[location.file] = text.split(separator: "\n", omittingEmptySubsequences: false)
            }
            let fileLines = lines[location.file]!
            guard location.line >= 1, location.line <= fileLines.count else { return nil }
            var line = fileLines[location.line - 1]
            if line.hasSuffix("\r") { line = line.dropLast() }
            return String(line)
        }
        return diagnostics.map { diagnostic in
            diagnostic.rendered(sourceLine: diagnostic.location.flatMap(sourceLine))
        }.joined(separator: "\n")
    }
}
