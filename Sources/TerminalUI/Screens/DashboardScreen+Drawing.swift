import Foundation
import Presentation
import SemanticModel

extension DashboardScreen {
    mutating func render(into frame: inout Frame, area: Rect, context: UIContext) {
        if let loadError {
            frame.put(loadError, x: area.x + 1, y: area.y + 1, style: .error, maxWidth: area.width - 2)
            return
        }
        guard let dashboard else {
            frame.put("Loading dashboard \(name)…", x: area.x + 1, y: area.y + 1, style: .dim)
            return
        }
        var top = area.y
        // Filter values on one line.
        if !dashboard.filters.isEmpty {
            let text = dashboard.filters.map { "\(Self.label(of: $0)): \(filterValues[$0.name].flatMap { $0.isEmpty ? nil : $0 } ?? "any")" }
                .joined(separator: " · ")
            frame.put("⧩ " + text, x: area.x, y: top, style: .key, maxWidth: area.width)
            top += 1
        }
        let body = Rect(x: area.x, y: top, width: area.width, height: area.y + area.height - top)
        let rects = Self.layout(tiles.map(\.element), width: body.width)
        // Scroll so the focused tile is fully visible.
        if rects.indices.contains(focused) {
            let r = rects[focused]
            if r.y < scroll { scroll = r.y }
            if r.y + r.height > scroll + body.height { scroll = r.y + r.height - body.height }
            scroll = max(0, min(scroll, r.y))
        }
        if tiles.isEmpty { frame.put("This dashboard has no tiles.", x: body.x + 1, y: body.y, style: .dim) }
        for (i, rect) in rects.enumerated() {
            let y = body.y + rect.y - scroll
            // Clip tiles to the body: draw into a tile-sized frame and copy the visible part.
            guard y + rect.height > body.y, y < body.y + body.height, rect.width >= 8 else { continue }
            var tileFrame = Frame(width: rect.width, height: rect.height)
            renderTile(&tiles[i], index: i, into: &tileFrame, context: context)
            for ty in 0..<rect.height {
                let fy = y + ty
                guard fy >= body.y, fy < body.y + body.height else { continue }
                for tx in 0..<rect.width where body.x + rect.x + tx < body.x + body.width {
                    let cell = tileFrame[tx, ty]
                    frame.copyCell(cell, x: body.x + rect.x + tx, y: fy)
                }
            }
        }
        if let cursor = filterCursor {
            let width = min(area.width, filterInput == nil ? 60 : 76)
            // The error goes right under the input, wrapped, so the whole sentence is readable.
            let errorLines = filterError.map { Self.wrap($0, width: width - 4) } ?? []
            let height = min(area.height - 1, dashboard.filters.count + errorLines.count + 4)
            let x = area.x + (area.width - width) / 2, y = area.y + 1
            frame.fill(x: x, y: y, width: width, height: height, style: .normal)
            frame.box(x: x, y: y, width: width, height: height, title: "Dashboard filters")
            var row = y + 1
            for (i, filter) in dashboard.filters.enumerated() {
                guard row < y + height - 2 else { break }
                let label = "\(Self.label(of: filter)): "
                let style: Style = i == cursor ? .selection : .normal
                frame.putPadded(label + (filterValues[filter.name] ?? ""), x: x + 2, y: row, width: width - 4, style: style)
                var inputRow: Int?
                if i == cursor, filterInput != nil { inputRow = row }
                row += 1
                if inputRow != nil {
                    for line in errorLines where row < y + height - 2 {
                        frame.put(line, x: x + 2, y: row, style: .error, maxWidth: width - 4)
                        row += 1
                    }
                }
                // The input last, so its cursor is the frame's cursor.
                if let inputRow, let input = filterInput {
                    let used = DisplayWidth.of(label)
                    input.render(into: &frame, x: x + 2 + used, y: inputRow, width: width - 4 - used)
                }
            }
            let hint = filterInput == nil ? "Enter edit · Esc close"
                : (filterError == nil ? "Enter apply · Esc cancel" : "Enter applies once the value is valid · Esc cancel")
            frame.put(hint, x: x + 2, y: y + height - 2, style: .dim, maxWidth: width - 4)
        }
    }

