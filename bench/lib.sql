-- bench/lib.sql: timing helpers for the benchmark cases (bench/cases/*.sql).
-- bench.measure(case, query, baseline) runs the query `reps` times after a
-- warm-up, keeps the median wall time, and records it.  ratio = time / the
-- time of the baseline case recorded last before it, in the same run.
-- bench.measure_pairs(case, query, baseline_name, baseline_query) alternates
-- baseline and query, and records the median of the per-pair ratios with
-- their spread (min and max), so a slow phase of the machine hits both sides.
-- bench.record(case, value, unit, baseline) records a number measured
-- otherwise (bytes, a time taken outside the server); its ratio is against a
-- baseline recorded in the same unit.  bench.scaled(n) is n times the run's
-- scale (ROR_BENCH_SCALE, passed as the setting bench.scale; default 1).
CREATE SCHEMA IF NOT EXISTS bench;
CREATE TABLE IF NOT EXISTS bench.results (
    seq serial, case_name text, baseline text, median_ms float8, target text);
-- runs: the timed runs after the warm-up ('7 pairs' for measure_pairs);
-- ratio, ratio_min, ratio_max: set by measure_pairs only (the report computes
-- the others); value and unit: a number that is not a time (bench.record)
ALTER TABLE bench.results ADD COLUMN IF NOT EXISTS runs text,
    ADD COLUMN IF NOT EXISTS ratio float8, ADD COLUMN IF NOT EXISTS ratio_min float8,
    ADD COLUMN IF NOT EXISTS ratio_max float8, ADD COLUMN IF NOT EXISTS value float8,
    ADD COLUMN IF NOT EXISTS unit text;

-- the run's scale: the setting bench.scale (bench/run sets it from ROR_BENCH_SCALE), else 1
CREATE OR REPLACE FUNCTION bench.scale() RETURNS float8 LANGUAGE plpgsql STABLE AS $$
DECLARE
    s float8 := coalesce(nullif(current_setting('bench.scale', true), ''), '1')::float8;
BEGIN
    IF NOT (s > 0 AND s < 'Infinity') THEN
        RAISE EXCEPTION 'bench.scale must be a positive number, not %', s;
    END IF;
    RETURN s;
END $$;

-- n rows (groups, customers) at the run's scale: at least 1
CREATE OR REPLACE FUNCTION bench.scaled(n bigint) RETURNS bigint LANGUAGE sql STABLE
AS $$ SELECT greatest(1, round(n * bench.scale()))::bigint $$;

-- one run of query: its wall time in ms
CREATE OR REPLACE FUNCTION bench.time_ms(query text) RETURNS float8 LANGUAGE plpgsql AS $$
DECLARE
    t0 timestamptz := clock_timestamp();
BEGIN
    EXECUTE query;
    RETURN extract(epoch FROM clock_timestamp() - t0) * 1000;
END $$;

CREATE OR REPLACE FUNCTION bench.median(xs float8[]) RETURNS float8 LANGUAGE sql IMMUTABLE
AS $$ SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY x) FROM unnest(xs) x $$;

CREATE OR REPLACE FUNCTION bench.measure(case_name text, query text, baseline text DEFAULT NULL,
                                         target text DEFAULT NULL, reps int DEFAULT 5)
RETURNS float8 LANGUAGE plpgsql AS $$
DECLARE
    times float8[] := '{}';
    med float8;
BEGIN
    EXECUTE query;                                   -- warm-up: caches, hint bits
    FOR i IN 1 .. reps LOOP
        times := times || bench.time_ms(query);
    END LOOP;
    med := bench.median(times);
    INSERT INTO bench.results (case_name, baseline, median_ms, target, runs)
    VALUES (case_name, baseline, med, target, reps::text);
    RETURN med;
END $$;

-- After one warm-up of each: baseline, query, baseline, query, ... (`pairs`
-- times).  Records the baseline (median time) and then the query (median
-- time; ratio = median of query / baseline over the pairs, with its min and
-- max).  Returns the median ratio.  setup and baseline_setup, when given,
-- run before each run of query and of baseline_query, untimed (e.g. binding
-- the sources to another data set).
CREATE OR REPLACE FUNCTION bench.measure_pairs(case_name text, query text, baseline_name text,
                                               baseline_query text, target text DEFAULT NULL,
                                               pairs int DEFAULT 7, setup text DEFAULT NULL,
                                               baseline_setup text DEFAULT NULL)
RETURNS float8 LANGUAGE plpgsql AS $$
DECLARE
    tb float8[] := '{}';
    tq float8[] := '{}';
    ratios float8[] := '{}';
    med float8;
BEGIN
    IF NOT pairs >= 1 THEN
        RAISE EXCEPTION 'measure_pairs needs at least one pair, not %', pairs;
    END IF;
    IF baseline_setup IS NOT NULL THEN EXECUTE baseline_setup; END IF;
    EXECUTE baseline_query;                          -- warm-up of each
    IF setup IS NOT NULL THEN EXECUTE setup; END IF;
    EXECUTE query;
    FOR i IN 1 .. pairs LOOP
        IF baseline_setup IS NOT NULL THEN EXECUTE baseline_setup; END IF;
        tb := tb || bench.time_ms(baseline_query);
        IF setup IS NOT NULL THEN EXECUTE setup; END IF;
        tq := tq || bench.time_ms(query);
        ratios := ratios || tq[i] / tb[i];
    END LOOP;
    med := bench.median(ratios);
    INSERT INTO bench.results (case_name, median_ms, runs)
    VALUES (baseline_name, bench.median(tb), pairs || ' pairs');
    INSERT INTO bench.results (case_name, baseline, median_ms, target, runs, ratio, ratio_min, ratio_max)
    SELECT case_name, baseline_name, bench.median(tq), target, pairs || ' pairs', med, min(x), max(x)
    FROM unnest(ratios) x;
    RETURN med;
END $$;

-- A number that is not a time measured here: unit 'ms' is a time (shown as
-- median_ms, e.g. one measured outside the server), any other unit goes to
-- the value column.  A baseline must have been recorded in the same unit;
-- runs says how the number was taken (e.g. '7 in numpy').
CREATE OR REPLACE FUNCTION bench.record(case_name text, value float8, unit text, baseline text DEFAULT NULL,
                                        target text DEFAULT NULL, runs text DEFAULT NULL)
RETURNS float8 LANGUAGE plpgsql AS $$
#variable_conflict use_variable
BEGIN
    IF baseline IS NOT NULL AND NOT EXISTS (
        SELECT FROM bench.results b WHERE b.case_name = baseline
          AND CASE WHEN unit = 'ms' THEN b.median_ms IS NOT NULL ELSE b.unit IS NOT DISTINCT FROM unit END) THEN
        RAISE EXCEPTION 'bench.record: no baseline "%" recorded in %', baseline, unit;
    END IF;
    INSERT INTO bench.results (case_name, baseline, median_ms, value, unit, target, runs)
    VALUES (case_name, baseline, CASE WHEN unit = 'ms' THEN value END,
            CASE WHEN unit <> 'ms' THEN value END, CASE WHEN unit <> 'ms' THEN unit END, target, runs);
    RETURN value;
END $$;

-- EXPLAIN ANALYZE of query, a GROUP BY planned as a HashAggregate: the
-- node's "Peak Memory Usage" (kB: its hash table and the transition states),
-- its groups ("Actual Rows") and "HashAgg Batches" (more than 1: it spilled,
-- and the peak is what fit in hash_mem, not all of it; a WARNING says so)
CREATE OR REPLACE FUNCTION bench.hashagg_memory(query text, OUT peak_kb float8, OUT groups float8, OUT batches int)
LANGUAGE plpgsql AS $$
DECLARE
    plan json;
    node jsonb;
BEGIN
    EXECUTE 'EXPLAIN (ANALYZE, FORMAT JSON) ' || query INTO plan;
    node := jsonb_path_query_first(plan::jsonb, '$.** ? (@."Node Type" == "Aggregate" && @."Strategy" == "Hashed")');
    IF node IS NULL THEN
        RAISE EXCEPTION 'bench.hashagg_memory: no HashAggregate in the plan of %', query;
    END IF;
    peak_kb := node->>'Peak Memory Usage';
    groups := node->>'Actual Rows';
    batches := node->>'HashAgg Batches';
    IF batches > 1 THEN
        RAISE WARNING 'bench.hashagg_memory: the HashAggregate spilled (% batches): its peak is hash_mem, not all it needed', batches;
    END IF;
END $$;

-- ratio: measure_pairs' median per-pair ratio, else the row's time (or value)
-- over that of the baseline case recorded last before it
DROP VIEW IF EXISTS bench.report;
CREATE VIEW bench.report AS
SELECT r.case_name AS "case", round(r.median_ms::numeric, 1) AS median_ms,
       CASE WHEN abs(r.value) >= 0.01 OR r.value = 0 THEN round(r.value::numeric, 2)::text
            ELSE trim(to_char(r.value, '9.9EEEE')) END || ' ' || r.unit AS value,
       r.runs, r.baseline,
       round(coalesce(r.ratio, CASE WHEN b.x > 0 THEN coalesce(r.median_ms, r.value) / b.x END)::numeric, 2) AS ratio,
       round(r.ratio_min::numeric, 2) || '–' || round(r.ratio_max::numeric, 2) AS ratio_spread,
       r.target
FROM bench.results r
LEFT JOIN LATERAL (SELECT coalesce(b.median_ms, b.value) AS x FROM bench.results b
                   WHERE b.case_name = r.baseline AND b.seq < r.seq ORDER BY b.seq DESC LIMIT 1) b ON true
ORDER BY r.seq;
