-- test/lib/tap_helpers.sql: helpers shared by the pgTAP tests, loaded by the
-- runners into the pgTAP database before pg_prove runs.
CREATE SCHEMA tap_helpers;

-- the plan of a query as text, for matches(..., 'Partial Aggregate', ...)
CREATE FUNCTION tap_helpers.plan_of(q text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE line text; result text := '';
BEGIN
  FOR line IN EXECUTE 'EXPLAIN (COSTS OFF) ' || q LOOP result := result || line || E'\n'; END LOOP;
  RETURN result;
END $$;
