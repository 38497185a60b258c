connection: "demo"

include: "/views/users.view.lkml"
include: "/views/base/entity.view"
include: "/views/events.view.lkml"

explore: events {
  join: users {
    relationship: many_to_one
    sql_on: ${events.user_id} = ${users.id} ;;
  }
}

explore: users {
  hidden: yes
}
