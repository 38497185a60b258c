/// Turns byte offsets into 1-based line:column locations (columns count Unicode scalars).
///
/// Line starts are found once up front; column counting is incremental from the last location
/// asked for on the same line, so asking for locations left to right stays linear even on a
/// single 3 MB line.
struct SourceMap {
    let path: String
    /// Offset of the first byte of each line; `lineStarts[0]` skips a UTF-8 BOM.
    private var lineStarts: [Int]
    private var cachedLine = 0
    private var cachedOffset: Int
    private var cachedColumn = 1

    init(bytes: UnsafeBufferPointer<UInt8>, start: Int, path: String) {
        self.path = path
        var starts = [start]
        starts.reserveCapacity(bytes.count / 24 + 1)
        var i = start
        let n = bytes.count
        while i < n {
            if bytes[i] == ByteClass.newline { starts.append(i + 1) }
            i += 1
        }
        lineStarts = starts
        cachedOffset = start
    }

    /// The line index (0-based) holding `offset`.
    private func lineIndex(of offset: Int) -> Int {
        if offset >= lineStarts[cachedLine] {
            // The parser asks left to right: walking forward a few lines beats a binary search.
            var line = cachedLine
            let last = min(lineStarts.count - 1, cachedLine + 8)
            while line < last && offset >= lineStarts[line + 1] { line += 1 }
            if line == lineStarts.count - 1 || offset < lineStarts[line + 1] { return line }
        }
        var low = 0
        var high = lineStarts.count - 1
        while low < high {
            let mid = (low + high + 1) / 2
            if lineStarts[mid] <= offset { low = mid } else { high = mid - 1 }
        }
        return low
    }

    mutating func location(of offset: Int, in bytes: UnsafeBufferPointer<UInt8>) -> SourceLocation {
        let offset = max(offset, lineStarts[0])
        let line = lineIndex(of: offset)
        var from = lineStarts[line]
        var column = 1
        if line == cachedLine && offset >= cachedOffset {
            from = cachedOffset
            column = cachedColumn
        }
        let end = min(offset, bytes.count)
        while from < end {
            if ByteClass.startsScalar(bytes[from]) { column += 1 }
            from += 1
        }
        cachedLine = line
        cachedOffset = end
        cachedColumn = column
        return SourceLocation(file: path, line: line + 1, column: column)
    }
}
