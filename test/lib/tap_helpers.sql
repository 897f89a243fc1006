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

-- plans with parallel workers wherever the planner can make them: no setup
-- or tuple cost, any table size, two workers, and the leader not scanning,
-- so that every row goes through a worker's partial state and the combine
-- function (for the session; RESET ALL undoes it)
CREATE PROCEDURE tap_helpers.force_parallel_plans() LANGUAGE sql AS $$
  SELECT set_config('parallel_setup_cost', '0', false);
  SELECT set_config('parallel_tuple_cost', '0', false);
  SELECT set_config('min_parallel_table_scan_size', '0', false);
  SELECT set_config('max_parallel_workers_per_gather', '2', false);
  SELECT set_config('parallel_leader_participation', 'off', false);
$$;
