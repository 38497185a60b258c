# Shapes public production projects use that the query side must compile exactly: native derived
# tables, case/location/distance dimensions, week_start_day, fiscal_month_offset, raw join clauses,
# list_field, measures without sql, custom aggregates through fan-out.
connection: "shop"
include: "*.view.lkml"
week_start_day: sunday
fiscal_month_offset: 3

explore: users {
  join: orders {
    relationship: one_to_many
    sql_on: ${orders.user_id} = ${users.id} ;;
  }
  join: order_items {
    relationship: one_to_many
    sql_on: ${order_items.order_id} = ${orders.id} ;;
  }
  join: page_views {
    relationship: one_to_many
    sql_on: ${page_views.user_id} = ${users.id} ;;
  }
  join: user_order_facts {
    relationship: one_to_one
    sql_on: ${user_order_facts.user_id} = ${users.id} ;;
  }
  # A join clause written out in full, as UNNEST/FLATTEN joins are.
  join: raw_events {
    relationship: one_to_many
    sql: LEFT JOIN events AS raw_events ON raw_events.user_id = ${users.id} ;;
  }
}

explore: orders {
  join: users {
    relationship: many_to_one
    sql_on: ${users.id} = ${orders.user_id} ;;
  }
  join: order_items {
    relationship: one_to_many
    sql_on: ${order_items.order_id} = ${orders.id} ;;
  }
  join: user_status_facts {
    relationship: many_to_one
    sql_on: ${user_status_facts.user_id} = ${orders.user_id} ;;
  }
  join: state_facts {
    relationship: many_to_one
    sql_on: ${state_facts.state} = ${users.state} ;;
  }
  join: snapshot {
    relationship: many_to_one
    sql_on: ${snapshot.user_id} = ${orders.user_id} ;;
  }
}

explore: top_spenders {}

explore: places {}

explore: big_spenders {}
