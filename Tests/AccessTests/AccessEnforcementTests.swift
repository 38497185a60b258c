import Foundation
import Presentation
import QueryEngine
import SemanticModel
import SpyglassCore
import Testing
import TestSupport
import Warehouse

/// Two users with different `country` attributes see exactly the rows hand-written SQL with their
/// filter returns, on SQLite and PostgreSQL, through every path: queries, totals, pivots (values,
/// row totals), fan-out joins, drills, suggestions and dashboards. Tests run as root, which
/// `spyglass.users` lets impersonate, so each user is reached with `--as` (`asUser`).
@Suite("access per user", .serialized)
struct AccessEnforcementTests {
    static let root = Result { try ShopFixture.project() }

    static func workspace(_ user: String, _ dialect: String) throws -> Workspace {
        try Workspace.open(projectRoot: try root.get(), databaseURL: try ShopFixture.warehouse(dialect), asUser: user)
    }

    /// The join and WHERE every hand-written check shares: the user's countries, no cancelled orders.
    static func base(_ user: String) -> String {
        "FROM orders o LEFT JOIN customers c ON o.customer_id = c.id WHERE c.country IN \(ShopFixture.countryList(user)) AND o.status <> 'cancelled'"
    }

    static func rows(_ table: ResultTable) -> [[String]] { table.rows.map { $0.map(ShopFixture.text) } }

    @Test(arguments: ShopFixture.dialects)
    func queriesAndTotalsShowOnlyTheUsersRows(dialect: String) throws {
        let url = try ShopFixture.warehouse(dialect)
        for user in ["alice", "bob"] {
            let ws = try Self.workspace(user, dialect)
            var spec = QuerySpec(explore: "orders", fields: ["customers.country", "orders.count", "order_items.total_qty"])
            spec.sorts = [SortKey(field: "customers.country")]
            spec.totals = true
            let table = try ws.run(spec)
            let expected = try ShopFixture.rows("""
                SELECT c.country, COUNT(DISTINCT o.id), SUM(oi.qty) FROM orders o LEFT JOIN customers c ON o.customer_id = c.id
                LEFT JOIN order_items oi ON oi.order_id = o.id
                WHERE c.country IN \(ShopFixture.countryList(user)) AND o.status <> 'cancelled' GROUP BY c.country ORDER BY c.country
                """, on: url)
            let sql = try ws.compile(spec).sql
            #expect(Self.rows(table) == expected, "\(user) \(dialect): \(sql)")
            #expect(Set(expected.map { $0[0] }) == ShopFixture.visible[user]!)
            let totals = try ShopFixture.rows("""
                SELECT COUNT(DISTINCT o.id), SUM(oi.qty) FROM orders o LEFT JOIN customers c ON o.customer_id = c.id
                LEFT JOIN order_items oi ON oi.order_id = o.id
                WHERE c.country IN \(ShopFixture.countryList(user)) AND o.status <> 'cancelled'
                """, on: url)[0]
            #expect(table.totals.map { Array($0.dropFirst().map(ShopFixture.text)) } == totals, "\(user) \(dialect) totals")

            // A filter on another country cannot widen the access filter: it narrows to nothing.
            var other = spec
            other.filters = [FilterCondition(field: "customers.country", expression: user == "alice" ? "FR" : "DE")]
            #expect(try ws.run(other).rows.isEmpty)
        }
    }

