/// Why an Arrow IPC stream could not be read: one sentence naming what was wrong and where.
public struct ArrowError: Error, CustomStringConvertible, Equatable, Sendable {
    public var description: String

    init(_ description: String) {
        self.description = description
    }
}
