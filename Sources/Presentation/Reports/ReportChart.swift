import Warehouse

/// The numbers behind a tile's chart, shared by every report format: bars (one per row, of the
/// first measure) and series (one per measure column, rows in time order).
struct ReportChart {
    struct Bar {
        var label: String
        var value: Double
        var valueText: String
    }

    struct Series {
        var label: String
        var values: [Double?]
        /// The latest value as formatted text (the last row's).
        var lastText: String
    }

    /// Bars of the first measure, labelled by the row's dimensions; nil when there is no measure.
    static func bars(_ table: ResultTable) -> (measure: String, bars: [Bar])? {
        guard let measure = table.columns.firstIndex(where: { $0.isMeasure }) else { return nil }
        let dimensions = table.columns.indices.filter { !table.columns[$0].isMeasure }
        let column = table.columns[measure]
        let bars = table.rows.map { row in
            Bar(label: dimensions.map { ValueFormatter.format(row[$0], for: table.columns[$0]) }.joined(separator: " · "),
                value: ResultTable.number(row[measure]) ?? 0,
                valueText: ValueFormatter.format(row[measure], for: column))
        }
        return (column.label, bars)
    }

    /// Whether bars show everything the table holds (one dimension, one measure).
    static func barsShowAll(_ table: ResultTable) -> Bool { table.columns.count <= 2 && table.totals == nil }

    /// One series per measure column: under a pivot the pivot value names it (with the measure when
    /// there are several measures). Rows are taken in the order given, which the tiles sort by time.
    static func series(_ table: ResultTable) -> [Series] {
        let measures = table.columns.indices.filter { table.columns[$0].isMeasure }
        let distinctMeasures = Set(measures.map { table.columns[$0].name }).count
        return measures.map { index in
            let column = table.columns[index]
            var label = column.label
            if column.isRowTotal {
                label = distinctMeasures > 1 ? "\(column.label) (total)" : "Total"
            } else if let pivot = column.pivotLabel {
                label = distinctMeasures > 1 ? "\(pivot) · \(column.label)" : pivot
            }
            let values = table.rows.map { ResultTable.number($0[index]) }
            let last = table.rows.last.map { ValueFormatter.format($0[index], for: column) } ?? ""
            return Series(label: label, values: values, lastText: last)
        }
    }

    /// The first and last values of the row dimension ("2024-01 to 2026-11"), for a series caption.
    static func span(_ table: ResultTable) -> String? {
        guard let dimension = table.columns.firstIndex(where: { !$0.isMeasure }),
              let first = table.rows.first, let last = table.rows.last else { return nil }
        let column = table.columns[dimension]
        let from = ValueFormatter.format(first[dimension], for: column)
        let to = ValueFormatter.format(last[dimension], for: column)
        return from == to ? from : "\(from) to \(to)"
    }

    /// The series' outliers by `Outliers`' robust rule, named for a reader:
    /// "spike: EMEA 2025-03 1,234". Rows are taken in the order given (the tiles sort by time).
    static func outliers(_ table: ResultTable, ascii: Bool) -> [String] {
        guard let time = table.timeColumn ?? table.columns.firstIndex(where: { !$0.isMeasure }) else { return [] }
        let season = ResultTable.isTimeAxis(table.columns[time].field) ? Outliers.season(forTimeframe: table.columns[time].field?.timeframe) : nil
        let named = series(table)
        let measures = table.columns.indices.filter { table.columns[$0].isMeasure }
        var lines: [String] = []
        for (s, index) in zip(named, measures) {
            let column = table.columns[index]
            for (row, mark) in Outliers.marks(s.values, ordered: true, season: season).enumerated() where mark != .none {
                let period = ValueFormatter.format(table.rows[row][time], for: table.columns[time])
                let value = ValueFormatter.format(table.rows[row][index], for: column)
                let glyph = ascii ? (mark == .spike ? "^" : "v") : (mark == .spike ? "▲" : "▼")
                lines.append("\(glyph) \(mark == .spike ? "spike" : "dip"): \(named.count > 1 ? s.label + " " : "")\(period) \(value)")
            }
        }
        return lines.count <= 6 ? lines : Array(lines.prefix(5)) + ["… and \(lines.count - 5) more outliers"]
    }
}
