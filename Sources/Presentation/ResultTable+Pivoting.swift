import Warehouse

extension ResultTable {
    /// Reshapes flat query rows into a pivot table: one column per (pivot value, measure).
    ///
    /// - Parameters:
    ///   - dimensions: the row dimensions, in query order.
    ///   - pivots: the pivot dimensions, in `--pivots` order.
    ///   - measures: the measures, in query order.
    ///   - rows: flat rows laid out as `dimensions…, pivots…, measures…`, already sorted. Row order
    ///     is the first-seen order of each dimension tuple; pivot values are ordered by first
    ///     appearance too, so sorting on a pivot dimension sorts the column groups.
    ///   - pivotTotals: optional column-totals rows from a query grouped by the pivots only, laid out
    ///     as `pivots…, measures…`; they fill the totals row under each pivot value.
    ///   - rowTotals: optional row-totals rows from a query grouped by the dimensions only, laid out
    ///     as `dimensions…, measures…`; they add one row-total column per measure at the right.
    ///   - grandTotals: optional `measures…` over everything: the totals row's row-total cells, and,
    ///     with no `pivotTotals`, nothing else. Totals appear when `pivotTotals` or `grandTotals` is given.
    ///   - maxPivotValues: keeps only the first N pivot values and says so in `notes`.
    ///   - notes: notes to carry over.
    /// - Returns: a table whose columns are `dimensions…`, then for each pivot value each measure
    ///   (pivot-major, as Looker lays them out), then the row-total columns. Cells with no flat row
    ///   are NULL. Totals are never computed here by adding rows: they come from the database.
    public static func pivoting(
        dimensions: [Column], pivots: [Column], measures: [Column], rows: [[Value]],
        pivotTotals: [[Value]]? = nil, rowTotals: [[Value]]? = nil, grandTotals: [Value]? = nil,
        maxPivotValues: Int? = nil, notes: [String] = []
    ) -> ResultTable {
        let d = dimensions.count
        let p = pivots.count
        let m = measures.count
        let pivotShapes = pivots.map(CellShape.init)
        var notes = notes

        // Pivot values and row keys in first-seen order.
        var pivotIndex: [[Value]: Int] = [:]
        var pivotKeys: [[Value]] = []
        var rowIndex: [[Value]: Int] = [:]
        var rowKeys: [[Value]] = []
        // Rows too short for the layout are skipped rather than trapping: a caller bug must not crash a report.
        let rows = rows.filter { $0.count >= d + p + m }
        for row in rows {
            let pivotKey = Array(row[d..<(d + p)])
            if pivotIndex[pivotKey] == nil {
                pivotIndex[pivotKey] = pivotKeys.count
                pivotKeys.append(pivotKey)
            }
            let rowKey = Array(row[0..<d])
            if rowIndex[rowKey] == nil {
                rowIndex[rowKey] = rowKeys.count
                rowKeys.append(rowKey)
            }
        }
        if p == 0 { pivotKeys = [[]]; pivotIndex = [[]: 0] }
        if let limit = maxPivotValues, p > 0, pivotKeys.count > limit {
            notes.append("showing the first \(limit) of \(pivotKeys.count) pivot values")
            for key in pivotKeys[limit...] { pivotIndex[key] = nil }
            pivotKeys.removeLast(pivotKeys.count - limit)
        }

        // Columns.
        var columns = dimensions
        columns.reserveCapacity(d + pivotKeys.count * m + (rowTotals == nil ? 0 : m))
        for key in pivotKeys {
            let label = p == 0 ? nil : pivotLabel(key, shapes: pivotShapes)
            for measure in measures {
                var column = measure
                if p > 0 {
                    column.pivotKey = key
                    column.pivotLabel = label
                }
                columns.append(column)
            }
        }
        let rowTotalStart = columns.count
        if rowTotals != nil && p > 0 {
            for measure in measures {
                var column = measure
                column.isRowTotal = true
                column.pivotLabel = "Total"
                columns.append(column)
            }
        }
        let width = columns.count

        // Body.
        var table = [[Value]](repeating: [Value](repeating: .null, count: width), count: rowKeys.count)
        for (i, key) in rowKeys.enumerated() {
            for j in 0..<d { table[i][j] = key[j] }
        }
        for row in rows {
            guard let r = rowIndex[Array(row[0..<d])], let g = pivotIndex[Array(row[d..<(d + p)])] else { continue }
            let base = d + g * m
            for k in 0..<m { table[r][base + k] = row[d + p + k] }
        }
        if let rowTotals, p > 0 {
            for row in rowTotals where row.count >= d + m {
                guard let r = rowIndex[Array(row[0..<d])] else { continue }
                for k in 0..<m { table[r][rowTotalStart + k] = row[d + k] }
            }
        }

        // Totals row.
        var totals: [Value]? = nil
        if pivotTotals != nil || grandTotals != nil {
            var cells = [Value](repeating: .null, count: width)
            if let pivotTotals, p > 0 {
                for row in pivotTotals where row.count >= p + m {
                    guard let g = pivotIndex[Array(row[0..<p])] else { continue }
                    for k in 0..<m { cells[d + g * m + k] = row[p + k] }
                }
            }
            if let grandTotals {
                let start = p == 0 ? d : (rowTotals != nil ? rowTotalStart : nil)
                if let start { for k in 0..<m where k < grandTotals.count { cells[start + k] = grandTotals[k] } }
            }
            totals = cells
        }
        return ResultTable(columns: columns, rows: table, totals: totals, notes: notes, pivotColumns: pivots)
    }

    /// A pivot value's text: the raw value of each pivot dimension ("2024-05", "web"), "∅" for NULL,
    /// several joined by "|".
    static func pivotLabel(_ key: [Value], shapes: [CellShape]) -> String {
        var parts: [String] = []
        for (value, shape) in zip(key, shapes) {
            parts.append(value.isNull ? ValueFormatter.nullText : shape.rawText(value))
        }
        return parts.joined(separator: "|")
    }
}
