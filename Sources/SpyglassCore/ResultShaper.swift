import Presentation
import QueryEngine
import SemanticModel
import Warehouse

/// Turns a compiled query's result sets into the table front ends show. Totals come from the
/// database's own totals queries; nothing here adds rows up.
enum ResultShaper {
    static func columns(of compiled: CompiledQuery, labels: (OutputColumn) -> String) -> [ResultTable.Column] {
        compiled.columns.map { column in
            ResultTable.Column(name: column.name, label: labels(column), field: column.field, isMeasure: column.role == .measure)
        }
    }

    static func shape(_ compiled: CompiledQuery, main: ResultSet, totals: ResultSet?, rowTotals: ResultSet?, grandTotals: [Value]?,
                      pivotValueCount: Int?, limitGiven: Bool, labels: (OutputColumn) -> String) -> ResultTable {
        let all = columns(of: compiled, labels: labels)
        let roles = compiled.columns.map(\.role)
        let dimensions = zip(all, roles).filter { $0.1 == .dimension }.map(\.0)
        let pivots = zip(all, roles).filter { $0.1 == .pivot }.map(\.0)
        let measures = zip(all, roles).filter { $0.1 == .measure }.map(\.0)
        var notes: [String] = []
        if !limitGiven && main.rows.count >= compiled.rowLimit {
            notes.append("showing the first \(compiled.rowLimit) rows; raise --limit to see more")
        }
        guard !pivots.isEmpty else {
            // Reorder to dimensions then measures only if the SELECT is not already in that order.
            let order = roles.indices.sorted { (roles[$0] == .measure ? 1 : 0, $0) < (roles[$1] == .measure ? 1 : 0, $1) }
            let inOrder = order == Array(roles.indices)
            let rows = inOrder ? main.rows : main.rows.map { row in order.map { row[$0] } }
            var totalsRow: [Value]?
            if let first = totals?.rows.first {
                totalsRow = [Value](repeating: .null, count: dimensions.count) + first
            }
            return ResultTable(columns: dimensions + measures, rows: rows, totals: totalsRow, notes: notes)
        }
        // Pivoted: flat rows must be dimensions…, pivots…, measures… for the reshaper.
        let order = roles.indices.sorted { rank(roles[$0], $0) < rank(roles[$1], $1) }
        let flat = order == Array(roles.indices) ? main.rows : main.rows.map { row in order.map { row[$0] } }
        return ResultTable.pivoting(
            dimensions: dimensions, pivots: pivots, measures: measures, rows: flat,
            pivotTotals: totals?.rows, rowTotals: rowTotals?.rows, grandTotals: grandTotals,
            maxPivotValues: compiled.pivotColumnLimit,
            notes: notes + (compiled.pivotCapped(pivotValueRows: pivotValueCount ?? 0)
                ? ["showing the first \(compiled.pivotColumnLimit) pivot values; filter the pivot dimension to see others"] : []))
    }

    private static func rank(_ role: OutputColumn.Role, _ index: Int) -> (Int, Int) {
        switch role {
        case .dimension: (0, index)
        case .pivot: (1, index)
        case .measure: (2, index)
        }
    }
}
