view: spans {
  sql_table_name: spans ;;

  dimension: id {
    primary_key: yes
    type: number
    sql: ${TABLE}.id ;;
  }
  dimension_group: span {
    type: duration
    intervals: [day, month, quarter, year]
    sql_start: ${TABLE}.start_at ;;
    sql_end: ${TABLE}.end_at ;;
  }
  dimension_group: span_epoch {
    type: duration
    intervals: [hour, month, year]
    datatype: epoch
    sql_start: ${TABLE}.start_epoch ;;
    sql_end: ${TABLE}.end_epoch ;;
  }
  dimension_group: span_ymd {
    type: duration
    intervals: [day, month, quarter]
    datatype: yyyymmdd
    sql_start: ${TABLE}.start_ymd ;;
    sql_end: ${TABLE}.end_ymd ;;
  }
  dimension_group: start_epoch {
    type: time
    timeframes: [time, date, hour4]
    datatype: epoch
    sql: ${TABLE}.start_epoch ;;
  }
  dimension_group: start_ymd {
    type: time
    timeframes: [date, month]
    datatype: yyyymmdd
    sql: ${TABLE}.start_ymd ;;
  }
  measure: count {
    type: count
  }
}
