import Foundation
import QueryEngine
import Testing

@Suite("Date filter expressions")
struct DateFilterTests {
    /// An instant given as wall-clock time in `zone`, so each test reads like the user's clock.
    static func context(_ ymdhms: String, _ zone: String = "UTC") -> FilterContext {
        let tz = TimeZone(identifier: zone)!
        var cal = Calendar(identifier: .gregorian)
        cal.timeZone = tz
        let p = ymdhms.split(whereSeparator: { $0 == "-" || $0 == " " || $0 == ":" }).map { Int($0)! }
        let date = cal.date(from: DateComponents(year: p[0], month: p[1], day: p[2], hour: p[3], minute: p[4], second: p[5]))!
        return FilterContext(now: date, timeZone: tz)
    }

    /// The bounds a filter resolves to as "[start, end)" (or the single bound for before/after).
    func range(_ text: String, at now: String, zone: String = "UTC", type: FilterFieldType = .timestamp) throws -> String {
        let sql = try FilterExpression.parse(text, type: type, field: "orders.created")
            .sql("t", dialect: SQLiteFilterDialect(), context: Self.context(now, zone))
        if sql.hasPrefix("(t >= '"), sql.hasSuffix("')") {
            let parts = sql.dropFirst(7).dropLast(2).components(separatedBy: "' AND t < '")
            if parts.count == 2 { return "[\(parts[0]), \(parts[1]))" }
        }
        return sql
    }

