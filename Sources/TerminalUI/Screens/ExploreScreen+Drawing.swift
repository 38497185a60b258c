import SemanticModel

extension ExploreScreen {
    static let spinner: [String] = ["⠋", "⠙", "⠹", "⠸", "⠼", "⠴", "⠦", "⠧", "⠇", "⠏"]

    mutating func render(into frame: inout Frame, area: Rect, context: UIContext) {
        guard let catalog else {
            frame.put("Unknown explore '\(draft.explore)'. Press q to go back.", x: area.x + 1, y: area.y + 1, style: .error, maxWidth: area.width - 2)
            return
        }
        _ = catalog
        var view = results
        if focus == .results {
            renderResults(into: &frame, area: area, view: &view, focused: true, context: context)
        } else {
            let leftWidth = min(area.width / 2, max(22, area.width * 2 / 5))
            renderPicker(into: &frame, area: Rect(x: area.x, y: area.y, width: leftWidth, height: area.height), context: context)
            let right = Rect(x: area.x + leftWidth + 1, y: area.y, width: area.width - leftWidth - 1, height: area.height)
            for y in area.y..<area.y + area.height { frame.put("│", x: area.x + leftWidth, y: y, style: .border) }
            let queryHeight = min(queryItems.count + 1, max(4, right.height / 2))
            renderQuery(into: &frame, area: Rect(x: right.x, y: right.y, width: right.width, height: queryHeight), context: context)
            if right.height - queryHeight > 3 {
                renderResults(into: &frame, area: Rect(x: right.x, y: right.y + queryHeight, width: right.width, height: right.height - queryHeight),
                              view: &view, focused: false, context: context)
            }
        }
        if let message {
            frame.putPadded(message, x: area.x, y: area.y + area.height - 1, width: area.width, style: .error)
        }
        switch modal {
        case .filter(let editor, _)?: editor.render(into: &frame, area: area)
        case .limit(let input)?:
            Self.prompt("Row limit (empty: default)", input: input, hint: "Enter apply · Esc cancel", width: 40, into: &frame, area: area)
        case .saveLook(let input, _)?:
            Self.prompt("Save as look", input: input, hint: "Enter save · Esc cancel", width: 50, into: &frame, area: area)
        case .export(let input)?:
            Self.prompt("Export the result to (.csv .json .md)", input: input, hint: "Enter write · Esc cancel", width: 60, into: &frame, area: area)
        case .confirmLeave?:
            let width = min(area.width, 56)
            let x = area.x + (area.width - width) / 2, y = area.y + area.height / 3
            frame.fill(x: x, y: y, width: width, height: 4, style: .normal)
            frame.box(x: x, y: y, width: width, height: 4, title: "Leave this query?")
            frame.put("It was neither run nor saved.", x: x + 2, y: y + 1, maxWidth: width - 4)
            frame.put("y discard · w save as look · n stay", x: x + 2, y: y + 2, style: .key, maxWidth: width - 4)
        case .sql(let viewer)?: viewer.render(into: &frame, area: area)
        case nil: break
        }
        results = view
    }

    /// A one-line input in a box, centred a third of the way down.
    static func prompt(_ title: String, input: TextInput, hint: String, width: Int, into frame: inout Frame, area: Rect) {
        let width = min(area.width, width)
        let x = area.x + (area.width - width) / 2, y = area.y + area.height / 3
        frame.fill(x: x, y: y, width: width, height: 4, style: .normal)
        frame.box(x: x, y: y, width: width, height: 4, title: title)
        input.render(into: &frame, x: x + 2, y: y + 1, width: width - 4)
        frame.put(hint, x: x + 2, y: y + 2, style: .dim, maxWidth: width - 4)
    }

    private func renderPicker(into frame: inout Frame, area: Rect, context: UIContext) {
        var y = area.y
        let focused = focus == .fields
        let heading = focused ? Style.title : Style.header
        if let search = pickerSearch {
            frame.put("/", x: area.x, y: y, style: .key)
            if searchingFields { search.render(into: &frame, x: area.x + 1, y: y, width: area.width - 1) }
            else { frame.put(search.text, x: area.x + 1, y: y, style: .dim, maxWidth: area.width - 1) }
        } else {
            frame.put("Fields", x: area.x, y: y, style: heading, maxWidth: area.width)
        }
        y += 1
        let descriptionHeight = area.height >= 14 ? 3 : 0
        let listHeight = area.y + area.height - y - descriptionHeight
        let rows = pickerRows
        var cursor = pickerCursor
        cursor.scroll(height: listHeight)
        for i in 0..<max(0, listHeight) {
            let r = cursor.offset + i
            guard rows.indices.contains(r) else { break }
            let selected = r == pickerCursor.index
            let base: Style = selected ? (focused ? .selection : .selectionInactive) : .normal
            frame.fill(x: area.x, y: y + i, width: area.width, height: 1, style: base)
            switch rows[r] {
            case let .view(_, label, collapsed):
                frame.put((collapsed ? "▸ " : "▾ ") + label, x: area.x, y: y + i, style: selected ? base : .header, maxWidth: area.width)
            case let .group(_, label, expanded):
                frame.put((expanded ? "  ▾ " : "  ▸ ") + label, x: area.x, y: y + i, style: selected ? base : .dimension, maxWidth: area.width)
            case let .field(entry, indented):
                let picked = draft.fields.contains(entry.name)
                let filtered = draft.filters.contains { $0.field == entry.name }
                let marker = picked ? "●" : "○"
                let label = pickerSearch.map { !$0.text.isEmpty } == true ? entry.label
                    : indented ? (entry.field.timeframe.map(Names.titleCase) ?? entry.field.shortLabel) : entry.field.shortLabel
                let style: Style = selected ? base : (picked ? .chosen : (entry.field.kind == .measure ? .measure : .dimension))
                let prefix = indented ? "      " : "  "
                let used = frame.put("\(prefix)\(marker) \(label)", x: area.x, y: y + i, style: style, maxWidth: area.width - 2)
                if filtered, used + 2 <= area.width { frame.put("⧩", x: area.x + area.width - 2, y: y + i, style: selected ? base : .key) }
                if entry.field.kind == .measure, !picked, !selected, used < area.width - 3 {
                    _ = used // measures are told apart by colour and by the Σ column
                }
                frame.put(entry.field.kind == .measure ? "Σ" : entry.field.kind == .filter ? "⊤" : "", x: area.x + area.width - 1, y: y + i,
                          style: selected ? base : .dim)
            }
        }
        if descriptionHeight > 0 {
            let top = area.y + area.height - descriptionHeight
            frame.put(String(repeating: "─", count: area.width), x: area.x, y: top, style: .border)
            let rowsNow = pickerRows
            if rowsNow.indices.contains(pickerCursor.index), case .field(let entry, _) = rowsNow[pickerCursor.index] {
                let kind = entry.field.kind == .measure ? "measure" : entry.field.kind.rawValue
                frame.put("\(entry.name) · \(kind) · \(entry.field.type)", x: area.x, y: top + 1, style: .dim, maxWidth: area.width)
                frame.put(entry.field.description ?? entry.label, x: area.x, y: top + 2, style: .normal, maxWidth: area.width)
            }
        }
    }

