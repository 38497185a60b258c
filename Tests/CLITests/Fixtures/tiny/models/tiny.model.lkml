connection: "tiny"
include: "/views/*.view.lkml"
include: "/*.dashboard.lookml"

explore: customers {
  label: "Customers"
  description: "Customers and their orders"
  join: orders {
    type: left_outer
    relationship: one_to_many
    sql_on: ${customers.id} = ${orders.customer_id} ;;
  }
}

explore: slow {
  hidden: yes
}
