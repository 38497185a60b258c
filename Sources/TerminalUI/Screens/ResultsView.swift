import SemanticModel
import Warehouse

/// A result grid you can move through: frozen header (and frozen leading dimension columns), a cell
/// cursor, horizontal and vertical scrolling, a totals row, pivot values as column groups, and a
/// chart mode. Only visible rows are formatted when drawing, so 10,000 rows redraw in a few ms.
struct ResultsView: Sendable {
    enum Mode: Equatable, Sendable { case table, chart }

    let grid: ResultGrid
    private(set) var row = 0
    private(set) var column = 0
    /// First visible row and first visible scrollable column.
    private(set) var rowOffset = 0
    private(set) var columnOffset = 0
    var mode: Mode = .table
    /// Dashboard tiles show the grid without a cursor.
    var showsCursor = true
    /// Column widths, measured once from the header and a sample of rows.
    let widths: [Int]
    /// Leading dimension columns that stay put while scrolling right.
    let frozen: Int
    let hasPivots: Bool
    /// Rows of the last drawn viewport (for paging); updated by the owner through `viewport(...)`.
    private(set) var pageHeight = 10
    /// The sort each column's header shows: column name → "↓", "↑", or with several keys "↓1", "↑2".
    let sortMarks: [String: String]

    init(grid: ResultGrid, format: CellFormatter, sortMarks: [String: String] = [:]) {
        self.grid = grid
        self.sortMarks = sortMarks
        hasPivots = grid.columns.contains { $0.pivotLabel != nil }
        var widths = grid.columns.map { column in
            max(3, min(32, DisplayWidth.of(column.label)) + (sortMarks[column.name].map { DisplayWidth.of($0) + 1 } ?? 0))
        }
        let sample = grid.rows.count <= 300 ? Array(grid.rows.indices) : Array(0..<200) + Array(grid.rows.count - 100..<grid.rows.count)
        for r in sample {
            let cells = grid.rows[r]
            for c in 0..<min(cells.count, widths.count) {
                widths[c] = max(widths[c], min(40, DisplayWidth.of(format(cells[c], grid.columns[c]))))
            }
        }
        if let totals = grid.totals {
            for c in 0..<min(totals.count, widths.count) where grid.columns[c].isMeasure {
                widths[c] = max(widths[c], min(40, DisplayWidth.of(format(totals[c], grid.columns[c]))))
            }
        }
        if hasPivots {
            for (c, col) in grid.columns.enumerated() { if let p = col.pivotLabel { widths[c] = max(widths[c], min(24, DisplayWidth.of(p))) } }
        }
        self.widths = widths
        frozen = grid.columns.prefix { !$0.isMeasure }.count
    }

    var currentColumn: ResultGrid.Column? { grid.columns.indices.contains(column) ? grid.columns[column] : nil }

    /// The text `y` (the cell under the cursor) or `Y` (its row, cells separated by tabs, so it pastes
    /// into a spreadsheet as one row) copies, as shown but with NULL as empty; and what it is.
    func yankText(row wholeRow: Bool, format: CellFormatter) -> (String, String)? {
        guard grid.rows.indices.contains(row), grid.columns.indices.contains(column) else { return nil }
        let cells = grid.rows[row]
        func text(_ c: Int) -> String { cells[c].isNull ? "" : format(cells[c], grid.columns[c]) }
        if wholeRow {
            return (grid.columns.indices.map(text).joined(separator: "\t"), "row \(row + 1)")
        }
        return (text(column), "the cell")
    }

    /// The header marks for `sorts`: an arrow per key, numbered when there are several.
    static func sortMarks(_ sorts: [QueryDraft.Sort]) -> [String: String] {
        var marks: [String: String] = [:]
        for (i, sort) in sorts.enumerated() {
            marks[sort.field] = (sort.descending ? "↓" : "↑") + (sorts.count > 1 ? String(i + 1) : "")
        }
        return marks
    }

    /// Keeps the cursor on the same column (by name) and row as `old`, when a re-run (a sort) brings
    /// back the same columns: the spreadsheet feel of sorting in place.
    mutating func keepPosition(from old: ResultsView) {
        guard let name = old.currentColumn?.name, let c = grid.columns.firstIndex(where: { $0.name == name && $0.pivotLabel == old.currentColumn?.pivotLabel }) else { return }
        column = c
        columnOffset = min(old.columnOffset, max(0, grid.columns.count - 1))
        row = min(old.row, max(0, grid.rows.count - 1))
        rowOffset = min(old.rowOffset, row)
    }

