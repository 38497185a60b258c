# dim_accounts: one row per company in the CRM, customers and prospects alike.
view: accounts {
  sql_table_name: dim_accounts ;;
  label: "Accounts"

  dimension: account_id {
    primary_key: yes
    type: number
    label: "Account ID"
    description: "CRM identifier of the company."
    value_format_name: id
    sql: ${TABLE}.account_id ;;
  }

  dimension: account_name {
    type: string
    label: "Account"
    description: "Company name as recorded in the CRM (made-up demo companies)."
    sql: ${TABLE}.account_name ;;
    drill_fields: [opportunities.opportunity_id, opportunities.stage, opportunities.amount]
  }

  dimension: industry {
    type: string
    group_label: "Firmographics"
    sql: ${TABLE}.industry ;;
  }

  dimension: employee_band {
    type: string
    label: "Company Size"
    group_label: "Firmographics"
    description: "Number of employees, in bands."
    sql: ${TABLE}.employee_band ;;
  }

  dimension: segment {
    type: string
    group_label: "Firmographics"
    description: "Sales segment from company size: SMB (up to 200 employees), Mid-Market (201-1000), Enterprise (over 1000)."
    sql: ${TABLE}.segment ;;
  }

  dimension: country_code {
    type: string
    label: "Country"
    group_label: "Location"
    description: "ISO country code; empty when the CRM does not know it."
    sql: ${TABLE}.country_code ;;
  }

  dimension: region {
    type: string
    group_label: "Location"
    description: "Sales region: AMER, EMEA or APAC."
    sql: ${TABLE}.region ;;
  }

  dimension_group: created {
    type: time
    label: "Account Created"
    description: "When the account was added to the CRM."
    timeframes: [date, week, month, quarter, year]
    datatype: date
    convert_tz: no
    sql: ${TABLE}.created_date ;;
  }

  measure: count {
    type: count
    label: "Number of Accounts"
    drill_fields: [account_detail*]
  }

  set: account_detail {
    fields: [account_id, account_name, industry, segment, region]
  }
}
