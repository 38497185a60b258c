view: orders {
  sql_table_name: orders ;;
  dimension: id { primary_key: yes type: number sql: ${TABLE}.id ;; }
  dimension: customer_id { type: number hidden: yes sql: ${TABLE}.customer_id ;; }
  dimension: amount { type: number sql: ${TABLE}.amount ;; }
  measure: count { type: count }
  measure: revenue { type: sum sql: ${amount} ;; value_format_name: usd }
}
