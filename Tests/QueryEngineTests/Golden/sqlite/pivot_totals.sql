-- main
WITH "g1" AS (
SELECT
  "users".state AS "users_state",
  "orders".status AS "orders_status",
  COUNT("orders".id) AS "orders_count"
FROM orders AS "orders"
LEFT JOIN users AS "users" ON "orders".user_id = "users".id
GROUP BY 1, 2
),
"g2" AS (
SELECT
  "users_state",
  "orders_status",
  MAX(CASE WHEN "q_rn" = (CAST((0.5 * ("q_n" - 1)) AS INTEGER) - (((0.5 * ("q_n" - 1))) < CAST((0.5 * ("q_n" - 1)) AS INTEGER))) + 1 THEN "q_v0" END) + MAX((0.5 * ("q_n" - 1)) - (CAST((0.5 * ("q_n" - 1)) AS INTEGER) - (((0.5 * ("q_n" - 1))) < CAST((0.5 * ("q_n" - 1)) AS INTEGER)))) * (COALESCE(MAX(CASE WHEN "q_rn" = (CAST((0.5 * ("q_n" - 1)) AS INTEGER) - (((0.5 * ("q_n" - 1))) < CAST((0.5 * ("q_n" - 1)) AS INTEGER))) + 2 THEN "q_v0" END), MAX(CASE WHEN "q_rn" = (CAST((0.5 * ("q_n" - 1)) AS INTEGER) - (((0.5 * ("q_n" - 1))) < CAST((0.5 * ("q_n" - 1)) AS INTEGER))) + 1 THEN "q_v0" END)) - MAX(CASE WHEN "q_rn" = (CAST((0.5 * ("q_n" - 1)) AS INTEGER) - (((0.5 * ("q_n" - 1))) < CAST((0.5 * ("q_n" - 1)) AS INTEGER))) + 1 THEN "q_v0" END)) AS "orders_median_amount"
FROM (
SELECT "users_state", "orders_status", "q_v0", ROW_NUMBER() OVER (PARTITION BY "users_state", "orders_status" ORDER BY "q_v0") AS "q_rn", COUNT(*) OVER (PARTITION BY "users_state", "orders_status") AS "q_n"
FROM (
SELECT
  "users".state AS "users_state",
  "orders".status AS "orders_status",
  ("orders".amount) AS "q_v0"
FROM orders AS "orders"
LEFT JOIN users AS "users" ON "orders".user_id = "users".id
) "s"
WHERE "q_v0" IS NOT NULL
) "w"
GROUP BY "users_state", "orders_status"
),
"combined" AS (
SELECT "users_state", "orders_status", MAX("orders_count") AS "orders_count", MAX("orders_median_amount") AS "orders_median_amount"
FROM (
SELECT "users_state", "orders_status", "orders_count", (SELECT "orders_median_amount" FROM "g2" WHERE 1 = 0) AS "orders_median_amount" FROM "g1"
UNION ALL
SELECT "users_state", "orders_status", (SELECT "orders_count" FROM "g1" WHERE 1 = 0) AS "orders_count", "orders_median_amount" FROM "g2"
) "u"
GROUP BY "users_state", "orders_status"
),
"q" AS (
SELECT
  "c"."users_state" AS "users_state",
  "c"."orders_status" AS "orders_status",
  "c"."orders_count" AS "orders_count",
  "c"."orders_median_amount" AS "orders_median_amount"
FROM "combined" AS "c"
),
"pivot_values" AS (
SELECT DISTINCT "orders".status AS "orders_status"
FROM orders AS "orders"
ORDER BY "orders_status" ASC NULLS LAST
LIMIT 50
),
"rt_g1" AS (
SELECT
  "users".state AS "users_state",
  COUNT("orders".id) AS "orders_count"
FROM orders AS "orders"
LEFT JOIN users AS "users" ON "orders".user_id = "users".id
GROUP BY 1
),
"rt_g2" AS (
SELECT
  "users_state",
  MAX(CASE WHEN "q_rn" = (CAST((0.5 * ("q_n" - 1)) AS INTEGER) - (((0.5 * ("q_n" - 1))) < CAST((0.5 * ("q_n" - 1)) AS INTEGER))) + 1 THEN "q_v0" END) + MAX((0.5 * ("q_n" - 1)) - (CAST((0.5 * ("q_n" - 1)) AS INTEGER) - (((0.5 * ("q_n" - 1))) < CAST((0.5 * ("q_n" - 1)) AS INTEGER)))) * (COALESCE(MAX(CASE WHEN "q_rn" = (CAST((0.5 * ("q_n" - 1)) AS INTEGER) - (((0.5 * ("q_n" - 1))) < CAST((0.5 * ("q_n" - 1)) AS INTEGER))) + 2 THEN "q_v0" END), MAX(CASE WHEN "q_rn" = (CAST((0.5 * ("q_n" - 1)) AS INTEGER) - (((0.5 * ("q_n" - 1))) < CAST((0.5 * ("q_n" - 1)) AS INTEGER))) + 1 THEN "q_v0" END)) - MAX(CASE WHEN "q_rn" = (CAST((0.5 * ("q_n" - 1)) AS INTEGER) - (((0.5 * ("q_n" - 1))) < CAST((0.5 * ("q_n" - 1)) AS INTEGER))) + 1 THEN "q_v0" END)) AS "orders_median_amount"
FROM (
SELECT "users_state", "q_v0", ROW_NUMBER() OVER (PARTITION BY "users_state" ORDER BY "q_v0") AS "q_rn", COUNT(*) OVER (PARTITION BY "users_state") AS "q_n"
FROM (
SELECT
  "users".state AS "users_state",
  ("orders".amount) AS "q_v0"
FROM orders AS "orders"
LEFT JOIN users AS "users" ON "orders".user_id = "users".id
) "s"
WHERE "q_v0" IS NOT NULL
) "w"
GROUP BY "users_state"
),
"rt_combined" AS (
SELECT "users_state", MAX("orders_count") AS "orders_count", MAX("orders_median_amount") AS "orders_median_amount"
FROM (
SELECT "users_state", "orders_count", (SELECT "orders_median_amount" FROM "rt_g2" WHERE 1 = 0) AS "orders_median_amount" FROM "rt_g1"
UNION ALL
SELECT "users_state", (SELECT "orders_count" FROM "rt_g1" WHERE 1 = 0) AS "orders_count", "orders_median_amount" FROM "rt_g2"
) "u"
GROUP BY "users_state"
),
"row_keys" AS (
SELECT "rt"."users_state", ROW_NUMBER() OVER (ORDER BY "rt"."orders_count" DESC NULLS FIRST, "rt"."users_state" ASC NULLS LAST) AS "q_row"
FROM (
SELECT
  "c"."users_state" AS "users_state",
  "c"."orders_count" AS "orders_count",
  "c"."orders_median_amount" AS "orders_median_amount"
FROM "rt_combined" AS "c"
) "rt"
),
"ranked" AS (
SELECT "u"."users_state", "u"."orders_status", "u"."orders_count", "u"."orders_median_amount", "u"."q_src", MAX("u"."q_rank") OVER (PARTITION BY "u"."users_state") AS "q_row"
FROM (
SELECT "q"."users_state", "q"."orders_status", "q"."orders_count", "q"."orders_median_amount", (SELECT "q_row" FROM "row_keys" WHERE 1 = 0) AS "q_rank", 1 AS "q_src"
FROM "q"
INNER JOIN "pivot_values" ON "q"."orders_status" IS "pivot_values"."orders_status"
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
WITH "g1" AS (
SELECT
  "orders".status AS "orders_status",
  COUNT("orders".id) AS "orders_count"
FROM orders AS "orders"
GROUP BY 1
),
"g2" AS (
SELECT
  "orders_status",
  MAX(CASE WHEN "q_rn" = (CAST((0.5 * ("q_n" - 1)) AS INTEGER) - (((0.5 * ("q_n" - 1))) < CAST((0.5 * ("q_n" - 1)) AS INTEGER))) + 1 THEN "q_v0" END) + MAX((0.5 * ("q_n" - 1)) - (CAST((0.5 * ("q_n" - 1)) AS INTEGER) - (((0.5 * ("q_n" - 1))) < CAST((0.5 * ("q_n" - 1)) AS INTEGER)))) * (COALESCE(MAX(CASE WHEN "q_rn" = (CAST((0.5 * ("q_n" - 1)) AS INTEGER) - (((0.5 * ("q_n" - 1))) < CAST((0.5 * ("q_n" - 1)) AS INTEGER))) + 2 THEN "q_v0" END), MAX(CASE WHEN "q_rn" = (CAST((0.5 * ("q_n" - 1)) AS INTEGER) - (((0.5 * ("q_n" - 1))) < CAST((0.5 * ("q_n" - 1)) AS INTEGER))) + 1 THEN "q_v0" END)) - MAX(CASE WHEN "q_rn" = (CAST((0.5 * ("q_n" - 1)) AS INTEGER) - (((0.5 * ("q_n" - 1))) < CAST((0.5 * ("q_n" - 1)) AS INTEGER))) + 1 THEN "q_v0" END)) AS "orders_median_amount"
FROM (
SELECT "orders_status", "q_v0", ROW_NUMBER() OVER (PARTITION BY "orders_status" ORDER BY "q_v0") AS "q_rn", COUNT(*) OVER (PARTITION BY "orders_status") AS "q_n"
FROM (
SELECT
  "orders".status AS "orders_status",
  ("orders".amount) AS "q_v0"
FROM orders AS "orders"
) "s"
WHERE "q_v0" IS NOT NULL
) "w"
GROUP BY "orders_status"
),
"combined" AS (
SELECT "orders_status", MAX("orders_count") AS "orders_count", MAX("orders_median_amount") AS "orders_median_amount"
FROM (
SELECT "orders_status", "orders_count", (SELECT "orders_median_amount" FROM "g2" WHERE 1 = 0) AS "orders_median_amount" FROM "g1"
UNION ALL
SELECT "orders_status", (SELECT "orders_count" FROM "g1" WHERE 1 = 0) AS "orders_count", "orders_median_amount" FROM "g2"
) "u"
GROUP BY "orders_status"
),
"t" AS (
SELECT
  "c"."orders_status" AS "orders_status",
  "c"."orders_count" AS "orders_count",
  "c"."orders_median_amount" AS "orders_median_amount"
FROM "combined" AS "c"
),
"pivot_values" AS (
SELECT DISTINCT "orders".status AS "orders_status"
FROM orders AS "orders"
ORDER BY "orders_status" ASC NULLS LAST
LIMIT 50
)
SELECT "t"."orders_status", "t"."orders_count", "t"."orders_median_amount"
FROM "t"
INNER JOIN "pivot_values" ON "t"."orders_status" IS "pivot_values"."orders_status"
ORDER BY "t"."orders_status" ASC NULLS LAST
-- row totals
WITH "g1" AS (
SELECT
  "users".state AS "users_state",
  COUNT("orders".id) AS "orders_count"
FROM orders AS "orders"
LEFT JOIN users AS "users" ON "orders".user_id = "users".id
GROUP BY 1
),
"g2" AS (
SELECT
  "users_state",
  MAX(CASE WHEN "q_rn" = (CAST((0.5 * ("q_n" - 1)) AS INTEGER) - (((0.5 * ("q_n" - 1))) < CAST((0.5 * ("q_n" - 1)) AS INTEGER))) + 1 THEN "q_v0" END) + MAX((0.5 * ("q_n" - 1)) - (CAST((0.5 * ("q_n" - 1)) AS INTEGER) - (((0.5 * ("q_n" - 1))) < CAST((0.5 * ("q_n" - 1)) AS INTEGER)))) * (COALESCE(MAX(CASE WHEN "q_rn" = (CAST((0.5 * ("q_n" - 1)) AS INTEGER) - (((0.5 * ("q_n" - 1))) < CAST((0.5 * ("q_n" - 1)) AS INTEGER))) + 2 THEN "q_v0" END), MAX(CASE WHEN "q_rn" = (CAST((0.5 * ("q_n" - 1)) AS INTEGER) - (((0.5 * ("q_n" - 1))) < CAST((0.5 * ("q_n" - 1)) AS INTEGER))) + 1 THEN "q_v0" END)) - MAX(CASE WHEN "q_rn" = (CAST((0.5 * ("q_n" - 1)) AS INTEGER) - (((0.5 * ("q_n" - 1))) < CAST((0.5 * ("q_n" - 1)) AS INTEGER))) + 1 THEN "q_v0" END)) AS "orders_median_amount"
FROM (
SELECT "users_state", "q_v0", ROW_NUMBER() OVER (PARTITION BY "users_state" ORDER BY "q_v0") AS "q_rn", COUNT(*) OVER (PARTITION BY "users_state") AS "q_n"
FROM (
SELECT
  "users".state AS "users_state",
  ("orders".amount) AS "q_v0"
FROM orders AS "orders"
LEFT JOIN users AS "users" ON "orders".user_id = "users".id
) "s"
WHERE "q_v0" IS NOT NULL
) "w"
GROUP BY "users_state"
),
"combined" AS (
SELECT "users_state", MAX("orders_count") AS "orders_count", MAX("orders_median_amount") AS "orders_median_amount"
FROM (
SELECT "users_state", "orders_count", (SELECT "orders_median_amount" FROM "g2" WHERE 1 = 0) AS "orders_median_amount" FROM "g1"
UNION ALL
SELECT "users_state", (SELECT "orders_count" FROM "g1" WHERE 1 = 0) AS "orders_count", "orders_median_amount" FROM "g2"
) "u"
GROUP BY "users_state"
)
SELECT
  "c"."users_state" AS "users_state",
  "c"."orders_count" AS "orders_count",
  "c"."orders_median_amount" AS "orders_median_amount"
FROM "combined" AS "c"
ORDER BY "orders_count" DESC NULLS FIRST, "users_state" ASC NULLS LAST
LIMIT 20
-- pivot values
SELECT DISTINCT "orders".status AS "orders_status"
FROM orders AS "orders"
ORDER BY "orders_status" ASC NULLS LAST
LIMIT 51
