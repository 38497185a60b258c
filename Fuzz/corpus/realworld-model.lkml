connection: "warehouse"
include: "/views/**/*.view.lkml"
include: "//shared_project/views/*.view"
week_start_day: monday
persist_with: nightly

datagroup: nightly {
  sql_trigger: SELECT MAX(updated_at) FROM etl_log ;;
  max_cache_age: "24 hours"
}

access_grant: finance {
  user_attribute: department
  allowed_values: ["finance", "exec"]
}

explore: orders {
  label: "Orders 📦"
  required_access_grants: [finance]
  sql_always_where: ${orders.created_date} >= '2020-01-01' ;;
  always_filter: { filters: [orders.created_date: "7 days"] }
  conditionally_filter: {
    filters: [orders.created_date: "30 days"]
    unless: [orders.id, users.id]
  }
  join: users {
    type: left_outer
    relationship: many_to_one
    sql_on: ${orders.user_id} = ${users.id} ;;
    fields: [users.basic*]
  }
  query: top_customers {
    description: "Top customers by revenue"
    dimensions: [users.name]
    measures: [orders.total]
    sorts: [orders.total: desc]
    limit: 10
  }
  aggregate_table: daily {
    query: { dimensions: [orders.created_date] measures: [orders.count] timezone: "UTC" }
    materialization: { datagroup_trigger: nightly }
  }
}

explore: +orders {
  fields: [ALL_FIELDS*, -users.email]
}

test: totals_are_positive {
  explore_source: orders {
    column: total { field: orders.total }
    filters: [orders.created_date: "2024"]
  }
  assert: positive {
    expression: ${orders.total} > 0 ;;
  }
}
