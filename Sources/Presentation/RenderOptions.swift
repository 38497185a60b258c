/// How text output is drawn.
public struct RenderOptions: Sendable {
    /// Caps a text table's width in columns (e.g. 100 for reports); wide cells are cut with "…".
    public var maxWidth: Int?
    /// ASCII only: `|`, `-`, `+` for rules, `#` for bars, and no "…" or "∅".
    public var ascii: Bool
    /// ANSI styling for terminals (bold headers, dim NULLs).
    public var color: Bool

    public init(maxWidth: Int? = nil, ascii: Bool = false, color: Bool = false) {
        self.maxWidth = maxWidth
        self.ascii = ascii
        self.color = color
    }
}
