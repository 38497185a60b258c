view: warehouses {
  derived_table: {
    sql: SELECT DISTINCT WAREHOUSE_ID AS id, WAREHOUSE_NAME AS name
      FROM @{account_usage}.WAREHOUSE_METERING_HISTORY ;;
    sql_trigger_value: SELECT CURRENT_DATE() ;;
  }

  dimension: id {
    primary_key: yes
    type: number
  }

  dimension: name {
    type: string
    suggest_persist_for: "24 hours"
  }

  dimension: internal_notes {
    type: string
    sql: NULL ;;
    tags: ["internal"]
  }
}
