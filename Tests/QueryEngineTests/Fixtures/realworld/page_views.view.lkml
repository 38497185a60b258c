# No primary key.
view: page_views {
  sql_table_name: page_views ;;

  dimension: user_id {
    type: number
    sql: ${TABLE}.user_id ;;
  }
  measure: count {
    type: count
  }
  measure: total_seconds {
    type: sum
    sql: ${TABLE}.seconds ;;
  }
}
