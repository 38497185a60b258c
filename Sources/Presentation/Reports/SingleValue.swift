import Foundation
import Warehouse

/// A single-value tile's headline: the first row's measure (the current period) and its change
/// against the second row (the previous period), as the demo's tiles sort by period descending.
struct SingleValue {
    /// The measure's column in the table.
    var column: ResultTable.Column
    var current: Value
    var previous: Value?
    /// The period of the current and previous rows ("2026-11"), when the tile has a dimension.
    var currentPeriod: String?
    var previousPeriod: String?
    /// The measure in time order (oldest first), for the sparkline.
    var series: [Double?]

    init?(_ table: ResultTable) {
        guard let measure = table.columns.firstIndex(where: { $0.isMeasure && $0.pivotLabel == nil && !$0.isRowTotal })
            ?? table.columns.indices.last,
            let first = table.rows.first else { return nil }
        column = table.columns[measure]
        current = first[measure]
        previous = table.rows.count > 1 ? table.rows[1][measure] : nil
        if let dimension = table.columns.firstIndex(where: { !$0.isMeasure }), dimension != measure {
            currentPeriod = ValueFormatter.format(first[dimension], for: table.columns[dimension])
            if table.rows.count > 1 {
                previousPeriod = ValueFormatter.format(table.rows[1][dimension], for: table.columns[dimension])
            }
        }
        series = table.rows.reversed().map { ResultTable.number($0[measure]) }
    }

    var currentText: String { ValueFormatter.format(current, for: column) }
    var previousText: String? { previous.map { ValueFormatter.format($0, for: column) } }

    /// The relative change from the previous period, in percent; nil without a usable previous value.
    var changePercent: Double? {
        guard let now = ResultTable.number(current), let before = previous.flatMap(ResultTable.number),
              before != 0 else { return nil }
        return (now - before) / abs(before) * 100
    }

    /// "+12.3%" or "−4.0%" (a real minus sign; "-" in ASCII), or nil.
    func changeText(ascii: Bool) -> String? {
        guard let change = changePercent else { return nil }
        let rounded = (abs(change) * 10).rounded() / 10
        let digits = String(format: "%.1f", rounded)
        if rounded == 0 { return "0.0%" }
        return (change > 0 ? "+" : (ascii ? "-" : "\u{2212}")) + digits + "%"
    }

    /// "+12.3% vs 2026-10" (or "vs previous period" without a period column).
    func comparisonText(ascii: Bool) -> String? {
        guard let change = changeText(ascii: ascii) else { return nil }
        return "\(change) vs \(previousPeriod ?? "previous period")"
    }
}
