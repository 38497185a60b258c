view: order_items {
  sql_table_name: order_items ;;

  dimension: id {
    primary_key: yes
    type: number
    sql: ${TABLE}.id ;;
  }
  dimension: order_id {
    type: number
    sql: ${TABLE}.order_id ;;
  }
  dimension: product {
    sql: ${TABLE}.product ;;
  }
  dimension: sale_price {
    type: number
    sql: ${TABLE}.sale_price ;;
  }
  measure: count {
    type: count
  }
  measure: total_sale_price {
    type: sum
    sql: ${sale_price} ;;
  }
  measure: average_sale_price {
    type: average
    sql: ${sale_price} ;;
  }
  measure: p90_sale_price {
    type: percentile
    percentile: 90
    sql: ${sale_price} ;;
  }
  measure: order_amount_distinct {
    type: sum_distinct
    sql_distinct_key: ${orders.id} ;;
    sql: ${orders.amount} ;;
  }
}
