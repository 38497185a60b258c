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
        let others = Self.otherBreaks(bytes, from: start)
        if !others.isEmpty { starts = Self.merged(starts, others) }
        lineStarts = starts
        cachedOffset = start
        isASCII = Self.isASCII(bytes)
    }

    /// Line starts after the other characters a terminal or editor shows as a line break — form feed,
    /// U+2028 LINE SEPARATOR, U+2029 PARAGRAPH SEPARATOR — so a file made of them is not one endless
    /// line in messages. Two memchr passes: nearly every file has neither byte and pays nothing more.
    private static func otherBreaks(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> [Int] {
        var found: [Int] = []
        var i = start
        while let feed = ByteSearch.first(0x0C, in: bytes, from: i, to: bytes.count) {
            found.append(feed + 1)
            i = feed + 1
        }
        i = start
        while let lead = ByteSearch.first(0xE2, in: bytes, from: i, to: bytes.count) {
            if lead + 2 < bytes.count, bytes[lead + 1] == 0x80, bytes[lead + 2] == 0xA8 || bytes[lead + 2] == 0xA9 {
                found.append(lead + 3)
            }
            i = lead + 1
        }
        return found.sorted()
    }

    private static func merged(_ a: [Int], _ b: [Int]) -> [Int] {
        var out: [Int] = []
        out.reserveCapacity(a.count + b.count)
        var i = 0, j = 0
        while i < a.count || j < b.count {
            if j == b.count || (i < a.count && a[i] <= b[j]) { out.append(a[i]); i += 1 } else { out.append(b[j]); j += 1 }
        }
        return out
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
