import SemanticModel

/// The whole UI as one state machine: a stack of screens, the help overlay, and the chrome (title
/// bar, status line). Keys and answers go in; effects for the app to perform come out.
struct AppState: Sendable {
    private(set) var stack: [any ScreenState] = []
    private(set) var showingHelp = false
    /// First help line shown, when the help is taller than the terminal.
    private(set) var helpScroll = 0
    private(set) var finished = false
    private var nextTag = 1
    let context: UIContext
    /// Shown right-aligned in the title bar (the database, without a password).
    var location: String
    /// The project's saved looks and history, kept current as the user runs and saves.
    private(set) var saved: SavedWork

    init(context: UIContext, start: Start, location: String = "", saved: SavedWork = SavedWork()) {
        self.context = context
        self.location = location
        self.saved = saved
        switch start {
        case .explores: push(ExploreListScreen(tag: takeTag(), project: context.project, saved: saved))
        case .look(let look): push(ExploreScreen(tag: takeTag(), project: context.project, draft: look.draft, runImmediately: true, lookName: look.name))
        case .explore(let draft, let run): push(ExploreScreen(tag: takeTag(), project: context.project, draft: draft, runImmediately: run))
        case .dashboard(let name): push(DashboardScreen(tag: takeTag(), name: name))
        }
    }

    /// Where the UI opens (TerminalApp's `StartScreen`, in the UI's own terms).
    enum Start: Sendable {
        case explores
        case explore(QueryDraft, runImmediately: Bool)
        case dashboard(String)
        case look(SavedWork.Look)
    }

    private mutating func takeTag() -> Int {
        defer { nextTag += 1 }
        return nextTag
    }

    /// Effects collected while pushing screens (their `start` actions), drained by `takeStartEffects`.
    private var pendingEffects: [Action] = []

    private mutating func push(_ screen: any ScreenState) {
        var screen = screen
        let actions = screen.start(context: context)
        stack.append(screen)
        pendingEffects += process(actions)
    }

    /// Effects the initial screen asked for (e.g. running the query of an explore link).
    mutating func takeStartEffects() -> [Action] {
        defer { pendingEffects = [] }
        return pendingEffects
    }

    var top: (any ScreenState)? { stack.last }

    /// Handles a key; returns the effects to perform.
    mutating func handle(_ key: Key) -> [Action] {
        if showingHelp {
            // Arrows scroll a help that does not fit; any other key closes it.
            switch key {
            case .down, .char("j"), .pageDown: helpScroll += key == .pageDown ? 10 : 1
            case .up, .char("k"), .pageUp: helpScroll = max(0, helpScroll - (key == .pageUp ? 10 : 1))
            default: showingHelp = false
            }
            return []
        }
        guard var screen = stack.popLast() else { finished = true; return [.quit] }
        if key == .ctrl("c") {
            stack.append(screen)
            finished = true
            return [.quit]
        }
        if !screen.isEditingText {
            switch key {
            case .char("?"):
                stack.append(screen)
                showingHelp = true
                helpScroll = 0
                return []
            case .char("q") where screen.capturesQuit:
                break
            case .char("q"):
                // Leaving a screen cancels what it still has running.
                if stack.isEmpty { finished = true; return [.quit] }
                refreshStartScreen()
                return cancellations(of: screen)
            case .char("Q"):
                stack.append(screen)
                finished = true
                return [.quit]
            default: break
            }
        }
        let actions = screen.handle(key, context: context)
        stack.append(screen)
        return process(actions)
    }

    /// Delivers an answer to the screen that asked for it.
    mutating func receive(_ event: Event) -> [Action] {
        guard let index = stack.firstIndex(where: { $0.tag == event.request.screen }) else { return [] }
        let actions = stack[index].receive(event, context: context)
        return process(actions)
    }

