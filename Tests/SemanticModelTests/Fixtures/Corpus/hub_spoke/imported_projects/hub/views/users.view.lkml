view: users {
  sql_table_name: @{schema}.users ;;

  dimension: id {
    primary_key: yes
    type: number
  }

  dimension: name {
    type: string
  }

  dimension: country {
    type: string
  }

  measure: count {
    type: count
  }
}