    mutating func handle(_ key: Key) -> Bool {
        let rows = grid.rows.count
        switch key {
        case .up, .char("k"): row = max(0, row - 1)
        case .down, .char("j"): row = max(0, min(rows - 1, row + 1))
        case .left, .char("h"): column = max(0, column - 1)
        case .right, .char("l"): column = max(0, min(grid.columns.count - 1, column + 1))
        case .pageUp, .ctrl("b"): row = max(0, row - pageHeight)
        case .pageDown, .ctrl("f"): row = max(0, min(rows - 1, row + pageHeight))
        case .home, .char("g"): row = 0
        case .end, .char("G"): row = max(0, rows - 1)
        case .char("0"), .char("^"): column = 0
        case .char("$"): column = max(0, grid.columns.count - 1)
        case .char("c"): mode = mode == .table ? .chart : .table
        default: return false
        }
        return true
    }

    /// The query behind one measure cell: the field's drill fields, filtered to the row's dimension
    /// values (and the pivot value of the column). Nil when the cell is not a drillable measure.
    func drillQuery(explore: String, catalog: ExploreCatalog?, baseFilters: [FilterCondition], pivots: [String]) -> QueryDraft? {
        guard mode == .table, let col = currentColumn, col.isMeasure, let field = col.field, grid.rows.indices.contains(row) else { return nil }
        let alias = col.name.split(separator: ".").first.map(String.init) ?? field.view
        var drill = field.drillFields
        if drill.isEmpty, let viewName = catalog.flatMap({ c in alias == c.explore.alias ? c.explore.baseView : c.explore.join(named: alias)?.view }),
           let view = catalog?.model.views[viewName] {
            drill = view.drillFields
        }
        // A drill field the user may not see (outside the explore's user-narrowed `allowedFields`) does
        // not exist for them: it is left out, as Looker does, rather than failing the drill as unknown.
        let allowed = catalog?.explore.allowedFields
        let fields = drill.map { $0.contains(".") ? $0 : "\(alias).\($0)" }.filter { allowed?.contains($0) ?? true }
        guard !fields.isEmpty else { return nil }
        var filters = baseFilters
        let cells = grid.rows[row]
        for (c, column) in grid.columns.enumerated() where !column.isMeasure && c < cells.count {
            filters.removeAll { $0.field == column.name }
            filters.append(FilterCondition(field: column.name, expression: Self.filterExpression(for: cells[c])))
        }
        if let pivotLabel = col.pivotLabel, pivots.count == 1 {
            filters.removeAll { $0.field == pivots[0] }
            filters.append(FilterCondition(field: pivots[0], expression: Self.escape(pivotLabel)))
        }
        return QueryDraft(explore: explore, fields: fields, filters: filters, limit: 500)
    }

    /// A Looker filter expression matching exactly one value.
    static func filterExpression(for value: Value) -> String {
        switch value {
        case .null: "NULL"
        case .bool(let b): b ? "Yes" : "No"
        case .int(let i): String(i)
        case .double(let d): String(d)
        case .decimal(let s): s
        case .string(let s): s.isEmpty ? "EMPTY" : escape(s)
        case .date(let d): d.description
        case .timestamp(let t): t.description
        }
    }

    /// Escapes the filter grammar's special characters (`,` `%` `_` `^` `"` and a leading `-`) so a
    /// value matches literally.
    static func escape(_ text: String) -> String {
        var out = ""
        for (i, c) in text.enumerated() {
            if c == "," || c == "%" || c == "_" || c == "^" || c == "\"" || (i == 0 && c == "-") { out.append("^") }
            out.append(c)
        }
        if ["NULL", "EMPTY", "-NULL", "-EMPTY"].contains(text.uppercased()) { return "^" + out }
        return out
    }

    // MARK: Drawing

