connection: "warehouse"
include: "/views/*.view.lkml"
explore: orders {
  join: users {
    type: left_outer
    relationship: many_to_one
    sql_on: ${orders.user_id} = ${users.id} ;;
  }
  fields: [ALL_FIELDS*, -users.email]
  always_filter: { filters: [orders.status: "complete", orders.amount: ">10",] }
}
explore: +orders { label: "Orders" }
