/// A report as plain text for terminals and plain-text mail: no line wider than `width` display
/// columns, headline numbers with their change and a sparkline, bars for bar and column charts,
/// sparklines for line charts, then aligned tables. Unicode by default, ASCII on request.
struct ReportTextRenderer {
    let report: Report
    let ascii: Bool
    var width = ReportRenderer.maxTextWidth

    func render() -> String {
        var out: [String] = []
        out.append(contentsOf: wrap(report.title))
        out.append(String(repeating: ascii ? "=" : "═", count: min(TextWidth.of(report.title), width)))
        if let description = report.description, !description.isEmpty { out.append(contentsOf: wrap(description)) }
        if !report.filters.isEmpty {
            out.append(contentsOf: wrap("Filters: " + report.filters.map { "\($0.title) = \($0.value)" }.joined(separator: "; ")))
        }
        out.append("Generated \(report.generatedText)")
        for alert in report.alerts { out.append(contentsOf: wrap("ALERT: \(alert)")) }
        for tile in report.tiles {
            out.append("")
            out.append(contentsOf: render(tile))
        }
        return out.map(ascii ? ReportTextRenderer.asciiOnly : { $0 }).joined(separator: "\n") + "\n"
    }

    func render(_ tile: ReportTile) -> [String] {
        var out = wrap(tile.title)
        out.append(String(repeating: ascii ? "-" : "─", count: min(TextWidth.of(tile.title), width)))
        switch tile.shape {
        case .text:
            for paragraph in (tile.bodyText ?? "").split(separator: "\n", omittingEmptySubsequences: false) {
                out.append(contentsOf: wrap(String(paragraph)))
            }
        case .singleValue(let single):
            var line = "  " + single.currentText
            if let period = single.currentPeriod { line += "  (\(period))" }
            if let comparison = single.comparison(ascii: ascii) { line += "   " + comparison.text }
            if single.series.count > 1 { line += "   " + Sparkline.render(single.series, width: 40, ascii: ascii) }
            out.append(contentsOf: wrap(line))
        case .bars:
            let table = tile.table!
            if let (measure, bars) = ReportChart.bars(table), !bars.isEmpty {
                out.append("  " + TextTableRenderer.truncate(measure, to: width - 2, ellipsis: ascii ? "~" : "…"))
                out.append(contentsOf: BarChart.render(labels: bars.map(\.label), values: bars.map(\.value), width: width - 2,
                                                       ascii: ascii, valueLabels: bars.map(\.valueText)).map { "  " + $0 })
                if !ReportChart.barsShowAll(table) {
                    out.append("")
                    out.append(contentsOf: tableLines(table))
                }
            } else {
                out.append(contentsOf: tableLines(table))
            }
        case .lines:
            let table = tile.table!
            out.append(contentsOf: sparklines(table))
            out.append("")
            out.append(contentsOf: tableLines(table))
        case .table:
            out.append(contentsOf: tableLines(tile.table!))
        }
        return out
    }

    /// `  web       ▁▂▃▅▇█  1,234` per series, with the dimension's span above.
    func sparklines(_ table: ResultTable) -> [String] {
        let series = ReportChart.series(table)
        guard !series.isEmpty, !table.rows.isEmpty else { return [] }
        var out: [String] = []
        if let span = ReportChart.span(table) { out.append("  " + TextTableRenderer.truncate(span, to: width - 2, ellipsis: ascii ? "~" : "…")) }
        let labelWidth = min(series.map { TextWidth.of($0.label) }.max() ?? 0, 24)
        let valueWidth = min(series.map { TextWidth.of($0.lastText) }.max() ?? 0, 20)
        let sparkWidth = max(8, min(table.rows.count, width - 2 - labelWidth - 2 - 2 - valueWidth))
        for s in series {
            let label = TextWidth.pad(TextTableRenderer.truncate(s.label, to: labelWidth, ellipsis: ascii ? "~" : "…"), to: labelWidth, right: false)
            let value = TextWidth.pad(TextTableRenderer.truncate(s.lastText, to: valueWidth, ellipsis: ascii ? "~" : "…"), to: valueWidth, right: true)
            let spark = TextWidth.pad(Sparkline.render(s.values, width: sparkWidth, ascii: ascii), to: sparkWidth, right: false)
            out.append(("  " + label + "  " + spark + "  " + value).trailingSpacesRemoved())
        }
        for outlier in ReportChart.outliers(table, ascii: ascii) {
            out.append(contentsOf: wrap("  " + outlier))
        }
        return out
    }

