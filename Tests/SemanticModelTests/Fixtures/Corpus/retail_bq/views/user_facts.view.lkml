# A derived table that reads another view's table through SQL_TABLE_NAME; no explore joins
# order_items under that name here, which Looker allows.
view: user_facts {
  derived_table: {
    sql:
      SELECT user_id, MIN(created_at) AS first_order_at, COUNT(*) AS lifetime_orders
      FROM ${order_items.SQL_TABLE_NAME}
      GROUP BY user_id ;;
    datagroup_trigger: nightly
    partition_keys: ["first_order_at"]
    cluster_keys: ["user_id"]
  }

  dimension: user_id {
    primary_key: yes
    hidden: yes
    sql: ${TABLE}.user_id ;;
  }

  dimension_group: first_order {
    type: time
    timeframes: [raw, date, month]
    sql: ${TABLE}.first_order_at ;;
  }

  dimension: lifetime_orders {
    type: number
    sql: ${TABLE}.lifetime_orders ;;
  }

  dimension: is_repeat_buyer {
    type: yesno
    sql: ${lifetime_orders} > 1 ;;
  }
}
