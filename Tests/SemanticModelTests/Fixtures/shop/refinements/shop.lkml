# Refinements applied by the e-commerce model only.
view: +orders {
  dimension: status {
    label: "Order status"
  }

  measure: completed_count {
    type: count
    filters: [status: "complete"]
  }
}

view: +entity {
  dimension: id {
    label: "ID"
  }
}

explore: +orders {
  group_label: "Shop"
}
