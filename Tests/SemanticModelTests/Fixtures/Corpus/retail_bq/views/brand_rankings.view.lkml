# A native derived table: the order_items explore's own query, one row per brand.
view: brand_rankings {
  derived_table: {
    explore_source: order_items {
      column: brand { field: products.brand }
      column: revenue { field: order_items.total_sale_price }
      column: items { field: order_items.count }
      filters: [order_items.status: "-Cancelled"]
    }
  }

  dimension: brand {
    primary_key: yes
  }

  dimension: revenue {
    type: number
    value_format_name: euro_0
  }

  dimension: items {
    type: number
  }

  measure: total_revenue {
    type: sum
    sql: ${revenue} ;;
  }
}

# BigQuery's repeated field, unnested by a raw join clause.
view: user_tags {
  dimension: tag {
    sql: user_tags ;;
  }

  measure: tagged_users {
    type: count_distinct
    sql: ${customers.id} ;;
  }
}
