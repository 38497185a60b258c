view: campaigns {
  sql_table_name: @{ads_dataset}.campaigns ;;

  dimension: id {
    primary_key: yes
    type: number
  }

  dimension: name {
    type: string
  }

  dimension: spend {
    type: number
  }

  measure: total_spend {
    type: sum
    sql: ${spend} ;;
    value_format_name: eur
  }
}
