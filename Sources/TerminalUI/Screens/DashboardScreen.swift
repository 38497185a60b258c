import Foundation
import SemanticModel

/// A dashboard: tiles laid out in the terminal (LookML's 24-column newspaper layout scaled to the
/// width, or a flow layout), each loading on its own background query, all in parallel. `r`
/// refreshes, `f` edits the dashboard filters, Enter opens a tile's query in an explore.
struct DashboardScreen: ScreenState {
    enum TileState: Sendable {
        case waiting
        case loading(RequestID, started: Double)
        case loaded(ResultsView, seconds: Double)
        case failed(String)
    }

    struct Tile: Sendable {
        var element: DashboardElement
        var state: TileState = .waiting
        /// The resolved query (for opening the tile in an explore).
        var query: QueryDraft?
        var isText: Bool { element.type == "text" || (element.explore == nil && element.bodyText != nil) }
    }

    let tag: Int
    let name: String
    private(set) var dashboard: Dashboard?
    private(set) var loadError: String?
    var tiles: [Tile] = []
    private(set) var focused = 0
    private(set) var filterValues: [String: String] = [:]
    /// The filter list (`f`) and the value being edited in it.
    private(set) var filterCursor: Int?
    private(set) var filterInput: TextInput?
    /// Why the value being edited is not a valid filter (shown under the input); Enter refuses to
    /// apply while it is set, so tiles never run with a bad filter.
    private(set) var filterError: String?
    /// Each dashboard filter's grammar field, found once when the dashboard loads.
    private(set) var filterFields: [String: Field] = [:]
    var scroll = 0
    private var sequence = 0
    private var loadRequest: RequestID?

    init(tag: Int, name: String) {
        self.tag = tag
        self.name = name
    }

    var title: String { "Dashboard › \(dashboard?.title ?? name)" }
    var isEditingText: Bool { filterInput != nil }
    var capturesQuit: Bool { filterCursor != nil }
    var hint: String {
        if filterInput != nil {
            return filterError == nil ? "type a value · Enter apply · Esc cancel" : "Enter applies once the value is valid · Esc cancel"
        }
        if filterCursor != nil { return "↑↓ choose filter · Enter edit · Esc close" }
        return "arrows move · Enter open tile · r refresh · f filters · Esc cancel · q back"
    }
    var help: [HelpEntry] {
        [HelpEntry("←→↑↓ / hjkl", "move between tiles"), HelpEntry("Enter", "open the tile's query as an explore"),
         HelpEntry("r", "refresh every tile (in parallel)"), HelpEntry("f", "dashboard filters: choose, edit, apply"),
         HelpEntry("Esc", "cancel loading tiles on the server"), HelpEntry("q", "back")]
    }

    private mutating func nextRequest() -> RequestID {
        sequence += 1
        return RequestID(screen: tag, sequence: sequence)
    }

    mutating func start(context: UIContext) -> [Action] {
        let id = nextRequest()
        loadRequest = id
        return [.loadDashboard(id, name)]
    }

    /// Starts (or restarts) every query tile; cancels those still running.
    mutating func refresh(context: UIContext) -> [Action] {
        guard let dashboard else { return [] }
        var actions: [Action] = []
        for i in tiles.indices where !tiles[i].isText {
            if case .loading(let old, _) = tiles[i].state { actions.append(.cancel(old)) }
            let id = nextRequest()
            tiles[i].state = .loading(id, started: context.clock())
            actions.append(.runTile(id, element: tiles[i].element, dashboard: dashboard, filterValues: filterValues))
        }
        return actions
    }

    mutating func handle(_ key: Key, context: UIContext) -> [Action] {
        if var input = filterInput, let index = filterCursor, let filters = dashboard?.filters {
            switch key {
            case .escape:
                filterInput = nil
                filterError = nil
            case .enter:
                let text = input.text.trimmingCharacters(in: .whitespaces)
                filterError = validationError(text, for: filters[index], context: context)
                // An invalid value keeps the editor open with its message: no tile runs with it.
                guard filterError == nil else { return [] }
                filterValues[filters[index].name] = text
                filterInput = nil
                filterCursor = nil
                return refresh(context: context)
            default:
                guard input.handle(key) else { return [] }
                filterInput = input
                filterError = validationError(input.text, for: filters[index], context: context)
            }
            return []
        }
        if let cursor = filterCursor, let filters = dashboard?.filters {
            switch key {
            case .up, .char("k"): filterCursor = max(0, cursor - 1)
            case .down, .char("j"): filterCursor = min(filters.count - 1, cursor + 1)
            case .enter, .char(" "):
                let input = TextInput(filterValues[filters[cursor].name] ?? "")
                filterInput = input
                filterError = validationError(input.text, for: filters[cursor], context: context)
            case .escape, .char("f"): filterCursor = nil
            default: break
            }
            return []
        }
        switch key {
        case .char("r"): return refresh(context: context)
        case .char("f"):
            if let filters = dashboard?.filters, !filters.isEmpty { filterCursor = 0 }
        case .escape:
            var actions: [Action] = []
            for i in tiles.indices {
                if case .loading(let id, _) = tiles[i].state {
                    actions.append(.cancel(id))
                    tiles[i].state = .failed("Cancelled; r reloads.")
                }
            }
            return actions
        case .right, .char("l"), .tab: focused = min(max(0, tiles.count - 1), focused + 1)
        case .left, .char("h"), .backTab: focused = max(0, focused - 1)
        case .down, .char("j"), .up, .char("k"), .pageDown, .pageUp:
            focused = neighbour(of: focused, downward: key == .down || key == .char("j") || key == .pageDown)
        case .home, .char("g"): focused = 0
        case .end, .char("G"): focused = max(0, tiles.count - 1)
        case .enter:
            if tiles.indices.contains(focused), let query = tiles[focused].query { return [.openExplore(query, runImmediately: true)] }
        default: break
        }
        return []
    }

