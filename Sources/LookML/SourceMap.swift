/// Turns byte offsets into 1-based line:column locations (columns count Unicode scalars).
///
/// Line starts are found once up front; column counting is incremental from the last location
/// asked for on the same line, so asking for locations left to right stays linear even on a
/// single 3 MB line.
struct SourceMap {
    /// The file's number in `SourceFiles`, looked up once.
    let fileID: UInt32
    /// Offset of the first byte of each line; `lineStarts[0]` skips a UTF-8 BOM.
    private var lineStarts: [Int]
    private var cachedLine = 0
    private var cachedOffset: Int
    private var cachedColumn = 1
    /// No byte at or above 0x80: a column is then the byte distance from the line start, with no
    /// counting (most LookML is ASCII, and every node asks for its location).
    private let isASCII: Bool

    init(bytes: UnsafeBufferPointer<UInt8>, start: Int, path: String) {
        self.fileID = SourceFiles.id(of: path)
        var starts = [start]
        starts.reserveCapacity(bytes.count / 24 + 1)
        // memchr finds newlines many bytes at a time; a byte loop here was a visible share of parsing.
        var i = start
        while let newline = ByteSearch.first(ByteClass.newline, in: bytes, from: i, to: bytes.count) {
            i = newline + 1
            starts.append(i)
        }
        lineStarts = starts
        cachedOffset = start
        isASCII = Self.isASCII(bytes)
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

    /// Eight bytes at a time: the high bit of any byte set means some non-ASCII scalar.
    private static func isASCII(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let base = bytes.baseAddress else { return true }
        let raw = UnsafeRawPointer(base)
        var i = 0
        var high: UInt64 = 0
        while i + 8 <= bytes.count {
            high |= raw.loadUnaligned(fromByteOffset: i, as: UInt64.self)
            i += 8
        }
        while i < bytes.count {
            high |= UInt64(bytes[i])
            i += 1
        }
        return high & 0x8080_8080_8080_8080 == 0
    }

    mutating func location(of offset: Int, in bytes: UnsafeBufferPointer<UInt8>) -> SourceLocation {
        let offset = max(offset, lineStarts[0])
        let line = lineIndex(of: offset)
        if isASCII {
            cachedLine = line
            return SourceLocation(fileID: fileID, line: line + 1, column: min(offset, bytes.count) - lineStarts[line] + 1)
        }
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
        return SourceLocation(fileID: fileID, line: line + 1, column: column)
    }
}
