/// The entry point of the LookML front end: text in, syntax tree and diagnostics out.
public enum LookMLParser {
    /// Parses one .lkml file. Never throws, never crashes, never hangs: syntax errors become
    /// diagnostics (with file:line:col) and the parser recovers to keep going where it can.
    ///
    /// `path` is copied as given into every `SourceLocation.file`.
    public static func parse(_ text: String, path: String) -> (file: SyntaxFile, diagnostics: [Diagnostic]) {
        var text = text
        // withUTF8 hands out the string's own contiguous storage (no copy for native strings).
        return text.withUTF8 { bytes in
            var parser = Parser(bytes: bytes, path: path)
            let pairs = parser.parseFile()
            return (SyntaxFile(path: path, pairs: pairs), parser.diagnostics)
        }
    }
}
