view: v {
  derived_table: {
    sql: SELECT * FROM t WHERE {% condition f %} x {% endcondition %} AND y = ';;' ;;
  }
  dimension: d { html: <b>{{ value }}</b> ;; sql: @{schema}.x ;; }
  filter: f { type: string }
}
