view: user_order_facts {
  derived_table: {
    sql: SELECT user_id, COUNT(*) AS order_count, SUM(amount) AS lifetime_amount
      FROM ${orders.SQL_TABLE_NAME}
      GROUP BY user_id ;;
  }

  dimension: user_id {
    primary_key: yes
    hidden: yes
  }

  dimension: order_count {
    type: number
  }

  dimension: lifetime_amount {
    type: number
    value_format_name: usd
  }
}
