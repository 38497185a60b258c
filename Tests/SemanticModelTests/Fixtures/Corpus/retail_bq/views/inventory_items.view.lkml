view: inventory_items {
  sql_table_name: `@{dataset}.inventory_items` ;;

  dimension: id {
    primary_key: yes
    type: number
    sql: ${TABLE}.id ;;
  }

  dimension: product_id {
    type: number
    hidden: yes
    sql: ${TABLE}.product_id ;;
  }

  dimension: cost {
    type: number
    sql: ${TABLE}.cost ;;
  }

  dimension: product_distribution_center_id {
    type: number
    hidden: yes
    sql: ${TABLE}.product_distribution_center_id ;;
  }

  measure: total_cost {
    type: sum
    sql: ${cost} ;;
  }
}
