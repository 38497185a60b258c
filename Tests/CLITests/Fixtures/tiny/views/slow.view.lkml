# A view whose table takes seconds to read on PostgreSQL: for timeout and cancel tests.
view: slow {
  derived_table: { sql: SELECT 1 AS id FROM pg_sleep(5) ;; }
  dimension: id { primary_key: yes type: number sql: ${TABLE}.id ;; }
  measure: count { type: count }
}
