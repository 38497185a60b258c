view orders {
  dimension: x {
    sql: ${TABLE}.x
  }
  label: "unterminated
  fields: [a b, , ]
}
}
