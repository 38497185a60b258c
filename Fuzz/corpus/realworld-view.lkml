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
