view: order_items {
  sql_table_name: `@{dataset}.order_items` ;;
  drill_fields: [id, status, sale_price]

  dimension: id {
    primary_key: yes
    type: number
    sql: ${TABLE}.id ;;
  }

  dimension: order_id {
    type: number
    sql: ${TABLE}.order_id ;;
  }

  dimension: user_id {
    type: number
    hidden: yes
    sql: ${TABLE}.user_id ;;
  }

  dimension: inventory_item_id {
    type: number
    hidden: yes
    sql: ${TABLE}.inventory_item_id ;;
  }

  dimension: status {
    type: string
    sql: ${TABLE}.status ;;
    suggestions: ["Complete", "Returned", "Cancelled"]
  }

  dimension_group: created {
    type: time
    timeframes: [raw, date, week, month, year]
    sql: ${TABLE}.created_at ;;
  }

  dimension: sale_price {
    type: number
    value_format_name: euro_0
    sql: ${TABLE}.sale_price ;;
  }

  # Names a joined alias: valid in every explore that exposes it, since each one joins users.
  dimension: is_first_purchase {
    type: yesno
    sql: ${created_raw} = ${user_facts.first_order_raw} ;;
  }

  # Only the full explore joins products; the lite explore leaves this field out with fields:.
  dimension: brand_and_status {
    type: string
    sql: CONCAT(${products.brand}, ' / ', ${status}) ;;
  }

  dimension: gross_margin {
    type: number
    required_access_grants: [can_see_margin]
    sql: ${sale_price} - ${inventory_items.cost} ;;
  }

  measure: count {
    type: count
    drill_fields: [detail*]
  }

  measure: total_sale_price {
    type: sum
    value_format_name: euro_0
    sql: ${sale_price} ;;
  }

  measure: average_margin {
    type: average
    required_access_grants: [can_see_margin]
    sql: ${gross_margin} ;;
  }

  measure: revenue_per_user {
    type: number
    sql: ${total_sale_price} / NULLIF(${users.count}, 0) ;;
  }

  set: detail {
    fields: [id, status, created_date, users.email]
  }
}