    @Test(arguments: ShopFixture.dialects)
    func pivotsRowTotalsAndPivotValuesShowOnlyTheUsersRows(dialect: String) throws {
        let url = try ShopFixture.warehouse(dialect)
        for user in ["alice", "bob"] {
            let ws = try Self.workspace(user, dialect)
            var spec = QuerySpec(explore: "orders", fields: ["customers.country", "orders.count"])
            spec.pivots = ["orders.status"]
            spec.totals = true
            spec.rowTotals = true
            let compiled = try ws.compile(spec)
            let connection = try Warehouse.connect(url)
            func run(_ sql: String?) throws -> [[String]] {
                try connection.query(try #require(sql), maxRows: 10_000).rows.map { $0.map(ShopFixture.text) }
            }
            // Main: (country, status, count) cells.
            #expect(try run(compiled.sql).sorted { $0.lexicographicallyPrecedes($1) }
                    == ShopFixture.rows("SELECT c.country, o.status, COUNT(*) \(Self.base(user)) GROUP BY c.country, o.status ORDER BY 1, 2", on: url),
                    "\(user) \(dialect): \(compiled.sql)")
            #expect(try run(compiled.pivotValuesSQL)
                    == ShopFixture.rows("SELECT DISTINCT o.status \(Self.base(user)) ORDER BY 1", on: url))
            #expect(try run(compiled.rowTotalsSQL).sorted { $0.lexicographicallyPrecedes($1) }
                    == ShopFixture.rows("SELECT c.country, COUNT(*) \(Self.base(user)) GROUP BY c.country ORDER BY 1", on: url))
            #expect(try run(compiled.totalsSQL).sorted { $0.lexicographicallyPrecedes($1) }
                    == ShopFixture.rows("SELECT o.status, COUNT(*) \(Self.base(user)) GROUP BY o.status ORDER BY 1", on: url))
            // And shaped end to end, the table holds only the user's countries.
            let table = try ws.run(spec)
            #expect(Set(table.rows.map { ShopFixture.text($0[0]) }) == ShopFixture.visible[user]!)
        }
    }

    /// A drill is a new query with the clicked row's values as filters: into the user's own country
    /// it lists exactly their orders; into someone else's it lists nothing.
    @Test(arguments: ShopFixture.dialects)
    func drillsShowOnlyTheUsersRows(dialect: String) throws {
        let url = try ShopFixture.warehouse(dialect)
        for user in ["alice", "bob"] {
            let ws = try Self.workspace(user, dialect)
            let fields = try #require(ws.project.model(named: "shop")?.views["orders"]?.field(named: "count")?.drillFields)
            for country in ShopFixture.countries {
                var spec = QuerySpec(explore: "orders", fields: fields.map { $0.contains(".") ? $0 : "orders.\($0)" })
                spec.filters = [FilterCondition(field: "customers.country", expression: country)]
                spec.sorts = [SortKey(field: "orders.id")]
                let expected = ShopFixture.visible[user]!.contains(country)
                    ? try ShopFixture.rows("SELECT o.id, c.name, o.status \(Self.base(user)) AND c.country = '\(country)' ORDER BY o.id", on: url)
                    : []
                #expect(Self.rows(try ws.run(spec)) == expected, "\(user) drilling into \(country) on \(dialect)")
            }
        }
    }

    @Test(arguments: ShopFixture.dialects)
    func suggestionsOfferOnlyTheUsersValues(dialect: String) throws {
        let url = try ShopFixture.warehouse(dialect)
        for user in ["alice", "bob"] {
            let ws = try Self.workspace(user, dialect)
            let countries = try ws.suggestions(field: "customers.country", explore: "orders", prefix: "", limit: 100)
            #expect(Set(countries) == ShopFixture.visible[user]!)
            #expect(try ws.suggestions(field: "customers.country", explore: "orders", prefix: "U", limit: 100).isEmpty)
            for prefix in ["O'", "50%", "Cust"] {
                let names = try ws.suggestions(field: "customers.name", explore: "orders", prefix: prefix, limit: 1000)
                let escaped = prefix.replacingOccurrences(of: "'", with: "''")
                let expected = try ShopFixture.rows("SELECT DISTINCT c.name \(Self.base(user)) AND substr(c.name, 1, \(prefix.count)) = '\(escaped)' ORDER BY 1", on: url)
                #expect(names == expected.map { $0[0] }, "\(user) '\(prefix)' on \(dialect)")
            }
        }
    }

    @Test(arguments: ShopFixture.dialects)
    func dashboardTilesShowOnlyTheUsersRows(dialect: String) throws {
        let url = try ShopFixture.warehouse(dialect)
        for user in ["alice", "bob"] {
            let ws = try Self.workspace(user, dialect)
            let dashboard = try ws.dashboard(named: "shop")
            for filter in ["", "complete,pending"] {
                let outcomes = try ws.runDashboard(dashboard, filterValues: filter.isEmpty ? [:] : ["status": filter])
                let extra = filter.isEmpty ? "" : " AND o.status IN ('complete', 'pending')"
                let byCountry = try #require(outcomes.first { $0.element.name == "by_country" }?.table)
                #expect(Self.rows(byCountry) == (try ShopFixture.rows("""
                    SELECT c.country, COUNT(DISTINCT o.id), SUM(oi.qty) FROM orders o LEFT JOIN customers c ON o.customer_id = c.id
                    LEFT JOIN order_items oi ON oi.order_id = o.id
                    WHERE c.country IN \(ShopFixture.countryList(user)) AND o.status <> 'cancelled'\(extra) GROUP BY c.country ORDER BY c.country
                    """, on: url)), "\(user) \(dialect) by_country '\(filter)'")
                let byStatus = try #require(outcomes.first { $0.element.name == "by_status" }?.table)
                #expect(Self.rows(byStatus) == (try ShopFixture.rows("SELECT o.status, COUNT(*) \(Self.base(user))\(extra) GROUP BY o.status ORDER BY 1", on: url)))
            }
        }
    }

    @Test(arguments: ShopFixture.dialects)
    func aUserWithoutTheAttributeIsRefusedNeverServedUnfiltered(dialect: String) throws {
        let carol = try Self.workspace("carol", dialect)
        let spec = QuerySpec(explore: "orders", fields: ["customers.country", "orders.count"])
        #expect(throws: SpyglassError.self) { try carol.run(spec) }
        do {
            _ = try carol.run(spec)
        } catch let error as SpyglassError {
            #expect(error.message == "explore 'orders' needs the user attribute 'country', which carol does not have")
            #expect(error.exitCode == 1)
        }
        #expect(throws: SpyglassError.self) { try carol.suggestions(field: "customers.country", explore: "orders", prefix: "", limit: 10) }
        let outcomes = try carol.runDashboard(try carol.dashboard(named: "shop"))
        #expect(outcomes.allSatisfy { $0.error?.message.contains("which carol does not have") == true })
    }

    @Test(arguments: ShopFixture.dialects)
    func aGrantGuardedFieldIsInvisibleToOneUserAndUsableByAnother(dialect: String) throws {
        let url = try ShopFixture.warehouse(dialect)
        let alice = try Self.workspace("alice", dialect), bob = try Self.workspace("bob", dialect)
        func names(_ ws: Workspace) throws -> [String] {
            let (model, explore) = try ws.project.explore("orders")
            return ws.project.fields(in: explore, of: model).map(\.name)
        }
        #expect(try !names(alice).contains("orders.total_amount") && !names(alice).contains("orders.amount"))
        #expect(try names(bob).contains("orders.total_amount") && names(bob).contains("orders.amount"))
        #expect(try names(alice).contains("orders.count"))
        // Unknown, exactly like a field that does not exist, with no hint of its name.
        for (asked, shown) in [("orders.total_amount", "orders.total_amount"), ("orders.total_amoun", "orders.total_amoun")] {
            do {
                _ = try alice.run(QuerySpec(explore: "orders", fields: [asked]))
                Issue.record("alice ran \(asked)")
            } catch let error as SpyglassError {
                #expect(error.message.hasPrefix("unknown field '\(shown)' in explore 'orders'"), "\(error.message)")
                #expect(!error.message.contains("amount'?"), "\(error.message)")
            }
        }
        // The guarded explore does not exist for alice; bob uses both.
        #expect(!alice.project.models.flatMap(\.explores).contains { $0.name == "revenue_audit" })
        for name in ["revenue_audit", "revenue_audi"] {
            do {
                _ = try alice.run(QuerySpec(explore: name, fields: ["orders.count"]))
                Issue.record("alice ran explore \(name)")
            } catch let error as SpyglassError {
                #expect(error.message.hasPrefix("unknown explore '\(name)'"), "\(error.message)")
                #expect(!error.message.dropFirst("unknown explore '\(name)'".count).contains("revenue_audit"), "\(error.message)")
            }
        }
        var spec = QuerySpec(explore: "orders", fields: ["customers.country", "orders.total_amount"])
        spec.sorts = [SortKey(field: "customers.country")]
        #expect(Self.rows(try bob.run(spec)) == (try ShopFixture.rows("SELECT c.country, SUM(o.amount) \(Self.base("bob")) GROUP BY c.country ORDER BY 1", on: url)))
        let audit = try bob.run(QuerySpec(explore: "revenue_audit", fields: ["orders.total_amount"]))
        #expect(Self.rows(audit) == (try ShopFixture.rows("SELECT SUM(o.amount) FROM orders o LEFT JOIN customers c ON o.customer_id = c.id WHERE c.country IN \(ShopFixture.countryList("bob"))", on: url)))
    }

    /// always_filter: the user may change the value, not remove the filter (a blank value keeps the default).
    @Test(arguments: ShopFixture.dialects)
    func alwaysFilterCanBeChangedButNotRemoved(dialect: String) throws {
        let url = try ShopFixture.warehouse(dialect)
        let alice = try Self.workspace("alice", dialect)
        var spec = QuerySpec(explore: "orders", fields: ["orders.status", "orders.count"])
        spec.sorts = [SortKey(field: "orders.status")]
        let byDefault = Self.rows(try alice.run(spec))
        #expect(byDefault == (try ShopFixture.rows("SELECT o.status, COUNT(*) \(Self.base("alice")) GROUP BY 1 ORDER BY 1", on: url)))
        spec.filters = [FilterCondition(field: "orders.status", expression: "")]
        #expect(Self.rows(try alice.run(spec)) == byDefault)
        spec.filters = [FilterCondition(field: "orders.status", expression: "  ")]
        #expect(Self.rows(try alice.run(spec)) == byDefault)
        spec.filters = [FilterCondition(field: "orders.status", expression: "cancelled")]
        #expect(Self.rows(try alice.run(spec)) == (try ShopFixture.rows("""
            SELECT o.status, COUNT(*) FROM orders o LEFT JOIN customers c ON o.customer_id = c.id
            WHERE c.country = 'DE' AND o.status = 'cancelled' GROUP BY 1 ORDER BY 1
            """, on: url)))
    }

    /// Attribute values are Looker filter expressions: "-DE,-US,-IT" is "none of them" (NULL included,
    /// as Looker's negated string filters do), "%R" is "ends with R".
    @Test(arguments: ShopFixture.dialects)
    func advancedFilterAttributeValuesUseLookersGrammar(dialect: String) throws {
        let url = try ShopFixture.warehouse(dialect)
        let cases = [("dave", "(c.country NOT IN ('DE', 'US', 'IT') OR c.country IS NULL)"), ("erin", "c.country LIKE '%R'")]
        for (user, condition) in cases {
            let ws = try Self.workspace(user, dialect)
            var spec = QuerySpec(explore: "orders", fields: ["customers.country", "orders.count"])
            spec.sorts = [SortKey(field: "customers.country")]
            let expected = try ShopFixture.rows("""
                SELECT c.country, COUNT(*) FROM orders o LEFT JOIN customers c ON o.customer_id = c.id
                WHERE \(condition) AND o.status <> 'cancelled' GROUP BY c.country ORDER BY (CASE WHEN c.country IS NULL THEN 1 ELSE 0 END), c.country
                """, on: url)
            #expect(Self.rows(try ws.run(spec)) == expected, "\(user) on \(dialect)")
            #expect(expected.count >= 2)
        }
    }

    /// A measure whose `filters:` read a guarded field would tell about it: it is hidden with it.
    @Test(arguments: ShopFixture.dialects)
    func aMeasureFilteredOnAGuardedFieldIsGuardedToo(dialect: String) throws {
        let url = try ShopFixture.warehouse(dialect)
        let alice = try Self.workspace("alice", dialect), bob = try Self.workspace("bob", dialect)
        #expect(throws: SpyglassError.self) { try alice.run(QuerySpec(explore: "orders", fields: ["orders.big_order_count"])) }
        let table = try bob.run(QuerySpec(explore: "orders", fields: ["orders.big_order_count"]))
        #expect(Self.rows(table) == (try ShopFixture.rows("SELECT COUNT(*) \(Self.base("bob")) AND o.amount > 100", on: url)))
    }

    /// conditionally_filter: only a real filter on an `unless` field lifts the default; a blank one does not.
    @Test(arguments: ShopFixture.dialects)
    func conditionallyFilterIsLiftedOnlyByARealUnlessFilter(dialect: String) throws {
        let url = try ShopFixture.warehouse(dialect)
        let bob = try Self.workspace("bob", dialect)
        var spec = QuerySpec(explore: "customers", fields: ["customers.country", "customers.count"])
        spec.sorts = [SortKey(field: "customers.country")]
        let byDefault = try ShopFixture.rows("SELECT country, COUNT(*) FROM customers WHERE country IN ('BR', 'FR') AND name NOT LIKE '%1' GROUP BY 1 ORDER BY 1", on: url)
        #expect(Self.rows(try bob.run(spec)) == byDefault)
        spec.filters = [FilterCondition(field: "customers.id", expression: " ")]
        #expect(Self.rows(try bob.run(spec)) == byDefault)
        spec.filters = [FilterCondition(field: "customers.id", expression: ">0")]
        let lifted = try ShopFixture.rows("SELECT country, COUNT(*) FROM customers WHERE country IN ('BR', 'FR') GROUP BY 1 ORDER BY 1", on: url)
        #expect(Self.rows(try bob.run(spec)) == lifted)
        #expect(lifted != byDefault)
    }

    /// The origin story's model: `sql_always_where` over `_user_attributes`, quoted with `sql_quote`.
    @Test(arguments: ShopFixture.dialects)
    func sqlAlwaysWhereReadsTheUsersAttribute(dialect: String) throws {
        let url = try ShopFixture.warehouse(dialect)
        let alice = try Self.workspace("alice", dialect)
        var spec = QuerySpec(explore: "permitted_orders", fields: ["customers.country", "orders.count"])
        spec.totals = true
        let table = try alice.run(spec)
        let expected = try ShopFixture.rows("SELECT c.country, COUNT(*) FROM orders o LEFT JOIN customers c ON o.customer_id = c.id WHERE c.country = 'DE' GROUP BY 1", on: url)
        #expect(Self.rows(table) == expected)
        #expect(table.totals.map { ShopFixture.text($0[1]) } == expected.first?[1])
        do {
            _ = try Self.workspace("carol", dialect).run(spec)
            Issue.record("carol ran permitted_orders")
        } catch let error as SpyglassError {
            #expect(error.message.hasSuffix("needs the user attribute 'country', which carol does not have"), "\(error.message)")
        }
    }
}
