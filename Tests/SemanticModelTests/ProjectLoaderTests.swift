import Foundation
import Testing
@testable import SemanticModel

@Suite("Loading the shop fixture")
struct ProjectLoaderTests {
    let project = ProjectLoader.load(root: FixtureProject.shop)

    @Test func loadsWithoutDiagnostics() {
        #expect(project.diagnostics.map(\.description) == [])
        #expect(project.models.map(\.name) == ["ecommerce", "marketing"])
        #expect(project.constants == ["schema": "public", "currency_format": "$#,##0.00"])
    }

    @Test func modelSeesOnlyItsIncludes() throws {
        let marketing = try #require(project.model(named: "marketing"))
        #expect(marketing.views.keys.sorted() == ["events", "users"])
        #expect(marketing.connection == "demo")
        let ecommerce = try #require(project.model(named: "ecommerce"))
        // entity is extension: required, so it is not a queryable view.
        #expect(ecommerce.views.keys.sorted() == ["events", "order_items", "orders", "products", "users"])
        #expect(ecommerce.explores.map(\.name) == ["orders", "recent_orders", "users"])
        #expect(ecommerce.label == "E-commerce")
    }

    @Test func extendsInheritsTheRefinedBase() throws {
        let ecommerce = try #require(project.model(named: "ecommerce"))
        let users = try #require(ecommerce.views["users"])
        // id and created come from entity; the +entity refinement labels id in this model only.
        #expect(users.fields.map(\.name) == ["id", "created_raw", "created_date", "created_week", "created_month",
                                             "created_year", "count", "name", "email", "age", "age_tier", "is_adult"])
        #expect(users.field(named: "id")?.label == "ID")
        #expect(users.primaryKey?.name == "id")
        #expect(users.sqlTableName == "public.users")
        let marketingUsers = try #require(project.model(named: "marketing")?.views["users"])
        #expect(marketingUsers.field(named: "id")?.label == nil)
    }

    @Test func refinementsMergeFieldByField() throws {
        let orders = try #require(project.model(named: "ecommerce")?.views["orders"])
        let status = try #require(orders.field(named: "status"))
        #expect(status.label == "Order status")
        #expect(status.suggestions == ["complete", "pending", "cancelled"])
        #expect(orders.field(named: "completed_count")?.filters == [FilterCondition(field: "status", expression: "complete")].map {
            var c = $0; c.location = SourceLocation(file: "refinements/shop.lkml", line: 9, column: 15); return c
        })
    }

    @Test func fieldsAreTypedAndTemplated() throws {
        let orders = try #require(project.model(named: "ecommerce")?.views["orders"])
        #expect(orders.field(named: "user_id")?.sql?.description == "${TABLE}.user_id")
        #expect(orders.field(named: "user_id")?.hidden == true)
        #expect(orders.field(named: "created_month")?.type == "date_month")
        #expect(orders.field(named: "created_month")?.group == "created")
        #expect(orders.field(named: "created_month")?.timeframe == "month")
        let days = try #require(orders.field(named: "days_shipping"))
        #expect(days.type == "duration_day")
        #expect(days.sqlStart?.fragments == [.field(view: nil, name: "created_raw")])
        #expect(days.sqlEnd?.fragments == [.table, .text(".shipped_at")])
        #expect(orders.field(named: "hours_shipping") != nil)
        #expect(orders.field(named: "total_amount")?.valueFormat == "$#,##0.00")
        #expect(orders.field(named: "average_amount")?.sql?.fragments == [
            .field(view: nil, name: "total_amount"), .text(" / NULLIF("), .field(view: nil, name: "count"), .text(", 0)"),
        ])
        #expect(orders.field(named: "cancelled_count")?.filters.map { "\($0.field)=\($0.expression)" } == ["status=cancelled"])
        let metric = try #require(orders.field(named: "metric"))
        #expect(metric.kind == .parameter)
        #expect(metric.allowedValues == [AllowedValue(label: "Total", value: "total"), AllowedValue(label: nil, value: "average")])
        #expect(metric.defaultValue == "total")
        #expect(orders.field(named: "status_filter")?.kind == .filter)
        #expect(orders.drillFields == ["id", "status", "amount", "users.name"])
        #expect(orders.field(named: "count")?.drillFields == ["id"])
        let users = try #require(project.model(named: "ecommerce")?.views["users"])
        #expect(users.field(named: "age_tier")?.tiers == [18, 30, 50])
        #expect(users.field(named: "age_tier")?.tierStyle == "integer")
        let events = try #require(project.model(named: "ecommerce")?.views["events"])
        #expect(events.fields.filter { $0.group == "occurred" }.map(\.timeframe) == ["raw", "time", "date", "week", "month", "quarter", "year"])
        let products = try #require(project.model(named: "ecommerce")?.views["products"])
        #expect(products.derivedTableSQL?.fragments.contains(.sqlTableName(view: "order_items")) == true)
        #expect(products.derivedTableSQL?.description.contains("FROM public.products") == true)
    }

    @Test func exploresResolveJoinsAndFieldLists() throws {
        let (model, orders) = try project.explore("ecommerce/orders")
        #expect(model.name == "ecommerce")
        #expect(orders.groupLabel == "Shop")
        #expect(orders.joins.map(\.name) == ["users", "order_items", "products"])
        #expect(orders.joins.map(\.relationship) == [.manyToOne, .oneToMany, .manyToOne])
        #expect(orders.join(named: "products")?.foreignKey == "order_items.product_id")
        #expect(orders.join(named: "products")?.requiredJoins == ["order_items"])
        #expect(orders.join(named: "users")?.sqlOn?.fragments == [
            .field(view: "orders", name: "user_id"), .text(" = "), .field(view: "users", name: "id"),
        ])
        #expect(orders.sqlAlwaysWhere?.description == "${orders.status} != 'test'")
        #expect(orders.alwaysFilter.map(\.field) == ["orders.created_date"])
        // Join-level fields: the users join brings only its basic set and created_date.
        let names = project.fields(in: orders, of: model).map(\.name)
        #expect(names.filter { $0.hasPrefix("users.") } == ["users.id", "users.created_date", "users.count", "users.name", "users.age_tier"])
        #expect(names.first == "orders.id")
        #expect(names.contains("products.category"))

        let (_, recent) = try project.explore("recent_orders")
        #expect(recent.baseView == "orders")
        #expect(recent.alias == "orders")
        #expect(recent.groupLabel == "Shop")
        #expect(recent.joins.count == 3)
        #expect(project.fields(in: recent, of: model).map(\.name) == ["orders.id", "orders.count", "orders.status", "orders.amount", "users.name"])

        let (_, users) = try project.explore("ecommerce/users")
        let userFields = project.fields(in: users, of: model).map(\.name)
        #expect(!userFields.contains("users.email"))
        #expect(userFields.contains("users.name"))
    }

    @Test func exploreLookupErrorsNameTheExplore() {
        #expect(throws: SemanticError("explore 'users' is ambiguous: it is in models ecommerce, marketing; write model/users")) {
            try project.explore("users")
        }
        #expect(throws: SemanticError("unknown explore 'nope'; known explores: events, orders, recent_orders, users")) {
            try project.explore("nope")
        }
        #expect(throws: SemanticError("unknown model 'shop'; known models: ecommerce, marketing")) {
            try project.explore("shop/orders")
        }
        #expect((try? project.explore("marketing/users"))?.explore.hidden == true)
    }

    @Test func dashboardsAreRead() throws {
        let dashboard = try #require(project.dashboards.first)
        #expect(project.dashboards.count == 1)
        #expect(dashboard.name == "overview")
        #expect(dashboard.title == "Shop overview")
        #expect(dashboard.layout == "newspaper")
        #expect(dashboard.location == SourceLocation(file: "dashboards/overview.dashboard.lookml", line: 1, column: 14))
        #expect(dashboard.filters.map(\.name) == ["date", "status"])
        #expect(dashboard.filters[1].field == "orders.status")
        #expect(dashboard.filters[0].defaultValue == "30 days")
        #expect(dashboard.elements.map(\.name) == ["revenue", "by_month", "about"])
        let revenue = dashboard.elements[0]
        #expect(revenue.listen == ["date": "orders.created_date", "status": "orders.status"])
        #expect([revenue.row, revenue.col, revenue.width, revenue.height] == [0, 0, 6, 4])
        let byMonth = dashboard.elements[1]
        #expect(byMonth.type == "looker_line")
        #expect(byMonth.sorts == ["orders.created_month desc"])
        #expect(byMonth.filters.map { "\($0.field)=\($0.expression)" } == ["orders.status=complete"])
        #expect(byMonth.limit == 500)
        #expect(byMonth.totals)
        #expect(byMonth.location == SourceLocation(file: "dashboards/overview.dashboard.lookml", line: 29, column: 11))
        #expect(dashboard.elements[2].bodyText == "Numbers exclude test orders.")
    }
}

