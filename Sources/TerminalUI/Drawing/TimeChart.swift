import Presentation
import Warehouse

/// A time series chart: one line per measure column (per pivot value under a pivot), or, when the
/// rows also carry a category that is not pivoted (month × platform), one line per category with
/// a note — never one line of mixed rows. Each line takes its share of the height (up to six rows
/// of block columns), with its max and min beside it and the last value; a time axis with the
/// first, middle and last period runs underneath; outliers are named in the legend.
struct TimeChart {
    struct Series {
        var label: String
        /// One value per `periods` entry.
        var values: [Double?]
        var column: Int
        /// The row each value came from (for formatting), nil where the category has no row.
        var rows: [Int?]
    }

    /// The x axis: the time column's distinct values, ascending, as row indexes of their first row.
    var periods: [Int]
    var series: [Series]
    /// "One line per Events Platform (p on it pivots the table)".
    var note: String?
    let grid: ResultGrid

    /// The most categories drawn as lines; the rest are named in the note.
    static let maxCategories = 8

    init?(grid: ResultGrid, context: UIContext) {
        guard let (order, measures) = ChartRenderer.series(grid) else { return nil }
        self.grid = grid
        let others = grid.columns.indices.filter { $0 != 0 && !grid.columns[$0].isMeasure }
        // Distinct periods in time order.
        var periods: [Int] = []
        var periodIndex: [Value: Int] = [:]
        for r in order where periodIndex[grid.rows[r][0]] == nil {
            periodIndex[grid.rows[r][0]] = periods.count
            periods.append(r)
        }
        self.periods = periods
        if others.isEmpty {
            series = measures.map { m in
                var rows = [Int?](repeating: nil, count: periods.count)
                for r in order { rows[periodIndex[grid.rows[r][0]]!] = r }
                return Series(label: grid.columns[m].pivotLabel ?? grid.columns[m].label,
                              values: rows.map { $0.flatMap { ResultTable.number(grid.rows[$0][m]) } }, column: m, rows: rows)
            }
            return
        }
        // Categories (first-seen order), each a line per measure.
        var categories: [[Value]] = []
        var categoryIndex: [[Value]: Int] = [:]
        for row in grid.rows {
            let key = others.map { row[$0] }
            if categoryIndex[key] == nil { categoryIndex[key] = categories.count; categories.append(key) }
        }
        var built: [Series] = []
        for (c, key) in categories.prefix(Self.maxCategories).enumerated() {
            let name = zip(others, key).map { context.format($0.1, grid.columns[$0.0]) }.joined(separator: " · ")
            for m in measures {
                var rows = [Int?](repeating: nil, count: periods.count)
                for r in order where categoryIndex[others.map { grid.rows[r][$0] }] == c { rows[periodIndex[grid.rows[r][0]]!] = r }
                built.append(Series(label: measures.count > 1 ? "\(name) · \(grid.columns[m].label)" : name,
                                    values: rows.map { $0.flatMap { ResultTable.number(grid.rows[$0][m]) } }, column: m, rows: rows))
            }
        }
        series = built
        let by = others.map { grid.columns[$0].label }.joined(separator: ", ")
        var note = "One line per \(by) (p on it pivots the table)"
        if categories.count > Self.maxCategories { note += "; the first \(Self.maxCategories) of \(categories.count) shown" }
        self.note = note
    }

