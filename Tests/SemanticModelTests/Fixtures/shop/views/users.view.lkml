view: users {
  extends: [entity]
  sql_table_name: @{schema}.users ;;

  dimension: name {
    type: string
    sql: ${TABLE}.name ;;
  }

  dimension: email {}

  dimension: age {
    type: number
  }

  dimension: age_tier {
    type: tier
    tiers: [18, 30, 50]
    style: integer
    sql: ${age} ;;
  }

  dimension: is_adult {
    type: yesno
    sql: ${age} >= 18 ;;
  }

  set: basic {
    fields: [id, name, age_tier, count]
  }
}