@Suite("Loading edge cases")
struct ProjectLoaderEdgeCaseTests {
    @Test func skippedDirectoriesAreNotPartOfTheProject() throws {
        let copy = try FixtureProject.copy()
        defer { copy.remove() }
        try copy.write("connection: \"x\"\ninclude: \"/nowhere/*.view\"\n", to: "Tests/Fixtures/other.model.lkml")
        #expect(copy.load().models.map(\.name) == ["ecommerce", "marketing", "other"])
        let project = ProjectLoader.load(root: copy.root, skipping: ["Tests"])
        #expect(project.models.map(\.name) == ["ecommerce", "marketing"])
        #expect(project.diagnostics.isEmpty)
    }

    @Test func aFieldDefinedThreeTimesPointsBothRepeatsAtTheFirst() throws {
        let copy = try FixtureProject.copy()
        defer { copy.remove() }
        try copy.write("view: +events {\n  dimension: dup { sql: 1 ;; }\n  dimension: dup { sql: 2 ;; }\n  dimension: dup { sql: 3 ;; }\n}\n",
                       to: "refinements/zz_dup.lkml")
        #expect(copy.load().diagnostics.map(\.description) == [
            "refinements/zz_dup.lkml:3:14: error: field 'dup' is already defined in view '+events' at refinements/zz_dup.lkml:2:14",
            "refinements/zz_dup.lkml:4:14: error: field 'dup' is already defined in view '+events' at refinements/zz_dup.lkml:2:14",
        ])
    }

    @Test func aDimensionGroupFieldCollidingWithADimensionIsReportedOnce() throws {
        let copy = try FixtureProject.copy()
        defer { copy.remove() }
        try copy.write("view: +events {\n  dimension: seen_date { sql: 1 ;; }\n  dimension_group: seen {\n    type: time\n    timeframes: [date, month]\n    sql: ${TABLE}.t ;;\n  }\n}\n",
                       to: "refinements/zz_clash.lkml")
        let project = copy.load()
        #expect(project.diagnostics.map(\.description) == [
            "refinements/zz_clash.lkml:3:20: error: field 'seen_date' is already defined in view 'events' at refinements/zz_clash.lkml:2:14",
        ])
        let events = try #require(project.model(named: "ecommerce")?.views["events"])
        #expect(events.fields.filter { $0.name.hasPrefix("seen_") }.map(\.name) == ["seen_date", "seen_month"])
        #expect(events.field(named: "seen_date")?.group == nil)
    }

    @Test func hiddenDirectoriesAndDirectoryLinksAreNotLoaded() throws {
        let copy = try FixtureProject.copy()
        defer { copy.remove() }
        try copy.write("connection: \"x\"\n", to: ".git/stray.model.lkml")
        try copy.write("connection: \"x\"\n", to: "node_modules/pkg/stray.model.lkml")
        try copy.write("connection: \"x\"\n", to: "elsewhere/linked.model.lkml")
        try FileManager.default.createSymbolicLink(atPath: copy.root + "/link", withDestinationPath: copy.root + "/elsewhere")
        // A link to a file is a file, as before.
        try FileManager.default.createSymbolicLink(atPath: copy.root + "/alias.model.lkml",
                                                   withDestinationPath: copy.root + "/elsewhere/linked.model.lkml")
        let names = copy.load().models.map(\.name)
        #expect(names == ["alias", "ecommerce", "linked", "marketing"])
    }

    @Test func missingDirectoryIsOneProjectWideError() {
        let project = ProjectLoader.load(root: "/nonexistent/spyglass-project")
        #expect(project.diagnostics.map(\.description) == ["error: project directory '/nonexistent/spyglass-project' does not exist"])
    }

    /// Fiscal timeframes follow the model's fiscal_month_offset (QueryEngine), so they load silently.
    @Test func everyTimeframeExpandsFiscalOnesIncluded() throws {
        let copy = try FixtureProject.copy()
        defer { copy.remove() }
        let frames = (Timeframes.time + Timeframes.fiscal).joined(separator: ", ")
        try copy.write("view: +events {\n  dimension_group: all {\n    type: time\n    timeframes: [\(frames)]\n    sql: ${TABLE}.t ;;\n  }\n}\n",
                       to: "refinements/zz_all.lkml")
        let project = copy.load()
        #expect(project.diagnostics.isEmpty, "\(project.diagnostics)")
        let events = try #require(project.model(named: "ecommerce")?.views["events"])
        let all = events.fields.filter { $0.group == "all" }
        #expect(all.map(\.timeframe) == Timeframes.time + Timeframes.fiscal)
        #expect(all.allSatisfy { $0.type == "date_\($0.timeframe!)" && $0.name == "all_\($0.timeframe!)" })
    }

    @Test func crossViewReferenceToAnUnknownFieldInAView() throws {
        let copy = try FixtureProject.copy()
        defer { copy.remove() }
        try copy.replace("sql: ${TABLE}.amount ;;", with: "sql: ${TABLE}.amount * ${users.discount} ;;", in: "views/orders.view.lkml")
        #expect(copy.load().diagnostics.map(\.description) == [
            "views/orders.view.lkml:18:28: error: unknown field 'discount' in view 'users' referenced as '${users.discount}'",
        ])
    }

    @Test func dashboardListeningToAnUnknownFilter() throws {
        let copy = try FixtureProject.copy()
        defer { copy.remove() }
        try copy.replace("      date: orders.created_date", with: "      day: orders.created_date", in: "dashboards/overview.dashboard.lookml")
        #expect(copy.load().diagnostics.map(\.description) == [
            "dashboards/overview.dashboard.lookml:16:11: error: unknown dashboard filter 'day' in listen of element 'revenue' of dashboard 'overview'",
        ])
    }

    @Test func extendsCycleIsNamedOnce() throws {
        let copy = try FixtureProject.copy()
        defer { copy.remove() }
        try copy.write("view: a {\n  extends: [b]\n  extension: required\n}\nview: b {\n  extends: [a]\n  extension: required\n}\n", to: "views/zz_cycle.view.lkml")
        #expect(copy.load().diagnostics.map(\.description) == ["views/zz_cycle.view.lkml:6:13: error: extends cycle: a → b → a"])
    }
}

