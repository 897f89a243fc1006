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

-- the answer of a whole view as one md5 (rows as text, sorted), and a second md5 with every
-- float8 rounded to 12 significant digits (to tell last-digit differences from others);
-- data_issues without the rows dated after as_of, which the load adds on purpose (they are
-- checked by count instead)
CREATE FUNCTION load.view_hash(v text, OUT hash text, OUT hash12 text) LANGUAGE plpgsql AS $$
DECLARE cols text;
BEGIN
    SELECT string_agg(CASE WHEN a.atttypid = 'float8'::regtype
                           THEN format('to_char(t.%1$I, %2$L) AS %1$I', a.attname, '9.99999999999EEEE')
                           ELSE format('t.%I', a.attname) END, ', ' ORDER BY a.attnum)
    INTO cols
    FROM pg_attribute a WHERE a.attrelid = format('ror.%I', v)::regclass AND a.attnum > 0 AND NOT a.attisdropped;
    EXECUTE format('SELECT md5(coalesce(string_agg(x.t, E''\n'' ORDER BY x.t), '''')),
                           md5(coalesce(string_agg(x.r, E''\n'' ORDER BY x.r), ''''))
                    FROM (SELECT t::text AS t, (SELECT r::text FROM (SELECT %s) r) AS r FROM ror.%I t %s) x',
                   cols, v, CASE WHEN v = 'data_issues' THEN 'WHERE t.problem NOT LIKE ''%after as_of%''' ELSE '' END)
        INTO hash, hash12;
END $$;
CREATE TABLE load.views (i int PRIMARY KEY, v text NOT NULL);
INSERT INTO load.views VALUES (1, 'nps_by_period'), (2, 'churn_by_period'), (3, 'cohort_retention'),
    (4, 'customer_value'), (5, 'model_fit'), (6, 'data_issues'), (7, 'customer_relationship'),
    (8, 'scorecard'), (9, 'scorecard_history');
-- phase: before (quiet), during (bench/load/hash.sql inside the run), after (quiet)
CREATE TABLE load.hash_log (phase text NOT NULL, v text NOT NULL, hash text NOT NULL, hash12 text NOT NULL, at timestamptz NOT NULL DEFAULT clock_timestamp());
-- rows dated after as_of before the load (the demo data has none; counted anyway)
CREATE TABLE load.baseline AS
SELECT (SELECT count(*) FROM ror_demo.customers WHERE acquired_at >= load.base()) AS customers,
       (SELECT count(*) FROM ror_demo.orders WHERE ordered_at >= load.base()) AS orders,
       (SELECT count(*) FROM ror_demo.responses WHERE responded_at >= load.base()) AS responses,
       (SELECT count(*) FROM ror_demo.interactions WHERE occurred_at >= load.base()) AS interactions;
INSERT INTO load.hash_log (phase, v, hash, hash12)
SELECT 'before', w.v, h.hash, h.hash12 FROM load.views w CROSS JOIN LATERAL load.view_hash(w.v) h ORDER BY w.i;
SELECT * FROM load.baseline;
