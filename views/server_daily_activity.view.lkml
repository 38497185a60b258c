# fct_server_daily_activity: what each server reports about itself once a day (days without a
# report are missing, as with real telemetry).
view: server_daily_activity {
  sql_table_name: fct_server_daily_activity ;;
  label: "Server Daily Activity"

  dimension: activity_id {
    primary_key: yes
    hidden: yes
    type: number
    sql: ${TABLE}.activity_id ;;
  }

  dimension: server_id {
    hidden: yes
    type: number
    sql: ${TABLE}.server_id ;;
  }

  dimension_group: activity {
    type: time
    label: "Report"
    timeframes: [date, week, month, quarter, year, day_of_week]
    datatype: date
    convert_tz: no
    sql: ${TABLE}.activity_date ;;
  }

  dimension: server_version {
    type: string
    sql: ${TABLE}.server_version ;;
  }

  dimension: active_users {
    type: number
    label: "Daily Active Users (reported)"
    description: "Users active on the server that day, as the server counts them (all users, not only those sending app telemetry)."
    sql: ${TABLE}.active_users ;;
  }

  dimension: active_users_tier {
    type: tier
    label: "Daily Active Users (tier)"
    tiers: [1, 10, 50, 200]
    style: integer
    sql: ${TABLE}.active_users ;;
  }

  measure: reporting_servers {
    type: count_distinct
    label: "Active Servers"
    description: "Distinct servers that sent a daily report in the period."
    sql: ${TABLE}.server_id ;;
    drill_fields: [servers.server_id, servers.edition, servers.current_version, total_messages]
  }

  measure: server_days {
    type: count
    label: "Server-Days Reported"
  }

  measure: total_active_users {
    type: sum
    label: "Reported Active Users (sum)"
    description: "Sum of servers' daily active users. Meaningful per day (across servers); across days it counts user-days."
    value_format_name: decimal_0
    sql: ${TABLE}.active_users ;;
  }

  measure: average_daily_active_users {
    type: average
    label: "Average Daily Active Users per Server"
    value_format_name: decimal_1
    sql: ${TABLE}.active_users ;;
  }

  measure: total_messages {
    type: sum
    label: "Messages Sent"
    value_format_name: decimal_0
    sql: ${TABLE}.messages_sent ;;
  }

  measure: total_calls {
    type: sum
    label: "Calls Started"
    value_format_name: decimal_0
    sql: ${TABLE}.calls_started ;;
  }

  measure: max_storage_gb {
    type: max
    label: "Largest Storage (GB)"
    value_format_name: decimal_2
    sql: ${TABLE}.storage_gb ;;
  }

  measure: average_storage_gb {
    type: average
    label: "Average Storage (GB)"
    value_format_name: decimal_2
    sql: ${TABLE}.storage_gb ;;
  }
}
