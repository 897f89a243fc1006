-- test/lib/tap_helpers.sql: helpers shared by the pgTAP tests, loaded by the
-- runners into the pgTAP database before pg_prove runs.
CREATE SCHEMA tap_helpers;

-- the plan of a query as text, for matches(..., 'Partial Aggregate', ...);
-- with_output: with every node's output expressions
CREATE FUNCTION tap_helpers.plan_of(q text, with_output boolean DEFAULT false) RETURNS text LANGUAGE plpgsql AS $$
DECLARE line text; result text := '';
BEGIN
  FOR line IN EXECUTE 'EXPLAIN (COSTS OFF' || CASE WHEN with_output THEN ', VERBOSE' ELSE '' END || ') ' || q LOOP
    result := result || line || E'\n';
  END LOOP;
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

-- orders of simulated BG/NBD buyers (CDNOW-like parameters), each with its own
-- mean spend, their first orders min_age to max_age days before as_of: enough
-- of them make the BG/NBD and Gamma-Gamma fits of customer_value converge
CREATE FUNCTION tap_helpers.simulated_orders(as_of date, customers int, min_age int, max_age int, seed int)
RETURNS TABLE (customer_id int8, ordered_on date, amount numeric) LANGUAGE sql AS $$
  SELECT s.customer_id::int8,
         as_of - s.age::int + round(CASE WHEN s.frequency = 0 THEN 0 ELSE s.recency * k / s.frequency END)::int,
         8 + (s.customer_id * 37) % 60 + (k * 13 + s.customer_id) % 9
  FROM ror.bgnbd_simulate(ror.bgnbd(0.243, 4.41, 0.793, 2.426), customers, min_age, max_age, seed) s
  CROSS JOIN LATERAL generate_series(0, s.frequency::int) k
$$;
