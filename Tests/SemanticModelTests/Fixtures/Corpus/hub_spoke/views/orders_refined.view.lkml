include: "//hub/views/orders.view.lkml"

# Refines the hub's view in this project only.
view: +orders {
  dimension: is_large {
    type: yesno
    sql: ${amount} >= 100 ;;
  }

  measure: large_order_count {
    type: count
    filters: [is_large: "yes"]
  }
}
