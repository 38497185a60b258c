import Foundation
import Testing
@testable import SemanticModel

/// Each test copies the valid shop fixture, seeds one mistake, and asserts the diagnostics exactly
/// as `spyglass validate` prints them: the mistake reported once, at its own path:line:col.
@Suite("Seeded mistakes are reported once, where they are")
struct SeededMistakeTests {
    /// Loads a copy of the fixture after `edit`, returning every diagnostic's first line.
    private func diagnostics(_ edit: (FixtureProject) throws -> Void) throws -> [String] {
        let copy = try FixtureProject.copy()
        defer { copy.remove() }
        try edit(copy)
        return copy.load().diagnostics.map(\.description)
    }

    @Test func unknownFieldInMeasureSQL() throws {
        let found = try diagnostics {
            try $0.replace("sql: ${amount} ;;\n    value_format", with: "sql: ${amuont} ;;\n    value_format", in: "views/orders.view.lkml")
        }
        #expect(found == ["views/orders.view.lkml:31:10: error: unknown field 'amuont' in view 'orders' referenced as '${amuont}'"])
    }

    @Test func renderedWithSourceLineAndCaret() throws {
        let copy = try FixtureProject.copy()
        defer { copy.remove() }
        try copy.replace("sql: ${amount} ;;\n    value_format", with: "sql: ${amuont} ;;\n    value_format", in: "views/orders.view.lkml")
        let project = copy.load()
        #expect(DiagnosticRenderer.render(project.diagnostics, root: project.root) == """
            views/orders.view.lkml:31:10: error: unknown field 'amuont' in view 'orders' referenced as '${amuont}'
                sql: ${amuont} ;;
                     ^
            """)
    }

    @Test func unknownViewInSqlOnIsReportedOnceThoughAnExploreExtendsIt() throws {
        let found = try diagnostics {
            try $0.replace("= ${users.id} ;;\n    fields", with: "= ${user.id} ;;\n    fields", in: "explores/orders.explore.lkml")
        }
        #expect(found == ["explores/orders.explore.lkml:12:33: error: unknown view 'user' in '${user.id}'; it is not the explore or one of its joins"])
    }

    @Test func referenceCycleIsNamed() throws {
        let found = try diagnostics {
            try $0.replace("  dimension: status {", with: """
                  dimension: a {
                    sql: ${b} + 1 ;;
                  }

                  dimension: b {
                    sql: ${a} ;;
                  }

                  dimension: status {
                """, in: "views/orders.view.lkml")
        }
        #expect(found == ["views/orders.view.lkml:12:10: error: reference cycle: orders.a → orders.b → orders.a"])
    }

    @Test func sumOfAMeasure() throws {
        let found = try diagnostics {
            try $0.replace("sql: ${amount} ;;\n    filters: [status", with: "sql: ${total_amount} ;;\n    filters: [status", in: "views/orders.view.lkml")
        }
        #expect(found == ["views/orders.view.lkml:37:10: error: measure 'completed_amount' of type sum cannot aggregate measure 'total_amount'; use type: number"])
    }

    @Test func dimensionReferencingAMeasureInAViewTwoModelsInclude() throws {
        let found = try diagnostics {
            try $0.replace("sql: ${age} >= 18 ;;", with: "sql: ${count} >= 18 ;;", in: "views/users.view.lkml")
        }
        #expect(found == ["views/users.view.lkml:25:10: error: dimension 'is_adult' cannot reference measure 'count'"])
    }

    @Test func includeMatchingNothing() throws {
        let found = try diagnostics {
            try $0.replace("include: \"/refinements/*.lkml\"", with: "include: \"/refinement/*.lkml\"", in: "models/ecommerce.model.lkml")
        }
        #expect(found == ["models/ecommerce.model.lkml:6:10: error: include '/refinement/*.lkml' matches no files"])
    }

    @Test func unknownConstant() throws {
        let found = try diagnostics {
            try $0.replace("@{schema}.orders", with: "@{schemaa}.orders", in: "views/orders.view.lkml")
        }
        #expect(found == ["views/orders.view.lkml:3:19: error: unknown constant 'schemaa'; define it in manifest.lkml with constant: schemaa { value: \"…\" }"])
    }

    @Test func duplicateFieldNamesTheFirst() throws {
        let found = try diagnostics {
            try $0.replace("  dimension: amount {", with: "  dimension: status {}\n\n  dimension: amount {", in: "views/orders.view.lkml")
        }
        #expect(found == ["views/orders.view.lkml:16:14: error: field 'status' is already defined in view 'orders' at views/orders.view.lkml:11:14"])
    }

    @Test func duplicateViewNamesTheFirst() throws {
        let found = try diagnostics {
            try $0.write("view: users {\n  dimension: nickname {}\n}\n", to: "views/zz_users_copy.view.lkml")
        }
        #expect(found == ["views/zz_users_copy.view.lkml:1:7: error: view 'users' is already defined at views/users.view.lkml:1:7"])
    }

    @Test func foreignKeyIntoViewWithoutPrimaryKey() throws {
        let found = try diagnostics {
            try $0.replace("  dimension: id {\n    primary_key: yes\n    type: number\n  }\n\n  dimension: name {}",
                           with: "  dimension: id {\n    type: number\n  }\n\n  dimension: name {}", in: "views/products.view.lkml")
        }
        #expect(found == ["explores/orders.explore.lkml:23:18: error: join 'products' uses foreign_key but view 'products' has no primary_key"])
    }

    @Test func manyToManyJoinIntoViewWithoutPrimaryKeyWarns() throws {
        let found = try diagnostics {
            try $0.replace("    primary_key: yes\n", with: "", in: "views/order_items.view.lkml")
            try $0.replace("relationship: one_to_many", with: "relationship: many_to_many", in: "explores/orders.explore.lkml")
        }
        #expect(found == ["explores/orders.explore.lkml:17:19: warning: measures of 'order_items' may be wrong through fan-out: view 'order_items' has no primary_key"])
    }

    @Test func oneFanOutJoinWarnsForEachViewItPutsAtRisk() throws {
        // Regression: diagnostics were deduplicated by location alone, so the second view's
        // warning at the same join was dropped.
        let found = try diagnostics {
            try $0.replace("    primary_key: yes\n", with: "", in: "views/order_items.view.lkml")
            try $0.replace("relationship: one_to_many", with: "relationship: many_to_many", in: "explores/orders.explore.lkml")
            try $0.write("view: +orders {\n  dimension: id {\n    primary_key: no\n  }\n}\n", to: "refinements/zz_no_key.lkml")
        }
        #expect(found == [
            "explores/orders.explore.lkml:17:19: warning: measures of 'orders' may be wrong through fan-out: view 'orders' has no primary_key",
            "explores/orders.explore.lkml:17:19: warning: measures of 'order_items' may be wrong through fan-out: view 'order_items' has no primary_key",
        ])
    }

    @Test func oneToManyFansOutTheOneSideNotTheJoinedView() throws {
        // Regression: the joined view of a one_to_many join was warned about, though its own rows
        // are never repeated by that join; the base view's are.
        let joinedWithoutKey = try diagnostics {
            try $0.replace("    primary_key: yes\n", with: "", in: "views/order_items.view.lkml")
        }
        #expect(joinedWithoutKey == [])
        let baseWithoutKey = try diagnostics {
            try $0.write("view: +orders {\n  dimension: id {\n    primary_key: no\n  }\n}\n", to: "refinements/zz_no_key.lkml")
        }
        #expect(baseWithoutKey == ["explores/orders.explore.lkml:17:19: warning: measures of 'orders' may be wrong through fan-out: view 'orders' has no primary_key"])
    }

    @Test func unknownParameterWarns() throws {
        let found = try diagnostics {
            try $0.replace("    hidden: yes\n", with: "    hiden: yes\n", in: "views/orders.view.lkml")
        }
        #expect(found == ["views/orders.view.lkml:8:5: warning: unknown parameter 'hiden' in dimension 'user_id'"])
    }

    @Test func unknownTimeframeInAnInheritedGroup() throws {
        let found = try diagnostics {
            try $0.replace("[raw, date, week, month, year]", with: "[raw, date, weak, month, year]", in: "views/base/entity.view.lkml")
        }
        #expect(found == ["views/base/entity.view.lkml:13:29: error: unknown timeframe 'weak' in dimension_group 'created'"])
    }

    /// Aggregate measures without sql read `${TABLE}.<name>` (Looker's default for any field), so
    /// the mistake seeded here is a `type: number` measure, which has nothing to compute without sql.
    @Test func numberMeasureWithoutSQL() throws {
        let found = try diagnostics {
            try $0.replace("    type: count_distinct\n    sql: ${user_id} ;;\n", with: "    type: number\n", in: "views/events.view.lkml")
        }
        #expect(found == ["views/events.view.lkml:25:11: error: measure 'daily_active_users' of type number needs a sql parameter"])
    }

    @Test func extendsUnknownView() throws {
        let found = try diagnostics {
            try $0.write("view: extra {\n  extends: [entiti]\n  sql_table_name: extra ;;\n}\n", to: "views/zz_extra.view.lkml")
        }
        #expect(found == ["views/zz_extra.view.lkml:2:13: error: unknown view 'entiti' in extends of view 'extra'"])
    }

    @Test func unknownFieldInExploreFieldsList() throws {
        let found = try diagnostics {
            try $0.replace("-users.email]", with: "-users.emial]", in: "models/ecommerce.model.lkml")
        }
        #expect(found == ["models/ecommerce.model.lkml:11:25: error: unknown field 'emial' in view 'users' in fields of explore 'users'"])
    }

    @Test func refinementOfUnknownView() throws {
        let found = try diagnostics {
            try $0.write("view: +ordrs {\n  dimension: x {}\n}\n", to: "refinements/extra.lkml")
        }
        #expect(found == ["refinements/extra.lkml:1:7: error: refinement of unknown view 'ordrs'"])
    }

    @Test func joinFromUnknownView() throws {
        let found = try diagnostics {
            try $0.replace("    foreign_key: order_items.product_id", with: "    from: product\n    foreign_key: order_items.product_id", in: "explores/orders.explore.lkml")
        }
        #expect(found == ["explores/orders.explore.lkml:23:11: error: unknown view 'product' in join 'products'"])
    }

    @Test func joinWithoutCondition() throws {
        let found = try diagnostics {
            try $0.replace("    foreign_key: order_items.product_id\n", with: "", in: "explores/orders.explore.lkml")
        }
        #expect(found == ["explores/orders.explore.lkml:21:9: error: join 'products' needs sql_on or foreign_key (or type: cross)"])
    }

    @Test func filtersOnANonAggregateMeasure() throws {
        let found = try diagnostics {
            try $0.replace("    type: number\n    sql: ${total_amount} / NULLIF(${count}, 0) ;;",
                           with: "    type: number\n    sql: ${total_amount} / NULLIF(${count}, 0) ;;\n    filters: [status: \"complete\"]", in: "views/orders.view.lkml")
        }
        #expect(found == ["views/orders.view.lkml:52:5: error: measure 'average_amount' of type number cannot use filters; only aggregate measures (count, sum, …) can"])
    }

    @Test func measureWithoutTypeOrSQLIsAStringWithNothingToShow() throws {
        let found = try diagnostics {
            try $0.replace("  measure: count {\n    type: count\n  }", with: "  measure: count {}", in: "views/products.view.lkml")
        }
        #expect(found == ["views/products.view.lkml:19:12: error: measure 'count' of type string needs a sql parameter"])
    }

    @Test func dashboardTileWithUnknownField() throws {
        let found = try diagnostics {
            try $0.replace("fields: [orders.total_amount]", with: "fields: [orders.total_amont]", in: "dashboards/overview.dashboard.lookml")
        }
        #expect(found == ["dashboards/overview.dashboard.lookml:21:14: error: unknown field 'orders.total_amont' in explore 'orders' (element 'revenue' of dashboard 'overview')"])
    }

    @Test func invalidDashboardYAML() throws {
        let found = try diagnostics {
            try $0.write("- dashboard: broken\n  title: [unclosed\n", to: "dashboards/broken.dashboard.lookml")
        }
        #expect(found.count == 1)
        #expect(found.first?.hasPrefix("dashboards/broken.dashboard.lookml:3:") == true)
    }
}
