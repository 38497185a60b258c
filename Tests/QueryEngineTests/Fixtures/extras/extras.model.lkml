connection: "shop"
include: "*.view.lkml"

# Users with templated filters, parameters and a derived table filtered by Liquid.
explore: users {
  join: order_facts {
    relationship: one_to_one
    sql_on: ${order_facts.user_id} = ${users.id} ;;
  }
}

# Orders shown for completed orders unless the user narrows by date or by user state.
explore: recent_orders {
  from: orders
  view_name: orders
  conditionally_filter: {
    filters: [orders.status: "complete"]
    unless: [orders.created_date, users.state]
  }
  join: users {
    relationship: many_to_one
    sql_on: ${users.id} = ${orders.user_id} ;;
  }
}

# A join's sql_where restricts the query only when the join is part of it.
explore: vip_orders {
  from: orders
  view_name: orders
  join: users {
    relationship: many_to_one
    sql_on: ${users.id} = ${orders.user_id} ;;
    sql_where: ${users.vip} = 1 ;;
  }
}

# sql_where on the many side of a fan-out: every per-view aggregate must see it.
explore: shipped_users {
  from: users
  view_name: users
  join: orders {
    relationship: one_to_many
    sql_on: ${orders.user_id} = ${users.id} ;;
    sql_where: ${orders.status} <> 'cancelled' ;;
  }
}

# Durations and time groups over epoch seconds and yyyymmdd integers.
explore: spans {}
