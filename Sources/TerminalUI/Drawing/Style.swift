/// What a cell means, not how it looks: the curses adapter maps each role to colours (256 or 8) or,
/// under NO_COLOR or a monochrome terminal, to bold/reverse/underline/dim so meaning survives.
public enum Style: UInt8, Hashable, Sendable, CaseIterable {
    case normal
    case title
    case header
    /// The cursor row in the focused pane.
    case selection
    /// The cursor row in a pane without focus.
    case selectionInactive
    case dim
    case dimension
    case measure
    case null
    case error
    case spike
    case dip
    case border
    case status
    case key
    case totals
    case input
    case chosen
    /// A comparison that is good news (up, or down under `comparison_reverse_colors`).
    case good
    /// A comparison that is bad news.
    case bad
}
