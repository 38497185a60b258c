view: customers {
  sql_table_name: public.customers ;;

  dimension: id {
    primary_key: yes
    type: number
  }

  dimension: region {
    type: string
  }

  dimension: segment {
    type: string
  }
}
