-- main
SELECT
  STRFTIME(("users".created_at + INTERVAL '3600 seconds'), '%Y-%m') AS "users_created_month",
  CAST(DATE_TRUNC('week', ("users".created_at + INTERVAL '3600 seconds')) AS DATE) AS "users_created_week",
  CASE (EXTRACT(ISODOW FROM ("users".created_at + INTERVAL '3600 seconds')) - 1) WHEN 0 THEN 'Monday' WHEN 1 THEN 'Tuesday' WHEN 2 THEN 'Wednesday' WHEN 3 THEN 'Thursday' WHEN 4 THEN 'Friday' WHEN 5 THEN 'Saturday' WHEN 6 THEN 'Sunday' END AS "users_created_day_of_week",
  CASE WHEN "users".vip = 1 THEN 'Yes' ELSE 'No' END AS "users_is_vip",
  CASE WHEN (("users".age)) IS NULL THEN NULL WHEN (("users".age)) < 20 THEN 'Below 20' WHEN (("users".age)) < 30 THEN '20 to 29' WHEN (("users".age)) < 40 THEN '30 to 39' ELSE '40 or Above' END AS "users_age_tier",
  COUNT("users".id) AS "users_count"
FROM users AS "users"
WHERE ((("users".created_at + INTERVAL '3600 seconds') >= DATE '2025-12-03' AND ("users".created_at + INTERVAL '3600 seconds') < DATE '2026-01-02'))
GROUP BY 1, 2, 3, 4, 5
ORDER BY "users_created_month" DESC NULLS FIRST
LIMIT 5000