    func draw(into frame: inout Frame, area: Rect, context: UIContext) {
        let time = grid.columns[0]
        let season = Outliers.season(forTimeframe: time.field?.timeframe)
        var y = area.y
        let bottom = area.y + area.height
        let measureNames = Set(series.map { grid.columns[$0.column].label }).sorted().joined(separator: ", ")
        frame.put("\(measureNames) by \(time.label)", x: area.x, y: y, style: .dim, maxWidth: area.width)
        y += 1
        if let note, y < bottom {
            frame.put(note, x: area.x, y: y, style: .dim, maxWidth: area.width)
            y += 1
        }
        let labelWidth = min(24, max(8, area.width / 5))
        let valueWidth = min(16, max(8, area.width / 8))
        let plotWidth = max(4, area.width - labelWidth - valueWidth - 2)
        let plotX = area.x + labelWidth + 1
        // Height: an axis line and a legend line, the rest shared by the lines (1 to 6 rows each).
        let free = bottom - y - 2
        let lineHeight = max(1, min(6, free / max(1, series.count)))
        var legend: [(String, Style)] = []
        var drawnWidth = 0
        for s in series where y + lineHeight <= bottom - 1 || (lineHeight == 1 && y < bottom) {
            let points = ChartRenderer.resample(s.values, width: plotWidth)
            // Few points: each a column several cells wide, so the chart fills its width.
            let cell = max(1, min(4, plotWidth / max(1, points.count)))
            drawnWidth = max(drawnWidth, points.count * cell)
            let marks = ChartRenderer.outliers(points, season: points.count == s.values.count ? season : nil)
            frame.put(s.label, x: area.x, y: y, style: .header, maxWidth: labelWidth)
            Self.drawColumns(points, marks: marks, cell: cell, into: &frame, x: plotX, y: y, height: lineHeight, ascii: context.ascii)
            let column = grid.columns[s.column]
            let present = s.values.compactMap { $0 }
            let valueX = plotX + plotWidth + 1
            if let last = s.rows.last(where: { $0 != nil }) ?? nil {
                frame.put(context.format(grid.rows[last][s.column], column), x: valueX, y: y + lineHeight - 1, style: .normal, maxWidth: valueWidth)
            }
            if lineHeight >= 3, let hi = present.max(), let lo = present.min() {
                frame.put("max " + Self.text(hi, column, context), x: valueX, y: y, style: .dim, maxWidth: valueWidth)
                frame.put("min " + Self.text(lo, column, context), x: valueX, y: y + lineHeight - 2, style: .dim, maxWidth: valueWidth)
            }
            for (i, mark) in ChartRenderer.outliers(s.values, season: season).enumerated() where mark != 0 {
                guard let r = s.rows[i] else { continue }
                let glyph = context.ascii ? (mark > 0 ? "^" : "v") : (mark > 0 ? "▲" : "▼")
                let who = series.count > 1 ? "\(s.label) " : ""
                legend.append(("\(glyph) \(mark > 0 ? "spike" : "dip") \(who)\(context.format(grid.rows[r][0], time)) \(context.format(grid.rows[r][s.column], column))",
                               mark > 0 ? .spike : .dip))
            }
            y += lineHeight
        }
        // The time axis: first, middle and last period under the plot.
        if y < bottom, drawnWidth > 0, let first = periods.first, let last = periods.last {
            let firstText = context.format(grid.rows[first][0], time)
            let lastText = context.format(grid.rows[last][0], time)
            frame.put(context.ascii ? "+" : "└", x: plotX, y: y, style: .border)
            frame.put(firstText, x: plotX + 1, y: y, style: .dim, maxWidth: plotWidth - 1)
            let lastX = plotX + max(drawnWidth, DisplayWidth.of(firstText) + 3 + DisplayWidth.of(lastText)) - DisplayWidth.of(lastText)
            if lastX > plotX + DisplayWidth.of(firstText) + 2 { frame.put(lastText, x: lastX, y: y, style: .dim) }
            let middle = periods[periods.count / 2]
            let middleText = context.format(grid.rows[middle][0], time)
            let middleX = plotX + drawnWidth / 2 - DisplayWidth.of(middleText) / 2
            if periods.count > 2, middleX > plotX + DisplayWidth.of(firstText) + 2, middleX + DisplayWidth.of(middleText) + 2 < lastX {
                frame.put(middleText, x: middleX, y: y, style: .dim)
            }
            y += 1
        }
        var x = area.x
        for (text, style) in legend where y < bottom {
            let width = DisplayWidth.of(text)
            if x > area.x && x + width > area.x + area.width { y += 1; x = area.x }
            guard y < bottom else { break }
            frame.put(text, x: x, y: y, style: style, maxWidth: area.x + area.width - x)
            x += width + 3
        }
    }

    static func text(_ value: Double, _ column: ResultGrid.Column, _ context: UIContext) -> String {
        let v: Value = value == value.rounded() && abs(value) < 1e15 ? .int(Int64(value)) : .double(value)
        return context.format(v, column)
    }

    /// Block columns `height` rows tall (eighths of a row per level), bottom-aligned; a single row
    /// is a sparkline. Outliers in the spike or dip style.
    static func drawColumns(_ points: [Double?], marks: [Int], cell: Int = 1, into frame: inout Frame, x: Int, y: Int, height: Int, ascii: Bool) {
        let present = points.compactMap { $0 }
        guard let lo = present.min(), let hi = present.max() else { return }
        let glyphs = ascii ? ChartRenderer.asciiBlocks : ChartRenderer.blocks
        let levels = height * 8
        for (i, point) in points.enumerated() {
            guard let v = point else { continue }
            // At least one eighth, so the smallest value still shows.
            let level = hi > lo ? 1 + Int(((v - lo) / (hi - lo) * Double(levels - 1)).rounded()) : levels / 2
            let style: Style = marks[i] > 0 ? .spike : marks[i] < 0 ? .dip : .measure
            for row in 0..<height {
                let fromBottom = height - 1 - row
                let fill = level - fromBottom * 8
                guard fill > 0 else { continue }
                // A column is cell − 1 wide with a gap when cells are wide, so neighbours stay apart.
                let width = cell > 1 ? cell - 1 : 1
                frame.put(String(repeating: glyphs[min(8, fill) - 1], count: width), x: x + i * cell, y: y + row, style: style)
            }
        }
    }
}
