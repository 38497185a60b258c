import Foundation
import Presentation
import QueryEngine
import SemanticModel
import SpyglassCore
import Testing
import TestSupport
import Warehouse

/// Generated hostile values through every channel a business user controls (filter values,
/// dashboard filter values, parameter values, sorts, pivots, field names, drill values) never return
/// a row outside alice's access filter (country DE), and never change a table.
@Suite("access under hostile input", .serialized)
struct AccessFuzzTests {
    /// Pieces that have broken filter grammars, quoting and templating somewhere; values join 1–4 of them.
    static let pieces = [
        "'", "''", "\"", "\\", ";", "--", "/*", "*/", "%", "_", "^", ",", "-", "NULL", "-NULL", "EMPTY", "-EMPTY",
        " OR 1=1", "' OR '1'='1", "') OR ('1'='1", "DE", "FR", "BR", "US", "IT", "%DE%", "-DE", "DE,FR", "FR,DE",
        "DE' OR country='FR", "; DROP TABLE orders; --", "; DELETE FROM customers", " UNION SELECT * FROM customers",
        "${customers.country}", "${TABLE}", "{{ _user_attributes['country'] }}", "{% parameter label_prefix %}",
        "{% condition %}", "\n", "\t", "\r", "é", "🙂", "\u{202E}", ">=0", "[0,100]", "not null", "after 1900", "1=1",
        ")", "(", "customers.country", "orders.count", "orders.status", " desc", " asc", "orders.total_amount",
        "orders.amount", "revenue_audit", "/", "*", " ", "complete", "pending", "cancelled", "O'Brien", "50%",
        "Customer 5", "is any value", "-complete", "%,%", "^%", "^,", "\u{0}",
    ]

