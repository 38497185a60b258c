import Foundation
import SpyglassCore

/// SIGINT, SIGTERM and SIGHUP while a query runs cancel it on the server, then the process exits
/// 128 + N (130, 143, 129) as a shell expects of a program a signal stopped. Without this, SIGTERM
/// (cron's `timeout`, systemd stopping a job) and SIGHUP (a closed terminal) killed the process at
/// once and left its query running on the warehouse.
///
/// The handler cancels, waits for the cancelled statements to stop on the server (at most 10 s),
/// gives the main thread a moment to report and exit by itself, and otherwise exits for it (the
/// query may be done and the process busy writing). A second signal exits at once.
enum SignalCancellation {
    static let signals: [Int32] = [SIGINT, SIGTERM, SIGHUP]

    private static let lock = NSLock()
    nonisolated(unsafe) private static var received: Int32?
    nonisolated(unsafe) private static var sources: [DispatchSourceSignal] = []
    private static let exitLock = NSLock()

    /// The first signal that arrived, if any.
    static var receivedSignal: Int32? { lock.withLock { received } }

    static func install(_ token: CancelToken) {
        for sig in signals {
            signal(sig, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: sig, queue: .global())
            source.setEventHandler { handle(sig, token) }
            source.resume()
            lock.withLock { sources.append(source) }
        }
    }

    private static func handle(_ sig: Int32, _ token: CancelToken) {
        let first = lock.withLock { () -> Bool in
            guard received == nil else { return false }
            received = sig
            return true
        }
        guard first else { leave(128 + sig) }
        token.cancel()
        _ = token.waitUntilIdle(timeout: 10)
        Thread.sleep(forTimeInterval: 2)
        leave(128 + sig)
    }

    /// Exits once: the main thread and a signal handler may both get here. (Output is flushed by the
    /// main thread only; its buffer is not shared with the handler.)
    static func leave(_ code: Int32) -> Never {
        exitLock.lock()
        exit(code)
    }
}
