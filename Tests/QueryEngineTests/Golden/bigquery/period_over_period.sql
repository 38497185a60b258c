-- main
WITH `pop_cur` AS (
SELECT
  FORMAT_TIMESTAMP('%Y-%m', TIMESTAMP(DATETIME(`orders`.created_at, 'GMT+0100'))) AS `orders_created_month`,
  COUNT(`orders`.id) AS `orders_count`,
  SUM((`orders`.amount)) AS `q_h1`
FROM orders AS `orders`
GROUP BY 1
)
SELECT * FROM (
SELECT `pop_cur`.`orders_created_month` AS `orders_created_month`, `pop_cur`.`orders_count` AS `orders_count`, `pop_prev1`.`orders_count` AS `orders_count_last_year`, 1.0 * (`pop_cur`.`q_h1` - `pop_prev1`.`orders_total_amount`) / NULLIF(`pop_prev1`.`orders_total_amount`, 0) AS `orders_amount_relative_change_yoy`
FROM `pop_cur`
LEFT JOIN (
SELECT
  FORMAT_TIMESTAMP('%Y-%m', TIMESTAMP(DATETIME_ADD(DATETIME(TIMESTAMP_TRUNC(TIMESTAMP(DATETIME(`orders`.created_at, 'GMT+0100')), MONTH)), INTERVAL 12 MONTH))) AS `orders_created_month`,
  COUNT(`orders`.id) AS `orders_count`,
  SUM((`orders`.amount)) AS `orders_total_amount`
FROM orders AS `orders`
GROUP BY 1
) `pop_prev1` ON `pop_cur`.`orders_created_month` IS NOT DISTINCT FROM `pop_prev1`.`orders_created_month`
) `q`
ORDER BY `q`.`orders_created_month` DESC NULLS FIRST
LIMIT 5000
