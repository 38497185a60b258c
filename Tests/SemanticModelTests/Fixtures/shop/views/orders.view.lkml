view: orders {
  extends: [entity]
  sql_table_name: @{schema}.orders ;;
  drill_fields: [detail*]

  dimension: user_id {
    type: number
    hidden: yes
  }

  dimension: status {
    type: string
    suggestions: ["complete", "pending", "cancelled"]
  }

  dimension: amount {
    type: number
    sql: ${TABLE}.amount ;;
    value_format_name: usd
  }

  dimension_group: shipping {
    type: duration
    intervals: [day, hour]
    sql_start: ${created_raw} ;;
    sql_end: ${TABLE}.shipped_at ;;
  }

  measure: total_amount {
    type: sum
    sql: ${amount} ;;
    value_format: "@{currency_format}"
  }

  measure: completed_amount {
    type: sum
    sql: ${amount} ;;
    filters: [status: "complete"]
  }

  measure: cancelled_count {
    type: count
    filters: {
      field: status
      value: "cancelled"
    }
  }

  measure: average_amount {
    type: number
    sql: ${total_amount} / NULLIF(${count}, 0) ;;
  }

  measure: distinct_users {
    type: count_distinct
    sql: ${user_id} ;;
  }

  parameter: metric {
    type: unquoted
    allowed_value: {
      label: "Total"
      value: "total"
    }
    allowed_value: {
      value: "average"
    }
    default_value: "total"
  }

  filter: status_filter {
    type: string
  }

  set: detail {
    fields: [id, status, amount, users.name]
  }
}
