-- main
WITH "g1" AS (
SELECT
  "users".state AS "users_state",
  COUNT("users".id) AS "users_count"
FROM users AS "users"
WHERE (("users".name = 'O\'Brien' OR ("users".name ILIKE '%x%' ESCAPE '\\')))
GROUP BY 1
),
"g2" AS (
SELECT
  "users".state AS "users_state",
  SUM(("orders".amount)) AS "orders_total_amount"
FROM users AS "users"
LEFT JOIN orders AS "orders" ON ("orders".user_id) = ("users".id)
WHERE (("users".name = 'O\'Brien' OR ("users".name ILIKE '%x%' ESCAPE '\\')))
GROUP BY 1
),
"g3" AS (
SELECT
  "users".state AS "users_state",
  SUM(("order_items".sale_price)) AS "order_items_total_sale_price"
FROM users AS "users"
LEFT JOIN orders AS "orders" ON ("orders".user_id) = ("users".id)
LEFT JOIN order_items AS "order_items" ON ("order_items".order_id) = ("orders".id)
WHERE (("users".name = 'O\'Brien' OR ("users".name ILIKE '%x%' ESCAPE '\\')))
GROUP BY 1
),
"combined" AS (
SELECT "users_state", MAX("users_count") AS "users_count", MAX("orders_total_amount") AS "orders_total_amount", MAX("order_items_total_sale_price") AS "order_items_total_sale_price"
FROM (
SELECT "users_state", "users_count", (SELECT "orders_total_amount" FROM "g2" WHERE 1 = 0) AS "orders_total_amount", (SELECT "order_items_total_sale_price" FROM "g3" WHERE 1 = 0) AS "order_items_total_sale_price" FROM "g1"
UNION ALL
SELECT "users_state", (SELECT "users_count" FROM "g1" WHERE 1 = 0) AS "users_count", "orders_total_amount", (SELECT "order_items_total_sale_price" FROM "g3" WHERE 1 = 0) AS "order_items_total_sale_price" FROM "g2"
UNION ALL
SELECT "users_state", (SELECT "users_count" FROM "g1" WHERE 1 = 0) AS "users_count", (SELECT "orders_total_amount" FROM "g2" WHERE 1 = 0) AS "orders_total_amount", "order_items_total_sale_price" FROM "g3"
) "u"
GROUP BY "users_state"
)
SELECT
  "c"."users_state" AS "users_state",
  "c"."users_count" AS "users_count",
  "c"."orders_total_amount" AS "orders_total_amount",
  "c"."order_items_total_sale_price" AS "order_items_total_sale_price"
FROM "combined" AS "c"
ORDER BY "users_count" DESC NULLS FIRST
LIMIT 5000
