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
            if b == 0x0A {
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
}
