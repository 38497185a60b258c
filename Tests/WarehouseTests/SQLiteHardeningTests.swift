import Foundation
import Testing
import TestSupport
@testable import Warehouse

/// LOW #8 of the hardening review, on SQLite.
@Suite("SQLite hardening")
struct SQLiteHardeningTests {
    /// Reported: a FIFO given as the SQLite file blocked forever in open(), whatever --timeout said.
    @Test func fifoGivenAsTheSQLiteFileIsRefusedAtOnce() throws {
        let path = TempFile.path("fifo")
        try #require(mkfifo(path, 0o600) == 0)
        defer { unlink(path) }
        let started = ContinuousClock.now
        #expect(throws: WarehouseError.cannotConnect("cannot open SQLite database \(path): it is not a regular file (a FIFO, device or directory)")) {
            try Warehouse.connect("sqlite:" + path, options: ConnectionOptions(statementTimeoutSeconds: 1))
        }
        #expect(ContinuousClock.now - started < .seconds(1))
        #expect(throws: WarehouseError.self) { try Warehouse.connect("sqlite:/dev/null") }
    }

    @Test func boundTextBehavesLikeALiteralAndCountsMustMatch() throws {
        let path = TempFile.path("binds")
        let loader = try Warehouse.openLoader("sqlite:" + path)
        try loader.execute("CREATE TABLE t (i INTEGER, s TEXT)")
        try loader.execute("INSERT INTO t VALUES (7, 'x''y\\')")
        loader.close()
        let connection = try Warehouse.connect("sqlite:" + path)
        // Integer affinity applies to a bound text value as to a literal: '7' finds 7.
        #expect(try connection.query("SELECT count(*) FROM t WHERE i = ?1 AND s = ?2", parameters: ["7", "x'y\\"], maxRows: 1).rows == [[.int(1)]])
        #expect(try connection.query("SELECT ?1 || ?1", parameters: ["é\u{2028}"], maxRows: 1).rows == [[.string("é\u{2028}é\u{2028}")]])
        #expect(throws: WarehouseError.unsupported("the statement has 2 placeholders but 1 values were given")) {
            try connection.query("SELECT ?1, ?2", parameters: ["a"], maxRows: 1)
        }
    }

    /// Reported: a WAL-mode SQLite file in a directory the user cannot write could not be opened
    /// ("attempt to write a readonly database": SQLite could not create its -shm file there).
    @Test func walModeFileInAReadOnlyDirectoryOpens() throws {
        let directory = NSTemporaryDirectory() + "spyglass-walro-\(getpid())-\(UUID().uuidString.prefix(6))"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        defer { chmod(directory, 0o755); try? FileManager.default.removeItem(atPath: directory) }
        let path = directory + "/w #1.db"
        let loader = try Warehouse.openLoader("sqlite:" + path)
        try loader.execute("PRAGMA journal_mode = WAL")
        try loader.execute("CREATE TABLE t (x INTEGER)")
        try loader.execute("INSERT INTO t VALUES (42)")
        loader.close()
        try #require(chmod(directory, 0o555) == 0 && chmod(path, 0o444) == 0)
        // Root ignores directory permissions, so the CLI runs as an unprivileged user then (as
        // reproduced by hand: "cannot open SQLite database …: attempt to write a readonly database").
        if geteuid() == 0 {
            let command = [SpyglassProcess.binary, "query", "t", "--fields", "t.x", "--format", "csv",
                           "--project", try Self.project(), "--database", "sqlite:" + path].map(Self.shellQuoted).joined(separator: " ")
            let result = try Self.shell("su nobody -s /bin/sh -c \(Self.shellQuoted(command))")
            #expect(result.code == 0, "\(result.output)")
            #expect(result.output.hasSuffix("\r\n42\r\n"), "\(result.output)")
        } else {
            let connection = try Warehouse.connect("sqlite:" + path)
            #expect(try connection.query("SELECT x FROM t", maxRows: 1).rows == [[.int(42)]])
        }
    }

    static func project() throws -> String {
        let root = NSTemporaryDirectory() + "spyglass-walproj-\(getpid())"
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        try "connection: \"w\"\ninclude: \"/*.view.lkml\"\nexplore: t {}\n".write(toFile: root + "/m.model.lkml", atomically: true, encoding: .utf8)
        try "view: t {\n  sql_table_name: t ;;\n  dimension: x { type: number sql: ${TABLE}.x ;; }\n}\n"
            .write(toFile: root + "/t.view.lkml", atomically: true, encoding: .utf8)
        chmod(root, 0o755)
        return root
    }

    static func shellQuoted(_ s: String) -> String { "'" + s.replacingOccurrences(of: "'", with: "'\\''") + "'" }

    /// Runs a shell command; stdout and stderr together.
    static func shell(_ command: String) throws -> (code: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", command]
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}
