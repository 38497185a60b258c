import SemanticModel

/// The explore screen: a field picker (views as groups, dimension groups expanding into
/// timeframes), the query being built (fields, filters, sorts, pivots, limit, totals), and the
/// results. Tab moves between the three panes.
struct ExploreScreen: ScreenState {
    enum Pane: Equatable, Sendable { case fields, query, results }

    enum RunState: Equatable, Sendable {
        case idle
        case running(RequestID, started: Double)
        case failed(String)
    }

    enum PickerRow: Equatable, Sendable {
        case view(alias: String, label: String, collapsed: Bool)
        case group(key: String, label: String, expanded: Bool)
        case field(ExploreCatalog.Entry, indented: Bool)
    }

    enum QueryItem: Equatable, Sendable {
        case field(Int), filter(Int), sort(Int), pivot(Int), limit, totals
    }

    enum Modal: Sendable {
        case filter(FilterEditor, index: Int?)
        case limit(TextInput)
        case sql(SQLViewer)
        /// The name to save the query as a look under; `leaving` pops the screen once saved.
        case saveLook(TextInput, leaving: Bool)
        /// The path to export the result to (its extension picks CSV, JSON or Markdown).
        case export(TextInput)
        /// "Discard the query you have not run or saved?"
        case confirmLeave
    }

    let tag: Int
    let catalog: ExploreCatalog?
    private(set) var draft: QueryDraft
    private(set) var focus: Pane = .fields
    private(set) var run: RunState = .idle
    var results: ResultsView?
    private(set) var lastRun: QueryDraft?
    /// The next answer comes from a sort in the grid: keep the cursor where it is.
    private var sortedInPlace = false
    private(set) var modal: Modal?
    /// A one-line note for the user ("pick at least one field").
    private(set) var message: String?
    private var runImmediately: Bool
    private var sequence = 0
    /// The query as it was opened or last saved as a look, so leaving it unchanged asks nothing.
    private(set) var keptDraft: QueryDraft
    /// The look this query was opened from or saved as.
    private(set) var lookName: String?
    /// The query before the last clear (`X`), for undo (`u`).
    private(set) var beforeClear: QueryDraft?

    // Field picker state.
    private(set) var collapsedViews: Set<String> = []
    private(set) var expandedGroups: Set<String> = []
    private(set) var pickerCursor = ListCursor()
    private(set) var pickerSearch: TextInput?
    private(set) var searchingFields = false
    private(set) var queryCursor = ListCursor()

    init(tag: Int, project: Project, draft: QueryDraft, runImmediately: Bool, lookName: String? = nil) {
        self.tag = tag
        catalog = ExploreCatalog(project: project, explore: draft.explore)
        self.draft = draft
        if let catalog { self.draft.explore = catalog.reference }
        keptDraft = self.draft
        self.lookName = lookName
        self.runImmediately = runImmediately
        // Joined views start collapsed when there are many, so the base view's fields show first.
        if let catalog, catalog.groups.count > 3 { collapsedViews = Set(catalog.groups.dropFirst().map(\.alias)) }
        pickerCursor.index = catalog?.groups.isEmpty == false ? 1 : 0
        // Dimension groups already in the query start expanded.
        for name in draft.fields + draft.filters.map(\.field) {
            if let entry = catalog?.entry(named: name), let group = entry.field.group {
                expandedGroups.insert(groupKey(name: name, group: group))
                collapsedViews.remove(String(name.split(separator: ".")[0]))
            }
        }
    }

    var title: String { catalog.map { "Explore › \($0.explore.displayLabel)" } ?? "Explore › \(draft.explore)" }

    var isEditingText: Bool {
        if searchingFields { return true }
        switch modal {
        case .filter?, .limit?, .saveLook?, .export?: return true
        default: return false
        }
    }

    /// Work that leaving would lose: a query with fields that was neither run nor saved as it is.
    var hasUnsavedChanges: Bool {
        !draft.fields.isEmpty && draft != lastRun && draft != keptDraft
    }

    var capturesQuit: Bool { modal != nil || searchingFields || hasUnsavedChanges }

