# fct_support_tickets: tickets from customers (paying and trialling servers).
view: support_tickets {
  sql_table_name: fct_support_tickets ;;
  label: "Support Tickets"

  dimension: ticket_id {
    primary_key: yes
    type: number
    label: "Ticket ID"
    value_format_name: id
    sql: ${TABLE}.ticket_id ;;
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

  dimension: priority {
    type: string
    description: "low, normal, high or urgent."
    sql: ${TABLE}.priority ;;
  }

  dimension: category {
    type: string
    sql: ${TABLE}.category ;;
  }

  dimension: channel {
    type: string
    description: "portal, email, phone or chat."
    sql: ${TABLE}.channel ;;
  }

  dimension: first_response_minutes {
    type: number
    group_label: "Response"
    description: "Minutes until the first reply from support; empty if never answered."
    sql: ${TABLE}.first_response_minutes ;;
  }

  dimension: first_response_tier {
    type: tier
    label: "First Response Time (minutes)"
    group_label: "Response"
    tiers: [15, 60, 240, 1440]
    style: integer
    sql: ${TABLE}.first_response_minutes ;;
  }

  dimension: satisfaction_score {
    type: number
    group_label: "Satisfaction"
    description: "Customer rating from 1 to 5; empty when the customer did not answer the survey."
    sql: ${TABLE}.satisfaction_score ;;
  }

  dimension: is_rated {
    type: yesno
    label: "Rated"
    group_label: "Satisfaction"
    sql: ${TABLE}.satisfaction_score IS NOT NULL ;;
  }

  dimension: is_satisfied {
    type: yesno
    label: "Satisfied"
    group_label: "Satisfaction"
    description: "Rated 4 or 5."
    sql: ${TABLE}.satisfaction_score >= 4 ;;
  }

  dimension: is_resolved {
    type: yesno
    label: "Resolved"
    sql: ${TABLE}.resolved_at IS NOT NULL ;;
  }

  dimension_group: created {
    type: time
    label: "Opened"
    timeframes: [raw, time, date, week, month, quarter, year, day_of_week, hour_of_day]
    sql: ${TABLE}.created_at ;;
  }

  dimension_group: resolved {
    type: time
    timeframes: [time, date, week, month, quarter, year]
    sql: ${TABLE}.resolved_at ;;
  }

  measure: count {
    type: count
    label: "Number of Tickets"
    drill_fields: [ticket_detail*]
  }

  measure: urgent_count {
    type: count
    label: "Urgent Tickets"
    filters: [priority: "urgent"]
    drill_fields: [ticket_detail*]
  }

  measure: open_count {
    type: count
    label: "Open Tickets"
    filters: [is_resolved: "No"]
    drill_fields: [ticket_detail*]
  }

  measure: average_first_response_minutes {
    type: average
    label: "Average First Response (minutes)"
    group_label: "Response"
    value_format_name: decimal_0
    sql: ${TABLE}.first_response_minutes ;;
  }

  measure: median_first_response_minutes {
    type: median
    label: "Median First Response (minutes)"
    group_label: "Response"
    value_format_name: decimal_0
    sql: ${TABLE}.first_response_minutes ;;
  }

  measure: rated_count {
    type: count
    label: "Rated Tickets"
    group_label: "Satisfaction"
    filters: [is_rated: "Yes"]
  }

  measure: satisfied_count {
    type: count
    label: "Satisfied Tickets"
    group_label: "Satisfaction"
    filters: [is_satisfied: "Yes"]
  }

  measure: csat {
    type: number
    label: "CSAT"
    group_label: "Satisfaction"
    description: "Share of rated tickets rated 4 or 5."
    value_format_name: percent_1
    sql: 1.0 * ${satisfied_count} / NULLIF(${rated_count}, 0) ;;
  }

  measure: average_satisfaction {
    type: average
    label: "Average Satisfaction (1-5)"
    group_label: "Satisfaction"
    value_format_name: decimal_2
    sql: ${TABLE}.satisfaction_score ;;
  }

  set: ticket_detail {
    fields: [ticket_id, created_time, priority, category, channel, first_response_minutes, satisfaction_score]
  }
}
