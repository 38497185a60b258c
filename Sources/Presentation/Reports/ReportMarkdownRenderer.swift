/// A report as GitHub-flavoured Markdown: a heading per tile, headline numbers in bold, charts as
/// fenced text blocks (bars and sparklines), tables as Markdown tables.
struct ReportMarkdownRenderer {
    let report: Report

    func render() -> String {
        var out = "# \(MarkdownRenderer.escape(report.title))\n\n"
        if let description = report.description, !description.isEmpty { out += "\(MarkdownRenderer.escape(description))\n\n" }
        if !report.filters.isEmpty {
            out += "Filters: " + report.filters.map { "**\(MarkdownRenderer.escape($0.title))** = \(MarkdownRenderer.escape($0.value))" }
                .joined(separator: "; ") + "  \n"
        }
        out += "Generated \(report.generatedText)\n"
        for alert in report.alerts { out += "\n> **Alert:** \(MarkdownRenderer.escape(alert))\n" }
        let text = ReportTextRenderer(report: report, ascii: false)
        for tile in report.tiles {
            out += "\n## \(MarkdownRenderer.escape(tile.title))\n\n"
            switch tile.shape {
            case .text:
                // A text tile's body is already Markdown in Looker.
                out += (tile.bodyText ?? "") + "\n"
            case .singleValue(let single):
                out += "**\(MarkdownRenderer.escape(single.currentText))**"
                if let period = single.currentPeriod { out += " (\(MarkdownRenderer.escape(period)))" }
                if let comparison = single.comparison(ascii: false) { out += " · \(MarkdownRenderer.escape(comparison.text))" }
                if single.series.count > 1 { out += " · `\(Sparkline.render(single.series, width: 40))`" }
                out += "\n"
            case .bars:
                let table = tile.table!
                let bars = text.render(tile).dropFirst(2)  // the title and its rule are the heading here
                let chart = ReportChart.barsShowAll(table) ? Array(bars) : Array(bars.prefix { !$0.isEmpty })
                out += fenced(chart)
                if !ReportChart.barsShowAll(table) || chart.isEmpty { out += "\n" + Renderer.render(table, as: .markdown) }
            case .lines:
                let table = tile.table!
                let lines = text.sparklines(table)
                if !lines.isEmpty { out += fenced(lines) + "\n" }
                out += Renderer.render(table, as: .markdown)
            case .table:
                out += Renderer.render(tile.table!, as: .markdown)
            }
        }
        return out
    }

    private func fenced(_ lines: [String]) -> String {
        guard !lines.isEmpty else { return "" }
        return "```text\n" + lines.joined(separator: "\n") + "\n```\n"
    }
}
