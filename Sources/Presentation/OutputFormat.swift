/// The formats `query --format` prints a result in.
public enum OutputFormat: String, CaseIterable, Sendable {
    /// Aligned text for terminals, value formats applied.
    case table
    /// RFC 4180, raw values, one header row of column keys.
    case csv
    /// One object: fields, rows, totals; raw values.
    case json
    /// A GitHub-flavoured Markdown table, value formats applied.
    case markdown
    /// An HTML `<table>` fragment with inline styles (safe to embed in email), value formats applied.
    case html
}
