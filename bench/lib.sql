-- bench/lib.sql: timing helpers for the benchmark cases (bench/cases/*.sql).
-- bench.measure(case, query, baseline) runs the query `reps` times after a
-- warm-up, keeps the median wall time, and records it.  ratio = time / the
-- baseline case's time, measured in the same run, on the same table.
-- bench.scaled(n) is n times the run's scale (ROR_BENCH_SCALE, passed as the
-- setting bench.scale; default 1).
CREATE SCHEMA IF NOT EXISTS bench;
CREATE TABLE IF NOT EXISTS bench.results (
    seq serial, case_name text, baseline text, median_ms float8, target text);

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

CREATE OR REPLACE FUNCTION bench.measure(case_name text, query text, baseline text DEFAULT NULL,
                                         target text DEFAULT NULL, reps int DEFAULT 5)
RETURNS float8 LANGUAGE plpgsql AS $$
DECLARE
    t0 timestamptz;
    times float8[] := '{}';
    med float8;
BEGIN
    EXECUTE query;                                   -- warm-up: caches, hint bits
    FOR i IN 1 .. reps LOOP
        t0 := clock_timestamp();
        EXECUTE query;
        times := times || (extract(epoch FROM clock_timestamp() - t0) * 1000)::float8;
    END LOOP;
    SELECT percentile_cont(0.5) WITHIN GROUP (ORDER BY x) INTO med FROM unnest(times) x;
    INSERT INTO bench.results (case_name, baseline, median_ms, target) VALUES (case_name, baseline, med, target);
    RETURN med;
END $$;

CREATE OR REPLACE VIEW bench.report AS
SELECT r.case_name AS "case", round(r.median_ms::numeric, 1) AS median_ms,
       r.baseline,
       CASE WHEN b.median_ms > 0 THEN round((r.median_ms / b.median_ms)::numeric, 2) END AS ratio,
       r.target
FROM bench.results r
LEFT JOIN LATERAL (SELECT median_ms FROM bench.results b
                   WHERE b.case_name = r.baseline ORDER BY b.seq DESC LIMIT 1) b ON true
ORDER BY r.seq;