    /// Draws the grid (or chart) into `area`, keeping the cursor visible.
    mutating func render(into frame: inout Frame, area: Rect, focused: Bool, context: UIContext) {
        switch mode {
        case .table: renderTable(into: &frame, area: area, focused: focused, context: context)
        case .chart: ChartRenderer.render(grid: grid, into: &frame, area: area, firstRow: rowOffset, context: context)
        }
    }

    private mutating func renderTable(into frame: inout Frame, area: Rect, focused: Bool, context: UIContext) {
        guard area.width > 2, area.height > 2 else { return }
        let headerRows = hasPivots ? 2 : 1
        let footerRows = grid.totals != nil ? 1 : 0
        let bodyHeight = max(1, area.height - headerRows - footerRows - 1)
        pageHeight = max(1, bodyHeight - 1)
        // Vertical scroll.
        if row < rowOffset { rowOffset = row }
        if row >= rowOffset + bodyHeight { rowOffset = row - bodyHeight + 1 }
        // Frozen columns only when they leave at least half the width for the rest.
        var frozenCount = frozen
        var frozenWidth = (0..<frozenCount).reduce(0) { $0 + widths[$1] + 1 }
        if frozenWidth > area.width / 2 { frozenCount = 0; frozenWidth = 0 }
        // Horizontal scroll: keep the cursor column visible among the scrollable ones.
        if column >= frozenCount {
            if column < columnOffset + frozenCount { columnOffset = column - frozenCount }
            while columnOffset + frozenCount < column {
                let span = (columnOffset + frozenCount...column).reduce(0) { $0 + widths[$1] + 1 }
                if frozenWidth + span <= area.width { break }
                columnOffset += 1
            }
        }
        columnOffset = max(0, columnOffset)
        var shown: [(index: Int, x: Int, width: Int)] = []
        var x = area.x
        for c in 0..<frozenCount { shown.append((c, x, widths[c])); x += widths[c] + 1 }
        var c = frozenCount + columnOffset
        while c < grid.columns.count, x < area.x + area.width {
            let w = min(widths[c], area.x + area.width - x)
            shown.append((c, x, w))
            x += widths[c] + 1
            c += 1
        }
        // Header: pivot values above their measures, then labels.
        var y = area.y
        if hasPivots {
            var previous: String?
            for s in shown {
                let label = grid.columns[s.index].pivotLabel
                if let label, label != previous { frame.putPadded(label, x: s.x, y: y, width: s.width, style: .header) }
                else if label != nil { frame.putPadded("", x: s.x, y: y, width: s.width, style: .header) }
                previous = label
            }
            y += 1
        }
        for s in shown {
            let col = grid.columns[s.index]
            // The arrow first, so a cut label never hides it.
            let label = sortMarks[col.name].map { "\($0) \(col.label)" } ?? col.label
            frame.putPadded(label, x: s.x, y: y, width: s.width, style: .header, alignRight: col.isMeasure)
        }
        y += 1
        let separatorY = y
        frame.put(String(repeating: "─", count: area.width), x: area.x, y: separatorY, style: .border)
        y += 1
        for r in rowOffset..<min(grid.rows.count, rowOffset + bodyHeight) {
            let cells = grid.rows[r]
            for s in shown {
                let col = grid.columns[s.index]
                let value = s.index < cells.count ? cells[s.index] : .null
                var style: Style = value.isNull ? .null : (col.isMeasure ? .normal : .dimension)
                if r == row, showsCursor { style = (s.index == column && focused) ? .selection : .selectionInactive }
                frame.putPadded(context.format(value, col), x: s.x, y: y, width: s.width, style: style, alignRight: col.isMeasure || Self.isNumber(value))
            }
            y += 1
        }
        if grid.rows.isEmpty {
            frame.put("No rows.", x: area.x + 1, y: y, style: .dim)
        }
        if let totals = grid.totals {
            let ty = area.y + area.height - 1
            for (n, s) in shown.enumerated() {
                let col = grid.columns[s.index]
                let value = s.index < totals.count ? totals[s.index] : .null
                let text = col.isMeasure ? context.format(value, col) : (n == 0 ? "Total" : "")
                frame.putPadded(text, x: s.x, y: ty, width: s.width, style: .totals, alignRight: col.isMeasure)
            }
        }
    }

    static func isNumber(_ value: Value) -> Bool {
        switch value {
        case .int, .double, .decimal: true
        default: false
        }
    }
}
