connection: "@{connection_name}"
label: "Warehouse Usage"

include: "/views/*.view.lkml"

fiscal_month_offset: 3
case_sensitive: no

access_grant: can_see_queries {
  user_attribute: usage_role
  allowed_values: ["admin", "dba"]
}

datagroup: hourly {
  sql_trigger: SELECT DATE_TRUNC('hour', CURRENT_TIMESTAMP()) ;;
  max_cache_age: "1 hour"
}

explore: query_history {
  label: "Query History"
  persist_with: hourly
  required_access_grants: [can_see_queries]
  sql_always_where: {% condition query_history.date_filter %} ${start_raw} {% endcondition %} ;;
  always_filter: {
    filters: [date_filter: "7 days"]
  }
  access_filter: {
    field: query_history.warehouse_name
    user_attribute: allowed_warehouses
  }

  join: warehouses {
    relationship: many_to_one
    sql_on: ${query_history.warehouse_id} = ${warehouses.id} ;;
  }

  join: users {
    relationship: many_to_one
    sql_on: ${query_history.user_name} = ${users.name} ;;
    required_joins: [warehouses]
  }
}

explore: warehouse_metering {
  from: warehouse_metering_history
  view_label: "Metering"
  always_join: [warehouses]
  fields: [ALL_FIELDS*, -warehouses.internal_notes]

  join: warehouses {
    relationship: many_to_one
    sql_on: ${warehouse_metering.warehouse_id} = ${warehouses.id} ;;
  }
}
