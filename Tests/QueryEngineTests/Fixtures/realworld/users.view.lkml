view: users {
  sql_table_name: users ;;

  dimension: id {
    primary_key: yes
    type: number
    sql: ${TABLE}.id ;;
  }
  dimension: name {
    sql: ${TABLE}.name -- the display name, as the source system spells it ;;
  }
  dimension: state {
    sql: ${TABLE}.state ;;
  }
  dimension: age {
    type: number
    sql: ${TABLE}.age ;;
  }
  dimension: is_vip {
    type: yesno
    sql: ${TABLE}.vip = 1 ;;
  }
  # Labels in when order; Looker sorts them that way, not alphabetically.
  dimension: age_group {
    case: {
      when: {
        sql: ${age} < 30 ;;
        label: "Young"
      }
      when: {
        sql: ${age} < 45 ;;
        label: "Middle"
      }
      when: {
        sql: ${age} >= 45 ;;
        label: "Adult"
      }
      else: "Unknown"
    }
  }
  dimension: age_group_alpha {
    alpha_sort: yes
    case: {
      when: {
        sql: ${age} < 30 ;;
        label: "Young"
      }
      else: "Older"
    }
  }
  dimension_group: created {
    type: time
    timeframes: [raw, date, week, day_of_week_index, fiscal_year, fiscal_quarter, fiscal_quarter_of_year, fiscal_month_num]
    sql: ${TABLE}.created_at ;;
  }
  measure: count {
    type: count
  }
  # No sql: the column named like the measure (Looker's default for any field).
  measure: vip {
    type: sum
  }
  measure: states {
    type: list
    list_field: state
  }
  measure: name_count {
    type: count_distinct
    sql: ${name} ;;
  }
  # Its own aggregate in SQL: kept at the users grain even when orders repeat users.
  measure: mean_age {
    type: number
    sql: 1.0 * SUM(${TABLE}.age) / NULLIF(COUNT(${TABLE}.age), 0) ;;
  }
}
