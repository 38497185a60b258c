-- main
SELECT
  TO_CHAR(CAST(DATEADD('SECOND', 3600, "users".created_at) AS TIMESTAMP_NTZ), 'YYYY-MM') AS "users_created_month",
  TO_DATE(DATE_TRUNC('WEEK', DATEADD('SECOND', 3600, "users".created_at))) AS "users_created_week",
  CASE (DAYOFWEEKISO(DATEADD('SECOND', 3600, "users".created_at)) - 1) WHEN 0 THEN 'Monday' WHEN 1 THEN 'Tuesday' WHEN 2 THEN 'Wednesday' WHEN 3 THEN 'Thursday' WHEN 4 THEN 'Friday' WHEN 5 THEN 'Saturday' WHEN 6 THEN 'Sunday' END AS "users_created_day_of_week",
  CASE WHEN "users".vip = 1 THEN 'Yes' ELSE 'No' END AS "users_is_vip",
  CASE WHEN (("users".age)) IS NULL THEN NULL WHEN (("users".age)) < 20 THEN 'Below 20' WHEN (("users".age)) < 30 THEN '20 to 29' WHEN (("users".age)) < 40 THEN '30 to 39' ELSE '40 or Above' END AS "users_age_tier",
  COUNT("users".id) AS "users_count"
FROM users AS "users"
WHERE ((DATEADD('SECOND', 3600, "users".created_at) >= DATE '2025-12-03' AND DATEADD('SECOND', 3600, "users".created_at) < DATE '2026-01-02'))
GROUP BY 1, 2, 3, 4, 5
ORDER BY "users_created_month" DESC NULLS FIRST
LIMIT 5000
