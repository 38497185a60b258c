connection: "warehouse"
include: "/views/*.view.lkml"
include: "/dashboards/*.dashboard.lookml"

explore: orders {
  join: customers {
    relationship: many_to_one
    sql_on: ${orders.customer_id} = ${customers.id} ;;
  }
}

# Forgot the customers join that orders.customer_region needs.
explore: orders_quick {
  from: orders
  view_name: orders
}

explore: customers {
  fields: [customer*]
}
