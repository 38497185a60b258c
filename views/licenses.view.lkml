# fct_licenses: one row per license term (trials, new, renewal and add-on seats). ARR is stored in
# integer cents.
view: licenses {
  sql_table_name: fct_licenses ;;
  label: "Licenses"

  dimension: license_id {
    primary_key: yes
    type: number
    label: "License ID"
    value_format_name: id
    sql: ${TABLE}.license_id ;;
  }

  dimension: account_id {
    hidden: yes
    type: number
    sql: ${TABLE}.account_id ;;
  }

  dimension: server_id {
    hidden: yes
    type: number
    sql: ${TABLE}.server_id ;;
  }

  dimension: opportunity_id {
    hidden: yes
    type: number
    sql: ${TABLE}.opportunity_id ;;
  }

  dimension: edition {
    type: string
    sql: ${TABLE}.edition ;;
  }

  dimension: is_trial {
    type: yesno
    label: "Trial"
    description: "A free 30-day trial license (no revenue)."
    sql: ${TABLE}.is_trial ;;
  }

  dimension: seats {
    type: number
    sql: ${TABLE}.seats ;;
  }

  dimension: arr {
    type: number
    label: "ARR"
    description: "Annual recurring revenue of this license in US dollars."
    value_format_name: usd
    sql: ${TABLE}.arr_cents / 100.0 ;;
  }

  dimension_group: starts {
    type: time
    label: "Starts"
    timeframes: [date, month, quarter, year]
    datatype: date
    convert_tz: no
    sql: ${TABLE}.starts_on ;;
  }

  dimension_group: ends {
    type: time
    label: "Ends"
    timeframes: [date, month, quarter, year]
    datatype: date
    convert_tz: no
    sql: ${TABLE}.ends_on ;;
  }

  measure: count {
    type: count
    label: "Number of Licenses"
    drill_fields: [license_id, accounts.account_name, edition, seats, arr, starts_date, ends_date]
  }

  measure: paid_count {
    type: count
    label: "Paid Licenses"
    filters: [is_trial: "No"]
  }

  measure: trial_count {
    type: count
    label: "Trials"
    filters: [is_trial: "Yes"]
  }

  measure: total_arr {
    type: sum
    label: "Total ARR"
    description: "Annual recurring revenue of paid licenses starting in the period."
    value_format_name: usd_0
    filters: [is_trial: "No"]
    sql: ${TABLE}.arr_cents / 100.0 ;;
  }

  measure: total_seats {
    type: sum
    label: "Paid Seats"
    value_format_name: decimal_0
    filters: [is_trial: "No"]
    sql: ${TABLE}.seats ;;
  }

  measure: average_seats {
    type: average
    value_format_name: decimal_1
    sql: ${TABLE}.seats ;;
  }
}
