import Foundation
import TestSupport
import Testing
import Warehouse
@testable import TerminalUI

/// Issue 5: Esc on a slow PostgreSQL query in the real binary stops it on the server, quickly, and
/// the UI stays up.
@Suite(.serialized) struct CancelSlowPostgresQueryTests {
    /// A one-view project whose derived table sleeps 30 s on PostgreSQL, written to a temp dir.
    static func slowProject() throws -> String {
        let root = NSTemporaryDirectory() + "spyglass-tui-slow-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        try FileManager.default.createDirectory(atPath: root + "/views", withIntermediateDirectories: true)
        try """
        connection: "slow"
        include: "/views/*.view.lkml"
        explore: slow {}
        """.write(toFile: root + "/slow.model.lkml", atomically: true, encoding: .utf8)
        try """
        view: slow {
          derived_table: { sql: SELECT 1 AS id FROM pg_sleep(30) ;; }
          dimension: id { primary_key: yes type: number sql: ${TABLE}.id ;; }
          measure: count { type: count }
        }
        """.write(toFile: root + "/views/slow.view.lkml", atomically: true, encoding: .utf8)
        return root
    }

    /// Backends of `database` other than the asking one that are running a pg_sleep.
    static func sleepingBackends(_ connection: any Connection, database: String) throws -> Int {
        let result = try connection.query("""
            SELECT count(*) FROM pg_stat_activity
            WHERE datname = '\(database)' AND state = 'active' AND query LIKE '%pg_sleep%' AND pid <> pg_backend_pid()
            """, maxRows: 1)
        guard case .int(let n)? = result.rows.first?.first else { throw TmuxError("pg_stat_activity gave \(result.rows)") }
        return Int(n)
    }

    @Test func escapeCancelsTheSleepOnTheServerAndTheUIStaysUp() throws {
        let url = try TestPostgres.createDatabase(prefix: "tuicancel")
        let database = String(url.split(separator: "/").last!)
        let project = try Self.slowProject()
        defer { try? FileManager.default.removeItem(atPath: project) }
        let monitor = try Warehouse.connect(try TestPostgres.serverURL())

        let tmux = try TmuxSession(arguments: ["explore", "slow", "--project", project, "--database", url, "--fields", "slow.count"])
        try tmux.waitFor("running", seconds: 20)
        // The sleep really runs on the server (so the check after Esc can fail).
        let deadline = Date().addingTimeInterval(10)
        while try Self.sleepingBackends(monitor, database: database) == 0 {
            guard Date() < deadline else { Issue.record("the slow query never reached the server"); return }
            usleep(50_000)
        }

        try tmux.send("Escape")
        let pressed = Date()
        let screen = try tmux.waitFor("Query cancelled", seconds: 2)
        #expect(Date().timeIntervalSince(pressed) < 2)
        #expect(!screen.contains("running"))
        // The server stops the backend's statement; poll briefly for pg_stat_activity to catch up.
        var left = try Self.sleepingBackends(monitor, database: database)
        let gone = Date().addingTimeInterval(2)
        while left > 0, Date() < gone {
            usleep(50_000)
            left = try Self.sleepingBackends(monitor, database: database)
        }
        #expect(left == 0, "pg_sleep still running on the server after Esc")

        // The UI is still up and answers keys: the help opens and closes, then q quits cleanly.
        try tmux.send("?")
        try tmux.waitFor("Keys")
        try tmux.send("x", "Q")
        let after = try tmux.waitFor(":END", seconds: 10)
        #expect(after.contains("EXIT=0"))
        #expect(after.contains("echo") && !after.contains("-echo"))
        #expect(after.contains("icanon") && !after.contains("-icanon"))
    }
}
