import SemanticModel
import Warehouse

/// A query's answer, ready to show: columns with their field metadata, rows, totals and notes.
///
/// Every row has exactly one value per column. A pivoted table (see `pivoting(...)`) has one
/// measure column per (pivot value, measure) plus optional row-total columns; its pivot dimensions are
/// kept in `pivotColumns` so JSON can describe them.
public struct ResultTable: Sendable {
    /// One column: what it shows (field metadata) and, under a pivot, which pivot value.
    public struct Column: Sendable {
        /// `view.field`.
        public var name: String
        /// What a business user reads ("Orders Revenue").
        public var label: String
        /// The field behind the column: its type, kind and value format drive formatting.
        public var field: Field?
        public var isMeasure: Bool
        /// The pivot dimensions' values this measure column belongs to.
        public var pivotKey: [Value]?
        /// The pivot value's text ("2024-05", "web"); several pivot dimensions are joined by "|".
        public var pivotLabel: String?
        /// A row-total column: the measure across all pivot values, computed by the database.
        public var isRowTotal: Bool

        public init(
            name: String, label: String, field: Field? = nil, isMeasure: Bool = false,
            pivotKey: [Value]? = nil, pivotLabel: String? = nil, isRowTotal: Bool = false
        ) {
            self.name = name
            self.label = label
            self.field = field
            self.isMeasure = isMeasure
            self.pivotKey = pivotKey
            self.pivotLabel = pivotLabel
            self.isRowTotal = isRowTotal
        }

        /// A column for `field`, labelled as Looker labels a result header ("Orders Count");
        /// `viewLabel` defaults to the title-cased view name, `label` overrides the whole label.
        public init(field: Field, viewLabel: String? = nil, label: String? = nil) {
            self.init(
                name: field.qualifiedName,
                label: label ?? field.fullLabel(viewLabel: viewLabel ?? Names.titleCase(field.view)),
                field: field,
                isMeasure: field.kind == .measure)
        }

        /// The key this column's cells use in JSON and CSV headers: `view.field`, or
        /// `view.field|pivot text` under a pivot, or `view.field|$$$_row_total_$$$` for a row total.
        public var qualifiedKey: String {
            if isRowTotal { return "\(name)|\(ResultTable.rowTotalKey)" }
            if let pivotLabel { return "\(name)|\(pivotLabel)" }
            return name
        }
    }

    /// The pivot key of row-total values in JSON objects and CSV headers (the key Looker uses).
    public static let rowTotalKey = "$$$_row_total_$$$"

    public var columns: [Column]
    public var rows: [[Value]]
    /// One value per column; dimension cells are `.null` and shown as "Total".
    public var totals: [Value]?
    /// Remarks a reader must see, e.g. "showing the first 50 of 73 pivot values".
    public var notes: [String]
    /// The pivot dimensions (empty when not pivoted), in pivot order.
    public var pivotColumns: [Column]

    public init(
        columns: [Column], rows: [[Value]], totals: [Value]? = nil, notes: [String] = [],
        pivotColumns: [Column] = []
    ) {
        self.columns = columns
        self.rows = rows
        self.totals = totals
        self.notes = notes
        self.pivotColumns = pivotColumns
    }

    /// Whether any column sits under a pivot value.
    public var isPivoted: Bool { !pivotColumns.isEmpty }

    /// The pivot labels in column order, each once (empty when not pivoted).
    public var pivotLabels: [String] {
        var seen = Set<String>()
        var labels: [String] = []
        for column in columns where !column.isRowTotal {
            if let label = column.pivotLabel, seen.insert(label).inserted { labels.append(label) }
        }
        return labels
    }
}

extension ResultTable {
    /// A cell as a number for charts, sparklines, alerts and period comparisons: nil for NULL,
    /// text and non-finite doubles; yesno counts as 1 or 0.
    public static func number(_ value: Value) -> Double? {
        switch value {
        case .int(let i): Double(i)
        case .double(let d): d.isFinite ? d : nil
        case .decimal(let text): Double(text)
        case .bool(let b): b ? 1 : 0
        default: nil
        }
    }
}
