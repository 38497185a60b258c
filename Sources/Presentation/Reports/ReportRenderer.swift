/// Renders a `Report` in each headless format (email is `MailMessage`, built from these).
public enum ReportRenderer {
    /// No line of a text report is wider than this, so it reads in any mail client.
    public static let maxTextWidth = 100

    /// Plain text, at most `maxTextWidth` display columns per line; `ascii` keeps to 7-bit ASCII.
    public static func text(_ report: Report, ascii: Bool = false) -> String {
        ReportTextRenderer(report: report, ascii: ascii).render()
    }

    public static func markdown(_ report: Report) -> String {
        ReportMarkdownRenderer(report: report).render()
    }

    /// One complete HTML document with inline styles only.
    public static func html(_ report: Report) -> String {
        ReportHTMLRenderer(report: report).render()
    }

    /// The raw rows of one tile (`tile`, which must be a query tile of the report) as RFC 4180 CSV;
    /// without `tile`, every query tile in dashboard order, each preceded by a `# Title` line and
    /// separated by a blank line (CRLF throughout). Returns nil when `tile` names no query tile.
    public static func csv(_ report: Report, tile: String? = nil) -> String? {
        if let tile {
            guard let table = report.tile(named: tile)?.table else { return nil }
            return CSVWriter.render(table)
        }
        return report.queryTiles.map { "# \($0.title.replacingCRLF)\r\n" + CSVWriter.render($0.table!) }
            .joined(separator: "\r\n")
    }

    /// One object:
    /// `{"dashboard": name, "title": …, "generated": "YYYY-MM-DD HH:MM ZONE", "filters": {title: value},
    ///   "alerts": [...], "tiles": [{"name", "title", "type", "result": {query JSON}, "change_percent"?}
    ///   | {"name", "title", "type": "text", "text"}]}`.
    public static func json(_ report: Report) -> String {
        ReportJSONRenderer(report: report).render()
    }
}

extension String {
    /// A title on one line: CR and LF become spaces (a title must not end a CSV comment line early).
    fileprivate var replacingCRLF: String {
        String(unicodeScalars.map { $0 == "\r" || $0 == "\n" ? " " : Character($0) })
    }
}
