view: events {
  sql_table_name: events ;;

  dimension: id {
    primary_key: yes
    type: number
    sql: ${TABLE}.id ;;
  }
  dimension: user_id {
    type: number
    sql: ${TABLE}.user_id ;;
  }
  dimension: kind {
    sql: ${TABLE}.kind ;;
  }
  measure: count {
    type: count
  }
  measure: active_users {
    type: count_distinct
    sql: ${user_id} ;;
  }
}
