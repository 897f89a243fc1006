-- ror.data_issues: an exact count for each kind of bad row of each source,
-- computed from the inserted rows in plain SQL; bad rows never make a view
-- fail; a binding whose column changed type, or whose relation or column is
-- gone, shows as one row and its views are empty, not failing.
BEGIN;
SELECT plan(25);
-- dates as most clients see them (other DateStyles are tested in views_reports and views_settings)
SET LOCAL DateStyle = 'ISO, MDY';

SELECT ror.unbind_source(k) FROM unnest(ARRAY['customers', 'orders', 'responses', 'interactions']) k \g /dev/null
SELECT ror.reset_setting(name) FROM ror.setting_definition \g /dev/null
SELECT ror.set_setting('as_of', '2024-06-30') \g /dev/null
SELECT ror.set_setting('time_zone', 'Europe/Berlin') \g /dev/null

CREATE SCHEMA tap_vi;
CREATE TYPE tap_vi.touch AS ENUM ('call', 'mail', 'visit');

-- every problem occurs a different number of times, so a row counted under
-- the wrong problem shows; some rows have several problems (the first listed
-- counts)
CREATE TABLE tap_vi.customers (
    customer_id text, acquired_at timestamptz, churned_at timestamp, segment text, acquisition_cost real);
INSERT INTO tap_vi.customers VALUES
    ('c1', '2024-01-10 12:00+00', NULL, 'a', 10),
    ('c2', '2024-02-10 12:00+00', '2024-05-01 00:00', 'b', 0),
    ('c3', '2024-03-01 08:00+00', '2024-03-01 20:00', 'a', NULL),   -- churned the day it was acquired
    ('c4', '2024-04-01 08:00+00', '2024-04-01 00:00', NULL, NULL),  -- the same day, though earlier in the day
    ('c5', '2024-05-01 08:00+00', '2024-05-01 09:00', 'b', NULL),   -- the same day
    ('c6', '2024-05-05 08:00+00', '2024-07-05 09:00', 'b', NULL),   -- churn after as_of: not an issue
    ('c7', '2024-06-30 10:00+00', '2024-06-30 12:00', 'b', NULL),   -- the same day, on as_of
    -- duplicates of usable customers, acquired later (3 rows)
    ('c1', '2024-03-10 12:00+00', NULL, 'z', NULL),
    ('c1', '2024-04-10 12:00+00', NULL, 'z', NULL),
    ('c2', '2024-02-11 12:00+00', NULL, 'z', NULL),
    -- customer_id NULL (1, one also without acquired_at)
    (NULL, NULL, NULL, 'a', NULL),
    -- acquired_at NULL (2)
    ('n1', NULL, NULL, 'a', NULL), ('c1', NULL, '2024-01-01', 'a', -5),
    -- acquired_at infinite (9)
    ('i1', 'infinity', NULL, 'a', NULL), ('i2', '-infinity', NULL, 'a', NULL),
    ('i3', 'infinity', '2024-01-01', 'a', NULL), ('i4', '-infinity', 'infinity', 'a', 'NaN'),
    ('i5', 'infinity', NULL, 'a', NULL), ('i6', 'infinity', NULL, 'b', NULL), ('i7', 'infinity', NULL, NULL, NULL),
    ('c1', 'infinity', NULL, 'a', NULL), ('c2', '-infinity', NULL, 'a', NULL),
    -- churned_at infinite (5)
    ('j1', '2024-01-05 00:00+00', 'infinity', 'a', NULL), ('j2', '2024-01-05 00:00+00', '-infinity', 'a', NULL),
    ('j3', '2024-01-05 00:00+00', 'infinity', 'a', -1), ('j4', '2024-01-05 00:00+00', 'infinity', NULL, NULL),
    ('j5', '2024-01-05 00:00+00', '-infinity', NULL, NULL),
    -- churned before acquired (6; the local date of acquisition counts: Feb 1 in Berlin)
    ('k1', '2024-03-05 00:00+00', '2024-02-01 00:00', 'a', NULL), ('k2', '2024-03-05 00:00+00', '2024-03-04 23:59', 'a', NULL),
    ('k3', '2024-01-31 23:30+00', '2024-01-31 23:45', 'a', NULL), ('k4', '2024-06-05 00:00+00', '2024-01-01 00:00', 'a', -3),
    ('k5', '2024-08-01 00:00+00', '2024-07-01 00:00', 'a', NULL), ('k6', '2024-05-05 00:00+00', '2024-05-04 00:00', 'a', NULL),
    -- acquisition_cost negative or not finite (7)
    ('m1', '2024-01-05 00:00+00', NULL, 'a', -1), ('m2', '2024-01-05 00:00+00', NULL, 'a', 'NaN'),
    ('m3', '2024-01-05 00:00+00', NULL, 'a', 'Infinity'), ('m4', '2024-01-05 00:00+00', NULL, 'a', '-Infinity'),
    ('m5', '2024-01-05 00:00+00', NULL, 'a', -0.001), ('m6', '2024-01-05 00:00+00', NULL, 'a', -1e30),
    ('m7', '2024-08-05 00:00+00', NULL, 'a', 'NaN'),
    -- acquired after as_of (8; the first is Jun 30 in UTC, Jul 1 in Berlin)
    ('p1', '2024-06-30 22:30+00', NULL, 'a', NULL), ('p2', '2024-07-01 00:00+00', NULL, 'a', NULL),
    ('p3', '2024-07-02 00:00+00', NULL, 'a', NULL), ('p4', '2024-08-01 00:00+00', '2024-09-01 00:00', 'a', NULL),
    ('p5', '2025-01-01 00:00+00', NULL, 'a', NULL), ('p6', '2030-01-01 00:00+00', NULL, 'a', NULL),
    ('p7', '2024-12-31 00:00+00', NULL, NULL, NULL), ('p8', '2024-07-15 00:00+00', NULL, 'b', 1);

