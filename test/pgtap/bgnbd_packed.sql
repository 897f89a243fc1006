-- bgnbd_hist_agg's packed layout (whole-number patterns as one sorted key,
-- bgnbd_packed.c) against a histogram built by plain SQL (GROUP BY, then
-- the text form): many rows with repeats (several sorts and folds), a state
-- that turns into a hash table mid-stream (a row the key cannot hold),
-- values at the key's limits, weights, many small groups, forced parallel
-- plans and roll-ups of stored states.  Unweighted rows into one large
-- state are kept as bare keys (four to a slot) until the state is made
-- canonical; weighted ones as (key, weight) pairs: the two must agree.
SELECT plan(20);

CREATE SCHEMA tap_bgpk;
-- the histogram of the rows of a FROM item (x, tx, big_t, w) as SQL sees
-- it, in the text form
CREATE FUNCTION tap_bgpk.reference(from_item text) RETURNS ror.bgnbd_hist LANGUAGE plpgsql AS $f$
DECLARE
    h text;
BEGIN
    EXECUTE format($q$
        WITH r AS (SELECT x, tx, big_t, w FROM %s
                   WHERE x IS NOT NULL AND tx IS NOT NULL AND big_t IS NOT NULL AND w IS NOT NULL),
             p AS (SELECT x, tx, big_t, sum(w) AS w FROM r WHERE w > 0 GROUP BY x, tx, big_t)
        SELECT format('(rows=%%s,excluded=%%s,weight=%%s,patterns=%%s,data={%%s})',
                      (SELECT count(*) FROM r WHERE w > 0), (SELECT count(*) FROM r WHERE w = 0),
                      (SELECT coalesce(sum(w), 0) FROM p), (SELECT count(*) FROM p),
                      (SELECT coalesce(string_agg(format('{%%s,%%s,%%s,%%s}', x, tx, big_t, w), ',' ORDER BY x, tx, big_t), '')
                       FROM p))$q$, from_item) INTO h;
    RETURN h::ror.bgnbd_hist;
END $f$;

-- 50 000 customers at day grain: about 30 000 patterns, so the state is
-- sorted and folded several times on the way
CREATE TABLE tap_bgpk.days AS
SELECT customer_id AS id, frequency AS x, round(recency)::float8 AS tx, round(age)::float8 AS big_t, 1.0::float8 AS w
FROM ror.bgnbd_simulate(ror.bgnbd(0.243, 30.9, 0.793, 2.426), 50000, 365, 1095, 11);
ANALYZE tap_bgpk.days;
SET max_parallel_workers_per_gather = 0;

SELECT ok((SELECT ror.bgnbd_hist_agg(x, tx, big_t) FROM tap_bgpk.days) OPERATOR(ror.=) tap_bgpk.reference('tap_bgpk.days'),
          'day-grain rows: the packed state equals the GROUP BY histogram');
SELECT ok((SELECT ror.bgnbd_hist_agg(x, tx, big_t) FROM (SELECT * FROM tap_bgpk.days ORDER BY big_t DESC, id) q)
          OPERATOR(ror.=) (SELECT ror.bgnbd_hist_agg(x, tx, big_t) FROM tap_bgpk.days),
          'the order of the rows does not matter');
SELECT ok((SELECT ror.bgnbd_hist_agg(x::bigint, tx, big_t) FROM tap_bgpk.days) OPERATOR(ror.=) tap_bgpk.reference('tap_bgpk.days'),
          'the bigint frequency form gives the same state');

-- bare keys (unweighted) against pairs (the weighted form, weight 1)
SELECT ok((SELECT ror.bgnbd_hist_agg(x, tx, big_t) FROM tap_bgpk.days)
          OPERATOR(ror.=) (SELECT ror.bgnbd_hist_agg(x, tx, big_t, 1.0) FROM tap_bgpk.days),
          'bare keys and (key, weight) pairs give the same state');
-- the planner expects 250 rows (0.5 % of 50 000): the keys fill their
-- first allocation, turn into pairs and grow
SELECT ok((SELECT ror.bgnbd_hist_agg(x, tx, big_t) FROM tap_bgpk.days WHERE id % 1 = 0)
          OPERATOR(ror.=) tap_bgpk.reference('tap_bgpk.days'),
          'rows far above the planner''s estimate: the state equals the GROUP BY histogram');
-- a state of more than 4 MB of keys and of sort scratch (huge pages advised, rormem.c)
CREATE TABLE tap_bgpk.large AS
SELECT i AS id, (i % 40)::float8 AS x, CASE WHEN i % 40 = 0 THEN 0 ELSE i % 700 END::float8 AS tx,
       (700 + i % 500)::float8 AS big_t, 1.0::float8 AS w
FROM generate_series(1, 600000) i;
ANALYZE tap_bgpk.large;
SELECT ok((SELECT ror.bgnbd_hist_agg(x, tx, big_t) FROM tap_bgpk.large) OPERATOR(ror.=) tap_bgpk.reference('tap_bgpk.large'),
          '600 000 rows: the state equals the GROUP BY histogram');
SELECT ok((SELECT ror.bgnbd_hist_agg(x, tx, big_t) FROM tap_bgpk.large)
          OPERATOR(ror.=) (SELECT ror.bgnbd_hist_agg(x, tx, big_t, w) FROM tap_bgpk.large),
          'and equals the state of the same rows weighted 1 (pairs)');

-- one row the key cannot hold, in the middle: the state becomes a hash table
CREATE TABLE tap_bgpk.mixed AS
SELECT * FROM (SELECT id, x, tx, big_t, w FROM tap_bgpk.days WHERE id <= 25000
               UNION ALL SELECT 0, 2, 10.5, 40.25, 1
               UNION ALL SELECT id, x, tx, big_t, w FROM tap_bgpk.days WHERE id > 25000) q;
