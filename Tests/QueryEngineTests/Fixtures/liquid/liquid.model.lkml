connection: "shop"
include: "*.view.lkml"

# Liquid in every SQL context Looker evaluates it: field sql, sql_on, sql_table_name, derived tables,
# sql_always_where, with Looker's variables and tags.
explore: orders {
  sql_always_where: ${orders.amount} >= {{ _user_attributes['min_amount'] }} ;;
  join: users {
    relationship: many_to_one
    sql_on: ${users.id} = ${orders.user_id} {% if users.vip_only._parameter_value == 'yes' %}AND ${users.vip} = 1{% endif %} ;;
  }
  join: user_totals {
    relationship: many_to_one
    sql_on: ${user_totals.user_id} = ${orders.user_id} ;;
  }
}
