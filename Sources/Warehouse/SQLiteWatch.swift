import CSQLite
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// What the progress handler checks: the deadline of the running statement and whether `cancel()`
/// was called. Shared with another thread, hence the lock.
final class SQLiteWatch: @unchecked Sendable {
    enum Reason { case cancelled, timeout }

    private let lock = Lock()
    private var running = false
    private var deadline: UInt64 = 0  // monotonic ns; 0 = none
    private(set) var reason: Reason?

    func begin(timeoutMilliseconds: Int) {
        lock.withLock {
            running = true
            reason = nil
            deadline = timeoutMilliseconds > 0 ? Self.now() + UInt64(timeoutMilliseconds) * 1_000_000 : 0
        }
    }

    func end() {
        lock.withLock { running = false }
    }

    func cancel(_ db: OpaquePointer) {
        lock.withLock {
            guard running else { return }
            reason = .cancelled
            sqlite3_interrupt(db)
        }
    }

    func shouldInterrupt() -> Bool {
        lock.withLock {
            if reason != nil { return true }
            if deadline != 0, Self.now() >= deadline {
                reason = .timeout
                return true
            }
            return false
        }
    }

    static func now() -> UInt64 {
        var ts = timespec()
        clock_gettime(CLOCK_MONOTONIC, &ts)
        return UInt64(ts.tv_sec) * 1_000_000_000 + UInt64(ts.tv_nsec)
    }
}
