/// Turns byte offsets inside a scalar's text into file locations, so a problem inside a long SQL
/// value is reported at its own line and column rather than at the start of the value.
///
/// Offsets are asked for in ascending order in practice, so the locator walks forward from the
/// last answer instead of rescanning (linear in the value's length overall).
struct ScalarLocator {
    private let bytes: [UInt8]
    private let start: SourceLocation
    private var offset = 0
    private var line: Int
    private var column: Int

    init(text: String, scalar: Scalar) {
        bytes = Array(text.utf8)
        start = scalar.location
        line = scalar.location.line
        // A quoted value's location is its opening quote; the text starts one column later.
        column = scalar.location.column + (scalar.style == .quoted ? 1 : 0)
        firstColumn = column
    }

    private let firstColumn: Int

    mutating func location(at target: Int) -> SourceLocation {
        if target < offset {
            offset = 0
            line = start.line
            column = firstColumn
        }
        let end = min(target, bytes.count)
        while offset < end {
            let b = bytes[offset]
            if b == 0x0A {
                line += 1
                column = 1
            } else if b & 0xC0 != 0x80 {
                column += 1
            }
            offset += 1
        }
        return SourceLocation(file: start.file, line: line, column: column)
    }
}
