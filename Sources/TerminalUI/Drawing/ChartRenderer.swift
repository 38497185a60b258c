import Presentation
import Warehouse

/// Text charts drawn into a frame: one sparkline per measure when the first dimension is a time,
/// horizontal bars for a categorical dimension. Outliers (`Outliers`' robust rule) are drawn in the
/// spike or dip style so they stand out even in monochrome (bold versus underlined), and are named
/// in the legend with their period and value.
enum ChartRenderer {
    static let blocks: [Character] = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]
    static let asciiBlocks: [Character] = ["_", ".", "-", "~", "=", "+", "*", "#"]

    /// Which points are outliers: +1 spike, -1 dip, 0 normal (`Outliers`: median/MAD, on residuals
    /// from a running median for a time series, seasonal when it is long enough).
    static func outliers(_ values: [Double?], ordered: Bool = true, season: Int? = nil) -> [Int] {
        Outliers.marks(values, ordered: ordered, season: season).map(\.rawValue)
    }

    /// Sparkline characters for values resampled to at most `width` points (NULL as a space).
    static func sparkline(_ values: [Double?], width: Int, ascii: Bool, season: Int? = nil) -> [(Character, Int)] {
        guard width > 0, !values.isEmpty else { return [] }
        let points = resample(values, width: width)
        let present = points.compactMap { $0 }
        let lo = present.min() ?? 0, hi = present.max() ?? 0
        let marks = outliers(points, season: points.count == values.count ? season : nil)
        let glyphs = ascii ? asciiBlocks : blocks
        return points.enumerated().map { i, v in
            guard let v else { return (" ", 0) }
            let level = hi > lo ? Int(((v - lo) / (hi - lo) * 7).rounded()) : 3
            return (glyphs[min(7, max(0, level))], marks[i])
        }
    }

    /// `values` averaged into at most `width` buckets, so long series still fit.
    static func resample(_ values: [Double?], width: Int) -> [Double?] {
        guard values.count > width, width > 0 else { return values }
        return (0..<width).map { b in
            let lo = b * values.count / width, hi = max(lo + 1, (b + 1) * values.count / width)
            let slice = values[lo..<hi].compactMap { $0 }
            return slice.isEmpty ? nil : slice.reduce(0, +) / Double(slice.count)
        }
    }

    static func drawSparkline(_ values: [Double?], into frame: inout Frame, x: Int, y: Int, width: Int, ascii: Bool, season: Int? = nil) {
        for (i, (glyph, mark)) in sparkline(values, width: width, ascii: ascii, season: season).enumerated() {
            frame.put(String(glyph), x: x + i, y: y, style: mark > 0 ? .spike : mark < 0 ? .dip : .measure)
        }
    }

    /// The grid's time series: the first dimension's rows in ascending time order.
    static func series(_ grid: ResultGrid) -> (order: [Int], measures: [Int])? {
        guard let first = grid.columns.first, first.isTime else { return nil }
        let measures = grid.columns.indices.filter { grid.columns[$0].isMeasure }
        guard !measures.isEmpty else { return nil }
        let order = grid.rows.indices.sorted { a, b in
            Self.less(grid.rows[a].first ?? .null, grid.rows[b].first ?? .null)
        }
        return (order, measures)
    }

    static func less(_ a: Value, _ b: Value) -> Bool { ResultTable.ascending(a, b) }

    static func render(grid: ResultGrid, into frame: inout Frame, area: Rect, firstRow: Int, context: UIContext) {
        guard area.width > 10, area.height > 1 else { return }
        if grid.rows.isEmpty {
            frame.put("No rows.", x: area.x, y: area.y, style: .dim)
            return
        }
        if let chart = TimeChart(grid: grid, context: context) {
            chart.draw(into: &frame, area: area, context: context)
            return
        }
        guard let m = grid.columns.firstIndex(where: \.isMeasure) else {
            frame.put("A chart needs a measure.", x: area.x, y: area.y, style: .dim)
            return
        }
        let dimensions = grid.columns.indices.filter { !grid.columns[$0].isMeasure }
        let labels = grid.rows.map { row in
            dimensions.isEmpty ? grid.columns[m].label : dimensions.map { context.format(row[$0], grid.columns[$0]) }.joined(separator: " · ")
        }
        let values = grid.rows.map { ResultTable.number($0[m]) }
        frame.put(grid.columns[m].label, x: area.x, y: area.y, style: .header, maxWidth: area.width)
        drawBars(labels: labels, values: values, formatted: grid.rows.map { context.format($0[m], grid.columns[m]) },
                 into: &frame, area: Rect(x: area.x, y: area.y + 1, width: area.width, height: area.height - 1), firstRow: firstRow, ascii: context.ascii)
    }

    /// Horizontal bars from zero, scaled to the largest magnitude; negative values drawn dim.
    static func drawBars(labels: [String], values: [Double?], formatted: [String], into frame: inout Frame, area: Rect, firstRow: Int, ascii: Bool) {
        let labelWidth = min(max(4, labels.prefix(200).map { DisplayWidth.of($0) }.max() ?? 4), max(6, area.width / 3))
        let valueWidth = min(14, max(3, formatted.prefix(200).map { DisplayWidth.of($0) }.max() ?? 3))
        let barWidth = max(1, area.width - labelWidth - valueWidth - 2)
        let top = values.compactMap { $0.map(abs) }.max() ?? 0
        let marks = outliers(values, ordered: false)
        for i in 0..<max(0, area.height) {
            let r = firstRow + i
            guard labels.indices.contains(r) else { break }
            let y = area.y + i
            frame.put(labels[r], x: area.x, y: y, style: .dimension, maxWidth: labelWidth)
            var length = 0
            if let v = values[r], top > 0 { length = Int((abs(v) / top * Double(barWidth)).rounded()) }
            let style: Style = marks[r] > 0 ? .spike : marks[r] < 0 ? .dip : ((values[r] ?? 0) < 0 ? .dim : .measure)
            frame.put(String(repeating: ascii ? "#" : "█", count: length), x: area.x + labelWidth + 1, y: y, style: style)
            frame.putPadded(formatted[r], x: area.x + labelWidth + barWidth + 2, y: y, width: valueWidth, style: values[r] == nil ? .null : .normal, alignRight: true)
        }
    }
}
