import Foundation
import QueryEngine
import SemanticModel
import Testing
import Warehouse

/// `case:`, `type: location`/`distance`, `week_start_day` and `fiscal_month_offset`: each compiled on
/// SQLite and PostgreSQL and compared with hand-written SQL (rows in order where order is the point).
@Suite(.serialized) struct DimensionShapeTests {
    static let ageRank = "CASE WHEN age < 30 THEN 0 WHEN age < 45 THEN 1 WHEN age >= 45 THEN 2 ELSE 3 END"
    static let ageGroup = "CASE WHEN age < 30 THEN 'Young' WHEN age < 45 THEN 'Middle' WHEN age >= 45 THEN 'Adult' ELSE 'Unknown' END"

    @Test func caseDimensionSortsInWhenOrder() throws {
        for descending in [false, true] {
            let spec = QuerySpec(explore: "realworld/users", fields: ["users.age_group", "users.count"],
                                 sorts: [SortKey(field: "users.age_group", descending: descending)])
            try RealWorldFixture.check(spec, ordered: true) { _ in
                "SELECT \(Self.ageGroup), COUNT(*) FROM users GROUP BY 1 ORDER BY MIN(\(Self.ageRank)) \(descending ? "DESC" : "ASC")"
            }
        }
    }

    @Test func caseDimensionWithoutElseIsNullAfterItsLabels() throws {
        let spec = QuerySpec(explore: "realworld/orders", fields: ["orders.status_group", "orders.count", "orders.total_amount"],
                             sorts: [SortKey(field: "orders.status_group")])
        try RealWorldFixture.check(spec, ordered: true) { _ in
            """
            SELECT CASE WHEN status = 'pending' THEN 'Open' WHEN status IN ('complete', 'returned') THEN 'Closed' END, COUNT(*), SUM(amount)
            FROM orders GROUP BY 1
            ORDER BY MIN(CASE WHEN status = 'pending' THEN 0 WHEN status IN ('complete', 'returned') THEN 1 ELSE 2 END)
            """
        }
    }

    @Test func alphaSortSortsCaseLabelsAsText() throws {
        let spec = QuerySpec(explore: "realworld/users", fields: ["users.age_group_alpha", "users.count"],
                             sorts: [SortKey(field: "users.age_group_alpha")])
        try RealWorldFixture.check(spec, ordered: true) { _ in
            "SELECT CASE WHEN age < 30 THEN 'Young' ELSE 'Older' END AS g, COUNT(*) FROM users GROUP BY 1 ORDER BY 1"
        }
    }

    @Test func caseDimensionAsAFilterMatchesItsLabels() throws {
        let spec = QuerySpec(explore: "realworld/users", fields: ["users.state", "users.count"],
                             filters: [FilterCondition(field: "users.age_group", expression: "Young,Unknown")])
        try RealWorldFixture.check(spec) { _ in
            "SELECT state, COUNT(*) FROM users WHERE age < 30 OR age IS NULL GROUP BY state"
        }
    }

    @Test func locationIsLatitudeCommaLongitudeAndDistanceIsHaversine() throws {
        let spec = QuerySpec(explore: "realworld/places", fields: ["places.name", "places.spot", "places.spot_latitude", "places.home_longitude",
                                                                   "places.commute_km", "places.commute_miles"])
        func haversine(_ radius: String) -> String {
            """
            2 * \(radius) * ASIN(SQRT(POWER(SIN(RADIANS(lat - home_lat) / 2), 2)
                + COS(RADIANS(home_lat)) * COS(RADIANS(lat)) * POWER(SIN(RADIANS(lon - home_lon) / 2), 2)))
            """
        }
        try RealWorldFixture.check(spec) { _ in
            "SELECT name, lat || ',' || lon, lat, home_lon, \(haversine("6371.0")), \(haversine("3958.7613")) FROM places"
        }
    }

    @Test func weekStartDaySundayMovesWeeksAndDayIndexes() throws {
        let spec = QuerySpec(explore: "realworld/users", fields: ["users.created_week", "users.created_day_of_week_index", "users.count"])
        try RealWorldFixture.check(spec) { db in
            db == "postgres"
                ? "SELECT CAST(created_at AS DATE) - CAST(EXTRACT(DOW FROM created_at) AS INTEGER), CAST(EXTRACT(DOW FROM created_at) AS INTEGER), COUNT(*) FROM users GROUP BY 1, 2"
                : "SELECT date(created_at, '-' || strftime('%w', created_at) || ' days'), CAST(strftime('%w', created_at) AS INTEGER), COUNT(*) FROM users GROUP BY 1, 2"
        }
    }

    /// Fiscal parts are the calendar parts of the timestamp moved back by the offset in months.
    static func fiscalHand(_ db: String, shiftBack months: Int) -> String {
        let f: String
        if db == "postgres" {
            f = "(created_at - INTERVAL '\(months) months')"
            return """
                SELECT CAST(EXTRACT(YEAR FROM \(f)) AS INTEGER),
                       CAST(EXTRACT(YEAR FROM \(f)) AS INTEGER) || '-Q' || CAST(EXTRACT(QUARTER FROM \(f)) AS INTEGER),
                       'Q' || CAST(EXTRACT(QUARTER FROM \(f)) AS INTEGER), CAST(EXTRACT(MONTH FROM \(f)) AS INTEGER), COUNT(*)
                FROM users GROUP BY 1, 2, 3, 4
                """
        }
        f = "date(created_at, 'start of month', '\(months > 0 ? "-" : "+")\(abs(months)) months')"
        let quarter = "((CAST(strftime('%m', \(f)) AS INTEGER) + 2) / 3)"
        return """
            SELECT CAST(strftime('%Y', \(f)) AS INTEGER), strftime('%Y', \(f)) || '-Q' || \(quarter), 'Q' || \(quarter),
                   CAST(strftime('%m', \(f)) AS INTEGER), COUNT(*)
            FROM users GROUP BY 1, 2, 3, 4
            """
    }

    @Test func fiscalMonthOffsetMovesTheFiscalYear() throws {
        let fields = ["users.created_fiscal_year", "users.created_fiscal_quarter", "users.created_fiscal_quarter_of_year",
                      "users.created_fiscal_month_num", "users.count"]
        for (model, offset) in [("realworld", 3), ("fiscal_back", -3), ("fiscal_ahead", 15)] {
            try RealWorldFixture.check(QuerySpec(explore: "\(model)/users", fields: fields)) { db in
                Self.fiscalHand(db, shiftBack: offset)
            }
        }
    }
}