    var hint: String {
        if case .running = run { return "Esc cancel · running…" }
        switch modal {
        case .filter?: return "type a filter · Tab complete · Enter apply · Esc cancel"
        case .limit?: return "row limit · Enter apply · Esc cancel"
        case .sql?: return "↑↓ scroll · y copy the SQL · Esc close"
        case .saveLook?: return "type a name · Enter save · Esc cancel"
        case .export?: return "type a path ending .csv, .json or .md · Enter write · Esc cancel"
        case .confirmLeave?: return "y discard · w save as look · n stay"
        case nil: break
        }
        switch focus {
        case .fields: return "Enter pick · f filter · s sort · p pivot · r run · v SQL · Tab panes · ? help"
        case .query: return "Enter edit · d remove · J/K reorder · r run · Tab panes · ? help"
        case .results:
            if results?.mode == .chart { return "c table · ^S export · r run · w save · Tab panes · q back" }
            return "hjkl move · Enter drill · s/S sort · y/Y copy · ^S export · c chart · w save · q back"
        }
    }

    var help: [HelpEntry] {
        [HelpEntry("Tab / Shift-Tab", "switch pane: fields, query, results"),
         HelpEntry("↑↓←→ / hjkl", "move; PgUp PgDn g G page, first, last"),
         HelpEntry("Enter / Space", "fields: pick or unpick; views and dimension groups: expand"),
         HelpEntry("/", "search fields (fuzzy); Esc clears"),
         HelpEntry("f", "add or edit a filter on the field (validated as you type)"),
         HelpEntry("s / S", "sort by this field only / add it as a further key: desc, asc, off"),
         HelpEntry("p", "pivot on the dimension (toggle)"),
         HelpEntry("t / T", "totals / row totals (toggle)"),
         HelpEntry("L", "row limit"),
         HelpEntry("d / Delete", "query pane: remove the item; J/K reorder fields"),
         HelpEntry("r", "run the query (Esc cancels it on the server)"),
         HelpEntry("v", "view the generated SQL (y there copies it)"),
         HelpEntry("c", "results: table or chart"),
         HelpEntry("Enter", "results: drill into the rows behind a measure"),
         HelpEntry("X / u", "clear the query / undo the clear"),
         HelpEntry("w", "save as a named look (start screen; spyglass explore --look NAME)"),
         HelpEntry("y / Y, C", "copy the cell / the row (results), the query as a command line"),
         HelpEntry("Ctrl-S", "export the result to a file: .csv, .json or .md"),
         HelpEntry("q / Esc", "back")]
    }

    private mutating func nextRequest() -> RequestID {
        sequence += 1
        return RequestID(screen: tag, sequence: sequence)
    }

    private func groupKey(name: String, group: String) -> String {
        "\(name.split(separator: ".")[0]).\(group)"
    }

    // MARK: Picker rows

    /// The rows of the field picker as shown: search results when searching, else the tree.
    var pickerRows: [PickerRow] {
        guard let catalog else { return [] }
        var rows: [PickerRow] = []
        let query = pickerSearch?.text ?? ""
        if !query.isEmpty {
            // Search results: every matching field, best first (label matches beat name matches,
            // which beat description matches).
            var scored: [(ExploreCatalog.Entry, Int, Int)] = []
            for group in catalog.groups {
                for entry in group.entries {
                    let best = max((FuzzyMatch.score(query, in: entry.label) ?? -1) * 3, (FuzzyMatch.score(query, in: entry.name) ?? -1) * 2,
                                   FuzzyMatch.score(query, in: entry.field.description ?? "") ?? -1)
                    if best >= 0 { scored.append((entry, best, scored.count)) }
                }
            }
            scored.sort { $0.1 != $1.1 ? $0.1 > $1.1 : $0.2 < $1.2 }
            return scored.map { .field($0.0, indented: false) }
        }
        for group in catalog.groups {
            let collapsed = collapsedViews.contains(group.alias)
            rows.append(.view(alias: group.alias, label: group.label, collapsed: collapsed))
            if collapsed { continue }
            for kind in [Field.Kind.dimension, .filter, .parameter, .measure] {
                var seenGroups = Set<String>()
                for entry in group.entries where entry.field.kind == kind {
                    if let g = entry.field.group {
                        let key = "\(group.alias).\(g)"
                        if seenGroups.insert(key).inserted {
                            let label = Names.titleCase(g)
                            rows.append(.group(key: key, label: entry.field.groupLabel ?? label, expanded: expandedGroups.contains(key)))
                        }
                        if expandedGroups.contains(key) { rows.append(.field(entry, indented: true)) }
                    } else {
                        rows.append(.field(entry, indented: false))
                    }
                }
            }
        }
        return rows
    }

    /// The field under the picker cursor, if the cursor is on a field.
    var pickerEntry: ExploreCatalog.Entry? {
        let rows = pickerRows
        guard rows.indices.contains(pickerCursor.index), case .field(let entry, _) = rows[pickerCursor.index] else { return nil }
        return entry
    }

