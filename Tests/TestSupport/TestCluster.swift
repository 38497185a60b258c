import Foundation

/// The one running cluster behind `TestPostgres`. Everything here runs shell tools (initdb, pg_ctl)
/// through `/bin/sh`, as the `postgres` user when the tests run as root (initdb refuses root).
final class TestCluster: @unchecked Sendable {
    let port: Int
    let directory: String
    let binDirectory: String
    private let counterLock = NSLock()
    private var counter = 0

    private static let lock = NSLock()
    nonisolated(unsafe) private static var started: Result<TestCluster, Error>?
    /// Read by the atexit hook, which cannot capture context.
    nonisolated(unsafe) private static var stopCommand: String?

    private init(port: Int, directory: String, binDirectory: String) {
        self.port = port
        self.directory = directory
        self.binDirectory = binDirectory
    }

    /// The cluster, started on first call; a failure is remembered so every test reports it at once
    /// instead of each retrying a slow initdb.
    static func shared() throws -> TestCluster {
        lock.lock()
        defer { lock.unlock() }
        if let started { return try started.get() }
        let result = Result { try start() }
        started = result
        return try result.get()
    }

    func url(database: String) -> String {
        "postgresql://postgres@127.0.0.1:\(port)/\(database)"
    }

    func nextDatabaseName(prefix: String) -> String {
        counterLock.lock()
        counter += 1
        let n = counter
        counterLock.unlock()
        var clean = String(prefix.lowercased().map { $0.isASCII && ($0.isLetter || $0.isNumber) ? $0 : "_" }.prefix(30))
        if clean.isEmpty || clean.first!.isNumber { clean = "t" + clean }
        return "\(clean)_\(getpid())_\(n)"
    }

    // MARK: Starting and stopping

    private static func start() throws -> TestCluster {
        let bin = try findBinaries()
        removeStaleClusters()
        var template = Array((NSTemporaryDirectory() + "spyglass-pg-XXXXXX").utf8CString)
        guard let made = mkdtemp(&template) else {
            throw TestPostgresError("cannot create a temporary directory for PostgreSQL: \(String(cString: strerror(errno)))")
        }
        let dir = String(cString: made)
        try "\(getpid())".write(toFile: dir + "/owner.pid", atomically: true, encoding: .utf8)
        let asRoot = geteuid() == 0
        if asRoot {
            guard let pw = getpwnam("postgres") else {
                throw TestPostgresError("running as root but there is no postgres user to run the test cluster as")
            }
            chown(dir, pw.pointee.pw_uid, pw.pointee.pw_gid)
        }
        let prefix = asRoot ? "runuser -u postgres -- " : ""
        let data = dir + "/data"
        let initLog = dir + "/initdb.log"
        let initdb = "\(prefix)\(quote(bin + "/initdb")) -D \(quote(data)) -U postgres -A trust -E UTF8 --locale=C --no-sync"
        guard shell("\(initdb) > \(quote(initLog)) 2>&1") == 0 else {
            let tail = lastLines(initLog)
            removeDirectory(dir)
            throw TestPostgresError("initdb failed for the test PostgreSQL cluster: \(tail)")
        }

        var lastError = ""
        for _ in 0..<5 {
            let port = try freePort()
            let settings = [
                "-p \(port)", "-k \(dir)", "-c listen_addresses=127.0.0.1", "-c fsync=off",
                "-c synchronous_commit=off", "-c full_page_writes=off", "-c max_connections=300",
                "-c shared_buffers=64MB", "-c log_min_messages=fatal",
            ].joined(separator: " ")
            let serverLog = dir + "/server.log"
            let ctl = "\(prefix)\(quote(bin + "/pg_ctl")) -D \(quote(data)) -l \(quote(serverLog)) -w -t 60 -o \(quote(settings)) start"
            if shell("\(ctl) > \(quote(dir + "/pg_ctl.log")) 2>&1") == 0 {
                let cluster = TestCluster(port: port, directory: dir, binDirectory: bin)
                stopCommand = "\(prefix)\(quote(bin + "/pg_ctl")) -D \(quote(data)) -m immediate stop > /dev/null 2>&1; rm -rf \(quote(dir))"
                atexit { TestCluster.stopAtExit() }
                return cluster
            }
            lastError = lastLines(serverLog) + " " + lastLines(dir + "/pg_ctl.log")
        }
        removeDirectory(dir)
        throw TestPostgresError("the test PostgreSQL server did not start: \(lastError)")
    }

    private static func stopAtExit() {
        guard let stopCommand else { return }
        _ = shell(stopCommand)
    }

    /// Highest version under /usr/lib/postgresql/*/bin (or $SPYGLASS_PG_BIN).
    private static func findBinaries() throws -> String {
        if let explicit = ProcessInfo.processInfo.environment["SPYGLASS_PG_BIN"] {
            guard FileManager.default.isExecutableFile(atPath: explicit + "/initdb") else {
                throw TestPostgresError("SPYGLASS_PG_BIN=\(explicit) holds no initdb")
            }
            return explicit
        }
        let root = "/usr/lib/postgresql"
        let versions = ((try? FileManager.default.contentsOfDirectory(atPath: root)) ?? [])
            .filter { FileManager.default.isExecutableFile(atPath: "\(root)/\($0)/bin/initdb") }
            .sorted { (Double($0) ?? 0) > (Double($1) ?? 0) }
        guard let best = versions.first else {
            throw TestPostgresError("PostgreSQL server binaries not found in /usr/lib/postgresql/*/bin; install postgresql")
        }
        return "\(root)/\(best)/bin"
    }

    /// Clusters left behind by test processes that crashed (atexit never ran) would pile up: stop
    /// any whose owner process is gone.
    private static func removeStaleClusters() {
        let tmp = NSTemporaryDirectory()
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: tmp) else { return }
        for entry in entries where entry.hasPrefix("spyglass-pg-") {
            let dir = tmp + entry
            guard let text = try? String(contentsOfFile: dir + "/owner.pid", encoding: .utf8),
                  let pid = Int32(text.trimmingCharacters(in: .whitespacesAndNewlines)),
                  kill(pid, 0) != 0, errno == ESRCH else { continue }
            let postmaster = dir + "/data/postmaster.pid"
            if let pidText = try? String(contentsOfFile: postmaster, encoding: .utf8),
               let serverPid = Int32(pidText.split(separator: "\n").first ?? "") {
                kill(serverPid, SIGQUIT)
            }
            removeDirectory(dir)
        }
    }

    /// A free TCP port on 127.0.0.1 (also used by TestFakesnow).
    static func freePort() throws -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw TestPostgresError("cannot open a socket to find a free port") }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { p -> Bool in
                bind(fd, p, length) == 0 && getsockname(fd, p, &length) == 0
            }
        }
        guard bound else { throw TestPostgresError("cannot find a free TCP port on 127.0.0.1") }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    @discardableResult
    private static func shell(_ command: String) -> Int32 {
        let status = system(command)
        // system() returns a wait status; exit code is in the high byte.
        return status == -1 ? -1 : (status >> 8) & 0xff
    }

    private static func quote(_ s: String) -> String {
        "'" + s.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }

    private static func lastLines(_ path: String) -> String {
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return "(no log at \(path))" }
        return text.split(separator: "\n").suffix(3).joined(separator: " | ")
    }

    private static func removeDirectory(_ dir: String) {
        try? FileManager.default.removeItem(atPath: dir)
    }
}
