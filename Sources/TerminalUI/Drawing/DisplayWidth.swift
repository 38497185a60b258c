import Presentation

/// How many terminal columns text occupies, for laying out cells. One measure for the whole
/// program: the UI uses Presentation's `TextWidth`, so a grid on screen and a text report align the
/// same characters the same way (wide East Asian and emoji take two columns, combining marks none,
/// measured per grapheme cluster).
enum DisplayWidth {
    /// Columns of one grapheme cluster (0, 1 or 2).
    @inline(__always)
    static func of(_ character: Character) -> Int { TextWidth.of(character) }

    /// Columns of a string.
    @inline(__always)
    static func of(_ text: String) -> Int { TextWidth.of(text) }

    /// The longest prefix of `text` that fits in `width` columns, ending in `…` when cut.
    static func truncate(_ text: String, to width: Int) -> String { TextWidth.truncate(text, to: width) }
}
