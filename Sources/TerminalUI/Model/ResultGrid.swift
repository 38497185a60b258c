import SemanticModel
import Warehouse

/// A query's answer as the UI shows it: Presentation's `ResultTable`, reduced to what the grid, the
/// charts and drilling need (the bridge converts). Pivoted measures are one column per pivot value.
public struct ResultGrid: Sendable {
    public struct Column: Sendable {
        /// `alias.field`.
        public var name: String
        public var label: String
        public var field: Field?
        public var isMeasure: Bool
        /// The pivot value's text for a measure under a pivot; nil otherwise (and for row totals).
        public var pivotLabel: String?

        public init(name: String, label: String, field: Field?, isMeasure: Bool, pivotLabel: String? = nil) {
            self.name = name
            self.label = label
            self.field = field
            self.isMeasure = isMeasure
            self.pivotLabel = pivotLabel
        }

        /// Whether the column holds times (a dimension-group timeframe or a date/time dimension).
        var isTime: Bool {
            guard let field, !isMeasure else { return false }
            if let timeframe = field.timeframe, field.type.hasPrefix("date") {
                // Cyclic timeframes (day_of_week, hour_of_day…) are categories, not a time axis.
                return !timeframe.contains("_of_") && !timeframe.hasSuffix("_name")
            }
            return field.type == "date" || field.type == "time"
        }
    }

    public var columns: [Column]
    public var rows: [[Value]]
    public var totals: [Value]?
    public var notes: [String]

    public init(columns: [Column], rows: [[Value]], totals: [Value]? = nil, notes: [String] = []) {
        self.columns = columns
        self.rows = rows
        self.totals = totals
        self.notes = notes
    }
}