    private func renderQuery(into frame: inout Frame, area: Rect, context: UIContext) {
        let focused = focus == .query
        frame.put("Query", x: area.x, y: area.y, style: focused ? .title : .header)
        if lastRun != nil, lastRun != draft, results != nil {
            frame.put("changed · r to run", x: area.x + 7, y: area.y, style: .key, maxWidth: area.width - 7)
        }
        let items = queryItems
        var cursor = queryCursor
        let height = area.height - 1
        cursor.scroll(height: height)
        let label: (String) -> String = { catalog?.label(of: $0) ?? $0 }
        for i in 0..<max(0, height) {
            let r = cursor.offset + i
            guard items.indices.contains(r) else { break }
            let selected = r == queryCursor.index
            let y = area.y + 1 + i
            let style: Style = selected ? (focused ? .selection : .selectionInactive) : .normal
            frame.fill(x: area.x, y: y, width: area.width, height: 1, style: style)
            let text: String
            var kindStyle: Style = .dim
            switch items[r] {
            case .field(let f):
                let name = draft.fields[f]
                let isMeasure = catalog?.entry(named: name)?.field.kind == .measure
                kindStyle = isMeasure ? .measure : .dimension
                let sort = draft.sorts.first { $0.field == name }.map { $0.descending ? " ↓" : " ↑" } ?? ""
                let pivot = draft.pivots.contains(name) ? " ⇄" : ""
                text = "\(isMeasure ? "Σ" : "•") \(label(name))\(sort)\(pivot)"
            case .filter(let f):
                text = "⧩ \(label(draft.filters[f].field)): \(draft.filters[f].expression)"
                kindStyle = .key
            case .sort(let s):
                text = "\(draft.sorts[s].descending ? "↓" : "↑") sort \(label(draft.sorts[s].field))"
            case .pivot(let p):
                text = "⇄ pivot \(label(draft.pivots[p]))"
            case .limit:
                text = "# limit \(draft.limit.map(String.init) ?? "default")"
            case .totals:
                text = "∑ totals \(draft.totals ? "on" : "off") · row totals \(draft.rowTotals ? "on" : "off")"
            }
            frame.put(text, x: area.x + 1, y: y, style: selected ? style : kindStyle, maxWidth: area.width - 1)
        }
    }

    private func renderResults(into frame: inout Frame, area: Rect, view: inout ResultsView?, focused: Bool, context: UIContext) {
        guard area.height > 1 else { return }
        var y = area.y
        var status = ""
        var statusStyle = Style.dim
        switch run {
        case .running(_, let started):
            let elapsed = max(0, context.clock() - started)
            let frames = context.ascii ? ["|", "/", "-", "\\"] : Self.spinner
            status = "\(frames[Int(elapsed * 10) % frames.count]) running \(Self.seconds(elapsed)) · Esc cancels"
            statusStyle = .key
        case .failed(let message):
            status = message
            statusStyle = .error
        case .idle:
            if let view {
                let rows = view.grid.rows.count
                status = "\(rows) row\(rows == 1 ? "" : "s")" + (view.mode == .chart ? " · chart (c: table)" : " · c: chart")
                if !view.grid.notes.isEmpty { status += " · " + view.grid.notes.joined(separator: " · ") }
            } else {
                status = draft.fields.isEmpty ? "Pick fields on the left, then r to run." : "r to run"
            }
        }
        frame.put(focused ? "Results" : "Results", x: area.x, y: y, style: focused ? .title : .header)
        frame.put(status, x: area.x + 9, y: y, style: statusStyle, maxWidth: area.width - 9)
        y += 1
        if case .failed(let message) = run, view == nil || !focused {
            // Long errors wrap between words so the whole sentence is readable.
            for line in DashboardScreen.wrap(message, width: area.width) where y < area.y + area.height {
                frame.put(line, x: area.x, y: y, style: .error)
                y += 1
            }
            if view == nil { return }
        }
        guard var results = view else { return }
        results.render(into: &frame, area: Rect(x: area.x, y: y, width: area.width, height: area.y + area.height - y), focused: focused, context: context)
        view = results
    }

    static func seconds(_ s: Double) -> String {
        let tenths = Int((s * 10).rounded(.down))
        return "\(tenths / 10).\(tenths % 10) s"
    }
}