@Suite("Manifest constants")
struct ConstantTests {
    @Test func constantsMayUseConstants() throws {
        let copy = try FixtureProject.copy()
        defer { copy.remove() }
        try copy.replace("  value: \"public\"", with: "  value: \"@{env}_public\"", in: "manifest.lkml")
        try copy.replace("project_name: \"shop\"", with: "project_name: \"shop\"\n\nconstant: env {\n  value: \"prod\"\n}", in: "manifest.lkml")
        let project = copy.load()
        #expect(project.diagnostics.map(\.description) == [])
        #expect(project.constants["schema"] == "prod_public")
        #expect(project.model(named: "ecommerce")?.views["orders"]?.sqlTableName == "prod_public.orders")
    }

    @Test func unknownConstantInADashboard() throws {
        let copy = try FixtureProject.copy()
        defer { copy.remove() }
        try copy.replace("title: Shop overview", with: "title: \"@{brand} overview\"", in: "dashboards/overview.dashboard.lookml")
        #expect(copy.load().diagnostics.map(\.description) == [
            "dashboards/overview.dashboard.lookml:2:10: error: unknown constant 'brand'; define it in manifest.lkml with constant: brand { value: \"…\" }",
        ])
    }
}

@Suite("View parameters")
struct ViewParameterTests {
    @Test func fieldsHiddenByDefaultFlipsTheDefaultOnly() throws {
        let copy = try FixtureProject.copy()
        defer { copy.remove() }
        try copy.write("view: +events {\n  fields_hidden_by_default: yes\n  dimension: kind {\n    hidden: no\n  }\n}\n", to: "refinements/zz_hidden.lkml")
        let project = copy.load()
        #expect(project.diagnostics.isEmpty)
        let events = try #require(project.model(named: "ecommerce")?.views["events"])
        #expect(events.fields.filter { !$0.hidden }.map(\.name) == ["kind"])
        #expect(project.model(named: "marketing")?.views["events"]?.fields.allSatisfy { !$0.hidden } == true)
    }
}