    var queryItems: [QueryItem] {
        draft.fields.indices.map(QueryItem.field) + draft.filters.indices.map(QueryItem.filter)
            + draft.sorts.indices.map(QueryItem.sort) + draft.pivots.indices.map(QueryItem.pivot) + [.limit, .totals]
    }

    /// The field name under the cursor of the focused pane (picker or query).
    private var focusedFieldName: String? {
        switch focus {
        case .fields: return pickerEntry?.name
        case .query:
            let items = queryItems
            guard items.indices.contains(queryCursor.index) else { return nil }
            switch items[queryCursor.index] {
            case .field(let i): return draft.fields[i]
            case .filter(let i): return draft.filters[i].field
            case .sort(let i): return draft.sorts[i].field
            case .pivot(let i): return draft.pivots[i]
            default: return nil
            }
        case .results: return results?.currentColumn?.name
        }
    }

    // MARK: Keys

    mutating func start(context: UIContext) -> [Action] {
        guard runImmediately, !draft.fields.isEmpty else { return [] }
        runImmediately = false
        return runQuery(context: context)
    }

    mutating func handle(_ key: Key, context: UIContext) -> [Action] {
        if let modal { return handleModal(modal, key: key, context: context) }
        if searchingFields { return handleSearch(key) }
        if case .running(let id, _) = run, key == .escape {
            self.run = .failed("Query cancelled.")
            return [.cancel(id)]
        }
        message = nil
        switch key {
        case .tab:
            focus = focus == .fields ? .query : focus == .query ? (results != nil || run != .idle ? .results : .fields) : .fields
            return []
        case .backTab:
            focus = focus == .fields ? (results != nil || run != .idle ? .results : .query) : focus == .query ? .fields : .query
            return []
        case .char("r"): return runQuery(context: context)
        case .char("v"):
            let id = nextRequest()
            modal = .sql(SQLViewer(request: id))
            return [.compileSQL(id, draft)]
        case .char("t"): draft.totals.toggle(); return []
        case .char("T"): draft.rowTotals.toggle(); return []
        case .char("L"):
            modal = .limit(TextInput(draft.limit.map(String.init) ?? ""))
            return []
        case .char("X"):
            guard draft != QueryDraft(explore: draft.explore) else { return [] }
            beforeClear = draft
            draft = QueryDraft(explore: draft.explore)
            queryCursor = ListCursor()
            message = "Query cleared · u undoes"
            return []
        case .char("u"):
            guard let previous = beforeClear else {
                message = "Nothing to undo."
                return []
            }
            draft = previous
            beforeClear = nil
            message = "Query restored."
            return []
        case .char("q") where hasUnsavedChanges:
            modal = .confirmLeave
            return []
        case .char("w"):
            guard !draft.fields.isEmpty else {
                message = "Pick at least one field before saving a look."
                return []
            }
            modal = .saveLook(TextInput(lookName ?? ""), leaving: false)
            return []
        case .ctrl("s"):
            guard let query = lastRun, results != nil else {
                message = "Run the query (r) before exporting its result."
                return []
            }
            let name = (query.explore.split(separator: "/").last.map(String.init) ?? "result") + ".csv"
            modal = .export(TextInput(name))
            return []
        case .char("C"):
            guard !draft.fields.isEmpty else {
                message = "Pick at least one field first."
                return []
            }
            let line = context.commandLine(draft)
            message = "Copied: " + line
            return [.yank(line, what: "the command line")]
        case .escape where focus == .results:
            focus = .fields
            return []
        case .escape where pickerSearch != nil && focus == .fields:
            pickerSearch = nil
            pickerCursor = ListCursor()
            return []
        default: break
        }
        switch focus {
        case .fields: return handlePicker(key, context: context)
        case .query: return handleQueryPane(key, context: context)
        case .results: return handleResults(key, context: context)
        }
    }

    private mutating func handleSearch(_ key: Key) -> [Action] {
        switch key {
        case .escape:
            searchingFields = false
            pickerSearch = nil
            pickerCursor = ListCursor()
        case .enter:
            searchingFields = false
            // Land on the first matching field.
            if let first = pickerRows.firstIndex(where: { if case .field = $0 { true } else { false } }) { pickerCursor.index = first }
        case .up, .down:
            _ = pickerCursor.handleMovement(key, count: pickerRows.count, page: 10)
        default:
            if var input = pickerSearch, input.handle(key) {
                pickerSearch = input
                pickerCursor = ListCursor()
                if let first = pickerRows.firstIndex(where: { if case .field = $0 { true } else { false } }) { pickerCursor.index = first }
            }
        }
        return []
    }

