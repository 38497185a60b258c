# dim_users: one row per user account on a server whose apps send usage telemetry.
view: users {
  sql_table_name: dim_users ;;
  label: "Users"

  dimension: user_id {
    primary_key: yes
    type: number
    label: "User ID"
    description: "Pseudonymous user identifier (no personal data is collected)."
    value_format_name: id
    sql: ${TABLE}.user_id ;;
  }

  dimension: server_id {
    hidden: yes
    type: number
    sql: ${TABLE}.server_id ;;
  }

  dimension: role {
    type: string
    description: "admin, member or guest."
    sql: ${TABLE}.role ;;
  }

  dimension: is_bot {
    type: yesno
    label: "Bot Account"
    description: "Integration accounts that post through the API; they never use the apps."
    sql: ${TABLE}.is_bot ;;
  }

  dimension: primary_platform {
    type: string
    group_label: "Platforms"
    description: "The app the user uses most: web, desktop, ios or android."
    sql: ${TABLE}.primary_platform ;;
  }

  dimension: platform_count {
    type: number
    label: "Number of Platforms"
    group_label: "Platforms"
    sql: ${TABLE}.platform_count ;;
  }

  dimension: is_multi_platform {
    type: yesno
    label: "Multi-Platform"
    group_label: "Platforms"
    description: "Uses more than one of web, desktop and mobile."
    sql: ${TABLE}.platform_count > 1 ;;
  }

  dimension: locale {
    type: string
    label: "Language"
    sql: ${TABLE}.locale ;;
  }

  dimension: is_deactivated {
    type: yesno
    label: "Deactivated"
    sql: ${TABLE}.deactivated_at IS NOT NULL ;;
  }

  dimension_group: signup {
    type: time
    label: "Signed Up"
    timeframes: [raw, time, date, week, month, quarter, year, day_of_week, hour_of_day]
    sql: ${TABLE}.signup_at ;;
  }

  dimension_group: last_active {
    type: time
    timeframes: [date, week, month, quarter, year]
    datatype: date
    convert_tz: no
    sql: ${TABLE}.last_active_date ;;
  }

  dimension_group: deactivated {
    type: time
    timeframes: [date, month, year]
    sql: ${TABLE}.deactivated_at ;;
  }

  measure: count {
    type: count
    label: "Number of Users"
    drill_fields: [user_detail*]
  }

  measure: human_count {
    type: count
    label: "Number of Human Users"
    description: "Users that are not bot accounts."
    filters: [is_bot: "No"]
    drill_fields: [user_detail*]
  }

  measure: multi_platform_count {
    type: count
    label: "Multi-Platform Users"
    group_label: "Platforms"
    filters: [is_multi_platform: "Yes", is_bot: "No"]
  }

  measure: multi_platform_share {
    type: number
    group_label: "Platforms"
    description: "Share of human users on more than one platform."
    value_format_name: percent_1
    sql: 1.0 * ${multi_platform_count} / NULLIF(${human_count}, 0) ;;
  }

  set: user_detail {
    fields: [user_id, role, primary_platform, platform_count, locale, signup_date]
  }
}
