view: orders {
  sql_table_name: public.orders ;;

  dimension: id {
    primary_key: yes
    type: number
  }

  dimension: customer_id {
    type: number
  }

  dimension: customer_region {
    type: string
    sql: ${customers.region} ;;
  }

  dimension: customer_segment {
    type: string
    sql: ${customers.segmnet} ;;
  }

  measure: count {
    type: count
  }
}
