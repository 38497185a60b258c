import Foundation
import Synchronization
import Testing

/// Where the demo suites keep their shared databases, and who may remove them.
@Suite("Demo fixture isolation")
struct DemoFixtureIsolationTests {
    /// Bug: once in a full run, every demo test reading the shared SQLite file failed with
    /// "SQLite database file not found: /tmp/spyglass-demo-tests-<pid>-<n>/demo-a.sqlite" while the
    /// tests before them had read it: the file lived in the shared temp directory under a name
    /// that looked like the litter of earlier runs, and a cleanup of that litter from outside the
    /// test process deleted it mid-run. The files now live under the build directory, and the only
    /// cleanup there removes directories whose owner process is gone. This runs that cleanup over
    /// and over while the shared database is opened and read, beside a live and a dead neighbour.
    @Test func sharedDemoDatabaseIsNotRemovedByACleanupMidRun() throws {
        let url = try DemoFixture.sqlite.get().url
        #expect(DemoFixture.directory.hasPrefix(DemoFixture.root + "/"))
        let accounts = try DemoFixture.int("SELECT COUNT(*) FROM dim_accounts", in: url)

        // A neighbour owned by a process that has exited, and one owned by a live process (ours
        // runs under a parent that outlives the test).
        let finished = Process()
        finished.executableURL = URL(fileURLWithPath: "/bin/true")
        try finished.run()
        finished.waitUntilExit()
        let dead = DemoFixture.root + "/\(finished.processIdentifier)-1"
        let live = DemoFixture.root + "/\(getppid())-2"
        for dir in [dead, live] {
            try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
            try Data("x".utf8).write(to: URL(fileURLWithPath: dir + "/demo-a.sqlite"))
        }
        defer { try? FileManager.default.removeItem(atPath: live) }

        let failures = Mutex<[String]>([])
        DispatchQueue.concurrentPerform(iterations: 4) { worker in
            for _ in 0..<50 {
                if worker == 0 {
                    DemoFixture.sweepLeftovers()
                } else {
                    do {
                        let n = try DemoFixture.int("SELECT COUNT(*) FROM dim_accounts", in: url)
                        if n != accounts { failures.withLock { $0.append("read \(n) accounts, expected \(accounts)") } }
                    } catch {
                        failures.withLock { $0.append("\(error)") }
                    }
                }
            }
        }
        #expect(failures.withLock { $0 }.isEmpty, "\(failures.withLock { Array($0.prefix(3)) })")
        #expect(FileManager.default.fileExists(atPath: DemoFixture.directory + "/demo-a.sqlite"))
        #expect(FileManager.default.fileExists(atPath: live + "/demo-a.sqlite"), "a live run's files were removed")
        #expect(!FileManager.default.fileExists(atPath: dead), "a dead run's files were left behind")
    }
}
