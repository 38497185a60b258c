import Foundation

/// A report as ONE self-contained HTML document for mail clients: every style inline on its
/// element (clients drop `<style>` blocks), no scripts, no images; bars are table cells with
/// percentage widths, which every client lays out; sparklines are text.
struct ReportHTMLRenderer {
    let report: Report

    private static let font = "font-family:-apple-system,Segoe UI,Helvetica,Arial,sans-serif"
    private static let body = "margin:0;padding:16px;background:#ffffff;color:#1f2328;\(font)"
    private static let h1 = "margin:0 0 4px 0;font-size:22px;font-weight:600;\(font)"
    private static let h2 = "margin:24px 0 8px 0;font-size:16px;font-weight:600;border-bottom:1px solid #d0d7de;padding-bottom:4px;\(font)"
    private static let muted = "margin:0 0 4px 0;font-size:13px;color:#57606a;\(font)"
    private static let alert = "margin:12px 0;padding:8px 12px;background:#fff1f0;border:1px solid #ff8182;color:#82071e;font-size:14px;font-weight:600;\(font)"
    private static let big = "font-size:32px;font-weight:600;\(font)"
    private static let mono = "font-family:Menlo,Consolas,monospace;font-size:13px"
    private static let barColor = "#4c78a8"

    func render() -> String {
        let e = HTMLRenderer.escape
        var out = "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"
        out += "<meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">\n"
        out += "<title>\(e(report.title))</title>\n</head>\n<body style=\"\(Self.body)\">\n"
        out += "<h1 style=\"\(Self.h1)\">\(e(report.title))</h1>\n"
        if let description = report.description, !description.isEmpty {
            out += "<p style=\"\(Self.muted)\">\(e(description))</p>\n"
        }
        if !report.filters.isEmpty {
            let text = report.filters.map { "<b>\(e($0.title))</b> = \(e($0.value))" }.joined(separator: "; ")
            out += "<p style=\"\(Self.muted)\">Filters: \(text)</p>\n"
        }
        out += "<p style=\"\(Self.muted)\">Generated \(e(report.generatedText))</p>\n"
        for alert in report.alerts { out += "<p style=\"\(Self.alert)\">Alert: \(e(alert))</p>\n" }
        for tile in report.tiles {
            out += "<h2 style=\"\(Self.h2)\">\(e(tile.title))</h2>\n"
            switch tile.shape {
            case .text:
                for paragraph in (tile.bodyText ?? "").components(separatedBy: "\n\n") where !paragraph.isEmpty {
                    out += "<p style=\"margin:0 0 8px 0;font-size:14px;\(Self.font)\">\(e(paragraph).replacingOccurrences(of: "\n", with: "<br>"))</p>\n"
                }
            case .singleValue(let single):
                out += singleValue(single)
            case .bars:
                let table = tile.table!
                if let (measure, bars) = ReportChart.bars(table), !bars.isEmpty {
                    out += barTable(measure: measure, bars: bars)
                    if !ReportChart.barsShowAll(table) { out += "<div style=\"height:8px\"></div>\n" + Renderer.render(table, as: .html) }
                } else {
                    out += Renderer.render(table, as: .html)
                }
            case .lines:
                let table = tile.table!
                out += sparklines(table)
                out += Renderer.render(table, as: .html)
            case .table:
                out += Renderer.render(tile.table!, as: .html)
            }
        }
        out += "</body>\n</html>\n"
        return out
    }

    private func singleValue(_ single: SingleValue) -> String {
        let e = HTMLRenderer.escape
        var out = "<table role=\"presentation\" style=\"border-collapse:collapse\"><tr>"
        out += "<td style=\"padding:0 16px 0 0;vertical-align:bottom\"><span style=\"\(Self.big)\">\(e(single.currentText))</span>"
        if let period = single.currentPeriod { out += "<br><span style=\"\(Self.muted)\">\(e(period))</span>" }
        out += "</td>"
        if let comparison = single.comparison(ascii: false) {
            let color = switch comparison.tone { case .good: "#1a7f37"; case .bad: "#cf222e"; case .neutral: "#57606a" }
            out += "<td style=\"padding:0 16px 0 0;vertical-align:bottom;font-size:15px;font-weight:600;color:\(color);\(Self.font)\">\(e(comparison.text))</td>"
        }
        if single.series.count > 1 {
            out += "<td style=\"vertical-align:bottom;\(Self.mono);color:\(Self.barColor)\">\(e(Sparkline.render(single.series, width: 40)))</td>"
        }
        out += "</tr></table>\n"
        return out
    }

    /// `label | bar cell (width ∝ value) | value`, each bar a two-cell table inside its cell.
    private func barTable(measure: String, bars: [ReportChart.Bar]) -> String {
        let e = HTMLRenderer.escape
        let largest = bars.map { abs($0.value) }.max() ?? 0
        let cell = "padding:2px 8px;font-size:13px;\(Self.font)"
        var out = "<table role=\"presentation\" style=\"border-collapse:collapse;width:100%;max-width:720px\">\n"
        out += "<tr><td style=\"\(cell)\"></td><td style=\"\(cell);color:#57606a\">\(e(measure))</td><td style=\"\(cell)\"></td></tr>\n"
        for bar in bars {
            let percent = largest > 0 ? max(1, Int((abs(bar.value) / largest * 100).rounded())) : 0
            let color = bar.value < 0 ? "#e45756" : Self.barColor
            out += "<tr><td style=\"\(cell);white-space:nowrap\">\(e(bar.label))</td><td style=\"padding:2px 0;width:60%\">"
            out += "<table role=\"presentation\" style=\"border-collapse:collapse;width:100%\"><tr>"
            if percent > 0 && bar.value != 0 {
                out += "<td style=\"width:\(percent)%;height:14px;background:\(color)\"></td>"
            }
            if percent < 100 || bar.value == 0 { out += "<td style=\"height:14px\"></td>" }
            out += "</tr></table></td><td style=\"\(cell);text-align:right;white-space:nowrap\">\(e(bar.valueText))</td></tr>\n"
        }
        out += "</table>\n"
        return out
    }

    private func sparklines(_ table: ResultTable) -> String {
        let e = HTMLRenderer.escape
        let series = ReportChart.series(table)
        guard !series.isEmpty, !table.rows.isEmpty else { return "" }
        let cell = "padding:2px 8px;font-size:13px;\(Self.font)"
        var out = "<table role=\"presentation\" style=\"border-collapse:collapse;margin-bottom:8px\">\n"
        if let span = ReportChart.span(table) {
            out += "<tr><td style=\"\(cell)\"></td><td style=\"\(cell);color:#57606a\">\(e(span))</td><td style=\"\(cell);color:#57606a\">latest</td></tr>\n"
        }
        for s in series {
            out += "<tr><td style=\"\(cell);white-space:nowrap\">\(e(s.label))</td>"
            out += "<td style=\"padding:2px 8px;\(Self.mono);color:\(Self.barColor);white-space:nowrap\">\(e(Sparkline.render(s.values, width: 60)))</td>"
            out += "<td style=\"\(cell);text-align:right;white-space:nowrap\">\(e(s.lastText))</td></tr>\n"
        }
        for outlier in ReportChart.outliers(table, ascii: false) {
            out += "<tr><td style=\"\(cell)\"></td><td colspan=\"2\" style=\"\(cell);color:#57606a\">\(e(outlier))</td></tr>\n"
        }
        out += "</table>\n"
        return out
    }
}
