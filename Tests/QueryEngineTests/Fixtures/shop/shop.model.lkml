connection: "shop"
include: "*.view.lkml"

# Users and two one-to-many branches: orders → order_items, and events.
explore: users {
  join: orders {
    type: left_outer
    relationship: one_to_many
    sql_on: ${orders.user_id} = ${users.id} ;;
  }
  join: order_items {
    type: left_outer
    relationship: one_to_many
    sql_on: ${order_items.order_id} = ${orders.id} ;;
  }
  join: events {
    type: left_outer
    relationship: one_to_many
    sql_on: ${events.user_id} = ${users.id} ;;
  }
  join: page_views {
    type: left_outer
    relationship: one_to_many
    sql_on: ${page_views.user_id} = ${users.id} ;;
  }
}

# Orders with their user (many_to_one: users repeat per order) and items.
explore: orders {
  join: users {
    type: left_outer
    relationship: many_to_one
    foreign_key: user_id
  }
  join: order_items {
    type: inner
    relationship: one_to_many
    sql_on: ${order_items.order_id} = ${orders.id} ;;
  }
}

# Guard rails: a fixed WHERE, a default filter and a HAVING the user cannot remove.
explore: guarded_orders {
  from: orders
  view_name: orders
  sql_always_where: ${orders.status} <> 'cancelled' ;;
  always_filter: {
    filters: [orders.amount: ">0"]
  }
  join: users {
    relationship: many_to_one
    sql_on: ${users.id} = ${orders.user_id} ;;
  }
}

# Only groups with at least two orders are shown, whatever the user picks.
explore: busy_users {
  from: users
  view_name: users
  sql_always_having: ${orders.count} >= 2 ;;
  join: orders {
    relationship: one_to_many
    sql_on: ${orders.user_id} = ${users.id} ;;
  }
}

# always_join and required_joins: joins that come along whether or not a field needs them.
explore: audited_users {
  from: users
  view_name: users
  always_join: [events]
  join: events {
    relationship: one_to_many
    sql_on: ${events.user_id} = ${users.id} ;;
  }
  join: order_items {
    relationship: one_to_many
    sql_on: ${order_items.order_id} = ${orders.id} ;;
  }
  join: orders {
    relationship: one_to_many
    required_joins: [events]
    sql_on: ${orders.user_id} = ${users.id} ;;
  }
}
