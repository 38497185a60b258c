import Foundation
import QueryEngine
import SemanticModel
import Testing
import Warehouse

/// Every dimension type and timeframe, checked against values computed in Swift from the raw rows.
@Suite(.serialized) struct DimensionTypeTests {
    static let timeframes = ["date", "month", "year", "quarter", "week", "time", "hour", "minute", "time_of_day", "hour_of_day",
                             "day_of_week", "day_of_week_index", "day_of_month", "day_of_year", "week_of_year", "month_name",
                             "month_num", "quarter_of_year"]
    static let dayNames = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"]
    static let monthNames = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]

    /// The Looker rendering of each timeframe of `t` (UTC wall time) shifted into `zone`.
    static func expected(_ t: LocalDateTime, zone: TimeZone) -> [String] {
        var utc = Calendar(identifier: .gregorian)
        utc.timeZone = TimeZone(identifier: "UTC")!
        let instant = utc.date(from: DateComponents(year: t.date.year, month: t.date.month, day: t.date.day, hour: t.hour, minute: t.minute, second: t.second))!
        var cal = Calendar(identifier: .iso8601)
        cal.timeZone = zone
        let c = cal.dateComponents([.year, .month, .day, .hour, .minute, .second, .weekday, .weekOfYear], from: instant)
        func p2(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }
        let date = "\(c.year!)-\(p2(c.month!))-\(p2(c.day!))"
        let dowIndex = (c.weekday! + 5) % 7
        let monday = cal.date(byAdding: .day, value: -dowIndex, to: instant)!
        let m = cal.dateComponents([.year, .month, .day], from: monday)
        let doy = cal.ordinality(of: .day, in: .year, for: instant)!
        let quarter = (c.month! - 1) / 3 + 1
        let n = ResultCheck.number
        return [date, "\(c.year!)-\(p2(c.month!))", n(Double(c.year!)), "\(c.year!)-Q\(quarter)",
                "\(m.year!)-\(p2(m.month!))-\(p2(m.day!))", "\(date) \(p2(c.hour!)):\(p2(c.minute!)):\(p2(c.second!))",
                "\(date) \(p2(c.hour!))", "\(date) \(p2(c.hour!)):\(p2(c.minute!))", "\(p2(c.hour!)):\(p2(c.minute!))",
                n(Double(c.hour!)), dayNames[dowIndex], n(Double(dowIndex)), n(Double(c.day!)), n(Double(doy)),
                n(Double(c.weekOfYear!)), monthNames[c.month! - 1], n(Double(c.month!)), "Q\(quarter)"]
    }

    func checkTimeframes(zone: TimeZone, on db: ShopFixture.Database) throws {
        var options = CompileOptions()
        options.queryTimeZone = zone
        let spec = QuerySpec(explore: "users", fields: ["users.id"] + Self.timeframes.map { "users.created_\($0)" }, limit: 500)
        let compiled = try QueryCompiler.compile(spec, project: ShopFixture.project, dialect: db.dialect, options: options)
        let got = ResultCheck.rows(try db.query(compiled.sql)).sorted { Double($0[0])! < Double($1[0])! }
        let want = ShopFixture.data.users.map { [ResultCheck.number(Double($0.id))] + Self.expected($0.createdAt, zone: zone) }
        #expect(got.count == want.count)
        for (g, w) in zip(got, want) {
            for (i, name) in (["id"] + Self.timeframes).enumerated() where g[i] != w[i] {
                Issue.record("\(db.name) \(zone.identifier) user \(w[0]) \(name): got \(g[i]), expected \(w[i])\n\(compiled.sql)")
            }
        }
    }

    @Test func everyTimeframeInUTCAndAFixedOffset() throws {
        for db in try ShopFixture.databases() {
            try checkTimeframes(zone: TimeZone(identifier: "UTC")!, on: db)
            try checkTimeframes(zone: TimeZone(secondsFromGMT: 5 * 3600 + 1800)!, on: db)
        }
    }

    @Test func namedTimeZoneOnPostgresAndUnsupportedOnSQLite() throws {
        let zone = TimeZone(identifier: "America/New_York")!
        for db in try ShopFixture.databases() where db.name == "postgres" {
            try checkTimeframes(zone: zone, on: db)
        }
        var options = CompileOptions()
        options.queryTimeZone = zone
        #expect {
            try QueryCompiler.compile(QuerySpec(explore: "users", fields: ["users.created_date"]), project: ShopFixture.project,
                                      dialect: SQLiteDialect(), options: options)
        } throws: { "\($0)".contains("America/New_York") && "\($0)".contains("not supported by the sqlite dialect") }
    }

    @Test func yesnoTierZipcodeAndDuration() throws {
        let spec = QuerySpec(explore: "users", fields: ["users.id", "users.is_vip", "users.age_tier", "users.age_band", "users.zip"], limit: 500)
        func tier(_ age: Int?) -> String {
            guard let age else { return "NULL" }
            return age < 20 ? "Below 20" : age < 30 ? "20 to 29" : age < 40 ? "30 to 39" : "40 or Above"
        }
        func band(_ age: Int?) -> String {
            guard let age else { return "NULL" }
            return age < 25 ? "T00 (-inf,25)" : age < 35 ? "T01 [25,35)" : "T02 [35,inf)"
        }
        let want = ShopFixture.data.users.map { [ResultCheck.number(Double($0.id)), $0.vip == 1 ? "Yes" : "No", tier($0.age), band($0.age), $0.zip] }
        let orders = QuerySpec(explore: "orders", fields: ["orders.id", "orders.days_fulfillment", "orders.hours_fulfillment"], limit: 5000)
        let wantOrders = ShopFixture.data.orders.map { o -> [String] in
            guard let s = o.shippedAt else { return [ResultCheck.number(Double(o.id)), "NULL", "NULL"] }
            let seconds = Self.seconds(s) - Self.seconds(o.createdAt)
            return [ResultCheck.number(Double(o.id)), ResultCheck.number(Double(seconds / 86400)), ResultCheck.number(Double(seconds / 3600))]
        }
        for db in try ShopFixture.databases() {
            let compiled = try QueryCompiler.compile(spec, project: ShopFixture.project, dialect: db.dialect)
            let got = ResultCheck.rows(try db.query(compiled.sql)).sorted { Double($0[0])! < Double($1[0])! }
            #expect(got == want, "\(db.name)\n\(compiled.sql)")
            let c2 = try QueryCompiler.compile(orders, project: ShopFixture.project, dialect: db.dialect)
            let got2 = ResultCheck.rows(try db.query(c2.sql)).sorted { Double($0[0])! < Double($1[0])! }
            #expect(got2 == wantOrders, "\(db.name)\n\(c2.sql)")
        }
    }

    static func seconds(_ t: LocalDateTime) -> Int {
        var cal = Calendar(identifier: .gregorian)
        cal.timeZone = TimeZone(identifier: "UTC")!
        let d = cal.date(from: DateComponents(year: t.date.year, month: t.date.month, day: t.date.day, hour: t.hour, minute: t.minute, second: t.second))!
        return Int(d.timeIntervalSince1970)
    }

    @Test func dateFiltersCompareRawTimestampsInTheQueryZone() throws {
        for db in try ShopFixture.databases() {
            for (expression, test) in [("2024", { (t: LocalDateTime) in t.date.year == 2024 }),
                                       ("2023/06/01 to 2024/01/01", { t in t.date >= LocalDate(year: 2023, month: 6, day: 1) && t.date < LocalDate(year: 2024, month: 1, day: 1) })] {
                let spec = QuerySpec(explore: "users", fields: ["users.count"], filters: [FilterCondition(field: "users.created_date", expression: expression)])
                let compiled = try QueryCompiler.compile(spec, project: ShopFixture.project, dialect: db.dialect)
                let got = ResultCheck.rows(try db.query(compiled.sql))
                let want = ShopFixture.data.users.filter { test($0.createdAt) }.count
                #expect(got == [[ResultCheck.number(Double(want))]], "\(db.name) '\(expression)'\n\(compiled.sql)")
            }
        }
    }
}