    private mutating func handlePicker(_ key: Key, context: UIContext) -> [Action] {
        let rows = pickerRows
        if pickerCursor.handleMovement(key, count: rows.count, page: 10) { return [] }
        let row = rows.indices.contains(pickerCursor.index) ? rows[pickerCursor.index] : nil
        switch key {
        case .char("/"):
            searchingFields = true
            if pickerSearch == nil { pickerSearch = TextInput() }
        case .enter, .char(" "):
            switch row {
            case .view(let alias, _, let collapsed)?:
                if collapsed { collapsedViews.remove(alias) } else { collapsedViews.insert(alias) }
            case .group(let key, _, let expanded)?:
                if expanded { expandedGroups.remove(key) } else { expandedGroups.insert(key) }
            case .field(let entry, _)?:
                if entry.field.kind == .filter || entry.field.kind == .parameter {
                    openFilter(on: entry.name, context: context)
                } else {
                    toggleField(entry.name)
                }
            case nil: break
            }
        case .right, .char("l"):
            if case .view(let alias, _, true)? = row { collapsedViews.remove(alias) }
            if case .group(let key, _, false)? = row { expandedGroups.insert(key) }
        case .left, .char("h"):
            if case .view(let alias, _, false)? = row { collapsedViews.insert(alias) }
            if case .group(let key, _, true)? = row { expandedGroups.remove(key) }
            if case .field(let entry, true)? = row, let g = entry.field.group {
                expandedGroups.remove(groupKey(name: entry.name, group: g))
                pickerCursor.index = pickerRows.firstIndex { if case .group(let k, _, _) = $0 { k == groupKey(name: entry.name, group: g) } else { false } } ?? 0
            }
        case .char("f"):
            if let name = pickerEntry?.name { openFilter(on: name, context: context) }
        case .char("s"):
            if let entry = pickerEntry, entry.field.kind == .dimension || entry.field.kind == .measure { setSort(entry.name) }
        case .char("S"):
            if let entry = pickerEntry, entry.field.kind == .dimension || entry.field.kind == .measure { addSort(entry.name) }
        case .char("p"):
            if let entry = pickerEntry { togglePivot(entry) }
        default: break
        }
        return []
    }

    private mutating func handleQueryPane(_ key: Key, context: UIContext) -> [Action] {
        let items = queryItems
        if key != .char("J"), key != .char("K"), queryCursor.handleMovement(key, count: items.count, page: 10) { return [] }
        guard items.indices.contains(queryCursor.index) else { return [] }
        let item = items[queryCursor.index]
        switch key {
        case .char("d"), .char("x"), .delete, .backspace:
            switch item {
            case .field(let i): toggleField(draft.fields[i])
            case .filter(let i): draft.filters.remove(at: i)
            case .sort(let i): draft.sorts.remove(at: i)
            case .pivot(let i): draft.pivots.remove(at: i)
            case .limit: draft.limit = nil
            case .totals: draft.totals = false; draft.rowTotals = false
            }
            queryCursor.clamp(count: queryItems.count)
        case .enter, .char(" "):
            switch item {
            case .field(let i): setSort(draft.fields[i])
            case .filter(let i): openFilter(on: draft.filters[i].field, context: context)
            case .sort(let i): draft.sorts[i].descending.toggle()
            case .pivot: break
            case .limit: modal = .limit(TextInput(draft.limit.map(String.init) ?? ""))
            case .totals: draft.totals.toggle()
            }
        case .char("f"):
            if let name = focusedFieldName { openFilter(on: name, context: context) }
        case .char("s"):
            if case .field(let i) = item { setSort(draft.fields[i]) }
        case .char("S"):
            if case .field(let i) = item { addSort(draft.fields[i]) }
        case .char("p"):
            if case .field(let i) = item, let entry = catalog?.entry(named: draft.fields[i]) { togglePivot(entry) }
        case .char("J"):
            if case .field(let i) = item, i + 1 < draft.fields.count {
                draft.fields.swapAt(i, i + 1)
                queryCursor.index += 1
            }
        case .char("K"):
            if case .field(let i) = item, i > 0 {
                draft.fields.swapAt(i, i - 1)
                queryCursor.index -= 1
            }
        default: break
        }
        return []
    }

