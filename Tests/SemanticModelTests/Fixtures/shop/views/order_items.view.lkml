view: order_items {
  sql_table_name: @{schema}.order_items ;;

  dimension: id {
    primary_key: yes
    type: number
  }

  dimension: order_id {
    type: number
  }

  dimension: product_id {
    type: number
  }

  dimension: sale_price {
    type: number
  }

  measure: total_sales {
    type: sum
    sql: ${sale_price} ;;
  }

  measure: count {
    type: count
  }
}
