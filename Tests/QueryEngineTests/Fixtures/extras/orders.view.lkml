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
    timeframes: [date, month, year]
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

# Per-user order totals, restricted by a templated filter inside the derived table.
view: order_facts {
  derived_table: {
    sql: SELECT user_id, SUM(amount) AS total, COUNT(*) AS orders
         FROM orders
         WHERE {% condition order_status %} status {% endcondition %}
         GROUP BY user_id ;;
  }
  filter: order_status {
    type: string
  }
  dimension: user_id {
    primary_key: yes
    type: number
    sql: ${TABLE}.user_id ;;
  }
  measure: total_sum {
    type: sum
    sql: ${TABLE}.total ;;
  }
  measure: order_sum {
    type: sum
    sql: ${TABLE}.orders ;;
  }
}
