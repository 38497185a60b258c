import Foundation
import QueryEngine
import SemanticModel
import Testing
import Warehouse

/// Month, quarter and year duration intervals, over timestamps, epoch seconds and yyyymmdd integers,
/// and time groups over epoch and yyyymmdd: executed on both databases.
@Suite(.serialized) struct DurationIntervalTests {
    /// PostgreSQL's own AGE(): whole months as the database counts them, written by hand.
    static let handAge = """
        SELECT id,
          CAST(EXTRACT(YEAR FROM AGE(end_at, start_at)) * 12 + EXTRACT(MONTH FROM AGE(end_at, start_at)) AS INTEGER),
          CAST(EXTRACT(YEAR FROM AGE(end_at, start_at)) * 12 + EXTRACT(MONTH FROM AGE(end_at, start_at)) AS INTEGER) / 3,
          CAST(EXTRACT(YEAR FROM AGE(end_at, start_at)) AS INTEGER)
        FROM spans
        """

    static let spec = QuerySpec(explore: "spans", fields: ["spans.id", "spans.months_span", "spans.quarters_span", "spans.years_span"], limit: 100)

    @Test func monthsQuartersYearsMatchPostgresAge() throws {
        let dbs = try ExtrasFixture.databases()
        let pg = dbs.first { $0.name == "postgres" }!
        let want = try pg.query(Self.handAge)
        for db in dbs {
            let compiled = try ExtrasFixture.compile(Self.spec, db.dialect)
            let got = try db.query(compiled.sql)
            // SQLite's answer is compared with PostgreSQL's AGE too: one definition of a whole month.
            ResultCheck.expectSame(got, want, sql: compiled.sql, handSQL: Self.handAge, db: db.name)
        }
    }

    /// The cases the rule is about, spelled out: month ends, one second short, negative spans, leap day.
    @Test func edgeCasesCountWholeMonthsTowardZero() throws {
        let months: [Int: String] = [1: "0", 2: "1", 3: "12", 4: "11", 5: "-16", 6: "-15", 7: "11", 8: "6", 9: "NULL"]
        for db in try ExtrasFixture.databases() {
            let compiled = try ExtrasFixture.compile(Self.spec, db.dialect)
            for row in ResultCheck.rows(try db.query(compiled.sql)) {
                let id = Int(Double(row[0])!)
                let want = months[id].map { $0 == "NULL" ? "NULL" : ResultCheck.number(Double($0)!) }
                #expect(row[1] == want, "\(db.name) span \(id): \(row[1])\n\(compiled.sql)")
            }
        }
    }

    @Test func epochAndYYYYMMDDDurations() throws {
        let spec = QuerySpec(explore: "spans", fields: ["spans.id", "spans.hours_span_epoch", "spans.months_span_epoch", "spans.years_span_epoch",
                                                        "spans.days_span_ymd", "spans.months_span_ymd", "spans.quarters_span_ymd"], limit: 100)
        for db in try ExtrasFixture.databases() {
            let hand = db.name == "postgres" ? """
                SELECT id, FLOOR((end_epoch - start_epoch) / 3600.0),
                  CAST(EXTRACT(YEAR FROM AGE(end_at, start_at)) * 12 + EXTRACT(MONTH FROM AGE(end_at, start_at)) AS INTEGER),
                  CAST(EXTRACT(YEAR FROM AGE(end_at, start_at)) AS INTEGER),
                  CAST(end_at AS DATE) - CAST(start_at AS DATE),
                  CAST(EXTRACT(YEAR FROM AGE(CAST(end_at AS DATE), CAST(start_at AS DATE))) * 12 + EXTRACT(MONTH FROM AGE(CAST(end_at AS DATE), CAST(start_at AS DATE))) AS INTEGER),
                  CAST(EXTRACT(YEAR FROM AGE(CAST(end_at AS DATE), CAST(start_at AS DATE))) * 12 + EXTRACT(MONTH FROM AGE(CAST(end_at AS DATE), CAST(start_at AS DATE))) AS INTEGER) / 3
                FROM spans
                """ : nil
            let compiled = try ExtrasFixture.compile(spec, db.dialect)
            let got = try db.query(compiled.sql)
            if let hand {
                ResultCheck.expectSame(got, try db.query(hand), sql: compiled.sql, handSQL: hand, db: db.name)
            } else {
                // SQLite must agree with PostgreSQL's hand-written answer for the same rows.
                let pg = try ExtrasFixture.databases().first { $0.name == "postgres" }!
                let pgCompiled = try ExtrasFixture.compile(spec, pg.dialect)
                ResultCheck.expectSame(got, try pg.query(pgCompiled.sql), sql: compiled.sql, handSQL: pgCompiled.sql, db: db.name)
            }
        }
    }

    @Test func timeGroupsOverEpochAndYYYYMMDD() throws {
        let spec = QuerySpec(explore: "spans", fields: ["spans.id", "spans.start_epoch_time", "spans.start_epoch_date", "spans.start_epoch_hour4",
                                                        "spans.start_ymd_date", "spans.start_ymd_month"], limit: 100)
        func p2(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        let want = ExtrasFixture.spans.map { s -> [String] in
            let t = s.start
            return [ResultCheck.number(Double(s.id)), t.description, t.date.description, "\(t.date) \(p2(t.hour / 4 * 4)):00",
                    t.date.description, "\(t.date.year)-\(p2(t.date.month))"]
        }
        for db in try ExtrasFixture.databases() {
            let compiled = try ExtrasFixture.compile(spec, db.dialect)
            let got = ResultCheck.rows(try db.query(compiled.sql)).sorted { Double($0[0])! < Double($1[0])! }
            #expect(got == want, "\(db.name)\n\(compiled.sql)")
        }
    }
}
