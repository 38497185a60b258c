# fct_nps: in-app Net Promoter Score survey answers (0-10), asked 14 days after signup and every
# quarter after.
view: nps_responses {
  sql_table_name: fct_nps ;;
  label: "NPS Responses"

  dimension: response_id {
    primary_key: yes
    hidden: yes
    type: number
    sql: ${TABLE}.response_id ;;
  }

  dimension: user_id {
    hidden: yes
    type: number
    sql: ${TABLE}.user_id ;;
  }

  dimension: server_id {
    hidden: yes
    type: number
    sql: ${TABLE}.server_id ;;
  }

  dimension: platform {
    type: string
    description: "The app the survey was answered in."
    sql: ${TABLE}.platform ;;
  }

  dimension: score {
    type: number
    description: "How likely the user is to recommend Parley, 0-10."
    sql: ${TABLE}.score ;;
  }

  dimension: nps_category {
    type: string
    label: "Category"
    description: "Promoter (9-10), Passive (7-8) or Detractor (0-6)."
    sql: CASE WHEN ${TABLE}.score >= 9 THEN 'Promoter' WHEN ${TABLE}.score >= 7 THEN 'Passive' ELSE 'Detractor' END ;;
  }

  dimension: has_comment {
    type: yesno
    label: "Left a Comment"
    sql: ${TABLE}.has_comment ;;
  }

  dimension_group: responded {
    type: time
    timeframes: [raw, time, date, week, month, quarter, year]
    sql: ${TABLE}.responded_at ;;
  }

  measure: count {
    type: count
    label: "Number of Responses"
    drill_fields: [responded_date, platform, score, nps_category]
  }

  measure: promoters {
    type: count
    filters: [nps_category: "Promoter"]
  }

  measure: detractors {
    type: count
    filters: [nps_category: "Detractor"]
  }

  measure: nps {
    type: number
    label: "NPS"
    description: "Net Promoter Score: % promoters minus % detractors, from -100 to 100."
    value_format_name: decimal_1
    sql: 100.0 * (${promoters} - ${detractors}) / NULLIF(${count}, 0) ;;
  }

  measure: average_score {
    type: average
    value_format_name: decimal_2
    sql: ${TABLE}.score ;;
  }
}
