import QueryEngine
import SemanticModel
import Testing
import Warehouse

/// `type: period_over_period`: the based_on measure one period earlier (previous, difference,
/// relative change), on SQLite and PostgreSQL against a hand-written self-join of the periods.
@Suite(.serialized) struct PeriodOverPeriodTests {
    /// Per month (with its start): order count and amount.
    static func months(_ db: String, by extra: String = "") -> String {
        db == "postgres"
            ? "SELECT \(extra)TO_CHAR(created_at, 'YYYY-MM') AS mon, DATE_TRUNC('month', created_at) AS start, COUNT(*) AS n, SUM(amount) AS amt FROM orders GROUP BY \(extra)1, 2"
            : "SELECT \(extra)strftime('%Y-%m', created_at) AS mon, date(created_at, 'start of month') AS start, COUNT(*) AS n, SUM(amount) AS amt FROM orders GROUP BY \(extra)1, 2"
    }
    static func earlier(_ db: String, _ start: String, _ shift: String) -> String {
        db == "postgres" ? "\(start) - INTERVAL '\(shift)'" : "date(\(start), '-\(shift)')"
    }

    @Test func previousYearAndRelativeChangeByMonth() throws {
        let spec = QuerySpec(explore: "realworld/orders", fields: ["orders.created_month", "orders.count", "orders.count_last_year",
                                                                   "orders.amount_relative_change_yoy"])
        try RealWorldFixture.check(spec) { db in
            """
            WITH m AS (\(Self.months(db)))
            SELECT a.mon, a.n, y.n, 1.0 * (a.amt - y.amt) / NULLIF(y.amt, 0)
            FROM m a LEFT JOIN m y ON y.start = \(Self.earlier(db, "a.start", "1 year"))
            """
        }
    }

    @Test func differenceFromTheMonthBefore() throws {
        let spec = QuerySpec(explore: "realworld/orders", fields: ["orders.created_month", "orders.amount_change_vs_last_month"],
                             sorts: [SortKey(field: "orders.created_month")], limit: 40)
        try RealWorldFixture.check(spec, ordered: true) { db in
            """
            WITH m AS (\(Self.months(db)))
            SELECT a.mon, a.amt - p.amt
            FROM m a LEFT JOIN m p ON p.start = \(Self.earlier(db, "a.start", "1 month"))
            ORDER BY a.mon LIMIT 40
            """
        }
    }

    @Test func twoPeriodsSideBySide() throws {
        let spec = QuerySpec(explore: "realworld/orders", fields: ["orders.created_month", "orders.count_last_year", "orders.amount_change_vs_last_month"])
        try RealWorldFixture.check(spec) { db in
            """
            WITH m AS (\(Self.months(db)))
            SELECT a.mon, y.n, a.amt - p.amt
            FROM m a LEFT JOIN m y ON y.start = \(Self.earlier(db, "a.start", "1 year"))
                     LEFT JOIN m p ON p.start = \(Self.earlier(db, "a.start", "1 month"))
            """
        }
    }

    @Test func otherDimensionsAndRowFiltersApplyToBothPeriods() throws {
        let spec = QuerySpec(explore: "realworld/orders", fields: ["orders.status", "orders.created_year", "orders.count_last_year", "orders.count"],
                             filters: [FilterCondition(field: "orders.status", expression: "-cancelled")])
        try RealWorldFixture.check(spec) { db in
            let year = db == "postgres" ? "CAST(EXTRACT(YEAR FROM created_at) AS INTEGER)" : "CAST(strftime('%Y', created_at) AS INTEGER)"
            return """
                WITH y AS (SELECT status, \(year) AS yr, COUNT(*) AS n FROM orders WHERE status <> 'cancelled' OR status IS NULL GROUP BY 1, 2)
                SELECT a.status, a.yr, b.n, a.n
                FROM y a LEFT JOIN y b ON b.yr = a.yr - 1 AND (b.status = a.status OR (b.status IS NULL AND a.status IS NULL))
                """
        }
    }

    @Test func refusalsNameTheMeasureAndTheFix() throws {
        let cases: [(QuerySpec, String)] = [
            (QuerySpec(explore: "realworld/orders", fields: ["orders.status", "orders.count_last_year"]),
             "period_over_period measure 'orders.count_last_year' compares periods of 'orders.created'; add its date, week, month, quarter or year timeframe to the query"),
            (QuerySpec(explore: "realworld/orders", fields: ["orders.created_year", "orders.amount_change_vs_last_month"]),
             "period_over_period measure 'orders.amount_change_vs_last_month' compares by month, which does not line up with 'orders.created_year' (year rows); pick a fiscal_year or year period or another timeframe"),
            (QuerySpec(explore: "realworld/orders", fields: ["orders.created_month", "orders.count_last_year"],
                       filters: [FilterCondition(field: "orders.created_date", expression: "2024")]),
             "period_over_period measure 'orders.count_last_year' cannot be combined with a filter on 'orders.created_date', the time it compares; filter another field"),
        ]
        for (spec, message) in cases {
            #expect(throws: QueryError(message)) { try RealWorldFixture.compile(spec) }
        }
    }
}
