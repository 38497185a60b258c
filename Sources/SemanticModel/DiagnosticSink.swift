/// Collects diagnostics while a project loads, keeping each mistake once.
///
/// The same syntax is looked at several times (a view included by two models, a base view
/// inherited by three extending views); a mistake lives at one place in one file, so a second
/// error at the same location (or warning with the same message there) is dropped.
final class DiagnosticSink {
    private(set) var diagnostics: [Diagnostic] = []
    private var seen: Set<SeenKey> = []

    private struct SeenKey: Hashable {
        var location: SourceLocation
        var severity: Diagnostic.Severity
        /// Warnings also key on the message: one fan-out join can put several views at risk, each
        /// its own warning at the join. Error messages may name the object being checked (an
        /// explore and the one extending it), so errors key on location alone.
        var message: String?
    }

    func error(_ message: String, at location: SourceLocation?) {
        add(.error(message, at: location))
    }

    func warning(_ message: String, at location: SourceLocation?) {
        add(.warning(message, at: location))
    }

    func add(_ diagnostic: Diagnostic) {
        if let location = diagnostic.location {
            let key = SeenKey(location: location, severity: diagnostic.severity,
                              message: diagnostic.severity == .warning ? diagnostic.message : nil)
            guard seen.insert(key).inserted else { return }
        } else if diagnostics.contains(diagnostic) {
            return
        }
        diagnostics.append(diagnostic)
    }

    /// Diagnostics in file order (then line, column), project-wide ones first.
    func sorted() -> [Diagnostic] {
        diagnostics.enumerated().sorted { a, b in
            switch (a.element.location, b.element.location) {
            case (nil, nil): return a.offset < b.offset
            case (nil, _): return true
            case (_, nil): return false
            case (let x?, let y?): return x == y ? a.offset < b.offset : x < y
            }
        }.map(\.element)
    }
}
