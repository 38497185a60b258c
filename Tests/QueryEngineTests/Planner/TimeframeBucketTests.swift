import Foundation
import QueryEngine
import SemanticModel
import Testing
import Warehouse

/// hourN / minuteN buckets, millisecond and microsecond, and `convert_tz: no`, executed on SQLite and
/// PostgreSQL and checked against values computed in Swift from the raw rows.
@Suite(.serialized) struct TimeframeBucketTests {
    static let buckets = ["hour2", "hour3", "hour4", "hour6", "hour8", "hour12", "minute2", "minute3", "minute5", "minute10",
                          "minute15", "minute30", "millisecond"]

    /// Looker's text for each bucket of `t` (UTC) seen in `zone`: hourN `YYYY-MM-DD HH:00`, minuteN
    /// `YYYY-MM-DD HH:MM` at the bucket start, millisecond `YYYY-MM-DD HH:MM:SS.000`.
    static func expected(_ t: LocalDateTime, zone: TimeZone) -> [String] {
        let instant = Date(timeIntervalSince1970: Double(DimensionTypeTests.seconds(t)))
        var cal = Calendar(identifier: .gregorian)
        cal.timeZone = zone
        let c = cal.dateComponents([.year, .month, .day, .hour, .minute, .second], from: instant)
        func p2(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        let date = "\(c.year!)-\(p2(c.month!))-\(p2(c.day!))"
        var out: [String] = []
        for n in [2, 3, 4, 6, 8, 12] { out.append("\(date) \(p2(c.hour! / n * n)):00") }
        for n in [2, 3, 5, 10, 15, 30] { out.append("\(date) \(p2(c.hour!)):\(p2(c.minute! / n * n))") }
        out.append("\(date) \(p2(c.hour!)):\(p2(c.minute!)):\(p2(c.second!)).000")
        return out
    }

    func check(zone: TimeZone, on db: ShopFixture.Database) throws {
        var options = CompileOptions()
        options.queryTimeZone = zone
        let fields = ["users.id"] + Self.buckets.map { "users.created_\($0)" } + ["users.created_wall_time", "users.created_wall_hour6"]
        let compiled = try ExtrasFixture.compile(QuerySpec(explore: "users", fields: fields, limit: 500), db.dialect, options: options)
        let got = ResultCheck.rows(try db.query(compiled.sql)).sorted { Double($0[0])! < Double($1[0])! }
        let utc = TimeZone(identifier: "UTC")!
        let want = ShopFixture.data.users.map { u -> [String] in
            let wall = Self.expected(u.createdAt, zone: utc)
            let t = u.createdAt
            func p2(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
            return [ResultCheck.number(Double(u.id))] + Self.expected(t, zone: zone)
                + ["\(t.date) \(p2(t.hour)):\(p2(t.minute)):\(p2(t.second))", wall[3]]
        }
        #expect(got.count == want.count, "\(db.name)")
        let names = ["id"] + Self.buckets + ["wall_time", "wall_hour6"]
        for (g, w) in zip(got, want) {
            for (i, name) in names.enumerated() where g[i] != w[i] {
                Issue.record("\(db.name) \(zone.identifier) user \(w[0]) \(name): got \(g[i]), expected \(w[i])\n\(compiled.sql)")
            }
        }
    }

    @Test func bucketsInUTCAndAHalfHourOffset() throws {
        for db in try ExtrasFixture.databases() {
            try check(zone: TimeZone(identifier: "UTC")!, on: db)
            try check(zone: TimeZone(secondsFromGMT: 5 * 3600 + 1800)!, on: db)
        }
    }

    @Test func bucketsInANamedZoneOnPostgres() throws {
        for db in try ExtrasFixture.databases() where db.name == "postgres" {
            try check(zone: TimeZone(identifier: "America/New_York")!, on: db)
        }
    }

    /// The bucket is a grouping, not just a label: counts per 6-hour bucket match hand-written SQL.
    @Test func hour6CountsMatchHandWrittenSQL() throws {
        let spec = QuerySpec(explore: "users", fields: ["users.created_hour6", "users.count"], limit: 500)
        for db in try ExtrasFixture.databases() {
            let hand = db.name == "postgres"
                ? "SELECT TO_CHAR(created_at, 'YYYY-MM-DD') || ' ' || LPAD(CAST(FLOOR(EXTRACT(HOUR FROM created_at) / 6) * 6 AS TEXT), 2, '0') || ':00', COUNT(*) FROM users GROUP BY 1"
                : "SELECT substr(created_at, 1, 10) || ' ' || printf('%02d', (CAST(substr(created_at, 12, 2) AS INTEGER) / 6) * 6) || ':00', COUNT(*) FROM users GROUP BY 1"
            try ResultCheck.check(spec, on: db, hand: hand, project: ExtrasFixture.project)
        }
    }

    /// A filter on a bucket compares the raw timestamp, like every other time timeframe.
    @Test func filterOnABucketUsesTheRawTimestamp() throws {
        let spec = QuerySpec(explore: "users", fields: ["users.count"], filters: [FilterCondition(field: "users.created_minute15", expression: "2024")])
        for db in try ExtrasFixture.databases() {
            try ResultCheck.check(spec, on: db, hand: "SELECT COUNT(*) FROM users WHERE created_at >= '2024-01-01' AND created_at < '2025-01-01'",
                                  project: ExtrasFixture.project)
        }
    }

    @Test func microsecondOnPostgresAndUnsupportedOnSQLite() throws {
        let spec = QuerySpec(explore: "users", fields: ["users.id", "users.created_micro_microsecond"], limit: 500)
        for db in try ExtrasFixture.databases() where db.name == "postgres" {
            try ResultCheck.check(spec, on: db, hand: "SELECT id, TO_CHAR(created_at, 'YYYY-MM-DD HH24:MI:SS') || '.000000' FROM users",
                                  project: ExtrasFixture.project)
        }
        #expect {
            try ExtrasFixture.compile(spec, SQLiteDialect())
        } throws: { "\($0)" == "the microsecond timeframe is not supported by the sqlite dialect" }
    }
}