    /// Applies navigation actions here; returns the rest as effects.
    private mutating func process(_ actions: [Action]) -> [Action] {
        var effects: [Action] = []
        for action in actions {
            switch action {
            case .pop:
                if let screen = stack.popLast() { effects += cancellations(of: screen) }
                if stack.isEmpty { finished = true; effects.append(.quit) }
                refreshStartScreen()
            case .remember(let draft):
                saved.remember(draft)
                effects.append(action)
            case .saveLook(let name, let draft):
                saved.save(name, draft)
                effects.append(action)
            case .openLook(let name, let draft):
                push(ExploreScreen(tag: takeTag(), project: context.project, draft: draft, runImmediately: true, lookName: name))
                effects += takeStartEffects()
            case .quit:
                finished = true
                effects.append(.quit)
            case .openExplore(let draft, let run):
                push(ExploreScreen(tag: takeTag(), project: context.project, draft: draft, runImmediately: run))
                effects += takeStartEffects()
            case .openDashboard(let name):
                push(DashboardScreen(tag: takeTag(), name: name))
                effects += takeStartEffects()
            default:
                effects.append(action)
            }
        }
        return effects
    }

    /// Back on the start screen: show the looks and history as they are now.
    private mutating func refreshStartScreen() {
        guard var list = stack.last as? ExploreListScreen else { return }
        list.update(saved: saved)
        stack[stack.count - 1] = list
    }

    private func cancellations(of screen: any ScreenState) -> [Action] {
        if let explore = screen as? ExploreScreen, case .running(let id, _) = explore.run { return [.cancel(id)] }
        if let dashboard = screen as? DashboardScreen {
            return dashboard.tiles.compactMap { if case .loading(let id, _) = $0.state { .cancel(id) } else { nil } }
        }
        return []
    }

    /// The whole screen: title bar, the top screen's body, the status line, the help overlay.
    mutating func render(width: Int, height: Int) -> Frame {
        var frame = Frame(width: width, height: height)
        guard width >= 20, height >= 6 else {
            frame.put("Spyglass needs at least 20×6.", x: 0, y: 0, style: .error)
            return frame
        }
        guard var screen = stack.popLast() else { return frame }
        frame.fill(x: 0, y: 0, width: width, height: 1, style: .status)
        let crumbs = (stack.map(\.title).suffix(1) + [screen.title]).joined(separator: " › ")
        let used = frame.put(" Spyglass · " + crumbs, x: 0, y: 0, style: .status, maxWidth: width - 1)
        if !location.isEmpty, used + 10 < width {
            let text = DisplayWidth.truncate(location, to: width - used - 3)
            frame.put(text, x: width - DisplayWidth.of(text) - 1, y: 0, style: .status)
        }
        screen.render(into: &frame, area: Rect(x: 0, y: 1, width: width, height: height - 2), context: context)
        frame.fill(x: 0, y: height - 1, width: width, height: 1, style: .status)
        frame.put(" " + screen.hint, x: 0, y: height - 1, style: .status, maxWidth: width)
        if showingHelp { renderHelp(screen.help, into: &frame) }
        stack.append(screen)
        return frame
    }

    private mutating func renderHelp(_ entries: [HelpEntry], into frame: inout Frame) {
        let global = [HelpEntry("?", "this help (↑↓ scroll, any other key closes)"), HelpEntry("q", "back; quits on the first screen"),
                      HelpEntry("Q / Ctrl-C", "quit"), HelpEntry("Tab", "next pane")]
        let all = entries + [HelpEntry("", "")] + global
        let keyWidth = min(18, all.map { DisplayWidth.of($0.keys) }.max() ?? 8)
        let width = min(frame.width - 2, 100)
        let height = min(frame.height - 2, all.count + 2)
        let x = (frame.width - width) / 2, y = 1
        frame.fill(x: x, y: y, width: width, height: height, style: .normal)
        let visible = max(1, height - 2)
        helpScroll = min(helpScroll, max(0, all.count - visible))
        frame.box(x: x, y: y, width: width, height: height, title: all.count > visible ? "Keys (↑↓ more)" : "Keys")
        for (i, entry) in all.dropFirst(helpScroll).prefix(visible).enumerated() {
            frame.put(entry.keys, x: x + 2, y: y + 1 + i, style: .key, maxWidth: keyWidth)
            frame.put(entry.meaning, x: x + 3 + keyWidth, y: y + 1 + i, style: .normal, maxWidth: width - keyWidth - 5)
        }
    }
}
