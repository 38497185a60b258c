import Foundation

/// A Snowflake session behind the `Connection` protocol. Read-only is not enforced by Snowflake per
/// session: use a role that can only read (the README says so). Every statement carries the session's
/// STATEMENT_TIMEOUT_IN_SECONDS and a client-side deadline 15 s later; `cancel()` sends abort-request
/// and stops waiting at once.
final class SnowflakeConnection: Connection, @unchecked Sendable {
    let dialectName = "snowflake"
    private let session: SnowflakeSession
    private let options: ConnectionOptions
    private let queryLock = Lock()
    /// Guards `running` and `cancelRequested`.
    private let state = Lock()
    private var running: SnowflakeSession.Running?
    private var cancelRequested = false
    /// How long past the statement timeout the client waits for Snowflake's own timeout before it
    /// aborts the query itself (tests shorten it).
    var clientGraceSeconds: Double = 15

    init(url: String, options: ConnectionOptions, environment: [String: String] = ProcessInfo.processInfo.environment) throws {
        self.options = options
        session = try SnowflakeSession(configuration: try SnowflakeConfiguration(url), statementTimeoutSeconds: options.statementTimeoutSeconds,
                                       environment: environment)
    }

    deinit { session.close() }

    func cancel() {
        let target = state.withLock { () -> SnowflakeSession.Running? in
            guard let running else { return nil }
            cancelRequested = true
            return running
        }
        if let target { session.abort(target) }
    }

    func stream(_ sql: String, onColumns: ([Column]) throws -> Void, onRow: ([Value]) throws -> Void) throws {
        try queryLock.withLock {
            try run(sql, bindings: [:], onColumns: onColumns, onRow: onRow)
        }
    }

    /// Runs with binds (the loader's array inserts); the lock is the caller's.
    func run(_ sql: String, bindings: [String: SnowflakeProtocol.Binding], onColumns: ([Column]) throws -> Void,
             onRow: ([Value]) throws -> Void) throws {
        try perform(sql, bindings: bindings) { data, interrupted in
            try session.deliver(data, interrupted: interrupted, onColumns: onColumns, onRow: { row in
                if let reason = interrupted() { throw reason }
                try onRow(row)
            })
        }
    }

    /// Sends one statement and hands its response to `body` (which may read rows), turning
    /// interruptions into `.cancelled` / `.timeout`.
    func perform(_ sql: String, bindings: [String: SnowflakeProtocol.Binding],
                 _ body: (SnowflakeProtocol.QueryData, @escaping () -> SnowflakeHTTP.Interruption?) throws -> Void) throws {
        state.withLock { cancelRequested = false }
        defer { state.withLock { running = nil } }
        let timeout = options.statementTimeoutSeconds
        let deadline: UInt64? = timeout > 0 && timeout.isFinite ? SQLiteWatch.now() + UInt64((timeout + clientGraceSeconds) * 1e9) : nil
        let interrupted: () -> SnowflakeHTTP.Interruption? = { [state] in
            if state.withLock({ self.cancelRequested }) { return .cancelled }
            if let deadline, SQLiteWatch.now() > deadline { return .deadline }
            return nil
        }
        do {
            let data = try session.submit(sql, bindings: bindings, started: { r in state.withLock { running = r } },
                                          interrupted: interrupted)
            try body(data, interrupted)
        } catch let interruption as SnowflakeHTTP.Interruption {
            let target = state.withLock { running }
            switch interruption {
            case .cancelled:
                throw WarehouseError.cancelled
            case .deadline:
                if let target { session.abort(target) }
                throw WarehouseError.timeout("Snowflake did not finish the query within the timeout of \(options.timeoutText); Spyglass aborted it")
            }
        } catch WarehouseError.cancelled where !state.withLock({ cancelRequested }) {
            // Snowflake cancelled it without us asking (an administrator, a warehouse shutdown).
            throw WarehouseError.queryFailed("Snowflake cancelled the query (000604)")
        }
    }
}
