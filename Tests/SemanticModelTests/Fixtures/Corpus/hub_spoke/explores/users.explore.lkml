explore: users {
  extends: [users_hub]
  label: "Users (@{currency})"
  group_label: "Sales"

  join: user_order_facts {
    type: left_outer
    relationship: one_to_one
    sql_on: ${users.id} = ${user_order_facts.user_id} ;;
  }
}

explore: campaigns {
  group_label: "Marketing"
}
