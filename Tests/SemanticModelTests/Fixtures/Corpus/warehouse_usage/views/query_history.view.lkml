view: query_history {
  sql_table_name: @{account_usage}.QUERY_HISTORY ;;

  filter: date_filter {
    type: date
  }

  parameter: time_unit {
    type: unquoted
    default_value: "DAY"
    allowed_value: { label: "Day" value: "DAY" }
    allowed_value: { label: "Week" value: "WEEK" }
  }

  dimension: query_id {
    primary_key: yes
    type: string
    sql: ${TABLE}.QUERY_ID ;;
    link: {
      label: "Open in Snowsight"
      url: "https://app.snowflake.com/#/compute/history/queries/{{ value }}"
      icon_url: "https://www.snowflake.com/favicon.ico"
    }
  }

  dimension: warehouse_id {
    type: number
    hidden: yes
    sql: ${TABLE}.WAREHOUSE_ID ;;
  }

  dimension: warehouse_name {
    type: string
    sql: ${TABLE}.WAREHOUSE_NAME ;;
  }

  dimension: user_name {
    type: string
    sql: ${TABLE}.USER_NAME ;;
  }

  dimension: query_text {
    type: string
    sql: ${TABLE}.QUERY_TEXT ;;
    html: <pre>{{ value | escape }}</pre> ;;
    required_access_grants: [can_see_queries]
  }

  dimension: execution_status {
    case: {
      when: {
        sql: ${TABLE}.EXECUTION_STATUS = 'SUCCESS' ;;
        label: "Success"
      }
      when: {
        sql: ${TABLE}.EXECUTION_STATUS = 'FAIL' ;;
        label: "Failed"
      }
      else: "Other"
    }
  }

  dimension_group: start {
    type: time
    timeframes: [raw, time, date, week, month, hour_of_day, day_of_week]
    sql: ${TABLE}.START_TIME ;;
    convert_tz: no
  }

  dimension: start_period {
    label_from_parameter: time_unit
    sql: DATE_TRUNC('{% parameter time_unit %}', ${start_raw}) ;;
  }

  dimension: elapsed_seconds {
    type: number
    sql: ${TABLE}.TOTAL_ELAPSED_TIME / 1000.0 ;;
    value_format_name: decimal_1
  }

  dimension: elapsed_tier {
    type: tier
    tiers: [1, 10, 60, 300]
    style: relational
    sql: ${elapsed_seconds} ;;
  }

  dimension: is_slow {
    type: yesno
    sql: ${elapsed_seconds} > 60 ;;
  }

  measure: count {
    type: count
    drill_fields: [query_id, user_name, warehouse_name, elapsed_seconds]
  }

  measure: average_elapsed {
    type: average
    sql: ${elapsed_seconds} ;;
    value_format_name: decimal_2
  }

  measure: p95_elapsed {
    type: percentile
    percentile: 95
    sql: ${elapsed_seconds} ;;
  }

  measure: slow_share {
    type: number
    sql: 1.0 * ${slow_count} / NULLIF(${count}, 0) ;;
    value_format_name: percent_1
  }

  measure: slow_count {
    type: count
    filters: [is_slow: "yes"]
  }

  measure: users_running {
    type: count_distinct
    sql: ${user_name} ;;
    allow_approximate_optimization: yes
  }
}
