# dim_servers: one row per self-hosted Parley server that ever sent telemetry.
view: servers {
  sql_table_name: dim_servers ;;
  label: "Servers"

  dimension: server_id {
    primary_key: yes
    type: number
    label: "Server ID"
    value_format_name: id
    sql: ${TABLE}.server_id ;;
  }

  dimension: account_id {
    hidden: yes
    type: number
    description: "The customer account; empty for servers on the free Community edition."
    sql: ${TABLE}.account_id ;;
  }

  dimension: edition {
    type: string
    group_label: "Installation"
    description: "Edition the server runs: community (free), professional or enterprise."
    sql: ${TABLE}.edition ;;
  }

  dimension: deployment {
    type: string
    group_label: "Installation"
    description: "How the server was installed: docker, kubernetes, linux_package, cloud_marketplace or tarball."
    sql: ${TABLE}.deployment ;;
  }

  dimension: database_type {
    type: string
    label: "Database"
    group_label: "Installation"
    sql: ${TABLE}.database_type ;;
  }

  dimension: country_code {
    type: string
    label: "Country"
    group_label: "Installation"
    description: "Country of the server's IP address; empty when unknown."
    sql: ${TABLE}.country_code ;;
  }

  dimension: current_version {
    type: string
    group_label: "Version"
    description: "Server version in its latest telemetry."
    sql: ${TABLE}.current_version ;;
  }

  dimension: current_major_version {
    type: number
    group_label: "Version"
    description: "Major server version (9.0 brought Calls, Playbooks and new mobile apps; 10.0 brought AI features)."
    sql: CASE WHEN ${TABLE}.current_version LIKE '10.%' THEN 10 WHEN ${TABLE}.current_version LIKE '9.%' THEN 9
              WHEN ${TABLE}.current_version LIKE '8.%' THEN 8 ELSE 7 END ;;
  }

  dimension: registered_users {
    type: number
    group_label: "Size"
    description: "Users ever registered on the server."
    sql: ${TABLE}.registered_users ;;
  }

  dimension: registered_users_tier {
    type: tier
    label: "Server Size"
    group_label: "Size"
    description: "Registered users, in bands."
    tiers: [5, 20, 100, 500]
    style: integer
    sql: ${TABLE}.registered_users ;;
  }

  dimension: is_activated {
    type: yesno
    label: "Activated"
    group_label: "Funnel"
    description: "Reached 3 registered users while still running: the team actually adopted it."
    sql: ${TABLE}.activated_date IS NOT NULL ;;
  }

  dimension: is_paying {
    type: yesno
    label: "Paying"
    group_label: "Funnel"
    description: "Converted from a trial to a paid license."
    sql: ${TABLE}.converted_date IS NOT NULL ;;
  }

  dimension: is_still_reporting {
    type: yesno
    label: "Still Reporting"
    description: "Sent telemetry in the last month of the data (on or after 2026-10-01)."
    sql: ${TABLE}.last_seen_date >= '2026-10-01' ;;
  }

  dimension_group: installed {
    type: time
    description: "The day the server first phoned home."
    timeframes: [date, week, month, quarter, year]
    datatype: date
    convert_tz: no
    sql: ${TABLE}.install_date ;;
  }

  dimension_group: last_seen {
    type: time
    description: "The last day the server sent telemetry."
    timeframes: [date, week, month, quarter, year]
    datatype: date
    convert_tz: no
    sql: ${TABLE}.last_seen_date ;;
  }

  dimension_group: activated {
    type: time
    group_label: "Funnel"
    timeframes: [date, month, quarter, year]
    datatype: date
    convert_tz: no
    sql: ${TABLE}.activated_date ;;
  }

  dimension_group: trial_started {
    type: time
    group_label: "Funnel"
    timeframes: [date, month, quarter, year]
    datatype: date
    convert_tz: no
    sql: ${TABLE}.trial_started_date ;;
  }

  dimension_group: converted {
    type: time
    label: "Converted to Paid"
    group_label: "Funnel"
    timeframes: [date, month, quarter, year]
    datatype: date
    convert_tz: no
    sql: ${TABLE}.converted_date ;;
  }

  measure: count {
    type: count
    label: "Servers Installed"
    description: "Number of servers (funnel step 1)."
    drill_fields: [server_detail*]
  }

  measure: activated_count {
    type: count
    label: "Servers Activated"
    group_label: "Funnel"
    description: "Servers that reached 3 registered users (funnel step 2)."
    filters: [is_activated: "Yes"]
    drill_fields: [server_detail*]
  }

  measure: paying_count {
    type: count
    label: "Servers Paying"
    group_label: "Funnel"
    description: "Servers on a paid license (funnel step 3)."
    filters: [is_paying: "Yes"]
    drill_fields: [server_detail*]
  }

  measure: activation_rate {
    type: number
    group_label: "Funnel"
    description: "Activated servers as a share of installed servers."
    value_format_name: percent_1
    sql: 1.0 * ${activated_count} / NULLIF(${count}, 0) ;;
  }

  measure: paid_conversion_rate {
    type: number
    group_label: "Funnel"
    description: "Paying servers as a share of activated servers."
    value_format_name: percent_1
    sql: 1.0 * ${paying_count} / NULLIF(${activated_count}, 0) ;;
  }

  measure: total_registered_users {
    type: sum
    value_format_name: decimal_0
    sql: ${TABLE}.registered_users ;;
  }

  measure: average_registered_users {
    type: average
    label: "Average Users per Server"
    value_format_name: decimal_1
    sql: ${TABLE}.registered_users ;;
  }

  set: server_detail {
    fields: [server_id, edition, deployment, country_code, current_version, registered_users, installed_date]
  }
}
