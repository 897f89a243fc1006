-- Metabase: customers by band, and the mean score by segment
SELECT "ror"."customer_relationship"."band" AS "band", COUNT(*) AS "count", AVG("ror"."customer_relationship"."ror_score") AS "avg" FROM "ror"."customer_relationship" GROUP BY "ror"."customer_relationship"."band" ORDER BY "ror"."customer_relationship"."band" ASC;
SELECT "source"."segment" AS "segment", AVG("source"."ror_score") AS "avg", AVG("source"."coverage") AS "avg_2" FROM (SELECT * FROM "ror"."customer_relationship") AS "source" GROUP BY "source"."segment" ORDER BY "source"."segment" ASC LIMIT 2000;
