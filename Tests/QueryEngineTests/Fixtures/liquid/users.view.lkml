view: users {
  sql_table_name: users ;;

  dimension: id {
    primary_key: yes
    type: number
    sql: ${TABLE}.id ;;
  }
  dimension: state {
    sql: ${TABLE}.state ;;
  }
  dimension: vip {
    type: number
    sql: ${TABLE}.vip ;;
  }
  parameter: vip_only {
    type: unquoted
    allowed_value: { value: "yes" }
    allowed_value: { value: "no" }
    default_value: "no"
  }
}

# Per-user totals; the derived table's SQL changes with a parameter and a templated filter.
view: user_totals {
  derived_table: {
    sql: SELECT user_id, SUM(amount) AS total
         FROM orders
         WHERE {% incrementcondition user_totals.total_status %} status {% endincrementcondition %}
         {% if user_totals.big_only._parameter_value == 'yes' %}AND amount >= 100{% endif %}
         GROUP BY user_id ;;
  }
  dimension: user_id {
    primary_key: yes
    type: number
    sql: ${TABLE}.user_id ;;
  }
  dimension: total {
    type: number
    sql: ${TABLE}.total ;;
  }
  filter: total_status {
    type: string
  }
  parameter: big_only {
    type: unquoted
    allowed_value: { value: "yes" }
    allowed_value: { value: "no" }
    default_value: "no"
  }
  measure: total_sum {
    type: sum
    sql: ${total} ;;
  }
}
