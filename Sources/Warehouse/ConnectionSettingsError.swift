/// A problem in `spyglass.connections`, rendered like a compiler diagnostic (`path:line: message`).
public struct ConnectionSettingsError: Error, CustomStringConvertible, Equatable, Sendable {
    public var path: String
    /// 1-based; 0 when the problem is the file itself.
    public var line: Int
    public var message: String

    public init(path: String, line: Int, message: String) {
        self.path = path
        self.line = line
        self.message = message
    }

    public var description: String {
        line > 0 ? "\(path):\(line): \(message)" : "\(path): \(message)"
    }
}
