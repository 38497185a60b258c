/// One dashboard tile in a report: its rows (query tiles) or its text (text tiles), and how the
/// dashboard draws it (`type`), which decides how each format shows it.
public struct ReportTile: Sendable {
    /// The tile's name in the dashboard (`active_servers_by_month`); CSV attachments are named after it.
    public var name: String
    public var title: String
    /// `single_value`, `looker_line`, `looker_area`, `looker_bar`, `looker_column`, `looker_grid`,
    /// `table`, `text`, …
    public var type: String
    public var table: ResultTable?
    public var bodyText: String?
    /// The tile's visualization settings as written in LookML (`comparison_type`, …).
    public var settings: [String: String]

    public init(name: String, title: String, type: String, table: ResultTable?, bodyText: String? = nil,
                settings: [String: String] = [:]) {
        self.settings = settings
        self.name = name
        self.title = title
        self.type = type
        self.table = table
        self.bodyText = bodyText
    }

    /// How the tile is drawn in a report.
    enum Shape {
        case text
        case singleValue(SingleValue)
        /// Horizontal bars (one per row) of a measure, then the table when it holds more than that.
        case bars
        /// A sparkline per measure column, then the table.
        case lines
        case table
    }

    var shape: Shape {
        guard let table else { return .text }
        switch type {
        case "single_value":
            if let single = SingleValue(table, style: ComparisonStyle(settings: settings)) { return .singleValue(single) }
            return .table
        case "looker_bar", "looker_column":
            return table.isPivoted ? .lines : .bars
        case "looker_line", "looker_area", "looker_scatter":
            return .lines
        default:
            return .table
        }
    }
}
