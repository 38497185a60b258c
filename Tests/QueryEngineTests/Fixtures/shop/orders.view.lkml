view: orders {
  sql_table_name: orders ;;

  dimension: id {
    primary_key: yes
    type: number
    sql: ${TABLE}.id ;;
  }
  dimension: user_id {
    type: number
    sql: ${TABLE}.user_id ;;
  }
  dimension: status {
    sql: ${TABLE}.status ;;
  }
  dimension: amount {
    type: number
    sql: ${TABLE}.amount ;;
  }
  dimension_group: created {
    type: time
    timeframes: [raw, date, month, year]
    sql: ${TABLE}.created_at ;;
  }
  dimension_group: fulfillment {
    type: duration
    intervals: [day, hour]
    sql_start: ${TABLE}.created_at ;;
    sql_end: ${TABLE}.shipped_at ;;
  }
  measure: count {
    type: count
  }
  measure: total_amount {
    type: sum
    sql: ${amount} ;;
  }
  measure: average_amount {
    type: average
    sql: ${amount} ;;
  }
  measure: median_amount {
    type: median
    sql: ${amount} ;;
  }
  measure: p75_amount {
    type: percentile
    percentile: 75
    sql: ${amount} ;;
  }
  measure: max_amount {
    type: max
    sql: ${amount} ;;
  }
  measure: completed_count {
    type: count
    filters: [status: "complete"]
  }
  measure: completed_amount {
    type: sum
    sql: ${amount} ;;
    filters: [status: "complete"]
  }
  measure: customer_count {
    type: count_distinct
    sql: ${user_id} ;;
  }
  measure: amount_per_user {
    type: number
    sql: ${total_amount} / NULLIF(${users.count}, 0) ;;
  }
  measure: completion_rate {
    type: number
    sql: 1.0 * ${completed_count} / NULLIF(${count}, 0) ;;
  }
}
