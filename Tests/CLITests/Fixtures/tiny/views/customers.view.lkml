view: customers {
  sql_table_name: customers ;;
  dimension: id { primary_key: yes type: number sql: ${TABLE}.id ;; }
  dimension: name { type: string sql: ${TABLE}.name ;; }
  dimension: country { type: string sql: ${TABLE}.country ;; }
  measure: count { type: count }
}
