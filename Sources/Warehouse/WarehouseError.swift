/// Everything that can go wrong talking to a warehouse, each rendered as one sentence with no
/// password in it (messages are scrubbed before they are stored here).
public enum WarehouseError: Error, CustomStringConvertible, Equatable, Sendable {
    /// The database could not be reached or refused the login (CLI exit 3).
    case cannotConnect(String)
    /// The statement ran past the session's statement timeout (CLI exit 4).
    case timeout(String)
    /// `Connection.cancel()` stopped the statement (CLI exit 4).
    case cancelled
    /// The database rejected the statement; the payload is its message, first line (CLI exit 1).
    case queryFailed(String)
    /// `query(_:maxRows:)` saw more rows than its cap.
    case tooManyRows(Int)
    /// A URL, statement or value this connector does not handle.
    case unsupported(String)

    public var description: String {
        switch self {
        case .cannotConnect(let message): message
        case .timeout(let message): message
        case .cancelled: "the query was cancelled"
        case .queryFailed(let message): "the query failed: \(message)"
        case .tooManyRows(let cap): "the query returned more than \(cap) rows; add a filter or a lower limit"
        case .unsupported(let message): message
        }
    }

    /// The payload sentence without the prefix `description` adds.
    var detail: String {
        switch self {
        case .cannotConnect(let m), .timeout(let m), .queryFailed(let m), .unsupported(let m): m
        case .cancelled, .tooManyRows: description
        }
    }

    /// The command-line exit code DESIGN.md assigns to this failure.
    public var exitCode: Int32 {
        switch self {
        case .cannotConnect: 3
        case .timeout, .cancelled: 4
        case .queryFailed, .tooManyRows, .unsupported: 1
        }
    }
}
