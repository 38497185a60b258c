import Warehouse

/// An error the front ends show as one sentence, with the exit code DESIGN.md assigns to it.
public struct SpyglassError: Error, CustomStringConvertible, Sendable {
    public enum Kind: Sendable {
        /// A model or query problem (exit 1).
        case model
        /// Bad command-line use (exit 2).
        case usage
        /// The warehouse cannot be reached (exit 3).
        case connection
        /// The query timed out or was cancelled (exit 4).
        case interrupted
    }

    public var kind: Kind
    public var message: String

    public init(_ kind: Kind, _ message: String) {
        self.kind = kind
        self.message = message
    }

    public var description: String { message }

    public var exitCode: Int32 {
        switch kind {
        case .model: 1
        case .usage: 2
        case .connection: 3
        case .interrupted: 4
        }
    }

    /// Classifies any error raised below the front end, so every command maps errors the same way.
    public static func from(_ error: any Error) -> SpyglassError {
        if let error = error as? SpyglassError { return error }
        if let error = error as? WarehouseError {
            switch error {
            case .cannotConnect: return SpyglassError(.connection, error.description)
            case .timeout, .cancelled: return SpyglassError(.interrupted, error.description)
            default: return SpyglassError(.model, error.description)
            }
        }
        return SpyglassError(.model, String(describing: error))
    }
}
