# No primary key: its measures cannot be kept at its grain when another join fans it out.
view: page_views {
  sql_table_name: page_views ;;

  dimension: user_id {
    type: number
    sql: ${TABLE}.user_id ;;
  }
  measure: total_seconds {
    type: sum
    sql: ${TABLE}.seconds ;;
  }
}
