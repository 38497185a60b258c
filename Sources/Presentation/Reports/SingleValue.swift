import Foundation
import Warehouse

/// A single-value tile's headline: the measure in the latest period and its comparison with the
/// period before (the tile's `comparison_type`, colours and label settings, see `ComparisonStyle`).
/// With a time dimension the rows are ordered by it, whatever the tile's sort; without one, the
/// first row is current and the second previous (tiles sort by period descending).
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
    var style: ComparisonStyle

    init?(_ table: ResultTable, style: ComparisonStyle = ComparisonStyle()) {
        guard let measure = table.columns.firstIndex(where: { $0.isMeasure && $0.pivotLabel == nil && !$0.isRowTotal })
            ?? table.columns.indices.last, !table.rows.isEmpty else { return nil }
        self.style = style
        column = table.columns[measure]
        // Newest first.
        var order = Array(table.rows.indices)
        if let time = table.timeColumn {
            order.sort { ResultTable.ascending(table.rows[$1][time], table.rows[$0][time]) }
        }
        let first = table.rows[order[0]]
        current = first[measure]
        previous = order.count > 1 ? table.rows[order[1]][measure] : nil
        if let dimension = table.timeColumn ?? table.columns.firstIndex(where: { !$0.isMeasure }), dimension != measure {
            currentPeriod = ValueFormatter.format(first[dimension], for: table.columns[dimension])
            if order.count > 1 {
                previousPeriod = ValueFormatter.format(table.rows[order[1]][dimension], for: table.columns[dimension])
            }
        }
        series = order.reversed().map { ResultTable.number(table.rows[$0][measure]) }
    }

    var currentText: String { ValueFormatter.format(current, for: column) }
    var previousText: String? { previous.map { ValueFormatter.format($0, for: column) } }

    /// The relative change from the previous period, in percent (JSON's `change_percent`); nil
    /// without a usable previous value.
    var changePercent: Double? {
        guard let now = ResultTable.number(current), let before = previous.flatMap(ResultTable.number),
              before != 0 else { return nil }
        return (now - before) / abs(before) * 100
    }

    /// The comparison as the tile's settings ask ("+5.8 pts vs 2026-10"), or nil.
    func comparison(ascii: Bool) -> PeriodComparison? {
        PeriodComparison.make(current: current, previous: previous, previousPeriod: previousPeriod, column: column,
                              style: style, ascii: ascii)
    }
}
