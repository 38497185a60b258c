import Foundation
import QueryEngine
import SemanticModel
import Testing

/// Golden SQL per dialect; `RECORD_SNAPSHOTS=1 swift test --filter GoldenSQL` re-records them.
@Suite struct GoldenSQLTests {
    static let goldenRoot = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().appendingPathComponent("Golden")

    static let queries: [(String, QuerySpec)] = [
        ("fanout", QuerySpec(explore: "users", fields: ["users.state", "users.count", "orders.total_amount", "order_items.total_sale_price"],
                             filters: [FilterCondition(field: "users.name", expression: "O'Brien,%x%")])),
        ("pivot_totals", QuerySpec(explore: "orders", fields: ["users.state", "orders.count", "orders.median_amount"],
                                   sorts: [SortKey(field: "orders.count", descending: true)], pivots: ["orders.status"], limit: 20, totals: true, rowTotals: true)),
        ("timeframes", QuerySpec(explore: "users", fields: ["users.created_month", "users.created_week", "users.created_day_of_week", "users.is_vip", "users.age_tier", "users.count"],
                                 filters: [FilterCondition(field: "users.created_date", expression: "last 30 days")])),
        // The realworld fixture (RealWorldFixture): native derived tables, dimension shapes, period over period.
        ("native_derived_table", QuerySpec(explore: "realworld/orders", fields: ["users.state", "state_facts.most_users_in_state",
                                                                                 "user_status_facts.most_orders_in_filter"],
                                           filters: [FilterCondition(field: "users.is_vip", expression: "yes")])),
        ("dimension_shapes", QuerySpec(explore: "realworld/users", fields: ["users.age_group", "users.created_week", "users.created_fiscal_quarter",
                                                                            "users.mean_age", "page_views.count"],
                                       sorts: [SortKey(field: "users.age_group")])),
        ("period_over_period", QuerySpec(explore: "realworld/orders", fields: ["orders.created_month", "orders.count", "orders.count_last_year",
                                                                               "orders.amount_relative_change_yoy"])),
    ]

    static func project(_ name: String) -> Project {
        ["native_derived_table", "dimension_shapes", "period_over_period"].contains(name) ? RealWorldFixture.project : ShopFixture.project
    }

    static var options: CompileOptions {
        CompileOptions(now: Date(timeIntervalSince1970: 1_767_225_600), queryTimeZone: TimeZone(secondsFromGMT: 3600)!)
    }

    static func render(_ compiled: CompiledQuery) -> String {
        var text = "-- main\n" + compiled.sql + "\n"
        if let t = compiled.totalsSQL { text += "-- totals\n" + t + "\n" }
        if let r = compiled.rowTotalsSQL { text += "-- row totals\n" + r + "\n" }
        if let p = compiled.pivotValuesSQL { text += "-- pivot values\n" + p + "\n" }
        return text
    }

    @Test(arguments: ["postgres", "sqlite", "duckdb", "snowflake", "bigquery", "redshift"])
    func goldenSQL(dialectName: String) throws {
        let dialect = try Dialects.named(dialectName)
        let record = ProcessInfo.processInfo.environment["RECORD_SNAPSHOTS"] == "1"
        for (name, spec) in Self.queries {
            let text = Self.render(try QueryCompiler.compile(spec, project: Self.project(name), dialect: dialect, options: Self.options))
            let file = Self.goldenRoot.appendingPathComponent(dialectName).appendingPathComponent("\(name).sql")
            if record {
                try FileManager.default.createDirectory(at: file.deletingLastPathComponent(), withIntermediateDirectories: true)
                try text.write(to: file, atomically: true, encoding: .utf8)
                continue
            }
            let golden = try? String(contentsOf: file, encoding: .utf8)
            #expect(golden == text, "\(file.path) differs (RECORD_SNAPSHOTS=1 re-records):\n\(text)")
        }
    }
}
