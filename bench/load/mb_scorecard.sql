-- Metabase: the scorecard, raw
SELECT * FROM "ror"."scorecard" LIMIT 2000;