SELECT ok((SELECT ror.bgnbd_hist_agg(x, tx, big_t) FROM tap_bgpk.mixed) OPERATOR(ror.=) tap_bgpk.reference('tap_bgpk.mixed'),
          'a fractional row mid-stream: the state equals the GROUP BY histogram');
SELECT ok((SELECT ror.bgnbd_fit(x, tx, big_t) FROM tap_bgpk.mixed)
          OPERATOR(ror.=) ror.bgnbd_fit(tap_bgpk.reference('tap_bgpk.mixed')),
          'and the fit equals the fit of that histogram');

-- the limits of the key: T below 2^21 and x below 2^22 pack, the next values do not
CREATE TABLE tap_bgpk.limits (id int, x float8, tx float8, big_t float8, w float8);
INSERT INTO tap_bgpk.limits VALUES
    (1, 0, 0, 2097151, 1), (2, 0, 0, 2097152, 1), (3, 4194303, 2097151, 2097151, 1),
    (4, 4194304, 5, 9, 1), (5, 3, 0, 0, 1), (6, 0, 0, 0, 1), (7, 1, 2097150, 2097151, 1),
    (8, 4194303, 2097151, 2097151, 1), (9, 1e15, 1e15, 1e16, 1), (10, 0, 0, 2097151, 1);
SELECT ok((SELECT ror.bgnbd_hist_agg(x, tx, big_t) FROM tap_bgpk.limits WHERE big_t < 2097152 AND x < 4194304)
          OPERATOR(ror.=) tap_bgpk.reference('(SELECT * FROM tap_bgpk.limits WHERE big_t < 2097152 AND x < 4194304) q'),
          'the largest values the key holds come back unchanged');
SELECT ok((SELECT ror.bgnbd_hist_agg(x, tx, big_t) FROM tap_bgpk.limits) OPERATOR(ror.=) tap_bgpk.reference('tap_bgpk.limits'),
          'values just past the key''s range: the state equals the GROUP BY histogram');
SELECT ok((SELECT ror.bgnbd_hist_agg(x, tx, big_t) FROM (SELECT * FROM tap_bgpk.limits ORDER BY id DESC) q)
          OPERATOR(ror.=) tap_bgpk.reference('tap_bgpk.limits'),
          'and in the other order, where the state turns into a hash table at once');

-- weights, a weight of 0 (excluded), and NULLs (skipped)
CREATE TABLE tap_bgpk.weighted AS
SELECT id, x, tx, big_t, CASE WHEN id % 7 = 0 THEN 0 ELSE 1 + id % 4 END::float8 AS w FROM tap_bgpk.days
UNION ALL SELECT -1, NULL, 1, 2, 1 UNION ALL SELECT -2, 1, 1, 2, NULL;
SELECT ok((SELECT ror.bgnbd_hist_agg(x, tx, big_t, w) FROM tap_bgpk.weighted) OPERATOR(ror.=) tap_bgpk.reference('tap_bgpk.weighted'),
          'weighted rows: weights of one pattern add up, weight 0 counts as excluded');

-- many small groups: the first state is sized from the planner's rows per group
CREATE TABLE tap_bgpk.by_group AS
SELECT id % 500 AS g, ror.bgnbd_hist_agg(x, tx, big_t) AS h FROM tap_bgpk.days GROUP BY 1;
SELECT is((SELECT count(*) FROM tap_bgpk.by_group g
           WHERE NOT g.h OPERATOR(ror.=) tap_bgpk.reference(format('(SELECT * FROM tap_bgpk.days WHERE id %% 500 = %s) q', g.g))),
          0::bigint, 'GROUP BY of 500 groups: every group''s state equals its GROUP BY histogram');
SELECT ok((SELECT ror.bgnbd_hist_agg(h) FROM tap_bgpk.by_group) OPERATOR(ror.=) tap_bgpk.reference('tap_bgpk.days'),
          'the roll-up of the stored group states equals the whole histogram');
SELECT ok((SELECT ror.bgnbd_hist_agg(h) FROM (SELECT h FROM tap_bgpk.by_group WHERE g = 7) q)
          OPERATOR(ror.=) (SELECT h FROM tap_bgpk.by_group WHERE g = 7),
          'the roll-up of one stored state is that state');

-- forced parallel plans: workers' packed states merged by the leader
CALL tap_helpers.force_parallel_plans();
SELECT matches(tap_helpers.plan_of('SELECT ror.bgnbd_hist_agg(x, tx, big_t) FROM tap_bgpk.days'),
               'Partial Aggregate', 'bgnbd_hist_agg runs as a partial aggregate');
SELECT ok((SELECT ror.bgnbd_hist_agg(x, tx, big_t) FROM tap_bgpk.days) OPERATOR(ror.=) tap_bgpk.reference('tap_bgpk.days'),
          'parallel: the merged packed states equal the GROUP BY histogram');
SELECT ok((SELECT ror.bgnbd_hist_agg(x, tx, big_t) FROM tap_bgpk.mixed) OPERATOR(ror.=) tap_bgpk.reference('tap_bgpk.mixed'),
          'parallel, one worker''s state a hash table: equal too');
SELECT ok((SELECT ror.bgnbd_hist_agg(x, tx, big_t, w) FROM tap_bgpk.weighted) OPERATOR(ror.=) tap_bgpk.reference('tap_bgpk.weighted'),
          'parallel weighted: equal too');
RESET ALL;

SELECT * FROM finish();
DROP SCHEMA tap_bgpk CASCADE;
