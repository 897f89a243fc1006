-- bench/load/setup.sql: the data and the bookkeeping of the load check (bench/load/run).
-- psql -v customers=N.  Demo data (binds the four sources, pins as_of = 2026-06-30),
-- a few stored snapshots, and schema load: the hash of every view's answer.
\set ON_ERROR_STOP 1
SELECT * FROM ror.generate_demo_data('ror_demo', :customers, 1);
SELECT ror.set_setting('as_of', '2026-06-30');
-- snapshots taken before the load: the load replaces some of them with the same answers
SELECT ror.backfill_scorecard('2026-01-01', '2026-06-30') AS snapshots;

CREATE SCHEMA load;
-- every inserted row is dated base + (client_id * 1,000,000 + n) seconds, n the client's
-- count of its insert transactions (1, 2, ...): the date is the token of its transaction
CREATE FUNCTION load.base() RETURNS timestamptz IMMUTABLE LANGUAGE sql
    RETURN timestamptz '2026-07-01 00:00:00+00';
CREATE FUNCTION load.token_at(client int, n int) RETURNS timestamptz IMMUTABLE LANGUAGE sql
    RETURN load.base() + make_interval(secs => client * 1000000 + n);

-- the answer of a whole view as one md5 (rows as text, sorted); data_issues without the rows
-- dated after as_of, which the load adds on purpose (they are checked by count instead)
CREATE FUNCTION load.view_hash(v text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE h text;
BEGIN
    EXECUTE format('SELECT md5(coalesce(string_agg(t::text, E''\n'' ORDER BY t::text), '''')) FROM ror.%I t %s', v,
                   CASE WHEN v = 'data_issues' THEN 'WHERE t.problem NOT LIKE ''%after as_of%''' ELSE '' END)
        INTO h;
    RETURN h;
END $$;
CREATE TABLE load.views (i int PRIMARY KEY, v text NOT NULL);
INSERT INTO load.views VALUES (1, 'nps_by_period'), (2, 'churn_by_period'), (3, 'cohort_retention'),
    (4, 'customer_value'), (5, 'model_fit'), (6, 'data_issues'), (7, 'customer_relationship'),
    (8, 'scorecard'), (9, 'scorecard_history');
-- phase: before (quiet), during (bench/load/hash.sql inside the run), after (quiet)
CREATE TABLE load.hash_log (phase text NOT NULL, v text NOT NULL, hash text NOT NULL, at timestamptz NOT NULL DEFAULT clock_timestamp());
-- rows dated after as_of before the load (the demo data has none; counted anyway)
CREATE TABLE load.baseline AS
SELECT (SELECT count(*) FROM ror_demo.customers WHERE acquired_at >= load.base()) AS customers,
       (SELECT count(*) FROM ror_demo.orders WHERE ordered_at >= load.base()) AS orders,
       (SELECT count(*) FROM ror_demo.responses WHERE responded_at >= load.base()) AS responses,
       (SELECT count(*) FROM ror_demo.interactions WHERE occurred_at >= load.base()) AS interactions;
INSERT INTO load.hash_log (phase, v, hash) SELECT 'before', v, load.view_hash(v) FROM load.views ORDER BY i;
SELECT * FROM load.baseline;
