import Foundation
import QueryEngine
import SemanticModel
import Testing
import Warehouse

/// Medians and percentiles (PERCENTILE_CONT semantics) against values computed in Swift, including
/// SQLite's window-function form and a fanned-out view.
@Suite(.serialized) struct PercentileTests {
    /// Linear interpolation between closest ranks, as PERCENTILE_CONT does.
    static func percentile(_ values: [Double], _ p: Double) -> Double? {
        let v = values.sorted()
        guard !v.isEmpty else { return nil }
        let pos = p * Double(v.count - 1)
        let lo = Int(pos.rounded(.down)), hi = min(lo + 1, v.count - 1)
        return v[lo] + (pos - Double(lo)) * (v[hi] - v[lo])
    }

    static func cell(_ d: Double?) -> String { d.map(ResultCheck.number) ?? "NULL" }

    @Test func medianAndPercentileByStatus() throws {
        let spec = QuerySpec(explore: "orders", fields: ["orders.status", "orders.median_amount", "orders.p75_amount"])
        let groups = Dictionary(grouping: ShopFixture.data.orders, by: { $0.status ?? "NULL" })
        let want = groups.map { status, orders -> [String] in
            let amounts = orders.compactMap(\.amountCents).map { Double($0) / 100 }
            return [status, Self.cell(Self.percentile(amounts, 0.5)), Self.cell(Self.percentile(amounts, 0.75))]
        }.sorted { $0.lexicographicallyPrecedes($1) }
        for db in try ShopFixture.databases() {
            let compiled = try QueryCompiler.compile(spec, project: ShopFixture.project, dialect: db.dialect)
            let got = ResultCheck.rows(try db.query(compiled.sql)).sorted { $0.lexicographicallyPrecedes($1) }
            #expect(got == want, "\(db.name)\n\(compiled.sql)")
        }
    }

    @Test func medianOfAFannedOutViewUsesEachRowOnce() throws {
        let spec = QuerySpec(explore: "users", fields: ["users.state", "users.median_age", "orders.count", "order_items.p90_sale_price"])
        let d = ShopFixture.data
        let states = Set(d.users.map { $0.state ?? "NULL" })
        let want = states.map { state -> [String] in
            let users = d.users.filter { ($0.state ?? "NULL") == state }
            let ids = Set(users.map(\.id))
            let orders = d.orders.filter { ids.contains($0.userID) }
            let orderIDs = Set(orders.map(\.id))
            let prices = d.items.filter { orderIDs.contains($0.orderID) }.compactMap(\.priceCents).map { Double($0) / 100 }
            return [state, Self.cell(Self.percentile(users.compactMap(\.age).map(Double.init), 0.5)),
                    ResultCheck.number(Double(orders.count)), Self.cell(Self.percentile(prices, 0.9))]
        }.sorted { $0.lexicographicallyPrecedes($1) }
        for db in try ShopFixture.databases() {
            let compiled = try QueryCompiler.compile(spec, project: ShopFixture.project, dialect: db.dialect)
            let got = ResultCheck.rows(try db.query(compiled.sql)).sorted { $0.lexicographicallyPrecedes($1) }
            #expect(got == want, "\(db.name)\n\(compiled.sql)")
        }
    }

    @Test func medianOverDistinctUsersWhenTheDimensionFansThemOut() throws {
        let spec = QuerySpec(explore: "users", fields: ["orders.status", "users.median_age", "users.average_age"])
        let d = ShopFixture.data
        var members: [String: Set<Int>] = [:]
        for u in d.users {
            let mine = d.orders.filter { $0.userID == u.id }
            if mine.isEmpty { members["NULL", default: []].insert(u.id) }
            for o in mine { members[o.status ?? "NULL", default: []].insert(u.id) }
        }
        let want = members.map { status, ids -> [String] in
            let ages = d.users.filter { ids.contains($0.id) }.compactMap(\.age).map(Double.init)
            return [status, Self.cell(Self.percentile(ages, 0.5)), Self.cell(ages.isEmpty ? nil : ages.reduce(0, +) / Double(ages.count))]
        }.sorted { $0.lexicographicallyPrecedes($1) }
        for db in try ShopFixture.databases() {
            let compiled = try QueryCompiler.compile(spec, project: ShopFixture.project, dialect: db.dialect)
            #expect(compiled.plan == .perViewGroups)
            let got = ResultCheck.rows(try db.query(compiled.sql)).sorted { $0.lexicographicallyPrecedes($1) }
            #expect(got == want, "\(db.name)\n\(compiled.sql)")
        }
    }

    @Test func medianTotalWithoutDimensions() throws {
        let spec = QuerySpec(explore: "users", fields: ["users.median_age"])
        let want = [[Self.cell(Self.percentile(ShopFixture.data.users.compactMap(\.age).map(Double.init), 0.5))]]
        for db in try ShopFixture.databases() {
            let compiled = try QueryCompiler.compile(spec, project: ShopFixture.project, dialect: db.dialect)
            #expect(ResultCheck.rows(try db.query(compiled.sql)) == want, "\(db.name)\n\(compiled.sql)")
        }
    }
}