CREATE TABLE tap_vi.orders (customer_id text, ordered_at date, amount numeric);
INSERT INTO tap_vi.orders VALUES
    ('c1', '2024-02-01', 10), ('c2', '2024-03-01', 0), ('zz', '2024-03-01', 5),   -- usable (zz: unknown customer)
    (NULL, '2024-03-01', 5),                                                       -- customer_id NULL (1)
    ('c1', NULL, 5), ('c1', NULL, NULL),                                           -- ordered_at NULL (2)
    ('c1', 'infinity', 5), ('c1', '-infinity', 5), ('c1', 'infinity', -5),         -- ordered_at infinite (3)
    ('c1', '2024-03-01', NULL), ('c2', '2024-03-02', NULL), ('c2', '2024-03-03', NULL), ('c2', '2024-09-03', NULL), -- amount NULL (4)
    ('c1', '2024-03-01', -1), ('c2', '2024-03-01', -1e9),                          -- refunds: usable
    ('c1', '2024-03-01', 'NaN'), ('c1', '2024-03-01', 'Infinity'), ('c1', '2024-03-01', '-Infinity'),
    ('c2', '2024-03-05', 'NaN'), ('c2', '2024-08-05', '-Infinity'),                -- amount not finite (5)
    -- out of float8's range, where numeric::float8 raises (6): too large, or so small it is 0
    ('c1', '2024-03-01', 1e400), ('c2', '2024-03-01', -1e400), ('c1', '2024-03-01', 1.8e308),
    ('c1', '2024-03-01', 1e-400), ('zz', '2024-03-01', -2e-330), ('c2', '2024-08-05', 1e-400),
    ('c1', '2024-03-01', 1e-320),                                                  -- a subnormal double: usable
    ('c1', '2024-07-01', 5), ('c1', '2025-07-01', 5), ('c2', '2024-07-02', 0), ('c1', '2024-08-01', -0.01),
    ('zz', '2024-07-03', 1), ('c2', '2024-12-31', 2), ('c2', '2024-07-01', 3);     -- after as_of (7)

