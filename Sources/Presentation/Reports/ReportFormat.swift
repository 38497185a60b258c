/// The formats `spyglass report` renders a dashboard in.
public enum ReportFormat: String, CaseIterable, Sendable {
    /// Plain text, at most 100 columns wide (Unicode, or ASCII with `--ascii`).
    case text
    case markdown
    /// One self-contained HTML document, inline styles only.
    case html
    /// The tiles' raw rows: one tile, or every query tile after a `# title` line.
    case csv
    /// One object: the dashboard and each tile's result in `query --format json` form.
    case json
    /// An RFC 5322 MIME message: text and HTML alternatives plus a CSV attachment per table.
    case email
}
