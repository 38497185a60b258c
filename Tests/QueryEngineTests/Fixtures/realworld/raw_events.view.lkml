view: raw_events {
  dimension: id {
    primary_key: yes
    type: number
    sql: ${TABLE}.id ;;
  }
  dimension: kind {
    sql: ${TABLE}.kind ;;
  }
  measure: count {
    type: count
  }
}
