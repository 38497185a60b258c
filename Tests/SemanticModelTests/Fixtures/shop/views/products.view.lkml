view: products {
  derived_table: {
    sql: SELECT id, name, category
         FROM @{schema}.products
         WHERE id IN (SELECT product_id FROM ${order_items.SQL_TABLE_NAME}) ;;
  }

  dimension: id {
    primary_key: yes
    type: number
  }

  dimension: name {}

  dimension: category {
    group_label: "Product"
  }

  measure: count {
    type: count
  }
}
