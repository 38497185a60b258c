import SemanticModel

/// The start screen: explores grouped by model and `group_label`, then dashboards; `/` narrows the
/// list by fuzzy search over labels, names and descriptions.
struct ExploreListScreen: ScreenState {
    enum Item: Equatable, Sendable {
        case heading(String)
        case explore(model: String, name: String, label: String, description: String?)
        case dashboard(name: String, title: String, description: String?)
        /// A saved look: its name, query and a one-line summary of it.
        case look(name: String, draft: QueryDraft, summary: String)
        /// A query from the history.
        case recent(draft: QueryDraft, summary: String)
        /// One of the project's validation errors ("views/a.view.lkml:3: unknown field …").
        case problem(String)

        var isSelectable: Bool {
            switch self {
            case .heading, .problem: false
            default: true
            }
        }

        var searchText: String {
            switch self {
            case .heading: ""
            case let .explore(model, name, label, description): "\(label) \(name) \(model) \(description ?? "")"
            case let .dashboard(name, title, description): "\(title) \(name) dashboard \(description ?? "")"
            case let .look(name, _, summary): "\(name) look \(summary)"
            case let .recent(_, summary): "recent \(summary)"
            case .problem: ""
            }
        }
    }

    let tag: Int
    /// Every item, headings included, in display order.
    private(set) var allItems: [Item]
    /// The explores and dashboards (without the saved work above them).
    private let projectItems: [Item]
    private let exploreLabels: [String: String]
    /// The project's validation errors, shown first.
    private let problemItems: [Item]
    private(set) var visible: [Item]
    private(set) var cursor = ListCursor()
    private(set) var search: TextInput?
    /// Whether keys go to the search line (after `/`, until Enter or Esc).
    private(set) var searching = false

    /// How many validation errors the start screen lists.
    static let problemsShown = 3

    init(tag: Int, project: Project, saved: SavedWork = SavedWork()) {
        self.tag = tag
        var items: [Item] = []
        var labels: [String: String] = [:]
        for model in project.models {
            for explore in model.explores { labels["\(model.name)/\(explore.name)"] = explore.displayLabel }
        }
        exploreLabels = labels
        // A broken project says so first: the explores it breaks would otherwise just fail later.
        var problems: [Item] = []
        let errors = project.diagnostics.filter { $0.severity == .error }
        if !errors.isEmpty {
            problems.append(.heading("⚠ \(errors.count) error\(errors.count == 1 ? "" : "s") in this project (spyglass validate lists them all)"))
            let root = project.root.hasSuffix("/") ? project.root : project.root + "/"
            for error in errors.prefix(Self.problemsShown) {
                var place = ""
                if let location = error.location {
                    let file = location.file.hasPrefix(root) ? String(location.file.dropFirst(root.count)) : location.file
                    place = "\(file):\(location.line): "
                }
                problems.append(.problem(place + error.message))
            }
            if errors.count > Self.problemsShown { problems.append(.problem("… and \(errors.count - Self.problemsShown) more")) }
        }
        problemItems = problems
        for model in project.models {
            let explores = model.explores.filter { !$0.hidden && !$0.extensionRequired }
            guard !explores.isEmpty else { continue }
            // Group labels in first-seen order; explores without one come first.
            var order: [String?] = []
            var byGroup: [String?: [Explore]] = [:]
            for explore in explores {
                if byGroup[explore.groupLabel] == nil { order.append(explore.groupLabel) }
                byGroup[explore.groupLabel, default: []].append(explore)
            }
            order.sort { ($0 ?? "") < ($1 ?? "") }
            let modelLabel = model.label ?? Names.titleCase(model.name)
            for group in order {
                items.append(.heading(group.map { "\(modelLabel) › \($0)" } ?? modelLabel))
                for explore in byGroup[group]! {
                    items.append(.explore(model: model.name, name: explore.name, label: explore.displayLabel, description: explore.description))
                }
            }
        }
        if !project.dashboards.isEmpty {
            items.append(.heading("Dashboards"))
            for dashboard in project.dashboards {
                items.append(.dashboard(name: dashboard.name, title: dashboard.title, description: dashboard.description))
            }
        }
        projectItems = items
        allItems = items
        visible = items
        update(saved: saved)
    }