CREATE TABLE tap_vi.responses (customer_id text, responded_at timestamp, score smallint);
INSERT INTO tap_vi.responses VALUES
    ('c1', '2024-02-01 10:00', 9), ('c2', '2024-06-30 23:59', 3), ('zz', '2024-03-01 00:00', 0), ('c1', '2024-03-01 00:00', 10),
    (NULL, '2024-02-01 10:00', 9), (NULL, NULL, NULL),                             -- customer_id NULL (2)
    ('c1', NULL, 9), ('c2', NULL, 4), ('c2', NULL, NULL),                          -- responded_at NULL (3)
    ('c1', 'infinity', 9), ('c1', '-infinity', 9), ('c1', 'infinity', NULL), ('c1', 'infinity', 11), -- infinite (4)
    ('c1', '2024-02-01 10:00', NULL), ('c1', '2024-02-02 10:00', NULL), ('c1', '2024-02-03 10:00', NULL),
    ('c1', '2024-02-04 10:00', NULL), ('c1', '2024-08-04 10:00', NULL),            -- score NULL (5)
    ('c1', '2024-02-01 10:00', 11), ('c1', '2024-02-01 10:00', -1), ('c1', '2024-02-01 10:00', 100),
    ('c1', '2024-02-01 10:00', -32768), ('c1', '2024-02-01 10:00', 32767), ('c1', '2024-09-01 10:00', 12), -- outside 0-10 (6)
    ('c1', '2024-07-01 00:00', 9), ('c1', '2024-07-01 10:00', 9), ('c2', '2024-07-02 10:00', 9), ('c2', '2025-07-02 10:00', 0),
    ('zz', '2024-07-02 10:00', 9), ('c2', '2024-10-02 10:00', 5), ('c1', '2024-12-31 10:00', 7); -- after as_of (7)

CREATE TABLE tap_vi.interactions (customer_id text, occurred_at timestamptz, kind tap_vi.touch);
INSERT INTO tap_vi.interactions VALUES
    ('c1', '2024-02-01 10:00+00', 'call'), ('c2', '2024-06-30 21:59+00', 'mail'),  -- usable (Jun 30 23:59 in Berlin)
    (NULL, '2024-02-01 10:00+00', 'call'), (NULL, NULL, NULL), (NULL, 'infinity', 'call'), -- customer_id NULL (3)
    ('c1', NULL, 'call'), ('c1', NULL, NULL),                                      -- occurred_at NULL (2)
    ('c1', 'infinity', 'call'),                                                    -- occurred_at infinite (1)
    ('c1', '2024-02-01 10:00+00', NULL), ('c1', '2024-02-02 10:00+00', NULL),
    ('c2', '2024-02-01 10:00+00', NULL), ('c2', '2024-09-01 10:00+00', NULL),      -- kind NULL (4)
    ('c1', '2024-06-30 22:00+00', 'visit'), ('c1', '2024-07-05 10:00+00', 'call'), ('c2', '2024-07-05 10:00+00', 'call'),
    ('zz', '2024-07-05 10:00+00', 'mail'), ('c1', '2099-07-05 10:00+00', 'mail'); -- after as_of (5; the first is Jul 1 in Berlin)

SELECT ror.bind_source(k, ('tap_vi.' || k)::regclass) FROM unnest(ARRAY['customers', 'orders', 'responses', 'interactions']) k \g /dev/null