    @Test func absoluteDatesCoverTheirPrecision() throws {
        let now = "2020-01-01 00:00:00"
        #expect(try range("2018/05/29", at: now) == "[2018-05-29 00:00:00, 2018-05-30 00:00:00)")
        #expect(try range("2018-05-29", at: now) == "[2018-05-29 00:00:00, 2018-05-30 00:00:00)")
        #expect(try range("2018/05", at: now) == "[2018-05-01 00:00:00, 2018-06-01 00:00:00)")
        #expect(try range("2018", at: now) == "[2018-01-01 00:00:00, 2019-01-01 00:00:00)")
        #expect(try range("2024/02", at: now) == "[2024-02-01 00:00:00, 2024-03-01 00:00:00)")
        #expect(try range("2018/05/29 10:00", at: now) == "[2018-05-29 10:00:00, 2018-05-29 10:01:00)")
        #expect(try range("2018/05/29 10:00:30", at: now) == "[2018-05-29 10:00:30, 2018-05-29 10:00:31)")
        #expect(try range("2018-05-29T10:00:30", at: now) == "[2018-05-29 10:00:30, 2018-05-29 10:00:31)")
        #expect(try range("2018-05-29T10:00 for 2 hours", at: now) == "[2018-05-29 10:00:00, 2018-05-29 12:00:00)")
        #expect(try range("2018/05/10 for 3 days", at: now) == "[2018-05-10 00:00:00, 2018-05-13 00:00:00)")
        #expect(try range("2018/05/10 to 2018/05/18", at: now) == "[2018-05-10 00:00:00, 2018-05-18 00:00:00)")
        #expect(try range("2024/01/31 for 1 month", at: now) == "[2024-01-31 00:00:00, 2024-02-29 00:00:00)")
        #expect(try range("after 2018/05/10", at: now) == "t >= '2018-05-10 00:00:00'")
        #expect(try range("before 2018/05/10", at: now) == "t < '2018-05-10 00:00:00'")
        #expect(try range("2018/05/29, 2018/06", at: now)
            == "((t >= '2018-05-29 00:00:00' AND t < '2018-05-30 00:00:00') OR (t >= '2018-06-01 00:00:00' AND t < '2018-07-01 00:00:00'))")
    }

    @Test func relativePeriodsOnAnOrdinarySunday() throws {
        let now = "2024-03-31 15:20:05"  // a Sunday: its week started Monday 2024-03-25
        #expect(try range("today", at: now) == "[2024-03-31 00:00:00, 2024-04-01 00:00:00)")
        #expect(try range("yesterday", at: now) == "[2024-03-30 00:00:00, 2024-03-31 00:00:00)")
        #expect(try range("tomorrow", at: now) == "[2024-04-01 00:00:00, 2024-04-02 00:00:00)")
        #expect(try range("this week", at: now) == "[2024-03-25 00:00:00, 2024-04-01 00:00:00)")
        #expect(try range("last week", at: now) == "[2024-03-18 00:00:00, 2024-03-25 00:00:00)")
        #expect(try range("next week", at: now) == "[2024-04-01 00:00:00, 2024-04-08 00:00:00)")
        #expect(try range("this quarter", at: now) == "[2024-01-01 00:00:00, 2024-04-01 00:00:00)")
        #expect(try range("next quarter", at: now) == "[2024-04-01 00:00:00, 2024-07-01 00:00:00)")
        #expect(try range("last 7 days", at: now) == "[2024-03-25 00:00:00, 2024-04-01 00:00:00)")
        #expect(try range("7 days", at: now) == "[2024-03-25 00:00:00, 2024-04-01 00:00:00)")
        #expect(try range("last 3 complete weeks", at: now) == "[2024-03-04 00:00:00, 2024-03-25 00:00:00)")
        #expect(try range("7 days ago", at: now) == "[2024-03-24 00:00:00, 2024-03-25 00:00:00)")
        #expect(try range("7 days ago for 7 days", at: now) == "[2024-03-24 00:00:00, 2024-03-31 00:00:00)")
        #expect(try range("3 months ago for 2 months", at: now) == "[2023-12-01 00:00:00, 2024-02-01 00:00:00)")
        #expect(try range("next 2 weeks", at: now) == "[2024-04-01 00:00:00, 2024-04-15 00:00:00)")
        #expect(try range("2 days from now", at: now) == "[2024-04-02 00:00:00, 2024-04-03 00:00:00)")
        #expect(try range("last 2 hours", at: now) == "[2024-03-31 14:00:00, 2024-03-31 16:00:00)")
        #expect(try range("this hour", at: now) == "[2024-03-31 15:00:00, 2024-03-31 16:00:00)")
        #expect(try range("before 7 days ago", at: now) == "t < '2024-03-24 00:00:00'")
        #expect(try range("after 3 days ago", at: now) == "t >= '2024-03-28 00:00:00'")
        #expect(try range("2024/03/01 to now", at: now) == "[2024-03-01 00:00:00, 2024-03-31 15:20:05)")
        #expect(try range("LAST Month", at: now) == "[2024-02-01 00:00:00, 2024-03-01 00:00:00)")
    }

    @Test func monthQuarterAndYearBoundaries() throws {
        let newYear = "2024-01-01 00:00:00"  // a Monday, first instant of a month, quarter and year
        #expect(try range("yesterday", at: newYear) == "[2023-12-31 00:00:00, 2024-01-01 00:00:00)")
        #expect(try range("this week", at: newYear) == "[2024-01-01 00:00:00, 2024-01-08 00:00:00)")
        #expect(try range("last week", at: newYear) == "[2023-12-25 00:00:00, 2024-01-01 00:00:00)")
        #expect(try range("last month", at: newYear) == "[2023-12-01 00:00:00, 2024-01-01 00:00:00)")
        #expect(try range("last quarter", at: newYear) == "[2023-10-01 00:00:00, 2024-01-01 00:00:00)")
        #expect(try range("last year", at: newYear) == "[2023-01-01 00:00:00, 2024-01-01 00:00:00)")
        #expect(try range("this year", at: newYear) == "[2024-01-01 00:00:00, 2025-01-01 00:00:00)")
        let yearEnd = "2023-12-31 23:59:59"  // a Sunday
        #expect(try range("this month", at: yearEnd) == "[2023-12-01 00:00:00, 2024-01-01 00:00:00)")
        #expect(try range("next month", at: yearEnd) == "[2024-01-01 00:00:00, 2024-02-01 00:00:00)")
        #expect(try range("this quarter", at: yearEnd) == "[2023-10-01 00:00:00, 2024-01-01 00:00:00)")
        #expect(try range("this week", at: yearEnd) == "[2023-12-25 00:00:00, 2024-01-01 00:00:00)")
        #expect(try range("1 month ago", at: "2024-03-31 12:00:00") == "[2024-02-01 00:00:00, 2024-03-01 00:00:00)")
        #expect(try range("last 2 quarters", at: "2024-05-15 12:00:00") == "[2024-01-01 00:00:00, 2024-07-01 00:00:00)")
    }

    @Test func theQueryTimeZoneDecidesWhichDayItIs() throws {
        // 2024-01-01 03:00 UTC is still New Year's Eve in Los Angeles.
        let ctx = Self.context("2024-01-01 03:00:00")
        let sql = try FilterExpression.parse("today, this year", type: .timestamp, field: "orders.created")
            .sql("t", dialect: SQLiteFilterDialect(),
                 context: FilterContext(now: ctx.now, timeZone: TimeZone(identifier: "America/Los_Angeles")!))
        #expect(sql == "((t >= '2023-12-31 00:00:00' AND t < '2024-01-01 00:00:00') OR (t >= '2023-01-01 00:00:00' AND t < '2024-01-01 00:00:00'))")
    }

    @Test func daylightSavingDays() throws {
        let zone = "America/New_York"
        // 2026-03-08: clocks jump from 02:00 to 03:00; the day is 23 hours but still midnight to midnight.
        #expect(try range("today", at: "2026-03-08 12:00:00", zone: zone) == "[2026-03-08 00:00:00, 2026-03-09 00:00:00)")
        // Two real hours before 03:xx EDT started at 01:00 EST (02:00 never happened).
        #expect(try range("last 2 hours", at: "2026-03-08 03:30:00", zone: zone) == "[2026-03-08 01:00:00, 2026-03-08 04:00:00)")
        // 2026-11-01: clocks fall back; "yesterday" and "this week" are still whole wall-clock days.
        #expect(try range("yesterday", at: "2026-11-01 12:00:00", zone: zone) == "[2026-10-31 00:00:00, 2026-11-01 00:00:00)")
        #expect(try range("this week", at: "2026-11-01 12:00:00", zone: zone) == "[2026-10-26 00:00:00, 2026-11-02 00:00:00)")
        #expect(try range("last 24 hours", at: "2026-11-01 12:00:00", zone: zone) == "[2026-10-31 14:00:00, 2026-11-01 13:00:00)")
    }

    @Test func dateFieldsUseDateLiteralsAtMidnight() throws {
        let now = "2024-03-31 15:20:05"
        #expect(try range("last 7 days", at: now, type: .date) == "[2024-03-25, 2024-04-01)")
        #expect(try range("2018/05/29 10:00 for 1 day", at: now, type: .date) == "[2018-05-30, 2018-05-31)")
        #expect(try range("this hour", at: now, type: .date) == "[2024-04-01, 2024-04-01)")
    }

    @Test func nullsAndCase() throws {
        let now = "2024-03-31 15:20:05"
        #expect(try range("NULL", at: now) == "t IS NULL")
        #expect(try range("not null", at: now) == "t IS NOT NULL")
        #expect(try range("-NULL", at: now) == "t IS NOT NULL")
        #expect(try range("2024, NULL", at: now) == "((t >= '2024-01-01 00:00:00' AND t < '2025-01-01 00:00:00') OR t IS NULL)")
        let e = try FilterExpression.parse("last 3 complete weeks, 2018/05/10 for 3 days", type: .date, field: "orders.created")
        #expect("\(e.node)" == "date([during(last(3 week complete)), during(2018-05-10 00:00:00/day for 3 day)])")
    }

    @Test func malformedDatesNameFieldTextAndExpectation() {
        func message(_ text: String) -> String {
            do {
                let e = try FilterExpression.parse(text, type: .date, field: "orders.created")
                return try e.sql("t", dialect: SQLiteFilterDialect(), context: Self.context("2024-03-31 15:20:05"))
            } catch { return "\(error)" }
        }
        #expect(message("2018/13/45") == "invalid filter for 'orders.created': expected a valid date (YYYY, YYYY/MM or YYYY/MM/DD) but found '2018/13/45' in '2018/13/45'")
        #expect(message("2019/02/29") == "invalid filter for 'orders.created': expected a valid date (YYYY, YYYY/MM or YYYY/MM/DD) but found '2019/02/29' in '2019/02/29'")
        #expect(message("last x days") == "invalid filter for 'orders.created': expected a unit (second, minute, hour, day, week, month, quarter or year) but found 'x' in 'last x days'")
        #expect(message("7 fortnights") == "invalid filter for 'orders.created': expected a valid date (YYYY, YYYY/MM or YYYY/MM/DD) but found '7' in '7 fortnights'")
        #expect(message("2018/05/10 for") == "invalid filter for 'orders.created': expected a whole number of units but the text ended in '2018/05/10 for'")
        #expect(message("2018-05T10:00") == "invalid filter for 'orders.created': expected a valid date (YYYY, YYYY/MM or YYYY/MM/DD) but found '2018-05T10:00' in '2018-05T10:00'")
        #expect(message("2018-05-29T10:99") == "invalid filter for 'orders.created': expected a valid time (HH:MM or HH:MM:SS) but found '10:99' in '2018-05-29T10:99'")
        #expect(message("Last X Days") == "invalid filter for 'orders.created': expected a unit (second, minute, hour, day, week, month, quarter or year) but found 'X' in 'Last X Days'")
        #expect(message("2018/05/29 25:00") == "invalid filter for 'orders.created': expected a valid time (HH:MM or HH:MM:SS) but found '25:00' in '2018/05/29 25:00'")
        #expect(message("soon") == "invalid filter for 'orders.created': expected a date (YYYY/MM/DD), a relative period like 'last 7 days' or 'this month', or NULL but found 'soon' in 'soon'")
        #expect(message("today tomorrow") == "invalid filter for 'orders.created': expected 'for', 'to', a comma or the end of the filter but found 'tomorrow' in 'today tomorrow'")
        #expect(message("9999 for 2 years") == "invalid filter for 'orders.created': expected a date range within years 1 to 9999 but found '9999-01-01 00:00:00/year for 2 year' in '9999 for 2 years'")
    }

    @Test func boundsForTemplatedFilters() throws {
        func bounds(_ text: String) throws -> String {
            let e = try FilterExpression.parse(text, type: .date, field: "orders.created")
            guard let b = try e.dateBounds(context: Self.context("2024-03-31 15:20:05")) else { return "none" }
            return "\(b.start.map(\.description) ?? "open") … \(b.end.map(\.description) ?? "open")"
        }
        #expect(try bounds("last month") == "2024-02-01 00:00:00 … 2024-03-01 00:00:00")
        #expect(try bounds("before 2016/01/01") == "open … 2016-01-01 00:00:00")
        #expect(try bounds("after 2016/01/01") == "2016-01-01 00:00:00 … open")
        #expect(try bounds("") == "none")
        #expect(try bounds("NULL") == "none")
        #expect(try bounds("2018, 2019") == "none")
    }
}