    /// Shows the project's saved looks and recent queries above the explores.
    mutating func update(saved: SavedWork) {
        var items: [Item] = []
        if !saved.looks.isEmpty {
            items.append(.heading("Saved looks"))
            items += saved.looks.map { .look(name: $0.name, draft: $0.draft, summary: summary($0.draft)) }
        }
        if !saved.history.isEmpty {
            items.append(.heading("Recent queries"))
            items += saved.history.prefix(SavedWork.recentShown).map { .recent(draft: $0, summary: summary($0)) }
        }
        allItems = problemItems + items + projectItems
        refilter()
    }

    /// "Product Usage: Platform, Active Users · 1 filter".
    private func summary(_ draft: QueryDraft) -> String {
        let explore = exploreLabels[draft.explore] ?? draft.explore
        return explore + ": " + SavedWork.summary(draft) { Names.titleCase(String($0.split(separator: ".").last ?? "")) }
    }

    var title: String { "Explores" }
    var isEditingText: Bool { searching }
    var hint: String { searching ? "type to search · ↑↓ move · Enter open · Esc clear" : "↑↓ move · Enter open · / search · ? help · q quit" }
    var help: [HelpEntry] {
        [HelpEntry("↑ ↓ / j k", "move"), HelpEntry("PgUp PgDn, g G", "page, first, last"),
         HelpEntry("Enter / Space", "open the explore, dashboard, saved look (★) or recent query (↺)"), HelpEntry("/", "fuzzy search; Esc clears"),
         HelpEntry("q", "quit")]
    }

    var selected: Item? { visible.indices.contains(cursor.index) ? visible[cursor.index] : nil }

    mutating func handle(_ key: Key, context: UIContext) -> [Action] {
        if searching {
            switch key {
            case .escape:
                searching = false
                search = nil
                refilter()
            case .enter:
                searching = false
                if visible.isEmpty { search = nil; refilter() }
            case .up, .down, .pageUp, .pageDown:
                moveSelectable(key)
            default:
                if var input = search, input.handle(key) {
                    search = input
                    refilter()
                }
            }
            return []
        }
        switch key {
        case .char("/"):
            searching = true
            if search == nil { search = TextInput() }
        case .escape where search != nil:
            search = nil
            refilter()
        case .enter, .char(" "), .right, .char("l"):
            switch selected {
            case let .explore(model, name, _, _)?: return [.openExplore(QueryDraft(explore: "\(model)/\(name)"), runImmediately: false)]
            case let .dashboard(name, _, _)?: return [.openDashboard(name)]
            case let .look(name, draft, _)?: return [.openLook(name: name, draft)]
            case let .recent(draft, _)?: return [.openExplore(draft, runImmediately: true)]
            default: break
            }
        default:
            moveSelectable(key)
        }
        return []
    }

    func receive(_ event: Event, context: UIContext) -> [Action] { [] }

    private mutating func moveSelectable(_ key: Key) {
        let before = cursor.index
        guard cursor.handleMovement(key, count: visible.count, page: 10) else { return }
        // Skip headings in the direction of travel.
        let forward = cursor.index >= before
        var i = cursor.index
        while visible.indices.contains(i), !visible[i].isSelectable { i += forward ? 1 : -1 }
        if !visible.indices.contains(i) {
            i = cursor.index
            while visible.indices.contains(i), !visible[i].isSelectable { i += forward ? -1 : 1 }
        }
        cursor.index = visible.indices.contains(i) ? i : before
    }

    private mutating func refilter() {
        let query = search?.text ?? ""
        if query.isEmpty {
            visible = allItems
        } else {
            let scored = allItems.compactMap { item -> (Item, Int)? in
                guard item.isSelectable, let score = FuzzyMatch.score(query, in: item.searchText) else { return nil }
                return (item, score)
            }
            visible = scored.enumerated().sorted { a, b in
                a.element.1 != b.element.1 ? a.element.1 > b.element.1 : a.offset < b.offset
            }.map(\.element.0)
        }
        cursor = ListCursor()
        cursor.index = visible.firstIndex(where: \.isSelectable) ?? 0
    }

