view: users {
  sql_table_name: users ;;

  dimension: id {
    primary_key: yes
    type: number
    sql: ${TABLE}.id ;;
  }
  dimension: name {
    type: string
    sql: ${TABLE}.name ;;
  }
  dimension: state {
    sql: ${TABLE}.state ;;
  }
  dimension: age {
    type: number
    sql: ${TABLE}.age ;;
  }
  dimension: age_tier {
    type: tier
    tiers: [20, 30, 40]
    style: integer
    sql: ${age} ;;
  }
  dimension: age_band {
    type: tier
    tiers: [25, 35]
    sql: ${age} ;;
  }
  dimension: is_vip {
    type: yesno
    sql: ${TABLE}.vip = 1 ;;
  }
  dimension: zip {
    type: zipcode
    sql: ${TABLE}.zip ;;
  }
  dimension_group: created {
    type: time
    timeframes: [raw, time, date, week, month, quarter, year, hour, minute, time_of_day, hour_of_day,
                 day_of_week, day_of_week_index, day_of_month, day_of_year, week_of_year, month_name,
                 month_num, quarter_of_year]
    sql: ${TABLE}.created_at ;;
  }
  measure: count {
    type: count
  }
  measure: total_age {
    type: sum
    sql: ${age} ;;
  }
  measure: average_age {
    type: average
    sql: ${age} ;;
  }
  measure: median_age {
    type: median
    sql: ${age} ;;
  }
  measure: max_age {
    type: max
    sql: ${age} ;;
  }
  measure: vip_count {
    type: count
    filters: [is_vip: "yes"]
  }
  measure: state_count {
    type: count_distinct
    sql: ${state} ;;
  }
}
