import SemanticModel
import Warehouse
@testable import TerminalUI

/// A small e-commerce model built from the contract types: orders joined to users, a `created`
/// dimension group, measures with drill fields, a second model with a grouped explore, and a
/// dashboard. Built in code so the screen tests do not depend on the LookML loader.
enum Fixtures {
    static func field(_ view: String, _ name: String, _ kind: Field.Kind, _ type: String, label: String? = nil,
                      description: String? = nil, group: String? = nil, timeframe: String? = nil, drill: [String] = [],
                      hidden: Bool = false) -> Field {
        var f = Field(view: view, name: name, kind: kind, type: type)
        f.label = label
        f.description = description
        f.group = group
        f.timeframe = timeframe
        f.drillFields = drill
        f.hidden = hidden
        return f
    }

    static let project: Project = {
        var orders = View(name: "orders")
        orders.fields = [
            field("orders", "id", .dimension, "number"),
            field("orders", "status", .dimension, "string", description: "Where the order is in fulfilment"),
            field("orders", "created_date", .dimension, "date_date", group: "created", timeframe: "date"),
            field("orders", "created_month", .dimension, "date_month", group: "created", timeframe: "month"),
            field("orders", "created_year", .dimension, "date_year", group: "created", timeframe: "year"),
            field("orders", "internal_code", .dimension, "string", hidden: true),
            field("orders", "count", .measure, "count", description: "Number of orders", drill: ["id", "status", "users.name"]),
            field("orders", "revenue", .measure, "sum", label: "Revenue"),
        ]
        var users = View(name: "users")
        users.fields = [
            field("users", "name", .dimension, "string"),
            field("users", "country", .dimension, "string"),
            field("users", "count", .measure, "count"),
        ]
        var explore = Explore(model: "shop", name: "orders", baseView: "orders", alias: "orders")
        explore.description = "Orders with their customers"
        explore.joins = [Join(name: "users", view: "users")]
        var usersExplore = Explore(model: "shop", name: "users", baseView: "users", alias: "users")
        usersExplore.groupLabel = "People"
        var hiddenExplore = Explore(model: "shop", name: "secret", baseView: "users", alias: "secret")
        hiddenExplore.hidden = true
        var shop = Model(name: "shop")
        shop.views = ["orders": orders, "users": users]
        shop.explores = [explore, usersExplore, hiddenExplore]

        var events = View(name: "events")
        events.fields = [field("events", "kind", .dimension, "string"), field("events", "count", .measure, "count")]
        var web = Model(name: "web")
        web.label = "Web Analytics"
        web.views = ["events": events]
        var eventsExplore = Explore(model: "web", name: "events", baseView: "events", alias: "events")
        eventsExplore.label = "Site Events"
        web.explores = [eventsExplore]

        var dashboard = Dashboard(name: "sales", title: "Sales Overview")
        var kpi = DashboardElement(name: "orders_kpi", type: "single_value")
        kpi.title = "Orders"
        kpi.explore = "orders"
        kpi.fields = ["orders.created_month", "orders.count"]
        var byStatus = DashboardElement(name: "by_status", type: "looker_bar")
        byStatus.explore = "orders"
        byStatus.fields = ["orders.status", "orders.count"]
        var note = DashboardElement(name: "note", type: "text")
        note.bodyText = "Numbers refresh hourly."
        dashboard.elements = [kpi, byStatus, note]
        var region = DashboardFilter(name: "status")
        region.defaultValue = "complete"
        dashboard.filters = [region]
        return Project(root: "/fixtures", models: [shop, web], dashboards: [dashboard])
    }()

    /// A context with a fixed clock, so spinners and elapsed times are deterministic.
    static func context(now: Double = 100) -> UIContext {
        UIContext(project: project, clock: { now })
    }

    static func column(_ name: String, _ field: Field?, measure: Bool, label: String? = nil, pivot: String? = nil) -> ResultGrid.Column {
        ResultGrid.Column(name: name, label: label ?? name, field: field, isMeasure: measure, pivotLabel: pivot)
    }

    /// Orders by status with a count: three rows and a totals row.
    static let statusGrid = ResultGrid(
        columns: [column("orders.status", project.models[0].views["orders"]!.field(named: "status"), measure: false, label: "Orders Status"),
                  column("orders.count", project.models[0].views["orders"]!.field(named: "count"), measure: true, label: "Orders Count")],
        rows: [[.string("complete"), .int(40)], [.string("pending"), .int(7)], [.null, .int(3)]],
        totals: [.null, .int(50)])

    /// Monthly orders with one spike.
    static let monthlyGrid: ResultGrid = {
        let month = project.models[0].views["orders"]!.field(named: "created_month")
        let count = project.models[0].views["orders"]!.field(named: "count")
        let values: [Int64] = [10, 11, 9, 12, 10, 95, 11, 10, 12, 9]
        return ResultGrid(columns: [column("orders.created_month", month, measure: false), column("orders.count", count, measure: true)],
                          rows: values.enumerated().map { i, v in [.date(LocalDate(year: 2024, month: i + 1, day: 1)), .int(v)] })
    }()
}

extension ScreenState {
    /// Feeds keys one by one, collecting every action.
    mutating func press(_ keys: [Key], _ context: UIContext) -> [Action] {
        keys.flatMap { handle($0, context: context) }
    }

    mutating func type(_ text: String, _ context: UIContext) -> [Action] {
        press(text.map(Key.char), context)
    }
}

extension AppState {
    mutating func press(_ keys: [Key]) -> [Action] { keys.flatMap { handle($0) } }
    mutating func type(_ text: String) -> [Action] { press(text.map(Key.char)) }
}
