-- main
WITH "pop_cur" AS (
SELECT
  TO_CHAR(CAST(DATEADD('SECOND', 3600, "orders".created_at) AS TIMESTAMP_NTZ), 'YYYY-MM') AS "orders_created_month",
  COUNT("orders".id) AS "orders_count",
  SUM(("orders".amount)) AS "q_h1"
FROM orders AS "orders"
GROUP BY 1
)
SELECT * FROM (
SELECT "pop_cur"."orders_created_month" AS "orders_created_month", "pop_cur"."orders_count" AS "orders_count", "pop_prev1"."orders_count" AS "orders_count_last_year", 1.0 * ("pop_cur"."q_h1" - "pop_prev1"."orders_total_amount") / NULLIF("pop_prev1"."orders_total_amount", 0) AS "orders_amount_relative_change_yoy"
FROM "pop_cur"
LEFT JOIN (
SELECT
  TO_CHAR(CAST(DATEADD('MONTH', 12, DATE_TRUNC('MONTH', DATEADD('SECOND', 3600, "orders".created_at))) AS TIMESTAMP_NTZ), 'YYYY-MM') AS "orders_created_month",
  COUNT("orders".id) AS "orders_count",
  SUM(("orders".amount)) AS "orders_total_amount"
FROM orders AS "orders"
GROUP BY 1
) "pop_prev1" ON EQUAL_NULL("pop_cur"."orders_created_month", "pop_prev1"."orders_created_month")
) "q"
ORDER BY "q"."orders_created_month" DESC NULLS FIRST
LIMIT 5000
