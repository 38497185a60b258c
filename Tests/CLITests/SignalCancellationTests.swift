import Foundation
import Testing
import TestSupport
import Warehouse

/// MEDIUM #3 of the hardening review: SIGTERM and SIGHUP used to kill the process at once and leave
/// its query running on the server (only SIGINT cancelled). Every one of the three must cancel on the
/// server, then exit 128 + N.
@Suite("Signals cancel on the server", .serialized)
struct SignalCancellationTests {
    static let tiny = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/tiny").path

    static func activeSleeps(_ url: String) throws -> Int64 {
        let rows = try Warehouse.connect(url).query("""
            SELECT count(*) FROM pg_stat_activity
            WHERE datname = current_database() AND state = 'active' AND query LIKE '%pg_sleep%' AND pid <> pg_backend_pid()
            """, maxRows: 1).rows
        guard case .int(let n) = rows[0][0] else { return -1 }
        return n
    }

    @Test(arguments: [SIGTERM, SIGHUP, SIGINT])
    func signalDuringPgSleepCancelsOnTheServerAndExits128PlusN(_ sig: Int32) throws {
        let url = try TestPostgres.createDatabase(prefix: "signal")
        let process = Process()
        process.executableURL = URL(fileURLWithPath: SpyglassProcess.binary)
        process.arguments = ["query", "slow", "--fields", "slow.count", "--project", Self.tiny, "--database", url]
        process.standardOutput = FileHandle.nullDevice
        let err = Pipe()
        process.standardError = err
        try process.run()
        // Wait until the statement is running on the server.
        var running = false
        for _ in 0..<300 where !running {
            running = try Self.activeSleeps(url) > 0
            if !running { Thread.sleep(forTimeInterval: 0.02) }
        }
        try #require(running, "the query never started")
        let signalled = ContinuousClock.now
        kill(process.processIdentifier, sig)
        process.waitUntilExit()
        let stderr = String(decoding: err.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        #expect(process.terminationReason == .exit, "killed by the signal instead of handling it")
        #expect(process.terminationStatus == 128 + sig, "\(stderr)")
        #expect(ContinuousClock.now - signalled < .seconds(4), "took \(ContinuousClock.now - signalled) to stop")
        // The server stopped the query: pg_sleep(5) would still be active otherwise.
        #expect(try Self.activeSleeps(url) == 0)
    }
}
