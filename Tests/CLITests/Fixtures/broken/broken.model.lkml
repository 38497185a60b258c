connection: "tiny"

explore: things {
  join: missing_view {
    sql_on: ${things.id} = ${missing_view.thing_id} ;;
    relationship: many_to_one
  }
}

view: things {
  sql_table_name: things ;;
  dimension: id { primary_key: yes type: number }
  measure: total { type: sum sql: ${nope} ;; }
}
