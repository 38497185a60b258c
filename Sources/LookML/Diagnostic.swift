/// A problem found in a project, with where it is. Every stage collects these instead of throwing,
/// so a user sees all of a project's problems at once.
public struct Diagnostic: Hashable, Sendable, Error, CustomStringConvertible {
    public enum Severity: String, Hashable, Sendable, Comparable {
        case error, warning

        public static func < (a: Severity, b: Severity) -> Bool { a == .error && b == .warning }
    }

    public var severity: Severity
    public var message: String
    /// Where the problem is; nil for project-wide problems (no model files, say).
    public var location: SourceLocation?

    public init(_ severity: Severity, _ message: String, at location: SourceLocation?) {
        self.severity = severity
        self.message = message
        self.location = location
    }

    public static func error(_ message: String, at location: SourceLocation?) -> Diagnostic {
        Diagnostic(.error, message, at: location)
    }

    public static func warning(_ message: String, at location: SourceLocation?) -> Diagnostic {
        Diagnostic(.warning, message, at: location)
    }

    /// `path:line:col: error: message`, the first line a compiler would print.
    public var description: String {
        if let location { return "\(location): \(severity.rawValue): \(message)" }
        return "\(severity.rawValue): \(message)"
    }

    /// The compiler-style rendering: the header line, then the source line and a caret under the
    /// column. `sourceLine` is the text of `location.line` (without its line ending), if known.
    public func rendered(sourceLine: String?) -> String {
        guard let location, let sourceLine else { return description }
        let prefix = String(sourceLine.unicodeScalars.prefix(max(0, location.column - 1)))
        // Keep tabs so the caret lines up under the same character in a terminal.
        let pad = String(prefix.unicodeScalars.map { $0 == "\t" ? "\t" : " " }.map(Character.init))
        return "\(description)\n\(sourceLine)\n\(pad)^"
    }
}
