import Testing
import LookML

/// Modern LookML constructs as analysts write them: each file must parse without a diagnostic and
/// keep the shapes the semantic model reads.
@Suite struct LookMLParserRealWorldTests {
    static let model = """
        connection: "warehouse"
        include: "/views/**/*.view.lkml"
        include: "//shared_project/views/*.view"
        week_start_day: monday
        persist_with: nightly

        datagroup: nightly {
          sql_trigger: SELECT MAX(updated_at) FROM etl_log ;;
          max_cache_age: "24 hours"
        }

        access_grant: finance {
          user_attribute: department
          allowed_values: ["finance", "exec"]
        }

        explore: orders {
          label: "Orders 📦"
          required_access_grants: [finance]
          sql_always_where: ${orders.created_date} >= '2020-01-01' ;;
          always_filter: { filters: [orders.created_date: "7 days"] }
          conditionally_filter: {
            filters: [orders.created_date: "30 days"]
            unless: [orders.id, users.id]
          }
          join: users {
            type: left_outer
            relationship: many_to_one
            sql_on: ${orders.user_id} = ${users.id} ;;
            fields: [users.basic*]
          }
          query: top_customers {
            description: "Top customers by revenue"
            dimensions: [users.name]
            measures: [orders.total]
            sorts: [orders.total: desc]
            limit: 10
          }
          aggregate_table: daily {
            query: { dimensions: [orders.created_date] measures: [orders.count] timezone: "UTC" }
            materialization: { datagroup_trigger: nightly }
          }
        }

        explore: +orders {
          fields: [ALL_FIELDS*, -users.email]
        }

        test: totals_are_positive {
          explore_source: orders {
            column: total { field: orders.total }
            filters: [orders.created_date: "2024"]
          }
          assert: positive {
            expression: ${orders.total} > 0 ;;
          }
        }
        """

    static let view = """
        view: orders {
          extends: [base_entity]
          sql_table_name: @{schema}.orders ;;

          parameter: metric {
            type: unquoted
            allowed_value: { label: "Revenue" value: "revenue" }
            allowed_value: { label: "Count" value: "count" }
            default_value: "revenue"
          }

          dimension_group: created {
            type: time
            timeframes: [raw, time, date, week, month, quarter, year]
            sql: ${TABLE}.created_at ;;
          }

          dimension: amount_tier {
            type: tier
            tiers: [0, 10, 50, 100]
            style: integer
            sql: ${amount} ;;
          }

          dimension: status {
            case: {
              when: { sql: ${TABLE}.status = 'c' ;; label: "complete" }
              when: { sql: ${TABLE}.status = 'p' ;; label: "pending" }
              else: "other"
            }
            link: { label: "Search" url: "https://example.com/?q={{ value | url_encode }}" }
          }

          measure: total {
            type: sum
            sql: {% if metric._parameter_value == 'revenue' %} ${amount} {% else %} 1 {% endif %} ;;
            value_format: "$#,##0.00"
            filters: [status: "-cancelled", amount: ">0"]
            drill_fields: [id, created_date, detail*]
            html: {% if value > 1000 %}<b>{{ rendered_value }}</b>{% else %}{{ rendered_value }}{% endif %} ;;
          }

          set: detail { fields: [id, status, created_time] }
        }
        """

    @Test func modelFileParsesCleanly() {
        let (file, diagnostics) = LookMLParser.parse(Self.model, path: "shop.model.lkml")
        #expect(diagnostics.isEmpty, "\(diagnostics)")
        #expect(file.pairs.map(\.key) == ["connection", "include", "include", "week_start_day", "persist_with",
                                          "datagroup", "access_grant", "explore", "explore", "test"])
        guard case .block(let explore) = file.pairs[7].value else {
            Issue.record("explore is not a block")
            return
        }
        #expect(explore.pairs.map(\.key) == ["label", "required_access_grants", "sql_always_where", "always_filter",
                                             "conditionally_filter", "join", "query", "aggregate_table"])
        guard case .block(let query) = explore.pairs[6].value, case .list(let sorts) = query.pairs[3].value else {
            Issue.record("query sorts are not a list")
            return
        }
        #expect(sorts.items.count == 1)
        if case .pair(let sort) = sorts.items.first {
            #expect(sort.key == "orders.total")
            #expect(sort.value == .scalar(Scalar(text: "desc", style: .bare, location: SourceLocation(
                file: "shop.model.lkml", line: 36, column: 27))))
        } else {
            Issue.record("sort is not a pair")
        }
    }

    @Test func viewFileParsesCleanly() {
        let (file, diagnostics) = LookMLParser.parse(Self.view, path: "orders.view.lkml")
        #expect(diagnostics.isEmpty, "\(diagnostics)")
        guard case .block(let view) = file.pairs.first?.value else {
            Issue.record("view is not a block")
            return
        }
        #expect(view.pairs.map(\.key) == ["extends", "sql_table_name", "parameter", "dimension_group", "dimension",
                                          "dimension", "measure", "set"])
        #expect(view.pairs[1].value == .scalar(Scalar(text: "@{schema}.orders", style: .sql, location: SourceLocation(
            file: "orders.view.lkml", line: 3, column: 19))))
        guard case .block(let status) = view.pairs[5].value, case .block(let caseBlock) = status.pairs[0].value else {
            Issue.record("case is not a block")
            return
        }
        #expect(caseBlock.pairs.map(\.key) == ["when", "when", "else"])
    }
}
