import QueryEngine
import SemanticModel
import Testing
@testable import TerminalUI

/// Issue 12 leftover: the catalog's `anyField` looked fields up in the model's views directly, so a
/// dashboard tile or filter naming a field guarded by `required_access_grants` got that field (its
/// label, its type's filter grammar) for a user who may not see it. It now answers only with fields
/// the user's project (`AccessPolicy.visibleProject`) lets them see.
@Suite struct GuardedFieldCatalogTests {
    static let model: Model = {
        var orders = View(name: "orders")
        var margin = Fixtures.field("orders", "margin", .measure, "sum", label: "Secret Margin")
        margin.requiredAccessGrants = ["finance"]
        var cost = Fixtures.field("orders", "unit_cost", .dimension, "number", label: "Unit Cost", hidden: true)
        cost.requiredAccessGrants = ["finance"]
        orders.fields = [
            Fixtures.field("orders", "status", .dimension, "string"),
            Fixtures.field("orders", "internal_code", .dimension, "string", hidden: true),
            Fixtures.field("orders", "count", .measure, "count"),
            margin, cost,
        ]
        var users = View(name: "users")
        users.fields = [Fixtures.field("users", "name", .dimension, "string")]
        var explore = Explore(model: "shop", name: "orders", baseView: "orders", alias: "orders")
        explore.joins = [Join(name: "users", view: "users")]
        var model = Model(name: "shop")
        model.views = ["orders": orders, "users": users]
        model.explores = [explore]
        model.accessGrants = ["finance": AccessGrant(name: "finance", userAttribute: "department", allowedValues: ["finance"])]
        return model
    }()

    static func catalog(department: String?) -> ExploreCatalog? {
        let full = Project(root: "/fixtures", models: [model], dashboards: [])
        let attributes = department.map { ["department": $0] } ?? [:]
        let project = AccessPolicy.visibleProject(full, attributes: attributes, userName: "bob")
        return ExploreCatalog(project: project, explore: "orders")
    }

    @Test func aGuardedFieldDoesNotExistForAUserWithoutTheGrant() throws {
        let catalog = try #require(Self.catalog(department: "sales"))
        #expect(catalog.anyField(named: "orders.margin") == nil)
        #expect(catalog.anyField(named: "orders.unit_cost") == nil, "a hidden guarded field is still guarded")
        #expect(catalog.entry(named: "orders.margin") == nil)
        #expect(!catalog.groups.flatMap(\.entries).map(\.label).contains { $0.contains("Margin") })
        #expect(!catalog.label(of: "orders.margin").contains("Margin"))
        // What the user may see is still there, hidden fields included (tiles and drills use them).
        #expect(catalog.anyField(named: "orders.status")?.name == "status")
        #expect(catalog.anyField(named: "orders.internal_code")?.name == "internal_code")
        #expect(catalog.anyField(named: "users.name")?.name == "name")
    }

    @Test func theSameFieldsExistForAUserWithTheGrant() throws {
        let catalog = try #require(Self.catalog(department: "finance"))
        #expect(catalog.anyField(named: "orders.margin")?.label == "Secret Margin")
        #expect(catalog.anyField(named: "orders.unit_cost")?.name == "unit_cost")
        #expect(catalog.label(of: "orders.margin").contains("Secret Margin"))
    }

    @Test func onlyTheExploresAliasesNameFields() throws {
        var model = Self.model
        model.explores[0].joins = [Join(name: "customer", view: "users")]
        let project = AccessPolicy.visibleProject(Project(root: "/fixtures", models: [model], dashboards: []), attributes: [:], userName: "bob")
        let catalog = try #require(ExploreCatalog(project: project, explore: "orders"))
        #expect(catalog.anyField(named: "customer.name")?.name == "name")
        #expect(catalog.anyField(named: "users.name") == nil, "'users' is a view, not an alias of this explore")
    }

    @Test func aDashboardFilterOnAGuardedFieldGetsNoGrammarFromIt() throws {
        var filter = DashboardFilter(name: "margin")
        filter.type = "field_filter"
        filter.explore = "orders"
        filter.field = "orders.margin"
        var dashboard = Dashboard(name: "d", title: "D")
        dashboard.filters = [filter]
        for (department, expected) in [("sales", nil), ("finance", "sum")] as [(String, String?)] {
            let project = AccessPolicy.visibleProject(Project(root: "/fixtures", models: [Self.model], dashboards: [dashboard]),
                                                      attributes: ["department": department], userName: "bob")
            #expect(DashboardScreen.grammarField(for: filter, in: dashboard, project: project)?.type == expected, "\(department)")
        }
    }
}

extension GuardedFieldCatalogTests {
    @Test func aDrillLeavesOutTheFieldsTheUserMayNotSee() throws {
        var count = Self.model.views["orders"]!.field(named: "count")!
        count.drillFields = ["status", "margin", "users.name"]
        let grid = ResultGrid(columns: [Fixtures.column("orders.status", nil, measure: false), Fixtures.column("orders.count", count, measure: true)],
                              rows: [[.string("complete"), .int(4)]], totals: nil)
        var view = ResultsView(grid: grid, format: Fixtures.context().format)
        _ = view.handle(.right)
        for (department, expected) in [("sales", ["orders.status", "users.name"]), ("finance", ["orders.status", "orders.margin", "users.name"])] {
            let drill = view.drillQuery(explore: "orders", catalog: Self.catalog(department: department), baseFilters: [], pivots: [])
            #expect(drill?.fields == expected, "\(department)")
        }
    }
}