    func tableLines(_ table: ResultTable) -> [String] {
        var table = table
        let budget = width - 2
        if widest(Renderer.render(table, as: .table, options: RenderOptions(ascii: ascii))) > budget {
            table = ReportTextRenderer.shortLabels(table)
            table = ReportTextRenderer.cappedHeaders(table, budget: budget, ellipsis: ascii ? "~" : "…")
        }
        let text = Renderer.render(table, as: .table, options: RenderOptions(maxWidth: budget, ascii: ascii))
        return text.split(separator: "\n", omittingEmptySubsequences: false).dropLast().map { $0.isEmpty ? "" : "  " + $0 }
    }

    private func widest(_ text: String) -> Int {
        text.split(separator: "\n").reduce(0) { max($0, TextWidth.of(String($1))) }
    }

    /// The table with headers without their view's name ("Active Servers" rather than "Server Daily
    /// Activity Active Servers"), so a wide table fits by shortening headers before cutting values;
    /// unchanged when that would make two headers under one pivot value read the same.
    static func shortLabels(_ table: ResultTable) -> ResultTable {
        var short = table
        var seen = Set<String>()
        for (i, column) in table.columns.enumerated() {
            let label = column.field?.shortLabel ?? column.label
            guard seen.insert((column.pivotLabel ?? "") + "\u{0}" + (column.isRowTotal ? "total" : "") + label).inserted else { return table }
            short.columns[i].label = label
        }
        for (i, column) in table.pivotColumns.enumerated() {
            short.pivotColumns[i].label = column.field?.shortLabel ?? column.label
        }
        return short
    }

    /// The table with its longest headers cut (to no less than their column's widest value) until
    /// the columns fit `budget`: in a report a cut header reads better than a cut date or name.
    static func cappedHeaders(_ table: ResultTable, budget: Int, ellipsis: String) -> ResultTable {
        let grid = DisplayGrid(table)
        let count = table.columns.count
        guard count > 0 else { return table }
        var values = [Int](repeating: 1, count: count)
        for row in grid.rows + (grid.totals.map { [$0] } ?? []) {
            for i in 0..<count { values[i] = max(values[i], TextWidth.of(row[i])) }
        }
        let headers = table.columns.map { TextWidth.of($0.label) }
        let available = budget - 3 * (count - 1)
        func total(_ cap: Int) -> Int { (0..<count).reduce(0) { $0 + max(values[$1], min(headers[$1], cap)) } }
        var cap = headers.max() ?? 0
        while cap > 3 && total(cap) > available { cap -= 1 }
        var capped = table
        for i in 0..<count where headers[i] > max(values[i], cap) {
            capped.columns[i].label = TextTableRenderer.truncate(table.columns[i].label, to: max(values[i], cap), ellipsis: ellipsis)
        }
        return capped
    }

    /// Word-wraps `text` to the width; a word longer than a line is cut.
    func wrap(_ text: String) -> [String] {
        if TextWidth.of(text) <= width { return [text] }
        var lines: [String] = []
        var line = ""
        var lineWidth = 0
        for word in text.split(separator: " ", omittingEmptySubsequences: false) {
            let w = TextWidth.of(String(word))
            if lineWidth > 0 && lineWidth + 1 + w > width {
                lines.append(line)
                line = ""
                lineWidth = 0
            }
            if lineWidth > 0 { line += " "; lineWidth += 1 }
            line += w > width ? TextWidth.truncate(String(word), to: width) : String(word)
            lineWidth += min(w, width)
        }
        lines.append(line)
        return lines
    }

    /// Replaces what ASCII output must not contain in text that came from the model (titles, labels,
    /// values). Tables are transliterated cell by cell before layout (see `ASCIIText`), so this pass
    /// only meets text outside tables.
    static func asciiOnly(_ line: String) -> String { ASCIIText.transliterate(line) }
}
