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
  measure: count {
    type: count
  }
}
