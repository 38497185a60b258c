import Foundation
import Warehouse

/// Cancels a running query from another thread (a key press, a signal). Cancelling before the query
/// starts makes it fail as soon as it gets a connection.
public final class CancelToken: @unchecked Sendable {
    private let lock = NSLock()
    private var connections: [ObjectIdentifier: any Connection] = [:]
    private var cancelled = false

    public init() {}

    public var isCancelled: Bool { lock.withLock { cancelled } }

    public func cancel() {
        let running: [any Connection] = lock.withLock {
            cancelled = true
            return Array(connections.values)
        }
        for connection in running {
            connection.cancel()
            // A cancel that lands between registering and the statement reaching the server does
            // nothing, so keep re-sending it until that statement has finished (or 10 s have passed).
            DispatchQueue.global().async { [weak self] in
                for _ in 0..<100 {
                    Thread.sleep(forTimeInterval: 0.1)
                    guard let self, self.isWatching(connection) else { return }
                    connection.cancel()
                }
            }
        }
    }

    /// Waits until no statement is registered (every cancelled statement has stopped), at most
    /// `timeout` seconds; true when idle.
    public func waitUntilIdle(timeout: Double) -> Bool {
        let deadline = Date().addingTimeInterval(timeout)
        while lock.withLock({ !connections.isEmpty }) {
            if Date() >= deadline { return false }
            Thread.sleep(forTimeInterval: 0.01)
        }
        return true
    }

    private func isWatching(_ connection: any Connection) -> Bool {
        lock.withLock { connections[ObjectIdentifier(connection)] != nil }
    }

    /// Runs `body` with `connection` registered for cancellation.
    func watch<T>(_ connection: any Connection, _ body: () throws -> T) throws -> T {
        let id = ObjectIdentifier(connection)
        let alreadyCancelled = lock.withLock { () -> Bool in
            connections[id] = connection
            return cancelled
        }
        defer { lock.withLock { _ = connections.removeValue(forKey: id) } }
        if alreadyCancelled { throw WarehouseError.cancelled }
        return try body()
    }
}
