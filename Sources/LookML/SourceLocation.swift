import Synchronization

/// A position in a source file: 1-based line and column (columns count Unicode scalars).
///
/// The file is stored as a number into a process-wide table of paths, so a location is plain data:
/// copying one (every syntax node and field has several) costs no reference counting, which is a
/// large share of loading a big project.
public struct SourceLocation: Hashable, Sendable, Comparable, CustomStringConvertible {
    // Twelve bytes in all: syntax nodes and fields carry several locations each.
    private var fileID: UInt32
    private var storedLine: UInt32
    private var storedColumn: UInt32

    public init(file: String, line: Int, column: Int) {
        self.init(fileID: SourceFiles.id(of: file), line: line, column: column)
    }

    /// A location in a file already known by its number (see `SourceFiles`); for the parser, which
    /// makes thousands of locations in one file.
    init(fileID: UInt32, line: Int, column: Int) {
        self.fileID = fileID
        // Lines and columns past four billion (not a real file) saturate rather than trap.
        storedLine = UInt32(clamping: line)
        storedColumn = UInt32(clamping: column)
    }

    public var line: Int {
        get { Int(storedLine) }
        set { storedLine = UInt32(clamping: newValue) }
    }

    public var column: Int {
        get { Int(storedColumn) }
        set { storedColumn = UInt32(clamping: newValue) }
    }

    /// The path as the user should see it (relative to the project root where possible).
    public var file: String {
        get { SourceFiles.path(of: fileID) }
        set { fileID = SourceFiles.id(of: newValue) }
    }

    public var description: String { "\(file):\(line):\(column)" }

    public static func < (a: SourceLocation, b: SourceLocation) -> Bool {
        if a.fileID != b.fileID { return a.file < b.file }
        return (a.storedLine, a.storedColumn) < (b.storedLine, b.storedColumn)
    }
}

/// The process-wide table of file paths that `SourceLocation` numbers. Paths are added once and
/// never removed: a process sees a few thousand distinct files at most.
enum SourceFiles {
    private struct Table {
        var paths: [String] = []
        var ids: [String: UInt32] = [:]
    }

    private static let table = Mutex(Table())

    static func id(of path: String) -> UInt32 {
        table.withLock { table in
            if let id = table.ids[path] { return id }
            let id = UInt32(table.paths.count)
            table.paths.append(path)
            table.ids[path] = id
            return id
        }
    }

    static func path(of id: UInt32) -> String {
        table.withLock { $0.paths[Int(id)] }
    }
}
