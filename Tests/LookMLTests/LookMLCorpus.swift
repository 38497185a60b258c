/// Generates realistic LookML of any size: views with every kind of field, explores with joins,
/// comments, Liquid, lists of pairs, non-Latin labels and CRLF in places.
enum LookMLCorpus {
    /// About `bytes` bytes of valid LookML; `views` counts the `view:` blocks written.
    static func generate(bytes: Int) -> (text: String, views: Int) {
        var out = "connection: \"warehouse\"\ninclude: \"/views/*.view.lkml\"\n"
        var views = 0
        while out.utf8.count < bytes {
            out += view(views)
            views += 1
        }
        return (out, views)
    }

    static func view(_ n: Int) -> String {
        var text = """
            # View number \(n): generated for parser tests and measurements.
            view: orders_\(n) {
              sql_table_name: analytics.orders_\(n) ;;
              label: "注文 \(n) طلبات 🚀"\r
              derived_table: {
                sql: SELECT o.id, o.amount, o.status -- keep ; single
                     FROM orders o
                     WHERE {% condition status_filter %} o.status {% endcondition %}
                       AND o.note <> '#hash' ;;
                persist_for: "24 hours"
              }

            """
        for d in 0..<12 {
            text += """
                  dimension: field_\(d) {
                    type: \(d % 3 == 0 ? "number" : "string")
                    primary_key: \(d == 0 ? "yes" : "no")
                    sql: CASE WHEN ${TABLE}.col_\(d) > 0 THEN ${TABLE}.col_\(d) ELSE NULL END ;;
                    html: <a href="/x?v={{ value | url_encode }}">{{ rendered_value }}</a> ;;
                    tags: ["a", "b", "c"]
                    description: "Column \(d) with \\"escapes\\" and a \\\\ backslash"
                  }

                """
        }
        text += """
              measure: total {
                type: sum
                sql: ${field_1} ;;
                filters: [field_2: "complete", field_3: ">10",]
                value_format_name: usd
              }
            }
            explore: orders_\(n) {
              fields: [ALL_FIELDS*, -orders_\(n).field_4]
              join: users { type: left_outer relationship: many_to_one sql_on: ${orders_\(n).field_1} = ${users.id} ;; }
              always_filter: { filters: [orders_\(n).field_2: "yes"] }
            }

            """
        return text
    }
}