    private mutating func handleResults(_ key: Key, context: UIContext) -> [Action] {
        guard var view = results else { return [] }
        if key == .enter || key == .char(" ") {
            if let drill = view.drillQuery(explore: draft.explore, catalog: catalog, baseFilters: lastRun?.filters ?? draft.filters, pivots: lastRun?.pivots ?? []) {
                return [.openExplore(drill, runImmediately: true)]
            }
            message = view.currentColumn?.isMeasure == true ? "This measure has no drill fields." : "Enter on a measure value drills into its rows."
            return []
        }
        if key == .char("y") || key == .char("Y") {
            guard let (text, what) = view.yankText(row: key == .char("Y"), format: context.format) else { return [] }
            message = "Copied \(what)."
            return [.yank(text, what: what)]
        }
        if key == .char("s") || key == .char("S"), let column = view.currentColumn {
            // Sorting from the grid re-runs at once, like clicking a column header in Looker, and
            // the cursor stays on the column.
            if key == .char("s") { setSort(column.name) } else { addSort(column.name) }
            sortedInPlace = true
            return runQuery(context: context)
        }
        _ = view.handle(key)
        results = view
        return []
    }

    private mutating func handleModal(_ current: Modal, key: Key, context: UIContext) -> [Action] {
        switch current {
        case .sql(var viewer):
            if key == .char("y") {
                // The bare SQL, as `spyglass sql` prints it (ready for psql): no box border, no padding.
                guard let lines = viewer.lines else { return [] }
                var sql = lines.joined(separator: "\n").trimmingCharacters(in: .whitespacesAndNewlines)
                if !sql.hasSuffix(";") { sql += ";" }
                message = "Copied the SQL."
                modal = nil
                return [.yank(sql, what: "the SQL")]
            }
            if viewer.handle(key) { modal = .sql(viewer) } else { modal = nil }
            return []
        case .confirmLeave:
            switch key {
            case .char("y"), .char("d"):
                modal = nil
                return [.pop]
            case .char("w"):
                modal = .saveLook(TextInput(lookName ?? ""), leaving: true)
            default:
                modal = nil
            }
            return []
        case .saveLook(var input, let leaving):
            switch key {
            case .escape: modal = nil
            case .enter:
                let name = input.text.trimmingCharacters(in: .whitespaces)
                guard !name.isEmpty else {
                    message = "A look needs a name."
                    return []
                }
                modal = nil
                lookName = name
                keptDraft = draft
                message = "Saved look '\(name)'."
                return leaving ? [.saveLook(name: name, draft), .pop] : [.saveLook(name: name, draft)]
            default:
                _ = input.handle(key)
                modal = .saveLook(input, leaving: leaving)
            }
            return []
        case .export(var input):
            switch key {
            case .escape: modal = nil
            case .enter:
                let path = input.text.trimmingCharacters(in: .whitespaces)
                let lower = path.lowercased()
                guard [".csv", ".json", ".md", ".markdown"].contains(where: { lower.hasSuffix($0) }) else {
                    message = "End the path with .csv, .json or .md to choose the format."
                    return []
                }
                modal = nil
                guard let query = lastRun else { return [] }
                let id = nextRequest()
                message = "Exporting to \(path)…"
                return [.export(id, query, path: path)]
            default:
                _ = input.handle(key)
                modal = .export(input)
            }
            return []
        case .limit(var input):
            switch key {
            case .escape: modal = nil
            case .enter:
                let text = input.text.trimmingCharacters(in: .whitespaces)
                if text.isEmpty { draft.limit = nil; modal = nil }
                else if let n = Int(text), n > 0 { draft.limit = n; modal = nil }
                else { message = "The row limit must be a positive whole number." }
            case .char(let c) where !c.isNumber: break
            default:
                _ = input.handle(key)
                modal = .limit(input)
            }
            return []
        case .filter(var editor, let index):
            let (outcome, changed) = editor.handle(key, context: context)
            switch outcome {
            case .cancel:
                modal = nil
                return []
            case .commit(let expression):
                modal = nil
                if let index, draft.filters.indices.contains(index) {
                    if expression.isEmpty { draft.filters.remove(at: index) } else { draft.filters[index].expression = expression }
                } else if !expression.isEmpty {
                    draft.filters.append(FilterCondition(field: editor.fieldName, expression: expression))
                }
                return []
            case .none:
                var actions: [Action] = []
                if changed, editor.suggestsValues, editor.field.kind == .dimension {
                    let id = nextRequest()
                    editor.pendingRequest = id
                    actions.append(.suggest(id, field: editor.fieldName, explore: draft.explore, prefix: editor.currentSegment))
                }
                modal = .filter(editor, index: index)
                return actions
            }
        }
    }

