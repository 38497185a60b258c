# fct_opportunities: CRM deals: new business, expansions and renewals. Amounts are stored in
# integer cents so sums are exact on every database.
view: opportunities {
  sql_table_name: fct_opportunities ;;
  label: "Opportunities"

  dimension: opportunity_id {
    primary_key: yes
    type: number
    label: "Opportunity ID"
    value_format_name: id
    sql: ${TABLE}.opportunity_id ;;
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

  dimension: opportunity_type {
    type: string
    label: "Type"
    description: "New Business, Expansion (more seats mid-term) or Renewal."
    sql: ${TABLE}.opportunity_type ;;
  }

  dimension: stage {
    type: string
    description: "Discovery, Proposal, Negotiation (open), Closed Won or Closed Lost."
    sql: ${TABLE}.stage ;;
  }

  dimension: is_closed {
    type: yesno
    label: "Closed"
    sql: ${TABLE}.stage IN ('Closed Won', 'Closed Lost') ;;
  }

  dimension: is_won {
    type: yesno
    label: "Won"
    sql: ${TABLE}.stage = 'Closed Won' ;;
  }

  dimension: lead_source {
    type: string
    description: "Where a new-business deal came from; empty for renewals and expansions."
    sql: ${TABLE}.lead_source ;;
  }

  dimension: edition {
    type: string
    sql: ${TABLE}.edition ;;
  }

  dimension: loss_reason {
    type: string
    description: "Why a lost deal was lost; empty otherwise."
    sql: ${TABLE}.loss_reason ;;
  }

  dimension: seats {
    type: number
    sql: ${TABLE}.seats ;;
  }

  dimension: amount {
    type: number
    description: "Deal value in US dollars (annual for new business and renewals, prorated for expansions)."
    value_format_name: usd
    sql: ${TABLE}.amount_cents / 100.0 ;;
  }

  dimension: amount_tier {
    type: tier
    label: "Deal Size"
    tiers: [5000, 20000, 50000, 100000]
    style: integer
    value_format_name: usd_0
    sql: ${TABLE}.amount_cents / 100 ;;
  }

  dimension_group: created {
    type: time
    timeframes: [date, week, month, quarter, year]
    datatype: date
    convert_tz: no
    sql: ${TABLE}.created_date ;;
  }

  dimension_group: close {
    type: time
    label: "Closed"
    description: "When the deal was won or lost; empty while it is open."
    timeframes: [date, week, month, quarter, year]
    datatype: date
    convert_tz: no
    sql: ${TABLE}.close_date ;;
  }

  dimension_group: expected_close {
    type: time
    timeframes: [date, month, quarter, year]
    datatype: date
    convert_tz: no
    sql: ${TABLE}.expected_close_date ;;
  }

  measure: count {
    type: count
    label: "Number of Opportunities"
    drill_fields: [opportunity_detail*]
  }

  measure: won_count {
    type: count
    label: "Deals Won"
    filters: [is_won: "Yes"]
    drill_fields: [opportunity_detail*]
  }

  measure: closed_count {
    type: count
    label: "Deals Closed"
    filters: [is_closed: "Yes"]
  }

  measure: win_rate {
    type: number
    description: "Won deals as a share of closed deals."
    value_format_name: percent_1
    sql: 1.0 * ${won_count} / NULLIF(${closed_count}, 0) ;;
  }

  measure: total_amount {
    type: sum
    label: "Total Amount"
    value_format_name: usd_0
    sql: ${TABLE}.amount_cents / 100.0 ;;
    drill_fields: [opportunity_detail*]
  }

  measure: won_amount {
    type: sum
    label: "Bookings"
    description: "Value of won deals (new business, expansions and renewals)."
    value_format_name: usd_0
    filters: [is_won: "Yes"]
    sql: ${TABLE}.amount_cents / 100.0 ;;
    drill_fields: [opportunity_detail*]
  }

  measure: pipeline_amount {
    type: sum
    label: "Open Pipeline"
    description: "Value of deals still open."
    value_format_name: usd_0
    filters: [is_closed: "No"]
    sql: ${TABLE}.amount_cents / 100.0 ;;
    drill_fields: [opportunity_detail*]
  }

  measure: average_amount {
    type: average
    label: "Average Deal Size"
    value_format_name: usd_0
    sql: ${TABLE}.amount_cents / 100.0 ;;
  }

  set: opportunity_detail {
    fields: [opportunity_id, accounts.account_name, opportunity_type, stage, amount, close_date]
  }
}