-- ---------------------------------------------------------------------------
-- The expected side: each row classified by the first rule it breaks, in
-- the order the rules are listed, local dates in Europe/Berlin, as_of Jun 30.
-- (Tables, not views: the sources change type and are dropped below.)
-- ---------------------------------------------------------------------------
CREATE TABLE tap_vi.c AS
SELECT x.customer_id AS id, (x.acquired_at AT TIME ZONE 'Europe/Berlin')::date AS a, x.churned_at::date AS b,
       CASE WHEN x.customer_id IS NULL THEN 'customer_id is NULL'
            WHEN x.acquired_at IS NULL THEN 'acquired_at is NULL'
            WHEN x.acquired_at IN ('infinity', '-infinity') THEN 'acquired_at is infinite'
            WHEN x.churned_at IN ('infinity', '-infinity') THEN 'churned_at is infinite'
            WHEN x.churned_at::date < (x.acquired_at AT TIME ZONE 'Europe/Berlin')::date THEN 'churned before acquired'
            WHEN x.acquisition_cost < 0 OR x.acquisition_cost IN ('NaN', 'Infinity') THEN 'acquisition_cost is negative or not finite'
       END AS problem
FROM tap_vi.customers x;

-- whether numeric::float8 raises for x (out of float8's range)
CREATE FUNCTION tap_vi.float8_raises(x numeric) RETURNS boolean LANGUAGE plpgsql AS $$
BEGIN
    PERFORM x::float8;
    RETURN false;
EXCEPTION WHEN numeric_value_out_of_range THEN
    RETURN true;
END $$;

CREATE TABLE tap_vi.expected AS
SELECT 'customers' AS kind, problem, count(*) AS n FROM tap_vi.c WHERE problem IS NOT NULL GROUP BY 2
UNION ALL
SELECT 'customers', 'acquired after as_of (left out until as_of reaches it)', count(*)
FROM tap_vi.c WHERE problem IS NULL AND a > '2024-06-30' HAVING count(*) > 0
UNION ALL
SELECT 'customers', 'duplicate customer_id (the row acquired first is used)', count(*) - count(DISTINCT id)
FROM tap_vi.c WHERE problem IS NULL HAVING count(*) > count(DISTINCT id)
UNION ALL
SELECT 'customers', 'churned the day it was acquired (an empty lifetime: in no churn period)', count(*)
FROM tap_vi.c f
WHERE f.problem IS NULL AND f.a <= '2024-06-30' AND f.b = f.a AND f.b <= '2024-06-30'
  AND f.a = (SELECT min(g.a) FROM tap_vi.c g WHERE g.problem IS NULL AND g.id = f.id)
HAVING count(*) > 0
UNION ALL
SELECT 'orders', problem, count(*) FROM (
    SELECT CASE WHEN customer_id IS NULL THEN 'customer_id is NULL'
                WHEN ordered_at IS NULL THEN 'ordered_at is NULL'
                WHEN ordered_at IN ('infinity', '-infinity') THEN 'ordered_at is infinite'
                WHEN amount IS NULL THEN 'amount is NULL'
                WHEN tap_vi.float8_raises(amount) THEN 'amount is out of range for float8'
                WHEN amount IN ('NaN', 'Infinity', '-Infinity') THEN 'amount is not finite'   -- < 0: a refund
                WHEN ordered_at > '2024-06-30' THEN 'after as_of (left out until as_of reaches it)'
           END AS problem
    FROM tap_vi.orders) o WHERE problem IS NOT NULL GROUP BY 2
UNION ALL
SELECT 'responses', problem, count(*) FROM (
    SELECT CASE WHEN customer_id IS NULL THEN 'customer_id is NULL'
                WHEN responded_at IS NULL THEN 'responded_at is NULL'
                WHEN responded_at IN ('infinity', '-infinity') THEN 'responded_at is infinite'
                WHEN score IS NULL THEN 'score is NULL'
                WHEN score < 0 OR score > 10 THEN 'score outside 0-10'
                WHEN responded_at::date > '2024-06-30' THEN 'after as_of (left out until as_of reaches it)'
           END AS problem
    FROM tap_vi.responses) r WHERE problem IS NOT NULL GROUP BY 2
UNION ALL
SELECT 'interactions', problem, count(*) FROM (
    SELECT CASE WHEN customer_id IS NULL THEN 'customer_id is NULL'
                WHEN occurred_at IS NULL THEN 'occurred_at is NULL'
                WHEN occurred_at IN ('infinity', '-infinity') THEN 'occurred_at is infinite'
                WHEN kind IS NULL THEN 'kind is NULL'
                WHEN (occurred_at AT TIME ZONE 'Europe/Berlin')::date > '2024-06-30' THEN 'after as_of (left out until as_of reaches it)'
           END AS problem
    FROM tap_vi.interactions) i WHERE problem IS NOT NULL GROUP BY 2;

SELECT set_eq('SELECT kind, problem, rows FROM ror.data_issues', 'SELECT * FROM tap_vi.expected',
              'data_issues counts every kind of bad row of every source');
SELECT is((SELECT count(*) FROM tap_vi.expected), 27::int8, 'the data have all 27 problems of the four kinds');
SELECT is((SELECT count(DISTINCT (kind, n)) FROM tap_vi.expected), (SELECT count(*) FROM tap_vi.expected),
          'within a kind every problem has its own count');
SELECT results_eq($$SELECT kind FROM ror.data_issues$$,
                  $$SELECT kind FROM tap_vi.expected
                    ORDER BY array_position(ARRAY['customers', 'orders', 'responses', 'interactions'], kind), problem$$,
                  'data_issues is ordered by kind, then problem');

-- the other views do not fail on these rows, and leave them out
SELECT lives_ok('SELECT * FROM ror.nps_by_period', 'nps_by_period does not fail on bad rows');
SELECT lives_ok('SELECT * FROM ror.churn_by_period', 'churn_by_period does not fail on bad rows');
SELECT lives_ok('SELECT * FROM ror.cohort_retention', 'cohort_retention does not fail on bad rows');
SELECT lives_ok('SELECT * FROM ror.customer_value', 'customer_value does not fail on bad rows (amounts out of float8''s range)');
SELECT is((SELECT orders FROM ror.customer_value WHERE customer_id = 'c1'),
          (SELECT count(*) FROM tap_vi.orders
           WHERE customer_id = 'c1' AND isfinite(ordered_at) AND ordered_at <= '2024-06-30' AND amount IS NOT NULL
             AND NOT tap_vi.float8_raises(amount) AND amount NOT IN ('NaN', 'Infinity', '-Infinity')),
          'customer_value counts exactly the usable orders of a customer (a subnormal amount is one)');
SELECT is((SELECT sum(responses) FROM ror.nps_by_period),
          (SELECT count(*) FROM tap_vi.responses
           WHERE customer_id IS NOT NULL AND isfinite(responded_at) AND score BETWEEN 0 AND 10 AND responded_at::date <= '2024-06-30')::numeric,
          'nps_by_period counts exactly the usable responses');
SELECT is((SELECT sum(cohort_size) FROM ror.cohort_retention WHERE period_number = 0),
          (SELECT count(DISTINCT id) FROM tap_vi.c WHERE problem IS NULL AND a <= '2024-06-30')::numeric,
          'cohort_retention counts each usable customer once');

-- as_of moves the after-as_of counts
SELECT ror.set_setting('as_of', '2024-07-01') \g /dev/null
SELECT is((SELECT rows FROM ror.data_issues WHERE kind = 'interactions' AND problem LIKE 'after as_of%'),
          (SELECT count(*) FROM tap_vi.interactions
           WHERE customer_id IS NOT NULL AND isfinite(occurred_at) AND kind IS NOT NULL
             AND (occurred_at AT TIME ZONE 'Europe/Berlin')::date > '2024-07-01'),
          'a later as_of counts fewer interactions after as_of');
SELECT is((SELECT rows FROM ror.data_issues WHERE kind = 'customers' AND problem LIKE 'acquired after as_of%'),
          (SELECT count(*) FROM tap_vi.c WHERE problem IS NULL AND a > '2024-07-01'),
          'and fewer customers acquired after as_of');
SELECT ror.set_setting('as_of', '2024-06-30') \g /dev/null

-- ---------------------------------------------------------------------------
-- Broken bindings
-- ---------------------------------------------------------------------------
-- a bound column changes to a type its canonical column does not accept
ALTER TABLE tap_vi.responses ALTER COLUMN score TYPE text;
SELECT lives_ok('SELECT * FROM ror.nps_by_period', 'score changed to text: nps_by_period does not fail');
SELECT is_empty('SELECT * FROM ror.nps_by_period', 'score changed to text: nps_by_period is empty');
SELECT results_eq($$SELECT count(*), bool_and(problem ~ 'score') FROM ror.data_issues WHERE kind = 'responses'$$,
                  $$VALUES (1::int8, true)$$, 'score changed to text: one responses row in data_issues, naming the column');
SELECT set_eq($$SELECT kind, problem, rows FROM ror.data_issues WHERE kind <> 'responses'$$,
              $$SELECT * FROM tap_vi.expected WHERE kind <> 'responses'$$, 'the other kinds are unaffected');

-- relation and column dropped without the guard (event triggers do not fire in replica mode)
SET LOCAL session_replication_role = replica;
DROP TABLE tap_vi.interactions;
ALTER TABLE tap_vi.orders DROP COLUMN amount;
SET LOCAL session_replication_role = origin;
SELECT lives_ok('SELECT * FROM ror.data_issues', 'relation and column gone: data_issues does not fail');
SELECT results_eq($$SELECT count(*), bool_and(problem ~ 'no longer exists') FROM ror.data_issues WHERE kind = 'interactions'$$,
                  $$VALUES (1::int8, true)$$, 'a bound relation gone: one interactions row');
SELECT results_eq($$SELECT count(*), bool_and(problem ~ 'amount') FROM ror.data_issues WHERE kind = 'orders'$$,
                  $$VALUES (1::int8, true)$$, 'a bound column gone: one orders row, naming the column');
SELECT lives_ok('SELECT * FROM ror.churn_by_period', 'orders broken: churn_by_period does not fail');
SELECT lives_ok('SELECT * FROM ror.sources', 'ror.sources does not fail on a dropped relation');
SELECT ror.set_setting('inactivity_days', '30') \g /dev/null
SELECT lives_ok('SELECT * FROM ror.cohort_retention', 'orders broken, inactivity on: cohort_retention does not fail');
SELECT ror.reset_setting('inactivity_days') \g /dev/null

-- customer_id changed, after binding, to another type that bind_source
-- accepts: customers (bigint) and responses (now text) no longer agree, and a
-- response id that is not a number must not make the views fail
SELECT ror.unbind_source(k) FROM unnest(ARRAY['customers', 'orders', 'responses', 'interactions']) k \g /dev/null
CREATE TABLE tap_vi.c_num (customer_id bigint, acquired_at date, churned_at date);
INSERT INTO tap_vi.c_num VALUES (1, '2024-01-01', NULL);
CREATE TABLE tap_vi.r_num (customer_id bigint, responded_at date, score int);
INSERT INTO tap_vi.r_num VALUES (1, '2024-02-01', 9), (2, '2024-02-01', 3);
SELECT ror.bind_source('customers', 'tap_vi.c_num') \g /dev/null
SELECT ror.bind_source('responses', 'tap_vi.r_num') \g /dev/null
ALTER TABLE tap_vi.r_num ALTER COLUMN customer_id TYPE text;
INSERT INTO tap_vi.r_num VALUES ('x-1', '2024-02-01', 10);
SELECT lives_ok('SELECT * FROM ror.nps_by_period', 'responses customer_id changed to text: nps_by_period does not fail');
SELECT lives_ok('SELECT * FROM ror.data_issues', 'responses customer_id changed to text: data_issues does not fail');

SELECT * FROM finish();
ROLLBACK;
