explore: orders {
  label: "Orders"
  description: "Orders with their items and customers"
  sql_always_where: ${orders.status} != 'test' ;;
  always_filter: {
    filters: [orders.created_date: "last 90 days"]
  }

  join: users {
    type: left_outer
    relationship: many_to_one
    sql_on: ${orders.user_id} = ${users.id} ;;
    fields: [basic*, created_date]
  }

  join: order_items {
    relationship: one_to_many
    sql_on: ${order_items.order_id} = ${orders.id} ;;
  }

  join: products {
    relationship: many_to_one
    foreign_key: order_items.product_id
    required_joins: [order_items]
  }
}

explore: recent_orders {
  extends: [orders]
  view_name: orders
  label: "Recent orders"
  fields: [orders.detail*, orders.count, users.name]
}