    private func renderTile(_ tile: inout Tile, index: Int, into frame: inout Frame, context: UIContext) {
        let title = tile.element.title ?? Names.titleCase(tile.element.name)
        frame.box(x: 0, y: 0, width: frame.width, height: frame.height, title: title, style: index == focused ? .title : .border)
        let inner = Rect(x: 1, y: 1, width: frame.width - 2, height: frame.height - 2)
        if tile.isText {
            let text = tile.element.bodyText ?? ""
            var y = inner.y
            for line in Self.wrap(text, width: inner.width) where y < inner.y + inner.height {
                frame.put(line, x: inner.x, y: y, style: .normal)
                y += 1
            }
            return
        }
        switch tile.state {
        case .waiting:
            frame.put("waiting", x: inner.x, y: inner.y, style: .dim)
        case .loading(_, let started):
            let elapsed = max(0, context.clock() - started)
            let frames = context.ascii ? ["|", "/", "-", "\\"] : ExploreScreen.spinner
            frame.put("\(frames[Int(elapsed * 10) % frames.count]) loading \(ExploreScreen.seconds(elapsed))", x: inner.x, y: inner.y, style: .key)
        case .failed(let message):
            var y = inner.y
            for line in Self.wrap(message, width: inner.width) where y < inner.y + inner.height {
                frame.put(line, x: inner.x, y: y, style: .error)
                y += 1
            }
        case .loaded(var view, let seconds):
            if tile.element.type == "single_value" {
                Self.renderSingleValue(view.grid, style: ComparisonStyle(settings: tile.element.settings), into: &frame, area: inner, context: context)
            } else {
                view.render(into: &frame, area: inner, focused: false, context: context)
            }
            frame.put(ExploreScreen.seconds(seconds), x: frame.width - 7, y: frame.height - 1, style: .dim, maxWidth: 6)
            tile.state = .loaded(view, seconds: seconds)
        }
    }

    /// The latest value large, a trend sparkline, and the comparison with the previous period as the
    /// tile's settings ask (`comparison_type`, `comparison_reverse_colors`, `show_comparison_label`):
    /// good news green, bad news red, whichever direction that is.
    static func renderSingleValue(_ grid: ResultGrid, style: ComparisonStyle = ComparisonStyle(), into frame: inout Frame,
                                  area: Rect, context: UIContext) {
        guard let m = grid.columns.firstIndex(where: \.isMeasure) ?? grid.columns.indices.first, !grid.rows.isEmpty else {
            frame.put("No rows", x: area.x, y: area.y, style: .dim)
            return
        }
        let column = grid.columns[m]
        if let (order, _) = ChartRenderer.series(grid), let last = order.last {
            let value = grid.rows[last][m]
            frame.put(context.format(value, column), x: area.x, y: area.y, style: .title, maxWidth: area.width)
            frame.put(column.label, x: area.x, y: area.y + 1, style: .dim, maxWidth: area.width)
            if order.count >= 2 {
                let previous = order[order.count - 2]
                let period = context.format(grid.rows[previous][0], grid.columns[0])
                let tableColumn = ResultTable.Column(name: column.name, label: column.label, field: column.field, isMeasure: column.isMeasure)
                if let comparison = PeriodComparison.make(current: value, previous: grid.rows[previous][m], previousPeriod: period,
                                                          column: tableColumn, style: style, ascii: context.ascii) {
                    let arrow = (comparison.delta ?? 0) > 0 ? (context.ascii ? "^ " : "▲ ") : (comparison.delta ?? 0) < 0 ? (context.ascii ? "v " : "▼ ") : ""
                    let tone: Style = switch comparison.tone { case .good: .good; case .bad: .bad; case .neutral: .dim }
                    frame.put(arrow + comparison.text, x: area.x, y: area.y + 2, style: tone, maxWidth: area.width)
                }
            }
            if area.height > 3 {
                ChartRenderer.drawSparkline(order.map { ResultTable.number(grid.rows[$0][m]) }, into: &frame, x: area.x, y: area.y + 3,
                                            width: area.width, ascii: context.ascii)
            }
        } else {
            frame.put(context.format(grid.rows[0][m], column), x: area.x, y: area.y, style: .title, maxWidth: area.width)
            frame.put(column.label, x: area.x, y: area.y + 1, style: .dim, maxWidth: area.width)
        }
    }

    /// Word-wraps text to a width (long words are cut).
    static func wrap(_ text: String, width: Int) -> [String] {
        guard width > 0 else { return [] }
        var lines: [String] = []
        for paragraph in text.split(separator: "\n", omittingEmptySubsequences: false) {
            var line = ""
            for word in paragraph.split(separator: " ") {
                let candidate = line.isEmpty ? String(word) : line + " " + word
                if DisplayWidth.of(candidate) <= width { line = candidate; continue }
                if !line.isEmpty { lines.append(line) }
                line = DisplayWidth.of(String(word)) > width ? DisplayWidth.truncate(String(word), to: width) : String(word)
            }
            lines.append(line)
        }
        return lines
    }
}
