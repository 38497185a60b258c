/// Turns byte offsets inside a scalar's text into file locations, so a problem inside a long SQL
/// value is reported at its own line and column rather than at the start of the value.
///
/// Offsets are asked for in ascending order in practice, so the locator walks forward from the
/// last answer instead of rescanning (linear in the value's length overall). It walks the string's
/// own UTF-8 view: building one costs nothing until a location is asked for.
struct ScalarLocator {
    private let utf8: String.UTF8View
    private let start: SourceLocation
    private let firstColumn: Int
    private var index: String.UTF8View.Index
    private var offset = 0
    private var line: Int
    private var column: Int

    init(text: String, scalar: Scalar) {
        utf8 = text.utf8
        index = utf8.startIndex
        start = scalar.location
        line = scalar.location.line
        // A quoted value's location is its opening quote; the text starts one column later.
        column = scalar.location.column + (scalar.style == .quoted ? 1 : 0)
        firstColumn = column
    }

    mutating func location(at target: Int) -> SourceLocation {
        if target < offset {
            index = utf8.startIndex
            offset = 0
            line = start.line
            column = firstColumn
        }
        while offset < target && index != utf8.endIndex {
            let b = utf8[index]
            // Line breaks as the LookML line map counts them: LF, form feed, U+2028/U+2029 (E2 80 A8/A9,
            // counted at their last byte).
            if b == 0x0A || b == 0x0C || ((b == 0xA8 || b == 0xA9) && precededByLineSeparatorLead(index)) {
                line += 1
                column = 1
            } else if b & 0xC0 != 0x80 {
                column += 1
            }
            utf8.formIndex(after: &index)
            offset += 1
        }
        var location = start // same file, without looking its path up
        location.line = line
        location.column = column
        return location
    }

    /// Whether the two bytes before `index` are E2 80, making the byte at `index` end U+2028/U+2029.
    private func precededByLineSeparatorLead(_ index: String.UTF8View.Index) -> Bool {
        guard index != utf8.startIndex else { return false }
        let second = utf8.index(before: index)
        guard second != utf8.startIndex, utf8[second] == 0x80 else { return false }
        return utf8[utf8.index(before: second)] == 0xE2
    }
}
