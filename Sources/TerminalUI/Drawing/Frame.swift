/// A screen's worth of cells computed from state: the only thing the curses adapter draws. Keeping
/// drawing pure makes it testable (`frame.lines`) and lets the adapter skip unchanged rows.
public struct Frame: Sendable, Equatable {
    /// One terminal cell. A wide character occupies its cell and the next, whose `text` is empty.
    public struct Cell: Sendable, Equatable {
        public var text: String
        public var style: Style
    }

    public let width: Int
    public let height: Int
    public private(set) var cells: [Cell]
    /// Where the terminal cursor should be shown (an input line), if anywhere.
    public var cursor: (x: Int, y: Int)? {
        get { cursorX.map { ($0, cursorY) } }
        set { cursorX = newValue?.x; cursorY = newValue?.y ?? 0 }
    }
    private var cursorX: Int?
    private var cursorY = 0

    public init(width: Int, height: Int) {
        self.width = max(0, width)
        self.height = max(0, height)
        cells = Array(repeating: Cell(text: " ", style: .normal), count: self.width * self.height)
    }

    public static func == (a: Frame, b: Frame) -> Bool {
        a.width == b.width && a.height == b.height && a.cells == b.cells && a.cursorX == b.cursorX && a.cursorY == b.cursorY
    }

    public subscript(x: Int, y: Int) -> Cell { cells[y * width + x] }

    /// Writes `text` at (x, y), clipped to `maxWidth` columns (and the frame); a cut string ends in
    /// `…`. Returns the columns written.
    @discardableResult
    public mutating func put(_ text: String, x: Int, y: Int, style: Style = .normal, maxWidth: Int? = nil) -> Int {
        guard y >= 0, y < height, x < width else { return 0 }
        let limit = min(maxWidth ?? (width - x), width - x)
        guard limit > 0 else { return 0 }
        let fitted = DisplayWidth.of(text) > limit ? DisplayWidth.truncate(text, to: limit) : text
        var column = x
        let base = y * width
        for character in fitted {
            let w = DisplayWidth.of(character)
            if w == 0 {
                // A lone zero-width scalar joins the previous cell rather than taking one.
                if column > x { cells[base + column - 1].text.append(character) }
                continue
            }
            if column + w > x + limit { break }
            if column >= 0 {
                cells[base + column] = Cell(text: String(character), style: style)
                if w == 2 { cells[base + column + 1] = Cell(text: "", style: style) }
            }
            column += w
        }
        return column - x
    }

    /// Writes `text` padded (left- or right-aligned) to exactly `width` columns.
    public mutating func putPadded(_ text: String, x: Int, y: Int, width: Int, style: Style, alignRight: Bool = false) {
        guard width > 0 else { return }
        fill(x: x, y: y, width: width, height: 1, style: style)
        let w = min(DisplayWidth.of(text), width)
        put(text, x: alignRight ? x + width - w : x, y: y, style: style, maxWidth: width)
    }

    /// Copies one cell from another frame (clipped).
    public mutating func copyCell(_ cell: Cell, x: Int, y: Int) {
        guard x >= 0, x < width, y >= 0, y < height else { return }
        cells[y * width + x] = cell
    }

    /// Fills a rectangle with blanks of a style.
    public mutating func fill(x: Int, y: Int, width w: Int, height h: Int, style: Style) {
        let x0 = max(0, x), x1 = min(width, x + w)
        let y0 = max(0, y), y1 = min(height, y + h)
        guard x0 < x1, y0 < y1 else { return }
        for row in y0..<y1 {
            for col in x0..<x1 { cells[row * width + col] = Cell(text: " ", style: style) }
        }
    }

    /// Re-styles cells without changing their text (e.g. highlighting a selected row).
    public mutating func restyle(x: Int, y: Int, width w: Int, style: Style) {
        guard y >= 0, y < height else { return }
        for col in max(0, x)..<min(width, x + w) { cells[y * width + col].style = style }
    }

    /// A box border around a rectangle, with an optional title in the top edge.
    public mutating func box(x: Int, y: Int, width w: Int, height h: Int, title: String? = nil, style: Style = .border) {
        guard w >= 2, h >= 2 else { return }
        for col in x + 1..<x + w - 1 {
            put("─", x: col, y: y, style: style)
            put("─", x: col, y: y + h - 1, style: style)
        }
        for row in y + 1..<y + h - 1 {
            put("│", x: x, y: row, style: style)
            put("│", x: x + w - 1, y: row, style: style)
        }
        put("┌", x: x, y: y, style: style)
        put("┐", x: x + w - 1, y: y, style: style)
        put("└", x: x, y: y + h - 1, style: style)
        put("┘", x: x + w - 1, y: y + h - 1, style: style)
        if let title, w > 4 { put(" \(title) ", x: x + 1, y: y, style: .title, maxWidth: w - 2) }
    }

    /// The text of one row, continuation cells skipped (what a terminal would show).
    public func line(_ y: Int) -> String {
        var s = ""
        for col in 0..<width { s += cells[y * width + col].text }
        return s
    }

    /// Every row's text, for tests and for logging a screen.
    public var lines: [String] { (0..<height).map(line) }

    /// Whether any row contains `text`.
    public func contains(_ text: String) -> Bool { lines.contains { $0.contains(text) } }
}

extension Frame: CustomStringConvertible {
    /// The rows as text, so test failures show the screen rather than a cell dump.
    public var description: String { "\n" + lines.joined(separator: "\n") }
}
