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
  dimension: status_group {
    case: {
      when: {
        sql: ${status} = 'pending' ;;
        label: "Open"
      }
      when: {
        sql: ${status} IN ('complete', 'returned') ;;
        label: "Closed"
      }
    }
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
  measure: count {
    type: count
  }
  measure: total_amount {
    type: sum
    sql: ${amount} ;;
  }
  measure: amount_per_order {
    type: number
    sql: 1.0 * SUM(${TABLE}.amount) / NULLIF(COUNT(${TABLE}.id), 0) ;;
  }
  # A timestamp measure: shown in the query time zone unless convert_tz: no.
  measure: last_order_at {
    type: date
    sql: MAX(${TABLE}.created_at) ;;
  }
  measure: last_order_at_utc {
    type: date
    convert_tz: no
    sql: MAX(${TABLE}.created_at) ;;
  }
  # Period over period: the based_on measure one period earlier, its difference and relative change.
  measure: count_last_year {
    type: period_over_period
    based_on: count
    based_on_time: created_year
    period: year
    kind: previous
  }
  measure: amount_change_vs_last_month {
    type: period_over_period
    based_on: orders.total_amount
    based_on_time: orders.created_month
    period: month
    kind: difference
  }
  measure: amount_relative_change_yoy {
    type: period_over_period
    based_on: total_amount
    based_on_time: created_month
    period: year
    kind: relative_change
  }
}
