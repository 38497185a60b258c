# Native derived tables: queries on an explore used as a table.
view: user_order_facts {
  derived_table: {
    explore_source: orders {
      column: user_id { field: orders.user_id }
      column: lifetime_orders { field: orders.count }
      column: lifetime_amount { field: orders.total_amount }
      derived_column: amount_rank {
        sql: RANK() OVER (ORDER BY lifetime_amount DESC) ;;
      }
      filters: [orders.status: "-cancelled"]
    }
  }
  dimension: user_id {
    primary_key: yes
    type: number
    sql: ${TABLE}.user_id ;;
  }
  dimension: lifetime_orders {
    type: number
    sql: ${TABLE}.lifetime_orders ;;
  }
  dimension: lifetime_amount {
    type: number
    sql: ${TABLE}.lifetime_amount ;;
  }
  dimension: amount_rank {
    type: number
    sql: ${TABLE}.amount_rank ;;
  }
  measure: average_lifetime_orders {
    type: average
    sql: ${lifetime_orders} ;;
  }
  measure: total_lifetime_amount {
    type: sum
    sql: ${lifetime_amount} ;;
  }
}

# Every filter of the orders explore applies inside (it is joined into its own source explore).
view: user_status_facts {
  derived_table: {
    explore_source: orders {
      column: user_id { field: orders.user_id }
      column: orders_in_filter { field: orders.count }
      bind_all_filters: yes
    }
  }
  dimension: user_id {
    primary_key: yes
    type: number
    sql: ${TABLE}.user_id ;;
  }
  measure: most_orders_in_filter {
    type: max
    sql: ${TABLE}.orders_in_filter ;;
  }
}

# The outer query's filter on users.is_vip narrows the users counted per state.
view: state_facts {
  derived_table: {
    explore_source: users {
      column: state { field: users.state }
      column: users_in_state { field: users.count }
      bind_filters: {
        from_field: users.is_vip
        to_field: users.is_vip
      }
    }
  }
  dimension: state {
    primary_key: yes
    sql: ${TABLE}.state ;;
  }
  measure: most_users_in_state {
    type: max
    sql: ${TABLE}.users_in_state ;;
  }
}

# Sorted and limited: the three largest spenders with a known amount.
view: top_spenders {
  derived_table: {
    explore_source: orders {
      column: user_id { field: orders.user_id }
      column: spent { field: orders.total_amount }
      filters: [orders.amount: "NOT NULL"]
      sorts: [orders.total_amount: desc]
      limit: 3
    }
  }
  dimension: user_id {
    primary_key: yes
    type: number
    sql: ${TABLE}.user_id ;;
  }
  dimension: spent {
    type: number
    sql: ${TABLE}.spent ;;
  }
  measure: count {
    type: count
  }
}

# Built by a multi-statement process: only a writing connection could build it.
view: snapshot {
  derived_table: {
    create_process: {
      sql_step: CREATE TABLE ${SQL_TABLE_NAME} AS SELECT user_id FROM orders ;;
    }
  }
  dimension: user_id {
    primary_key: yes
    type: number
    sql: ${TABLE}.user_id ;;
  }
  measure: count {
    type: count
  }
}

# A SQL derived table reading a native one through ${view.SQL_TABLE_NAME} (no explore joins both).
view: big_spenders {
  derived_table: {
    sql: SELECT t.user_id, t.spent FROM ${top_spenders.SQL_TABLE_NAME} AS t ;;
  }
  dimension: user_id {
    primary_key: yes
    type: number
    sql: ${TABLE}.user_id ;;
  }
  measure: total_spent {
    type: sum
    sql: ${TABLE}.spent ;;
  }
}
