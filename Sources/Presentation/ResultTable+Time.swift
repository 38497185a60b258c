import SemanticModel
import Warehouse

extension ResultTable {
    /// Whether a field is a time axis: a dimension-group timeframe or a date/time dimension.
    /// Cyclic timeframes (`day_of_week`, `month_name`, …) are categories, not a time axis.
    public static func isTimeAxis(_ field: Field?) -> Bool {
        guard let field, field.kind != .measure else { return false }
        if let timeframe = field.timeframe, field.type.hasPrefix("date") || field.type == "time" {
            return !timeframe.contains("_of_") && !timeframe.hasSuffix("_name")
        }
        return field.type == "date" || field.type == "time"
    }

    /// The first dimension column that is a time axis, if any.
    public var timeColumn: Int? {
        columns.firstIndex { !$0.isMeasure && ResultTable.isTimeAxis($0.field) }
    }

    /// Ascending order of two cells of one column, NULL last (as PostgreSQL sorts ascending).
    public static func ascending(_ a: Value, _ b: Value) -> Bool {
        switch (a, b) {
        case let (.date(x), .date(y)): x < y
        case let (.timestamp(x), .timestamp(y)): x < y
        case let (.date(x), .timestamp(y)): x < y.date
        case let (.timestamp(x), .date(y)): x.date < y
        case let (.string(x), .string(y)): x < y
        case (.null, _): false
        case (_, .null): true
        default:
            if let x = number(a), let y = number(b) { x < y } else { false }
        }
    }

    /// The rows of the latest period: those whose time column holds its greatest value. Without a
    /// time column, the first row (tiles sort the current period first). Empty for an empty table.
    public var latestPeriodRows: [Int] {
        guard !rows.isEmpty else { return [] }
        guard let time = timeColumn else { return [0] }
        var latest: Value = .null
        for row in rows where !row[time].isNull && (latest.isNull || ResultTable.ascending(latest, row[time])) {
            latest = row[time]
        }
        if latest.isNull { return [0] }
        return rows.indices.filter { rows[$0][time] == latest }
    }
}
