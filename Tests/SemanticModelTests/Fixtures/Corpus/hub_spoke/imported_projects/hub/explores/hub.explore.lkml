# A path from the hub's own root: inside an imported project, "/" is that project's root.
include: "/views/*.view.lkml"

explore: users_hub {
  extension: required
  view_name: users

  join: orders {
    type: left_outer
    relationship: one_to_many
    sql_on: ${users.id} = ${orders.user_id} ;;
  }
}

explore: orders {
  join: users {
    relationship: many_to_one
    sql_on: ${orders.user_id} = ${users.id} ;;
  }
}
