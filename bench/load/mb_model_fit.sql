-- Metabase: the model parameters, raw
SELECT * FROM "ror"."model_fit" LIMIT 2000;