    // MARK: Query edits

    mutating func toggleField(_ name: String) {
        if let i = draft.fields.firstIndex(of: name) {
            draft.fields.remove(at: i)
            draft.sorts.removeAll { $0.field == name }
            draft.pivots.removeAll { $0 == name }
        } else {
            draft.fields.append(name)
        }
    }

    /// `s`, as a spreadsheet's sort button: the field becomes the only sort key, descending; pressed
    /// again ascending; a third press clears the sort.
    mutating func setSort(_ name: String) {
        if draft.sorts == [.init(field: name, descending: true)] {
            draft.sorts = [.init(field: name, descending: false)]
        } else if draft.sorts == [.init(field: name, descending: false)] {
            draft.sorts = []
        } else {
            draft.sorts = [.init(field: name, descending: true)]
        }
        if !draft.sorts.isEmpty, !draft.fields.contains(name) { draft.fields.append(name) }
    }

    /// `S`: adds the field as the next sort key (descending), then ascending, then removes it,
    /// leaving the other keys as they are.
    mutating func addSort(_ name: String) {
        if let i = draft.sorts.firstIndex(where: { $0.field == name }) {
            if draft.sorts[i].descending { draft.sorts[i].descending = false } else { draft.sorts.remove(at: i) }
        } else {
            draft.sorts.append(.init(field: name, descending: true))
            if !draft.fields.contains(name) { draft.fields.append(name) }
        }
    }

    private mutating func togglePivot(_ entry: ExploreCatalog.Entry) {
        guard entry.field.kind == .dimension else {
            message = "Only dimensions can be pivoted."
            return
        }
        if let i = draft.pivots.firstIndex(of: entry.name) {
            draft.pivots.remove(at: i)
        } else {
            draft.pivots.append(entry.name)
            if !draft.fields.contains(entry.name) { draft.fields.append(entry.name) }
        }
    }

    private mutating func openFilter(on name: String, context: UIContext) {
        guard let field = catalog?.anyField(named: name) else { return }
        let index = draft.filters.firstIndex { $0.field == name }
        let editor = FilterEditor(fieldName: name, fieldLabel: catalog?.label(of: name) ?? name, field: field,
                                  expression: index.map { draft.filters[$0].expression } ?? "", context: context)
        modal = .filter(editor, index: index)
    }

    private mutating func runQuery(context: UIContext) -> [Action] {
        guard catalog != nil else { return [] }
        guard !draft.fields.isEmpty else {
            message = "Pick at least one dimension or measure first."
            return []
        }
        var actions: [Action] = []
        if case .running(let old, _) = run { actions.append(.cancel(old)) }
        let id = nextRequest()
        run = .running(id, started: context.clock())
        lastRun = draft
        actions.append(.run(id, draft))
        actions.append(.remember(draft))
        return actions
    }

    // MARK: Answers

    mutating func receive(_ event: Event, context: UIContext) -> [Action] {
        switch event {
        case .queryFinished(let id, let result, _):
            guard case .running(let current, _) = run, current == id else { return [] }
            switch result {
            case .success(let grid):
                var view = ResultsView(grid: grid, format: context.format, sortMarks: ResultsView.sortMarks(lastRun?.sorts ?? []))
                if let old = results {
                    if old.mode == .chart { view.mode = .chart }
                    if sortedInPlace { view.keepPosition(from: old) }
                }
                sortedInPlace = false
                results = view
                run = .idle
                focus = .results
            case .failure(let error):
                run = .failed(error.message)
            }
        case .sqlCompiled(let id, let result):
            guard case .sql(var viewer)? = modal, viewer.request == id else { return [] }
            switch result {
            case .success(let sql): viewer.lines = sql.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
            case .failure(let error): viewer.error = error.message
            }
            modal = .sql(viewer)
        case .suggestions(let id, let values):
            guard case .filter(var editor, let index)? = modal, editor.pendingRequest == id else { return [] }
            editor.receiveSuggestions(values)
            modal = .filter(editor, index: index)
        case .exported(_, let result):
            switch result {
            case .success(let text): message = text
            case .failure(let error): message = error.message
            }
        case .dashboardLoaded, .tileQueryResolved: break
        }
        return []
    }
}
