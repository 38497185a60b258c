view: orders {
  sql_table_name: @{schema}.orders ;;

  dimension: id {
    primary_key: yes
    type: number
  }

  dimension: user_id {
    type: number
    hidden: yes
  }

  dimension: amount {
    type: number
    sql: ${TABLE}.amount ;;
  }

  dimension_group: created {
    type: time
    timeframes: [raw, date, month]
    sql: ${TABLE}.created_at ;;
  }

  measure: count {
    type: count
  }

  measure: total_amount {
    type: sum
    sql: ${amount} ;;
  }
}
