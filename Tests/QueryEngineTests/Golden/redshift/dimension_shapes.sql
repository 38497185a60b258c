-- main
WITH "g1" AS (
SELECT
  CASE WHEN (("users".age) < 30) THEN 'Young' WHEN (("users".age) < 45) THEN 'Middle' WHEN (("users".age) >= 45) THEN 'Adult' ELSE 'Unknown' END AS "users_age_group",
  CAST(DATEADD(day, -1, DATE_TRUNC('week', DATEADD(day, 1, DATEADD(second, 3600, "users".created_at)))) AS DATE) AS "users_created_week",
  CAST((DATE_PART(year, DATEADD(second, 3600, "users".created_at))::INTEGER - (CASE WHEN DATE_PART(month, DATEADD(second, 3600, "users".created_at))::INTEGER <= 3 THEN 1 ELSE 0 END)) AS VARCHAR) || '-Q' || CAST((CASE WHEN (CASE WHEN DATE_PART(month, DATEADD(second, 3600, "users".created_at))::INTEGER > 3 THEN DATE_PART(month, DATEADD(second, 3600, "users".created_at))::INTEGER - 3 ELSE DATE_PART(month, DATEADD(second, 3600, "users".created_at))::INTEGER + 9 END) <= 3 THEN 1 WHEN (CASE WHEN DATE_PART(month, DATEADD(second, 3600, "users".created_at))::INTEGER > 3 THEN DATE_PART(month, DATEADD(second, 3600, "users".created_at))::INTEGER - 3 ELSE DATE_PART(month, DATEADD(second, 3600, "users".created_at))::INTEGER + 9 END) <= 6 THEN 2 WHEN (CASE WHEN DATE_PART(month, DATEADD(second, 3600, "users".created_at))::INTEGER > 3 THEN DATE_PART(month, DATEADD(second, 3600, "users".created_at))::INTEGER - 3 ELSE DATE_PART(month, DATEADD(second, 3600, "users".created_at))::INTEGER + 9 END) <= 9 THEN 3 ELSE 4 END) AS VARCHAR) AS "users_created_fiscal_quarter",
  1.0 * SUM("users".age) / NULLIF(COUNT("users".age), 0) AS "users_mean_age"
FROM users AS "users"
GROUP BY 1, 2, 3
),
"g2" AS (
SELECT
  CASE WHEN (("users".age) < 30) THEN 'Young' WHEN (("users".age) < 45) THEN 'Middle' WHEN (("users".age) >= 45) THEN 'Adult' ELSE 'Unknown' END AS "users_age_group",
  CAST(DATEADD(day, -1, DATE_TRUNC('week', DATEADD(day, 1, DATEADD(second, 3600, "users".created_at)))) AS DATE) AS "users_created_week",
  CAST((DATE_PART(year, DATEADD(second, 3600, "users".created_at))::INTEGER - (CASE WHEN DATE_PART(month, DATEADD(second, 3600, "users".created_at))::INTEGER <= 3 THEN 1 ELSE 0 END)) AS VARCHAR) || '-Q' || CAST((CASE WHEN (CASE WHEN DATE_PART(month, DATEADD(second, 3600, "users".created_at))::INTEGER > 3 THEN DATE_PART(month, DATEADD(second, 3600, "users".created_at))::INTEGER - 3 ELSE DATE_PART(month, DATEADD(second, 3600, "users".created_at))::INTEGER + 9 END) <= 3 THEN 1 WHEN (CASE WHEN DATE_PART(month, DATEADD(second, 3600, "users".created_at))::INTEGER > 3 THEN DATE_PART(month, DATEADD(second, 3600, "users".created_at))::INTEGER - 3 ELSE DATE_PART(month, DATEADD(second, 3600, "users".created_at))::INTEGER + 9 END) <= 6 THEN 2 WHEN (CASE WHEN DATE_PART(month, DATEADD(second, 3600, "users".created_at))::INTEGER > 3 THEN DATE_PART(month, DATEADD(second, 3600, "users".created_at))::INTEGER - 3 ELSE DATE_PART(month, DATEADD(second, 3600, "users".created_at))::INTEGER + 9 END) <= 9 THEN 3 ELSE 4 END) AS VARCHAR) AS "users_created_fiscal_quarter",
  COUNT(CASE WHEN (("page_views".user_id) = ("users".id)) THEN 1 END) AS "page_views_count"
FROM users AS "users"
LEFT JOIN page_views AS "page_views" ON ("page_views".user_id) = ("users".id)
GROUP BY 1, 2, 3
),
"combined" AS (
SELECT "users_age_group", "users_created_week", "users_created_fiscal_quarter", MAX("users_mean_age") AS "users_mean_age", MAX("page_views_count") AS "page_views_count"
FROM (
SELECT "users_age_group", "users_created_week", "users_created_fiscal_quarter", "users_mean_age", (SELECT "page_views_count" FROM "g2" WHERE 1 = 0) AS "page_views_count" FROM "g1"
UNION ALL
SELECT "users_age_group", "users_created_week", "users_created_fiscal_quarter", (SELECT "users_mean_age" FROM "g1" WHERE 1 = 0) AS "users_mean_age", "page_views_count" FROM "g2"
) "u"
GROUP BY "users_age_group", "users_created_week", "users_created_fiscal_quarter"
)
SELECT * FROM (
SELECT
  "c"."users_age_group" AS "users_age_group",
  "c"."users_created_week" AS "users_created_week",
  "c"."users_created_fiscal_quarter" AS "users_created_fiscal_quarter",
  "c"."users_mean_age" AS "users_mean_age",
  "c"."page_views_count" AS "page_views_count"
FROM "combined" AS "c"
) "q"
ORDER BY CASE "q"."users_age_group" WHEN 'Young' THEN 0 WHEN 'Middle' THEN 1 WHEN 'Adult' THEN 2 WHEN 'Unknown' THEN 3 ELSE 4 END ASC NULLS LAST
LIMIT 5000
