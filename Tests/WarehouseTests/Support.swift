import Foundation

/// Reads this process's resident memory from /proc, to prove streaming keeps memory flat.
enum ProcessMemory {
    static func residentKilobytes() throws -> Int {
        let status = try String(contentsOfFile: "/proc/self/status", encoding: .utf8)
        for line in status.split(separator: "\n") where line.hasPrefix("VmRSS:") {
            let digits = line.filter(\.isNumber)
            if let kb = Int(digits) { return kb }
        }
        throw CocoaError(.fileReadCorruptFile)
    }
}

/// A loopback TCP port with nothing listening: bind to an ephemeral port, then close it.
enum ClosedPort {
    static func find() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let ok = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, length) == 0 && getsockname(fd, $0, &length) == 0 }
        }
        guard ok else { throw POSIXError(.EADDRNOTAVAIL) }
        return Int(UInt16(bigEndian: address.sin_port))
    }
}

/// A fresh path for a SQLite file under a per-process temp directory, removed at exit.
enum TempFile {
    private static let directory: String = {
        let dir = processDirectory()
        try? FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        atexit { try? FileManager.default.removeItem(atPath: TempFile.processDirectory()) }
        return dir
    }()

    private static func processDirectory() -> String {
        NSTemporaryDirectory() + "spyglass-warehouse-tests-\(getpid())"
    }

    static func path(_ name: String) -> String {
        let path = directory + "/\(name)-\(UUID().uuidString.prefix(8)).db"
        try? FileManager.default.removeItem(atPath: path)
        return path
    }
}

/// Calls `action` once from a separate OS thread after `delay` seconds and remembers when.
final class Canceller: @unchecked Sendable {
    private let lock = NSLock()
    private var fired: ContinuousClock.Instant?

    init(after delay: Double, _ action: @escaping @Sendable () -> Void) {
        let thread = Thread { [self] in
            Thread.sleep(forTimeInterval: delay)
            let now = ContinuousClock.now
            action()
            lock.withLock { fired = now }
        }
        thread.start()
    }

    /// When the action was called, waiting up to 5 s for it.
    var firedAt: ContinuousClock.Instant? {
        for _ in 0..<500 {
            if let fired = lock.withLock({ fired }) { return fired }
            Thread.sleep(forTimeInterval: 0.01)
        }
        return nil
    }
}
