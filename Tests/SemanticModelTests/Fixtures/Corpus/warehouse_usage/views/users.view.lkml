view: users {
  sql_table_name: @{account_usage}.USERS ;;

  dimension: name {
    primary_key: yes
    type: string
    sql: ${TABLE}.NAME ;;
  }

  dimension: default_warehouse {
    type: string
    sql: ${TABLE}.DEFAULT_WAREHOUSE ;;
  }

  # Through the query_history explore only, where warehouses is always the warehouse queried.
  dimension: uses_default_warehouse {
    type: yesno
    sql: ${default_warehouse} = ${warehouses.name} ;;
  }
}
