import Foundation

/// Renders diagnostics like a compiler: `path:line:col: error: message`, the source line, and a
/// caret under the column. Paths are project-relative, so files are read from `root`.
///
/// Output stays proportional to the number of problems shown, whatever the files hold (a 20 KB file
/// of `}` once printed 601 MB): at most `perFileLimit` diagnostics per file are shown, then one line
/// saying how many more there are; a long source line is echoed only `echoRadius` characters either
/// side of the column; control characters in it are shown escaped (a terminal would act on them) and
/// lines end where the LookML line map ends them: LF, form feed, U+2028, U+2029.
public enum DiagnosticRenderer {
    public static let perFileLimit = 50
    public static let echoRadius = 100

    /// compiler-style text with source line and caret, reading files from disk
    public static func render(_ diagnostics: [Diagnostic], root: String) -> String {
        var lines: [String: [String.UnicodeScalarView.SubSequence]] = [:]
        return render(diagnostics) { location in
            if lines[location.file] == nil {
                let path = location.file.hasPrefix("/") ? location.file : root + "/" + location.file
                let text = FileManager.default.contents(atPath: path).map { String(decoding: $0, as: UTF8.self) } ?? ""
                lines[location.file] = splitLines(text)
            }
            return line(location.line, of: lines[location.file]!)
        }
    }

    /// The same for one file already in memory (`validate --syntax`).
    public static func render(_ diagnostics: [Diagnostic], text: String) -> String {
        let lines = splitLines(text)
        return render(diagnostics) { line($0.line, of: lines) }
    }

    private static func render(_ diagnostics: [Diagnostic], sourceLine: (SourceLocation) -> String?) -> String {
        var shown: [String: Int] = [:]
        var hidden: [(file: String, count: Int)] = []
        var out: [String] = []
        for diagnostic in diagnostics {
            let file = diagnostic.location?.file ?? ""
            let count = shown[file, default: 0]
            shown[file] = count + 1
            guard count < perFileLimit else {
                if let i = hidden.firstIndex(where: { $0.file == file }) { hidden[i].count += 1 } else { hidden.append((file, 1)) }
                continue
            }
            // Messages quote names from the files, which may hold control characters too.
            let header = String(diagnostic.description.unicodeScalars.map(visible).joined())
            guard let location = diagnostic.location, let text = sourceLine(location) else {
                out.append(header)
                continue
            }
            let (echo, pad) = echoed(text, column: location.column)
            out.append("\(header)\n\(echo)\n\(pad)^")
        }
        for (file, count) in hidden {
            let place = file.isEmpty ? "the project" : file
            out.append("\(place): \(count) more diagnostic\(count == 1 ? "" : "s") not shown (the first \(perFileLimit) are above)")
        }
        return out.joined(separator: "\n")
    }

    /// Lines as the LookML line map counts them: after LF, form feed, U+2028 and U+2029; a CR before
    /// the LF is dropped.
    static func splitLines(_ text: String) -> [String.UnicodeScalarView.SubSequence] {
        text.unicodeScalars.split(omittingEmptySubsequences: false) { s in
            s == "\n" || s == "\u{0C}" || s == "\u{2028}" || s == "\u{2029}"
        }
    }

    private static func line(_ number: Int, of lines: [String.UnicodeScalarView.SubSequence]) -> String? {
        guard number >= 1, number <= lines.count else { return nil }
        var line = lines[number - 1]
        if line.last == "\r" { line = line.dropLast() }
        return String(line)
    }

    /// At most `echoRadius` scalars either side of `column` (1-based), control characters escaped,
    /// and the padding that puts a caret under the column.
    static func echoed(_ line: String, column: Int) -> (text: String, pad: String) {
        let scalars = Array(line.unicodeScalars)
        let at = min(max(0, column - 1), scalars.count)
        let from = max(0, at - echoRadius)
        let to = min(scalars.count, at + echoRadius)
        var text = from > 0 ? "…" : ""
        var pad = from > 0 ? " " : ""
        for i in from..<to {
            let shown = visible(scalars[i])
            text += shown
            if i < at { pad += scalars[i] == "\t" ? "\t" : String(repeating: " ", count: shown.unicodeScalars.count) }
        }
        if to < scalars.count { text += "…" }
        return (text, pad)
    }

    /// A scalar as it is safe to print: C0/C1 controls (but tab), DEL and bidirectional overrides
    /// become `\u{…}`.
    private static func visible(_ s: Unicode.Scalar) -> String {
        switch s.value {
        case 0x09: return "\t"
        case 0x00..<0x20, 0x7F..<0xA0, 0x2028, 0x2029, 0x202A...0x202E, 0x2066...0x2069:
            return "\\u{" + String(s.value, radix: 16) + "}"
        default: return String(s)
        }
    }
}
