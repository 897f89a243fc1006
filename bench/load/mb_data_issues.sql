-- Metabase: the data issues, raw, but without the rows dated after as_of (the load adds them on
-- purpose; bench/load/check.sql counts them)
SELECT "ror"."data_issues"."kind" AS "kind", "ror"."data_issues"."problem" AS "problem", "ror"."data_issues"."rows" AS "rows" FROM "ror"."data_issues" WHERE NOT ("ror"."data_issues"."problem" LIKE '%after as\_of%') LIMIT 2000;
