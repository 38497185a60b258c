import Foundation

/// Writes a large, valid LookML project for benchmarks and speed tests: `views` view files of about
/// 12 KB each (250 views ≈ 3 MB), one model joining them in chains, and a manifest constant.
/// The project loads with zero diagnostics, so any diagnostic in a benchmark is a regression.
public enum SyntheticProject {
    public static func write(to dir: String, views: Int) throws {
        let fm = FileManager.default
        try fm.createDirectory(atPath: dir + "/views", withIntermediateDirectories: true)
        try fm.createDirectory(atPath: dir + "/models", withIntermediateDirectories: true)
        try #"""
        project_name: "synthetic"
        constant: schema {
          value: "analytics"
        }
        """#.write(toFile: dir + "/manifest.lkml", atomically: true, encoding: .utf8)
        for i in 0..<views {
            try view(i).write(toFile: dir + "/views/view_\(i).view.lkml", atomically: false, encoding: .utf8)
        }
        var model = "connection: \"warehouse\"\ninclude: \"/views/*.view\"\n\n"
        // Each explore joins a chain of up to five following views.
        for i in stride(from: 0, to: views, by: 5) {
            model += "explore: view_\(i) {\n  label: \"Explore \(i)\"\n"
            for j in (i + 1)..<min(i + 5, views) {
                model += """
                  join: view_\(j) {
                    type: left_outer
                    relationship: many_to_one
                    sql_on: ${view_\(j - 1).parent_id} = ${view_\(j).id} ;;
                  }

                """
            }
            model += "}\n\n"
        }
        try model.write(toFile: dir + "/models/synthetic.model.lkml", atomically: false, encoding: .utf8)
    }

    private static func view(_ i: Int) -> String {
        var s = """
        view: view_\(i) {
          sql_table_name: @{schema}.table_\(i) ;;
          label: "View \(i)"

          dimension: id {
            primary_key: yes
            type: number
            sql: ${TABLE}.id ;;
          }

          dimension: parent_id {
            type: number
            hidden: yes
            sql: ${TABLE}.parent_id ;;
          }

          dimension_group: created {
            type: time
            timeframes: [raw, time, date, week, month, quarter, year]
            sql: ${TABLE}.created_at ;;
          }

          dimension_group: open {
            type: duration
            intervals: [day, hour]
            sql_start: ${created_raw} ;;
            sql_end: ${TABLE}.closed_at ;;
          }


        """
        for d in 0..<44 {
            let type = d % 3 == 0 ? "number" : "string"
            s += """
              dimension: attribute_\(d) {
                label: "Attribute \(d) of view \(i)"
                description: "The attribute number \(d), kept as \(type) in table_\(i)."
                group_label: "Group \(d / 6)"
                type: \(type)
                sql: ${TABLE}.attribute_\(d) ;;
              }


            """
        }
        s += """
          dimension: derived_total {
            type: number
            sql: ${attribute_0} + ${attribute_3} * 2 ;;
          }


        """
        for m in 0..<12 {
            let d = (m % 12) * 3
            s += """
              measure: total_\(m) {
                type: sum
                sql: ${attribute_\(d)} ;;
                value_format_name: decimal_2
                filters: [attribute_1: "-NULL"]
              }


            """
        }
        s += """
          measure: count {
            type: count
            drill_fields: [detail*]
          }

          measure: ratio {
            type: number
            sql: ${total_0} / NULLIF(${count}, 0) ;;
          }

          set: detail {
            fields: [id, attribute_1, attribute_2, created_date]
          }
        }

        """
        return s
    }
}
