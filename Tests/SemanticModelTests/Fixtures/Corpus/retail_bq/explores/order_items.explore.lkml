explore: order_items {
  label: "Orders, Items and Users"
  sql_always_where: ${status} != 'Cancelled' ;;
  always_filter: {
    filters: [created_date: "90 days"]
  }

  join: users {
    type: left_outer
    relationship: many_to_one
    sql_on: ${order_items.user_id} = ${users.id} ;;
  }

  join: user_facts {
    relationship: many_to_one
    sql_on: ${users.id} = ${user_facts.user_id} ;;
    fields: [user_facts.first_order_date, user_facts.is_repeat_buyer]
  }

  join: inventory_items {
    relationship: many_to_one
    sql_on: ${order_items.inventory_item_id} = ${inventory_items.id} ;;
    fields: []
  }

  join: products {
    relationship: many_to_one
    sql_on: ${inventory_items.product_id} = ${products.id} ;;
  }

  join: shipping_center {
    from: distribution_centers
    relationship: many_to_one
    sql_on: ${products.distribution_center_id} = ${shipping_center.id} ;;
  }

  aggregate_table: monthly_sales {
    query: {
      dimensions: [created_month]
      measures: [total_sale_price]
    }
    materialization: {
      datagroup_trigger: nightly
    }
  }
}

# The same items for partners: no products join, so only the fields that do not need it.
explore: order_items_lite {
  from: order_items
  view_name: order_items
  fields: [order_items.id, order_items.status, order_items.sale_price, order_items.count,
           order_items.is_first_purchase, order_items.created_date, users*, user_facts.first_order_date]
  conditionally_filter: {
    filters: [created_date: "30 days"]
    unless: [id]
  }

  join: users {
    relationship: many_to_one
    sql_on: ${order_items.user_id} = ${users.id} ;;
  }

  join: user_facts {
    relationship: many_to_one
    sql_on: ${users.id} = ${user_facts.user_id} ;;
  }
}
