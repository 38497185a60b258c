/// A rectangle of the terminal.
public struct Rect: Equatable, Sendable {
    public var x: Int, y: Int, width: Int, height: Int
    public init(x: Int, y: Int, width: Int, height: Int) {
        self.x = x
        self.y = y
        self.width = max(0, width)
        self.height = max(0, height)
    }
}

/// One key's line in the help overlay.
struct HelpEntry: Sendable {
    var keys: String
    var meaning: String
    init(_ keys: String, _ meaning: String) {
        self.keys = keys
        self.meaning = meaning
    }
}

/// A screen as a state machine: keys and answers in, actions out, a frame drawn from state.
/// Implementations do no I/O, so they are unit-tested by feeding keys.
protocol ScreenState: Sendable {
    /// Unique per screen on the stack; the first part of its request IDs.
    var tag: Int { get }
    var title: String { get }
    /// True while an input line has focus: `q`, `?` and `/` are then typed, not commands.
    var isEditingText: Bool { get }
    /// True while an overlay is open that `q` should close instead of leaving the screen.
    var capturesQuit: Bool { get }
    /// A one-line hint of the main keys, shown in the status bar.
    var hint: String { get }
    var help: [HelpEntry] { get }
    mutating func handle(_ key: Key, context: UIContext) -> [Action]
    mutating func receive(_ event: Event, context: UIContext) -> [Action]
    /// Actions to perform when the screen is first shown (run a query, load a dashboard).
    mutating func start(context: UIContext) -> [Action]
    mutating func render(into frame: inout Frame, area: Rect, context: UIContext)
}

extension ScreenState {
    var capturesQuit: Bool { false }
    mutating func start(context: UIContext) -> [Action] { [] }
}

/// A cursor over a list with a scroll offset that keeps the cursor visible.
struct ListCursor: Equatable, Sendable {
    var index = 0
    var offset = 0

    /// Moves by `delta` within `count` items (clamped).
    mutating func move(_ delta: Int, count: Int) {
        guard count > 0 else { index = 0; return }
        index = min(max(0, index + delta), count - 1)
    }

    mutating func clamp(count: Int) {
        index = count == 0 ? 0 : min(max(0, index), count - 1)
    }

    /// The first visible item for a viewport of `height` rows.
    mutating func scroll(height: Int) {
        guard height > 0 else { return }
        if index < offset { offset = index }
        if index >= offset + height { offset = index - height + 1 }
        offset = max(0, offset)
    }

    /// Handles the usual movement keys; returns false for other keys.
    mutating func handleMovement(_ key: Key, count: Int, page: Int) -> Bool {
        switch key {
        case .up, .char("k"): move(-1, count: count)
        case .down, .char("j"): move(1, count: count)
        case .pageUp, .ctrl("b"): move(-max(1, page), count: count)
        case .pageDown, .ctrl("f"): move(max(1, page), count: count)
        case .home, .char("g"): index = 0
        case .end, .char("G"): index = max(0, count - 1)
        default: return false
        }
        return true
    }
}
