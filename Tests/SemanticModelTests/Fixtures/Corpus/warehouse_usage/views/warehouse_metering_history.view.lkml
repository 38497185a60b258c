view: warehouse_metering_history {
  sql_table_name: @{account_usage}.WAREHOUSE_METERING_HISTORY ;;

  dimension: warehouse_id {
    type: number
    hidden: yes
    sql: ${TABLE}.WAREHOUSE_ID ;;
  }

  dimension_group: usage {
    type: time
    timeframes: [raw, date, week, month, fiscal_quarter, fiscal_year]
    sql: ${TABLE}.START_TIME ;;
  }

  dimension: credits_used {
    type: number
    sql: ${TABLE}.CREDITS_USED ;;
  }

  measure: total_credits {
    type: sum
    sql: ${credits_used} ;;
    value_format_name: decimal_2
    html: {% if value > 100 %}<b>{{ rendered_value }}</b>{% else %}{{ rendered_value }}{% endif %} ;;
  }

  measure: credits_per_day {
    type: number
    sql: ${total_credits} / NULLIF(COUNT(DISTINCT ${usage_date}), 0) ;;
  }
}
