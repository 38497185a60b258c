view: orders {
  sql_table_name: public.orders ;;
  dimension: id { primary_key: yes type: number sql: ${TABLE}.id ;; }
  dimension: status {
    label: "Status"
    sql: CASE WHEN ${TABLE}.status = 'x' THEN 1 # keep
         ELSE 0 END ;;
  }
  measure: total { type: sum sql: ${amount} ;; value_format_name: usd }
}
