-- main
SELECT
  "users".state AS "users_state",
  MAX("state_facts".users_in_state) AS "state_facts_most_users_in_state",
  MAX("user_status_facts".orders_in_filter) AS "user_status_facts_most_orders_in_filter"
FROM orders AS "orders"
LEFT JOIN users AS "users" ON ("users".id) = ("orders".user_id)
LEFT JOIN (
SELECT "ndt_q"."orders_user_id" AS user_id, "ndt_q"."orders_count" AS orders_in_filter
FROM (
SELECT
  "orders".user_id AS "orders_user_id",
  COUNT("orders".id) AS "orders_count"
FROM orders AS "orders"
LEFT JOIN users AS "users" ON ("users".id) = ("orders".user_id)
WHERE (CASE WHEN "users".vip = 1 THEN 'Yes' ELSE 'No' END = 'Yes')
GROUP BY 1
) "ndt_q"
) AS "user_status_facts" ON ("user_status_facts".user_id) = ("orders".user_id)
LEFT JOIN (
SELECT "ndt_q"."users_state" AS state, "ndt_q"."users_count" AS users_in_state
FROM (
SELECT
  "users".state AS "users_state",
  COUNT("users".id) AS "users_count"
FROM users AS "users"
WHERE (CASE WHEN "users".vip = 1 THEN 'Yes' ELSE 'No' END = 'Yes')
GROUP BY 1
) "ndt_q"
) AS "state_facts" ON ("state_facts".state) = ("users".state)
WHERE (CASE WHEN "users".vip = 1 THEN 'Yes' ELSE 'No' END = 'Yes')
GROUP BY 1
ORDER BY "state_facts_most_users_in_state" DESC NULLS FIRST
LIMIT 5000
