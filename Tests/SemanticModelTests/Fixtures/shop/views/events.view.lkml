view: events {
  sql_table_name: @{schema}.events ;;

  dimension: id {
    primary_key: yes
    type: number
  }

  dimension: user_id {
    type: number
  }

  dimension_group: occurred {
    type: time
    sql: ${TABLE}.occurred_at ;;
  }

  dimension: kind {}

  measure: count {
    type: count
  }

  measure: daily_active_users {
    type: count_distinct
    sql: ${user_id} ;;
  }
}
