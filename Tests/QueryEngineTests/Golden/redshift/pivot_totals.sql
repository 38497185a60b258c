-- main
WITH "q" AS (
SELECT
  "users".state AS "users_state",
  "orders".status AS "orders_status",
  COUNT("orders".id) AS "orders_count",
  PERCENTILE_CONT(0.5) WITHIN GROUP (ORDER BY ("orders".amount)) AS "orders_median_amount"
FROM orders AS "orders"
LEFT JOIN users AS "users" ON "orders".user_id = "users".id
GROUP BY 1, 2
),
"pivot_values" AS (
SELECT DISTINCT "orders".status AS "orders_status"
FROM orders AS "orders"
ORDER BY "orders_status" ASC NULLS LAST
LIMIT 50
),
"row_keys" AS (
SELECT "rt"."users_state", ROW_NUMBER() OVER (ORDER BY "rt"."orders_count" DESC NULLS FIRST, "rt"."users_state" ASC NULLS LAST) AS "q_row"
FROM (
SELECT
  "users".state AS "users_state",
  COUNT("orders".id) AS "orders_count",
  PERCENTILE_CONT(0.5) WITHIN GROUP (ORDER BY ("orders".amount)) AS "orders_median_amount"
FROM orders AS "orders"
LEFT JOIN users AS "users" ON "orders".user_id = "users".id
GROUP BY 1
) "rt"
),
"ranked" AS (
SELECT "u"."users_state", "u"."orders_status", "u"."orders_count", "u"."orders_median_amount", "u"."q_src", MAX("u"."q_rank") OVER (PARTITION BY "u"."users_state") AS "q_row"
FROM (
SELECT "q"."users_state", "q"."orders_status", "q"."orders_count", "q"."orders_median_amount", (SELECT "q_row" FROM "row_keys" WHERE 1 = 0) AS "q_rank", 1 AS "q_src"
FROM "q"
INNER JOIN "pivot_values" ON (("q"."orders_status" = "pivot_values"."orders_status") OR ("q"."orders_status" IS NULL AND "pivot_values"."orders_status" IS NULL))
UNION ALL
SELECT "row_keys"."users_state", (SELECT "orders_status" FROM "q" WHERE 1 = 0) AS "orders_status", (SELECT "orders_count" FROM "q" WHERE 1 = 0) AS "orders_count", (SELECT "orders_median_amount" FROM "q" WHERE 1 = 0) AS "orders_median_amount", "row_keys"."q_row" AS "q_rank", 0 AS "q_src"
FROM "row_keys"
WHERE "row_keys"."q_row" <= 20
) "u"
)
SELECT "q"."users_state", "q"."orders_status", "q"."orders_count", "q"."orders_median_amount"
FROM "ranked" AS "q"
WHERE "q"."q_src" = 1 AND "q"."q_row" <= 20
ORDER BY "q"."q_row" ASC NULLS LAST, "q"."orders_status" ASC NULLS LAST
LIMIT 1000
-- totals
WITH "t" AS (
SELECT
  "orders".status AS "orders_status",
  COUNT("orders".id) AS "orders_count",
  PERCENTILE_CONT(0.5) WITHIN GROUP (ORDER BY ("orders".amount)) AS "orders_median_amount"
FROM orders AS "orders"
GROUP BY 1
),
"pivot_values" AS (
SELECT DISTINCT "orders".status AS "orders_status"
FROM orders AS "orders"
ORDER BY "orders_status" ASC NULLS LAST
LIMIT 50
)
SELECT "t"."orders_status", "t"."orders_count", "t"."orders_median_amount"
FROM "t"
INNER JOIN "pivot_values" ON (("t"."orders_status" = "pivot_values"."orders_status") OR ("t"."orders_status" IS NULL AND "pivot_values"."orders_status" IS NULL))
ORDER BY "t"."orders_status" ASC NULLS LAST
-- row totals
SELECT
  "users".state AS "users_state",
  COUNT("orders".id) AS "orders_count",
  PERCENTILE_CONT(0.5) WITHIN GROUP (ORDER BY ("orders".amount)) AS "orders_median_amount"
FROM orders AS "orders"
LEFT JOIN users AS "users" ON "orders".user_id = "users".id
GROUP BY 1
ORDER BY "orders_count" DESC NULLS FIRST, "users_state" ASC NULLS LAST
LIMIT 20
-- pivot values
SELECT DISTINCT "orders".status AS "orders_status"
FROM orders AS "orders"
ORDER BY "orders_status" ASC NULLS LAST
LIMIT 51