    mutating func render(into frame: inout Frame, area: Rect, context: UIContext) {
        var y = area.y
        if let search {
            frame.put("/", x: area.x, y: y, style: .key)
            if searching {
                search.render(into: &frame, x: area.x + 1, y: y, width: area.width - 1)
            } else {
                frame.put(search.text, x: area.x + 1, y: y, style: .dim)
            }
            y += 1
        }
        // Leave room for the selected item's description.
        let descriptionLines = area.height >= 12 ? 2 : 0
        let listHeight = area.y + area.height - y - descriptionLines
        var view = cursor
        view.scroll(height: listHeight)
        if visible.isEmpty {
            frame.put("No explore or dashboard matches “\(search?.text ?? "")”.", x: area.x + 2, y: y, style: .dim, maxWidth: area.width - 2)
        }
        for row in 0..<max(0, listHeight) {
            let i = view.offset + row
            guard visible.indices.contains(i) else { break }
            let line = y + row
            switch visible[i] {
            case .heading(let text):
                frame.put(text, x: area.x, y: line, style: text.hasPrefix("⚠") ? .error : .header, maxWidth: area.width)
            case .problem(let text):
                frame.put("  " + text, x: area.x, y: line, style: .error, maxWidth: area.width)
            case let .explore(model, name, label, description):
                let style: Style = i == cursor.index ? .selection : .normal
                frame.fill(x: area.x, y: line, width: area.width, height: 1, style: style)
                let used = frame.put("  " + label, x: area.x, y: line, style: style, maxWidth: area.width)
                let suffix = search == nil ? (description ?? "") : "\(model)/\(name)"
                if !suffix.isEmpty, used + 3 < area.width {
                    frame.put(suffix, x: area.x + used + 2, y: line, style: i == cursor.index ? .selection : .dim, maxWidth: area.width - used - 2)
                }
            case let .look(name, _, summary):
                let style: Style = i == cursor.index ? .selection : .normal
                frame.fill(x: area.x, y: line, width: area.width, height: 1, style: style)
                let used = frame.put("  ★ " + name, x: area.x, y: line, style: style, maxWidth: area.width)
                if used + 3 < area.width {
                    frame.put(summary, x: area.x + used + 2, y: line, style: i == cursor.index ? .selection : .dim, maxWidth: area.width - used - 2)
                }
            case let .recent(_, summary):
                let style: Style = i == cursor.index ? .selection : .normal
                frame.fill(x: area.x, y: line, width: area.width, height: 1, style: style)
                frame.put("  ↺ " + summary, x: area.x, y: line, style: style, maxWidth: area.width)
            case let .dashboard(_, title, description):
                let style: Style = i == cursor.index ? .selection : .normal
                frame.fill(x: area.x, y: line, width: area.width, height: 1, style: style)
                let used = frame.put("  ▦ " + title, x: area.x, y: line, style: style, maxWidth: area.width)
                if let description, used + 3 < area.width {
                    frame.put(description, x: area.x + used + 2, y: line, style: i == cursor.index ? .selection : .dim, maxWidth: area.width - used - 2)
                }
            }
        }
        if descriptionLines > 0 {
            let line = area.y + area.height - 2
            frame.put(String(repeating: "─", count: area.width), x: area.x, y: line, style: .border)
            let text: String
            switch selected {
            case let .explore(model, name, label, description)?: text = "\(label) (\(model)/\(name))" + (description.map { ": \($0)" } ?? "")
            case let .dashboard(name, title, description)?: text = "\(title) (dashboard \(name))" + (description.map { ": \($0)" } ?? "")
            case let .look(name, draft, _)?: text = "Look '\(name)': \(context.commandLine(draft))"
            case let .recent(draft, _)?: text = context.commandLine(draft)
            default: text = ""
            }
            frame.put(text, x: area.x, y: line + 1, style: .dim, maxWidth: area.width)
        }
    }
}