    struct Generator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state = state &* 6364136223846793005 &+ 1442695040888963407
            return state >> 33
        }
        mutating func value() -> String {
            let count = Int(next() % 4) + 1
            return (0..<count).map { _ in AccessFuzzTests.pieces[Int(next() % UInt64(AccessFuzzTests.pieces.count))] }.joined()
        }
    }

    enum Channel: CaseIterable {
        case countryFilter, nameFilter, statusFilter, measureFilter, dashboardFilter, parameter, sort, pivot, fieldName, drill
    }

    static let tables = ["customers", "orders", "order_items"]

    static func rowCounts(_ url: String) throws -> [String] {
        try tables.map { try ShopFixture.rows("SELECT COUNT(*) FROM \($0)", on: url)[0][0] }
    }

    @Test(arguments: [("sqlite", 2_000), ("postgres", 400)])
    func hostileValuesNeverLeaveTheAccessFilter(dialect: String, count: Int) throws {
        let url = try ShopFixture.warehouse(dialect)
        let before = try Self.rowCounts(url)
        let ws = try Workspace.open(projectRoot: try AccessEnforcementTests.root.get(), databaseURL: url, asUser: "alice")
        let dashboard = try ws.dashboard(named: "shop")
        let allowed = ShopFixture.visible["alice"]!
        let aliceTotal = Int(try ShopFixture.rows("SELECT COUNT(*) \(AccessEnforcementTests.base("alice"))", on: url)[0][0])!
        // Alice's orders of any status: a user may change the always_filter's value, so this is her ceiling.
        let aliceCeiling = Int(try ShopFixture.rows("SELECT COUNT(*) FROM orders o JOIN customers c ON o.customer_id = c.id WHERE c.country = 'DE'", on: url)[0][0])!
        #expect(aliceTotal > 0 && aliceCeiling >= aliceTotal)
        let drillFields = ["orders.id", "customers.name", "orders.status"]

        var generator = Generator(state: 0x5EED_0000 + UInt64(count))
        var accepted: [Channel: Int] = [:], refused: [Channel: Int] = [:]
        var leaks: [String] = []

        /// Checks one table whose first column is customers.country (when `countryFirst`) and that
        /// has an orders.count column named `countColumn`.
        func check(_ table: ResultTable, countryFirst: Bool, what: String, pivots: [String] = []) {
            var countries: [Value] = []
            if let column = table.columns.firstIndex(where: { $0.name == "customers.country" && $0.pivotKey == nil }) {
                countries += table.rows.map { $0[column] }
            } else if countryFirst && !pivots.contains("customers.country") {
                leaks.append("\(what): no country column to check")
            }
            if let k = pivots.firstIndex(of: "customers.country") {
                // Each measure column of a pivoted table carries its pivot values.
                let keys = table.columns.compactMap { $0.pivotKey }.filter { $0.count > k }.map { $0[k] }
                if keys.isEmpty && !table.rows.isEmpty { leaks.append("\(what): no pivot values to check") }
                countries += keys
            }
            for country in countries where !allowed.contains(ShopFixture.text(country)) {
                leaks.append("\(what): row with country '\(ShopFixture.text(country))'")
                return
            }
            // Grouped by an order item's value, one order counts in several rows; the country check covers those.
            let fansOut = table.columns.contains { $0.name.hasPrefix("order_items.") && !$0.isMeasure } || pivots.contains { $0.hasPrefix("order_items.") }
            if !fansOut, let column = table.columns.firstIndex(where: { $0.name == "orders.count" }) {
                let sum = table.rows.reduce(0) { $0 + (ResultTable.number($1[column]).map { Int($0) } ?? 0) }
                if sum > aliceCeiling { leaks.append("\(what): \(sum) orders, more than alice's \(aliceCeiling)") }
            }
            // Totals (and every pivot column's total) are counted by the database: none may exceed her ceiling.
            for (column, value) in zip(table.columns, table.totals ?? []) where column.name == "orders.count" {
                if let total = ResultTable.number(value), Int(total) > aliceCeiling { leaks.append("\(what): a total of \(Int(total)) orders") }
            }
        }

        for i in 0..<count {
            let channel = Channel.allCases[i % Channel.allCases.count]
            var value = generator.value()
            if [.sort, .pivot, .fieldName].contains(channel) && (i / Channel.allCases.count) % 2 == 0 {
                // Half of the names are real fields (hidden ones included) with hostile decoration.
                let names = ["customers.country", "orders.status", "customers.name", "orders.amount", "orders.total_amount", "order_items.qty"]
                value = names[Int(generator.next() % UInt64(names.count))] + ["", " desc", " asc", ",orders.status", ";--", " DESC"][Int(generator.next() % 6)]
            }
            var spec = QuerySpec(explore: "orders", fields: ["customers.country", "orders.count"])
            let what = "\(channel) \(value.debugDescription)"
            do {
                switch channel {
                case .countryFilter:
                    spec.filters = [FilterCondition(field: "customers.country", expression: value)]
                case .nameFilter:
                    spec.fields.insert("customers.name", at: 1)
                    spec.filters = [FilterCondition(field: "customers.name", expression: value)]
                case .statusFilter:
                    spec.filters = [FilterCondition(field: "orders.status", expression: value)]
                case .measureFilter:
                    spec.filters = [FilterCondition(field: "orders.count", expression: value)]
                case .parameter:
                    spec.fields.insert("orders.status_label", at: 1)
                    spec.filters = [FilterCondition(field: "orders.label_prefix", expression: value)]
                case .sort:
                    spec.sorts = try QuerySpec.parseSorts(value)
                case .pivot:
                    spec.pivots = QuerySpec.parseFieldList(value)
                    spec.totals = true
                    spec.rowTotals = true
                case .fieldName:
                    spec.fields += QuerySpec.parseFieldList(value)
                case .drill:
                    spec.fields = ["customers.country"] + drillFields + ["orders.count"]
                    spec.filters = [FilterCondition(field: "customers.country", expression: value),
                                    FilterCondition(field: "orders.status", expression: generator.value())]
                case .dashboardFilter:
                    let outcomes = try ws.runDashboard(dashboard, filterValues: ["status": value])
                    var ran = false
                    for outcome in outcomes {
                        guard let table = outcome.table else { continue }
                        ran = true
                        check(table, countryFirst: outcome.element.name == "by_country", what: what + " tile \(outcome.element.name)")
                    }
                    if ran { accepted[channel, default: 0] += 1 } else { refused[channel, default: 0] += 1 }
                    continue
                }
                let table = try ws.run(spec)
                check(table, countryFirst: true, what: what, pivots: spec.pivots)
                accepted[channel, default: 0] += 1
            } catch is SpyglassError {
                refused[channel, default: 0] += 1
            } catch is QueryError {
                refused[channel, default: 0] += 1
            }
        }
        #expect(leaks.isEmpty, "\(leaks.prefix(5))")
        // Every channel both ran hostile values and refused some: an empty loop cannot pass.
        for channel in Channel.allCases {
            #expect(accepted[channel, default: 0] + refused[channel, default: 0] >= count / Channel.allCases.count, "\(channel)")
            #expect(accepted[channel, default: 0] > 0, "\(channel) never ran a query")
        }
        #expect(try Self.rowCounts(url) == before)
        #expect(before == [String(ShopFixture.customers.count), String(ShopFixture.orders.count), String(ShopFixture.items.count)])
    }
}
