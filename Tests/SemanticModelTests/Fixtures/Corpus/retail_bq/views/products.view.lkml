view: products {
  sql_table_name: `@{dataset}.products` ;;

  dimension: id {
    primary_key: yes
    type: number
    sql: ${TABLE}.id ;;
  }

  dimension: brand {
    type: string
    sql: TRIM(${TABLE}.brand) ;;
  }

  dimension: category {
    type: string
    sql: TRIM(${TABLE}.category) ;;
    drill_fields: [brand]
  }

  dimension: distribution_center_id {
    type: number
    hidden: yes
    sql: ${TABLE}.distribution_center_id ;;
  }

  # Which centre a product ships from is named through the alias the explores give it.
  dimension: shipped_from {
    type: string
    sql: ${shipping_center.name} ;;
  }

  measure: count {
    type: count
  }
}
