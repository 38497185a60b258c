import Foundation

/// A throwaway fakesnow server (a local HTTP server that speaks Snowflake's driver protocol over
/// DuckDB) for tests and benchmarks: started once per process on a free loopback port, stopped when
/// the process exits. The binary is `$SPYGLASS_FAKESNOW` (set by .ci/run), else the CI venv's
/// `/opt/spyglass-venv/bin/fakesnow`, else `.venv-ci/bin/fakesnow` in the package, else `fakesnow` on PATH.
public enum TestFakesnow {
    /// A NEW empty database on the shared server: its `snowflake://` URL (plain HTTP to 127.0.0.1).
    public static func createDatabase(prefix: String = "t") throws -> String {
        let server = try FakesnowServer.shared()
        return server.url(database: server.nextDatabaseName(prefix: prefix))
    }

    /// The server's port (starting it if needed).
    public static func port() throws -> Int {
        try FakesnowServer.shared().port
    }

    /// The fakesnow executable tests use.
    public static func executable() throws -> String {
        try FakesnowServer.findExecutable()
    }
}

final class FakesnowServer: @unchecked Sendable {
    let port: Int
    private let counterLock = NSLock()
    private var counter = 0

    private static let lock = NSLock()
    nonisolated(unsafe) private static var started: Result<FakesnowServer, Error>?
    /// Never closed by us: the server lives as long as this process holds the write end.
    private static let watchdog = Pipe()

    private init(port: Int) {
        self.port = port
    }

    static func shared() throws -> FakesnowServer {
        lock.lock()
        defer { lock.unlock() }
        if let started { return try started.get() }
        let result = Result { try start() }
        started = result
        return try result.get()
    }

    func url(database: String) -> String {
        "snowflake://spyglass:fake@fakesnow/\(database)/PUBLIC?host=127.0.0.1&port=\(port)&protocol=http"
    }

    func nextDatabaseName(prefix: String) -> String {
        counterLock.lock()
        counter += 1
        let n = counter
        counterLock.unlock()
        let clean = String(prefix.uppercased().map { $0.isASCII && ($0.isLetter || $0.isNumber) ? $0 : "_" }.prefix(30))
        return "\(clean.isEmpty || clean.first!.isNumber ? "T" + clean : clean)_\(getpid())_\(n)"
    }

    static func findExecutable() throws -> String {
        let environment = ProcessInfo.processInfo.environment
        if let explicit = environment["SPYGLASS_FAKESNOW"] {
            guard FileManager.default.isExecutableFile(atPath: explicit) else {
                throw TestPostgresError("SPYGLASS_FAKESNOW=\(explicit) is not an executable")
            }
            return explicit
        }
        let packageVenv = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent(".venv-ci/bin/fakesnow").path
        var candidates = ["/opt/spyglass-venv/bin/fakesnow", packageVenv]
        for directory in (environment["PATH"] ?? "").split(separator: ":") { candidates.append("\(directory)/fakesnow") }
        guard let found = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0) }) else {
            throw TestPostgresError("fakesnow not found: run .ci/run once (it creates /opt/spyglass-venv) or set SPYGLASS_FAKESNOW")
        }
        return found
    }

    private static func start() throws -> FakesnowServer {
        let executable = try findExecutable()
        let port = try TestCluster.freePort()
        let log = NSTemporaryDirectory() + "spyglass-fakesnow-\(getpid()).log"
        FileManager.default.createFile(atPath: log, contents: nil)
        // A watchdog shell holds fakesnow: when this process ends however it ends (atexit does not run
        // when the test runner exits abruptly), its end of the pipe closes, `cat` returns and the
        // server is killed, so no server outlives its tests.
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", "\"$0\" \"$@\" </dev/null & server=$!; cat >/dev/null; kill -9 $server",
                             executable, "-s", "--host", "127.0.0.1", "--port", String(port)]
        process.standardOutput = FileHandle(forWritingAtPath: log)
        process.standardError = FileHandle(forWritingAtPath: log)
        process.standardInput = watchdog
        try process.run()
        // Ready when the port accepts connections (fakesnow imports DuckDB and sqlglot first: seconds).
        let deadline = Date().addingTimeInterval(60)
        while Date() < deadline {
            if !process.isRunning { break }
            if canConnect(port) { return FakesnowServer(port: port) }
            usleep(100_000)
        }
        let tail = (try? String(contentsOfFile: log, encoding: .utf8))?.split(separator: "\n").suffix(3).joined(separator: " | ") ?? ""
        if process.isRunning { process.terminate() }
        throw TestPostgresError("fakesnow did not start on port \(port): \(tail)")
    }

    private static func canConnect(_ port: Int) -> Bool {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return false }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = UInt16(port).bigEndian
        return withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) == 0 }
        }
    }
}