    /// The nearest tile below (or above) the focused one, by layout position.
    private func neighbour(of index: Int, downward: Bool) -> Int {
        let rects = Self.layout(tiles.map(\.element), width: 100)
        guard rects.indices.contains(index) else { return index }
        let here = rects[index]
        let candidates = rects.indices.filter { downward ? rects[$0].y >= here.y + here.height : rects[$0].y + rects[$0].height <= here.y }
        let best = candidates.min { a, b in
            let da = abs(rects[a].y - here.y) * 1000 + abs(rects[a].x - here.x)
            let db = abs(rects[b].y - here.y) * 1000 + abs(rects[b].x - here.x)
            return da < db
        }
        return best ?? index
    }

    mutating func receive(_ event: Event, context: UIContext) -> [Action] {
        switch event {
        case .dashboardLoaded(let id, let result):
            guard id == loadRequest else { return [] }
            switch result {
            case .success(let dashboard):
                self.dashboard = dashboard
                tiles = Self.ordered(dashboard.elements).map { Tile(element: $0) }
                filterFields = [:]
                for filter in dashboard.filters {
                    filterFields[filter.name] = Self.grammarField(for: filter, in: dashboard, project: context.project)
                }
                for filter in dashboard.filters { if let value = filter.defaultValue { filterValues[filter.name] = value } }
                return refresh(context: context)
            case .failure(let error):
                loadError = error.message
            }
        case .tileQueryResolved(let id, let query):
            if let i = tileIndex(for: id) { tiles[i].query = query }
        case .queryFinished(let id, let result, let seconds):
            guard let i = tileIndex(for: id) else { return [] }
            switch result {
            case .success(let grid):
                var view = ResultsView(grid: grid, format: context.format)
                view.showsCursor = false
                if tiles[i].element.type != "table" && tiles[i].element.type != "looker_grid" { view.mode = .chart }
                tiles[i].state = .loaded(view, seconds: seconds)
            case .failure(let error):
                tiles[i].state = .failed(error.message)
            }
        default: break
        }
        return []
    }

    private func tileIndex(for id: RequestID) -> Int? {
        tiles.firstIndex { if case .loading(let current, _) = $0.state { current == id } else { false } }
    }

    /// Tiles in reading order: by row, then column, when the dashboard gives positions.
    static func ordered(_ elements: [DashboardElement]) -> [DashboardElement] {
        guard elements.allSatisfy({ $0.row != nil && $0.col != nil }) else { return elements }
        return elements.enumerated().sorted { a, b in
            (a.element.row!, a.element.col!, a.offset) < (b.element.row!, b.element.col!, b.offset)
        }.map(\.element)
    }

    /// Tile rectangles relative to the dashboard's top-left, for a given width. Positioned layouts
    /// scale LookML's 24 columns to the width (one row unit is one line, at least 5); narrow
    /// terminals and unpositioned dashboards flow: single values several to a line, others full width.
    static func layout(_ elements: [DashboardElement], width: Int) -> [Rect] {
        let positioned = width >= 80 && elements.allSatisfy { $0.row != nil && $0.col != nil && $0.width != nil && $0.height != nil }
        if positioned {
            // Row units map to lines; rows are compressed so that no tile is shorter than 5 lines.
            let scale = max(1.0, 5.0 / Double(elements.map { $0.height! }.min() ?? 5))
            let unitScale = min(scale, 2.0)
            return elements.map { e in
                let x = e.col! * width / 24
                let right = min(24, e.col! + e.width!) * width / 24
                return Rect(x: x, y: Int(Double(e.row!) * unitScale), width: right - x, height: max(5, Int(Double(e.height!) * unitScale)))
            }
        }
        var rects: [Rect] = []
        var x = 0, y = 0, rowHeight = 0
        let perRow = max(1, width / 28)
        for e in elements {
            let small = e.type == "single_value"
            let w = small ? width / perRow : width
            let h = small ? 6 : (e.type == "text" ? 4 : 10)
            if x + w > width || (!small && x > 0) { x = 0; y += rowHeight; rowHeight = 0 }
            rects.append(Rect(x: x, y: y, width: w, height: h))
            rowHeight = max(rowHeight, h)
            x += w
            if !small { x = 0; y += rowHeight; rowHeight = 0 }
        }
        return rects
    }
}
