-- The ROR score views against an independent computation: every component
-- of every customer of ror.customer_relationship recomputed in plain SQL
-- (from customer_value's clv and p_alive, which the components are defined
-- on, and the raw tables; no ror function on the expected side), the
-- scorecard's rows against customer_relationship, churn_by_period and the
-- raw responses, and the snapshots against the scorecard as of their date.
-- Settings varied: the weights, the window, the period; customers bound or
-- not; interactions bound or not.
BEGIN;
SELECT plan(50);
SET LOCAL DateStyle = 'ISO, MDY';
-- the fits converge (see the 400 buyers below); one that would not warns on every query
SET LOCAL client_min_messages = error;

SELECT ror.unbind_source(k) FROM unnest(ARRAY['customers', 'orders', 'responses', 'interactions']) k \g /dev/null
SELECT ror.reset_setting(name) FROM ror.setting_definition \g /dev/null
DELETE FROM ror.scorecard_snapshot;
SELECT ror.set_setting('as_of', '2024-06-30') \g /dev/null

CREATE SCHEMA tap_sc;
CREATE TABLE tap_sc.customers (customer_id bigint, acquired_at date, churned_at date, segment text, acquisition_cost numeric);
INSERT INTO tap_sc.customers VALUES
    (1, '2023-01-10', NULL, 'a', 10),          -- cost: value = clv / 30 clipped to [0, 1]
    (2, '2023-02-01', NULL, 'a', NULL),        -- no cost: value = rank of the clv
    (3, '2023-03-01', NULL, 'b', 0),           -- cost 0: value 1 when clv > 0
    (4, '2023-04-01', NULL, NULL, NULL),       -- no orders, active: loyalty 1
    (5, '2023-01-15', '2024-02-10', 'b', 5),   -- no orders, churned: loyalty 0
    (6, '2024-07-02', NULL, 'b', NULL),        -- acquired after as_of: not scored
    (7, '2023-01-01', NULL, 'a', 2),           -- only old activity: advocacy NULL in a 30-day window
    (8, '2023-06-01', '2024-06-15', 'c', 5),   -- churned in the last complete period (June) with orders
    (11, '2023-07-01', '2024-06-01', 'b', NULL), -- churned June 1: its last day May 31, a churn in May
    (9, '2023-05-01', NULL, 'c', 1000),        -- value far below cost: small
    (10, '2024-05-31', NULL, 'c', NULL),       -- acquired the day before the last complete period
    (NULL, '2023-01-01', NULL, 'a', NULL);     -- a bad row: counted in data_issues, never scored
CREATE TABLE tap_sc.orders (customer_id bigint, ordered_at date, amount numeric);
INSERT INTO tap_sc.orders
SELECT c, d::date, 10 + (c * 7 + extract(doy FROM d)::int) % 13
FROM (VALUES (1, '2023-01-12', 20), (2, '2023-02-03', 45), (3, '2023-03-05', 60), (7, '2023-01-02', 90),
             (8, '2023-06-03', 30), (9, '2023-05-02', 120), (99, '2023-01-05', 25)) v(c, start, every)
CROSS JOIN LATERAL generate_series(v.start::date, '2024-06-20'::date, v.every * interval '1 day') d;
INSERT INTO tap_sc.orders VALUES (7, '2023-01-02', 500), (1, '2024-07-05', 100);   -- a big first order; one after as_of
-- 400 buyers known only from their orders (BG/NBD simulated, each with its own
-- mean spend): with them the BG/NBD and Gamma-Gamma fits converge, so
-- customer_value predicts (from a fit that does not converge it predicts
-- nothing); they are not bound customers, so the scorecard's population is the
-- dozen above while customers are bound
INSERT INTO tap_sc.orders
SELECT 1000 + customer_id, ordered_on, amount FROM tap_helpers.simulated_orders('2024-06-30', 400, 200, 540, 7);
CREATE TABLE tap_sc.responses (customer_id bigint, responded_at date, score int);
INSERT INTO tap_sc.responses VALUES
    (1, '2024-06-20', 6), (1, '2024-06-25', 9), (1, '2024-06-25', 7),   -- latest day twice: the larger (9) counts
    (2, '2024-01-10', 10), (2, '2024-06-29', 8),
    (3, '2024-03-01', 2),
    (4, '2024-06-30', 10),                                               -- on as_of: in the window
    (5, '2023-12-01', 0),
    (7, '2023-08-01', 9),
    (8, '2024-06-01', 3), (8, '2024-06-02', 11),                         -- an invalid score: left out
    (99, '2024-06-10', 10),                                              -- not a customer: not in the scorecard
    (9, '2024-07-01', 0);                                                -- after as_of
CREATE TABLE tap_sc.interactions (customer_id bigint, occurred_at date, kind text);
INSERT INTO tap_sc.interactions VALUES
    (1, '2024-06-01', 'referral'), (1, '2024-06-02', 'referral'), (1, '2024-05-01', 'review'),
    (1, '2024-05-02', 'share'), (1, '2024-05-03', 'share'),
    (2, '2024-06-10', 'share'), (2, '2023-01-01', 'referral'),          -- an old referral: outside the window
    (3, '2024-02-01', 'review'), (3, '2024-06-28', 'Referral'),         -- kind is exact: Referral is engagement
    (4, '2024-06-15', 'call'), (4, '2024-06-16', 'call'), (4, '2024-06-17', 'call'), (4, '2024-06-18', 'call'),
    (99, '2024-06-01', 'referral'),
    (9, '2024-06-30', 'referral'), (9, '2024-07-01', 'referral');       -- on as_of and after it
SELECT ror.bind_source(k, ('tap_sc.' || k)::regclass) FROM unnest(ARRAY['customers', 'orders', 'responses', 'interactions']) k \g /dev/null

-- ---------------------------------------------------------------------------
-- The components recomputed in plain SQL
-- ---------------------------------------------------------------------------
CREATE FUNCTION tap_sc.expected(as_of date, win int, w float8[], customers_bound boolean, interactions_bound boolean)
RETURNS TABLE (customer_id bigint, segment text, value float8, loyalty float8, advocacy float8, referral float8,
               engagement float8, ror_score float8, coverage float8, band text)
LANGUAGE sql AS $$
WITH cust AS (
    SELECT DISTINCT ON (c.customer_id) c.* FROM tap_sc.customers c
    -- ::date: one test breaks the binding by making acquired_at text
    WHERE c.customer_id IS NOT NULL AND c.acquired_at::date <= as_of ORDER BY c.customer_id, c.acquired_at::date),
cv AS (SELECT v.customer_id, v.clv, v.p_alive FROM ror.customer_value v),
people AS (
    SELECT c.customer_id FROM cust c WHERE customers_bound
    UNION SELECT cv.customer_id FROM cv WHERE NOT customers_bound
    UNION SELECT r.customer_id FROM tap_sc.responses r
          WHERE NOT customers_bound AND r.score BETWEEN 0 AND 10 AND r.responded_at <= as_of
    UNION SELECT i.customer_id FROM tap_sc.interactions i WHERE NOT customers_bound AND interactions_bound AND i.occurred_at <= as_of),
ranks AS (
    SELECT a.customer_id, (SELECT count(*) FROM cv b WHERE b.clv <= a.clv)::float8
                          / (SELECT count(*) FROM cv b WHERE b.clv IS NOT NULL) AS rank
    FROM cv a WHERE a.clv IS NOT NULL),
latest AS (
    SELECT r.customer_id, max(r.score) AS score FROM tap_sc.responses r
    WHERE r.score BETWEEN 0 AND 10 AND r.responded_at <= as_of AND r.responded_at > as_of - win
      AND r.responded_at = (SELECT max(q.responded_at) FROM tap_sc.responses q
                            WHERE q.customer_id = r.customer_id AND q.score BETWEEN 0 AND 10
                              AND q.responded_at <= as_of AND q.responded_at > as_of - win)
    GROUP BY 1),
acts AS (
    SELECT p.customer_id,
           (SELECT count(*) FROM tap_sc.interactions i WHERE i.customer_id = p.customer_id AND i.kind = 'referral'
              AND i.occurred_at <= as_of AND i.occurred_at > as_of - win) AS k,
           (SELECT count(*) FROM tap_sc.interactions i WHERE i.customer_id = p.customer_id AND i.kind <> 'referral'
              AND i.occurred_at <= as_of AND i.occurred_at > as_of - win) AS e
    FROM people p),
half AS (SELECT coalesce(percentile_cont(0.5) WITHIN GROUP (ORDER BY a.e) FILTER (WHERE a.e >= 1), 1) AS h FROM acts a),
comp AS (
    SELECT p.customer_id, c.segment,
           CASE WHEN cv.customer_id IS NULL THEN NULL
                WHEN c.acquisition_cost IS NULL THEN rk.rank
                WHEN c.acquisition_cost = 0 THEN CASE WHEN cv.clv > 0 THEN 1 ELSE 0 END
                ELSE greatest(least(cv.clv / (3 * c.acquisition_cost::float8), 1), 0) END AS value,
           CASE WHEN cv.customer_id IS NOT NULL THEN cv.p_alive
                WHEN c.customer_id IS NOT NULL THEN CASE WHEN c.churned_at <= as_of THEN 0 ELSE 1 END END::float8 AS loyalty,
           CASE WHEN l.score <= 6 THEN 0 WHEN l.score <= 8 THEN 0.5 WHEN l.score IS NOT NULL THEN 1 END::float8 AS advocacy,
           CASE WHEN interactions_bound THEN 1 - power(2::float8, -a.k::float8) END AS referral,
           CASE WHEN interactions_bound THEN 1 - power(2::float8, -a.e / half.h) END AS engagement
    FROM people p CROSS JOIN half
    LEFT JOIN cust c ON c.customer_id = p.customer_id AND customers_bound
    LEFT JOIN cv ON cv.customer_id = p.customer_id
    LEFT JOIN ranks rk ON rk.customer_id = p.customer_id
    LEFT JOIN latest l ON l.customer_id = p.customer_id
    JOIN acts a ON a.customer_id = p.customer_id),
sums AS (
    SELECT comp.*,
           coalesce(w[1] * value, 0) + coalesce(w[2] * loyalty, 0) + coalesce(w[3] * advocacy, 0)
             + coalesce(w[4] * referral, 0) + coalesce(w[5] * engagement, 0) AS num,
           CASE WHEN value IS NULL THEN 0 ELSE w[1] END + CASE WHEN loyalty IS NULL THEN 0 ELSE w[2] END
             + CASE WHEN advocacy IS NULL THEN 0 ELSE w[3] END + CASE WHEN referral IS NULL THEN 0 ELSE w[4] END
             + CASE WHEN engagement IS NULL THEN 0 ELSE w[5] END AS present,
           w[1] + w[2] + w[3] + w[4] + w[5] AS total
    FROM comp)
SELECT s.customer_id, s.segment, s.value, s.loyalty, s.advocacy, s.referral, s.engagement,
       CASE WHEN s.present >= s.total / 2 AND s.present > 0 THEN 100 * s.num / s.present END,
       s.present / s.total,
       CASE WHEN s.present < s.total / 2 OR s.present = 0 THEN NULL
            WHEN 100 * s.num / s.present < 50 THEN 'red' WHEN 100 * s.num / s.present <= 75 THEN 'yellow' ELSE 'green' END
FROM sums s
$$;

-- rows that differ beyond 1e-12 in a component, the score or the coverage, or in segment or band
CREATE FUNCTION tap_sc.diff(as_of date, win int, w float8[], customers_bound boolean, interactions_bound boolean)
RETURNS TABLE (customer_id bigint, what text)
LANGUAGE sql AS $$
SELECT coalesce(v.customer_id, e.customer_id),
       CASE WHEN v.customer_id IS NULL THEN 'missing' WHEN e.customer_id IS NULL THEN 'extra' ELSE 'differs' END
FROM ror.customer_relationship v
FULL JOIN tap_sc.expected(as_of, win, w, customers_bound, interactions_bound) e ON e.customer_id = v.customer_id
WHERE v.customer_id IS NULL OR e.customer_id IS NULL
   OR v.segment IS DISTINCT FROM e.segment OR v.band IS DISTINCT FROM e.band
   OR EXISTS (SELECT FROM (VALUES (v.value, e.value), (v.loyalty, e.loyalty), (v.advocacy, e.advocacy),
                                  (v.referral, e.referral), (v.engagement, e.engagement),
                                  (v.ror_score, e.ror_score), (v.coverage, e.coverage)) x(a, b)
              WHERE (x.a IS NULL) <> (x.b IS NULL) OR abs(x.a - x.b) > 1e-12 * greatest(1, abs(x.b)))
$$;

SELECT is((SELECT count(*) FROM ror.customer_relationship), 10::bigint,
          'customer_relationship: one row per bound customer acquired by as_of (10 of 12 rows)');
SELECT is_empty('SELECT * FROM tap_sc.diff(''2024-06-30'', 365, ''{1,1,1,1,1}'', true, true)',
                'every component, score, coverage and band of every customer equals the plain-SQL computation');
-- the data cover the cases the test is about
SELECT ok((SELECT count(*) FILTER (WHERE value IS NULL) >= 2 AND count(*) FILTER (WHERE loyalty = 1 AND value IS NULL) >= 1
                  AND count(*) FILTER (WHERE loyalty = 0 AND value IS NULL) >= 1 AND count(*) FILTER (WHERE value = 1) >= 1
                  AND count(*) FILTER (WHERE value > 0 AND value < 1) >= 2 AND count(DISTINCT advocacy) = 3
                  AND count(*) FILTER (WHERE referral > 0) >= 2 AND count(*) FILTER (WHERE engagement > 0) >= 3
                  AND count(DISTINCT band) >= 2 AND count(*) FILTER (WHERE coverage < 1) >= 2
           FROM ror.customer_relationship),
          'the hand-made data cover missing, clipped, ranked and partial components and several bands');
SELECT is((SELECT advocacy FROM ror.customer_relationship WHERE customer_id = 1), 1::float8,
          'two responses on the latest day: the larger score counts (9, not 7)');
SELECT is((SELECT referral FROM ror.customer_relationship WHERE customer_id = 3), 0::float8,
          'kind Referral (capitalised) is not a referral');
SELECT is((SELECT referral FROM ror.customer_relationship WHERE customer_id = 9), 0.5::float8,
          'a referral on as_of counts, one after it does not: 1 - 2^-1');
SELECT is((SELECT loyalty FROM ror.customer_relationship WHERE customer_id = 5), 0::float8,
          'churned without orders: loyalty 0');
SELECT is((SELECT loyalty FROM ror.customer_relationship WHERE customer_id = 4), 1::float8,
          'active without orders: loyalty 1');
SELECT is((SELECT value FROM ror.customer_relationship WHERE customer_id = 3), 1::float8,
          'acquisition cost 0 and a positive clv: value 1');

-- a short window, other weights, by week
SELECT ror.set_setting('score_window_days', '30') \g /dev/null
SELECT is_empty('SELECT * FROM tap_sc.diff(''2024-06-30'', 30, ''{1,1,1,1,1}'', true, true)',
                'score_window_days 30: equals the plain-SQL computation');
SELECT ok((SELECT advocacy IS NULL FROM ror.customer_relationship WHERE customer_id = 7),
          'score_window_days 30: a response 11 months old is outside the window');
SELECT ror.set_setting('score_weights', '{2, 0.5, 1, 0, 3}') \g /dev/null
SELECT is_empty('SELECT * FROM tap_sc.diff(''2024-06-30'', 30, ''{2,0.5,1,0,3}'', true, true)',
                'score_weights {2,0.5,1,0,3}: equals the plain-SQL computation');
SELECT ror.set_setting('score_weights', '{0, 0, 1, 0, 0}') \g /dev/null
SELECT is_empty('SELECT * FROM tap_sc.diff(''2024-06-30'', 30, ''{0,0,1,0,0}'', true, true)',
                'score_weights advocacy only: equals the plain-SQL computation');
SELECT is((SELECT count(ror_score) FROM ror.customer_relationship),
          (SELECT count(advocacy) FROM ror.customer_relationship),
          'advocacy only: scored exactly where advocacy is present');
SELECT ror.reset_setting('score_weights') \g /dev/null
SELECT ror.reset_setting('score_window_days') \g /dev/null
SELECT ror.set_setting('as_of', '2024-03-31') \g /dev/null
SELECT is_empty('SELECT * FROM tap_sc.diff(''2024-03-31'', 365, ''{1,1,1,1,1}'', true, true)',
                'as_of 2024-03-31: equals the plain-SQL computation');
SELECT ror.set_setting('as_of', '2024-06-30') \g /dev/null

-- interactions unbound: referral and engagement NULL
SELECT ror.unbind_source('interactions') \g /dev/null
SELECT is_empty('SELECT * FROM tap_sc.diff(''2024-06-30'', 365, ''{1,1,1,1,1}'', true, false)',
                'interactions unbound: equals the plain-SQL computation');
SELECT ok((SELECT bool_and(referral IS NULL AND engagement IS NULL) FROM ror.customer_relationship),
          'interactions unbound: referral and engagement are NULL');
-- customers unbound: the customers are those seen in the other sources
SELECT ror.bind_source('interactions', 'tap_sc.interactions') \g /dev/null
SELECT ror.unbind_source('customers') \g /dev/null
SELECT is_empty('SELECT * FROM tap_sc.diff(''2024-06-30'', 365, ''{1,1,1,1,1}'', false, true)',
                'customers unbound: equals the plain-SQL computation');
SELECT ok((SELECT count(*) FROM ror.customer_relationship WHERE customer_id = 99) = 1
          AND (SELECT loyalty IS NULL AND value IS NULL FROM ror.customer_relationship WHERE customer_id = 4),
          'customers unbound: customer 99 is scored, customer 4 (no orders) has no value and no loyalty');
SELECT ror.bind_source('customers', 'tap_sc.customers') \g /dev/null

-- a broken binding counts as unbound (ror.data_issues names it)
ALTER TABLE tap_sc.interactions ALTER COLUMN kind TYPE int USING length(kind);
SELECT ok((SELECT bool_and(referral IS NULL AND engagement IS NULL) FROM ror.customer_relationship)
          AND EXISTS (SELECT FROM ror.data_issues WHERE kind = 'interactions' AND problem LIKE '%bind the interactions source again%'),
          'interactions bound but broken: referral and engagement are NULL, data_issues says why');
ALTER TABLE tap_sc.interactions ALTER COLUMN kind TYPE text;
SELECT ror.bind_source('interactions', 'tap_sc.interactions') \g /dev/null
ALTER TABLE tap_sc.customers ALTER COLUMN acquired_at TYPE text;
SELECT is_empty('SELECT * FROM tap_sc.diff(''2024-06-30'', 365, ''{1,1,1,1,1}'', false, true)',
                'customers bound but broken: the customers seen in the other sources, as if unbound');
ALTER TABLE tap_sc.customers ALTER COLUMN acquired_at TYPE date USING acquired_at::date;
SELECT ror.bind_source('customers', 'tap_sc.customers') \g /dev/null
-- customers bound, orders not: no value, loyalty from the lifetimes
SELECT ror.unbind_source('orders') \g /dev/null
SELECT ok((SELECT count(*) = 10 AND bool_and(value IS NULL) AND bool_and(loyalty IN (0, 1)) FROM ror.customer_relationship)
          AND (SELECT count(*) FROM ror.customer_relationship WHERE loyalty = 0) = 3,
          'orders unbound: every customer, no value, loyalty 1 if active and 0 for the three churned by as_of (5, 8, 11)');
SELECT ror.bind_source('orders', 'tap_sc.orders') \g /dev/null

-- ---------------------------------------------------------------------------
-- The scorecard
-- ---------------------------------------------------------------------------
SELECT is((SELECT count(*) FROM ror.scorecard WHERE NOT is_total), 4::bigint, 'scorecard: one row per segment (a, b, c, none)');
SELECT is((SELECT count(*) FROM ror.scorecard WHERE is_total AND segment IS NULL), 1::bigint, 'scorecard: one total row');
-- float sums depend on the order of the rows, which differs between the view
-- and the check (and between PostgreSQL versions): means within 1e-12 relative
CREATE FUNCTION tap_sc.close(a float8[], b float8[]) RETURNS boolean LANGUAGE sql AS $$
    SELECT cardinality(a) = cardinality(b)
       AND bool_and((x IS NULL) = (y IS NULL) AND (x IS NULL OR abs(x - y) <= 1e-12 * greatest(1, abs(y))))
    FROM unnest(a, b) u(x, y)
$$;
SELECT ok(tap_sc.close(
          (SELECT ARRAY[customers, scored_customers]::float8[] || ARRAY[mean_ror_score, ror_score_stderr, red_share, yellow_share, green_share]
           FROM ror.scorecard WHERE is_total),
          (SELECT ARRAY[count(*), count(ror_score)]::float8[]
                  || ARRAY[avg(ror_score), stddev_samp(ror_score) / sqrt(count(ror_score)),
                           count(*) FILTER (WHERE band = 'red')::float8 / count(ror_score),
                           count(*) FILTER (WHERE band = 'yellow')::float8 / count(ror_score),
                           count(*) FILTER (WHERE band = 'green')::float8 / count(ror_score)]
           FROM ror.customer_relationship)),
          'scorecard total row: counts, mean, standard error and band shares over customer_relationship');
SELECT is_empty($$
    SELECT s.segment FROM ror.scorecard s
    JOIN (SELECT r.segment, count(*) AS n, count(r.ror_score) AS k, avg(r.ror_score) AS m
          FROM ror.customer_relationship r GROUP BY 1) e ON e.segment IS NOT DISTINCT FROM s.segment
    WHERE NOT s.is_total AND (s.customers <> e.n OR s.scored_customers <> e.k OR abs(s.mean_ror_score - e.m) > 1e-12) $$,
    'scorecard segment rows: counts and mean over customer_relationship');
SELECT ok(tap_sc.close(
          (SELECT ARRAY[mean_clv, mean_acquisition_cost, clv_to_cac] FROM ror.scorecard WHERE is_total),
          (SELECT ARRAY[avg(v.clv), avg(c.acquisition_cost::float8), avg(v.clv) / avg(c.acquisition_cost::float8)]
           FROM ror.customer_relationship r
           LEFT JOIN ror.customer_value v USING (customer_id)
           LEFT JOIN tap_sc.customers c USING (customer_id))),
          'scorecard total row: mean clv, mean acquisition cost and their ratio');
-- NPS of the customers' valid responses in the window: 9 (1, latest and earlier), 6, 7, 10, 8, 2, 10, 0, 9, 3
SELECT is((SELECT nps FROM ror.scorecard WHERE is_total),
          (SELECT 100 * (count(*) FILTER (WHERE r.score >= 9) - count(*) FILTER (WHERE r.score <= 6))::float8 / count(*)
           FROM tap_sc.responses r
           WHERE r.score BETWEEN 0 AND 10 AND r.responded_at BETWEEN '2023-07-01' AND '2024-06-30'),
          'scorecard total NPS: every valid response in the window, also of an unknown customer');
SELECT is((SELECT nps FROM ror.scorecard WHERE segment = 'a'),
          (SELECT 100 * (count(*) FILTER (WHERE r.score >= 9) - count(*) FILTER (WHERE r.score <= 6))::float8 / count(*)
           FROM tap_sc.responses r JOIN tap_sc.customers c USING (customer_id)
           WHERE r.score BETWEEN 0 AND 10 AND r.responded_at BETWEEN '2023-07-01' AND '2024-06-30' AND c.segment = 'a'),
          'scorecard NPS of segment a');
SELECT ok((SELECT nps_low <= nps AND nps <= nps_high FROM ror.scorecard WHERE is_total), 'scorecard: the NPS lies in its interval');
-- churn: the last complete period as of 2024-06-30 is June; as of 2024-06-29, May
SELECT ok((SELECT churn_rate > 0 FROM ror.scorecard WHERE segment = 'c')
          AND (SELECT churn_rate = 0 FROM ror.scorecard WHERE segment = 'b'),
          'June: segment c lost customer 8 (June 15), segment b lost nobody (customer 11 churned in May)');
SELECT is_empty($$
    SELECT s.segment FROM ror.scorecard s
    LEFT JOIN ror.churn_by_period c ON c.period_start = '2024-06-01' AND c.segment IS NOT DISTINCT FROM s.segment
    WHERE NOT s.is_total AND s.churn_rate IS DISTINCT FROM c.churn_rate $$,
    'scorecard churn_rate per segment: churn_by_period''s for June, as of its last day');
SELECT is((SELECT churn_rate FROM ror.scorecard WHERE is_total),
          (SELECT sum(churned_from_start)::float8 / sum(customers_at_start) FROM ror.churn_by_period WHERE period_start = '2024-06-01'),
          'scorecard total churn_rate: June''s over all segments');
SELECT ror.set_setting('as_of', '2024-06-29') \g /dev/null
SELECT is_empty($$
    SELECT s.segment FROM ror.scorecard s
    LEFT JOIN ror.churn_by_period c ON c.period_start = '2024-05-01' AND c.segment IS NOT DISTINCT FROM s.segment
    WHERE NOT s.is_total AND s.churn_rate IS DISTINCT FROM c.churn_rate $$,
    'as of 2024-06-29 the last complete period is May: churn_by_period''s for May');
SELECT ror.set_setting('period', 'quarter') \g /dev/null
SELECT is_empty($$
    SELECT s.segment FROM ror.scorecard s
    LEFT JOIN ror.churn_by_period c ON c.period_start = '2024-01-01' AND c.segment IS NOT DISTINCT FROM s.segment
    WHERE NOT s.is_total AND s.churn_rate IS DISTINCT FROM c.churn_rate $$,
    'by quarter, as of 2024-06-29: the first quarter''s churn');
SELECT ror.set_setting('period', 'week') \g /dev/null
SELECT is_empty($$
    SELECT s.segment FROM ror.scorecard s
    LEFT JOIN ror.churn_by_period c ON c.period_start = '2024-06-17' AND c.segment IS NOT DISTINCT FROM s.segment
    WHERE NOT s.is_total AND s.churn_rate IS DISTINCT FROM c.churn_rate $$,
    'by week, as of Saturday 2024-06-29: the week of June 17 (the one before as_of''s)');
SELECT ror.reset_setting('period') \g /dev/null
SELECT ror.set_setting('as_of', '2024-06-30') \g /dev/null

-- ---------------------------------------------------------------------------
-- Snapshots and history
-- ---------------------------------------------------------------------------
SELECT is(ror.snapshot_scorecard(), '2024-06-30'::date, 'snapshot_scorecard() stores as of the as_of setting');
SELECT set_eq('SELECT * FROM ror.scorecard_history', $$SELECT '2024-06-30'::date, * FROM ror.scorecard$$,
              'scorecard_history holds the scorecard as of its date');
SELECT is(ror.snapshot_scorecard('2024-06-30'), '2024-06-30'::date, 'a second snapshot of the same date');
SELECT is((SELECT count(*) FROM ror.scorecard_history), (SELECT count(*) FROM ror.scorecard),
          'a second snapshot of the same date replaces the first');
SELECT is(ror.backfill_scorecard('2024-01-15', '2024-06-30'), 6, 'backfill from Jan 15 to Jun 30: the ends of January to June');
SELECT is(ARRAY(SELECT DISTINCT as_of FROM ror.scorecard_history ORDER BY 1),
          ARRAY['2024-01-31', '2024-02-29', '2024-03-31', '2024-04-30', '2024-05-31', '2024-06-30']::date[],
          'backfill: one snapshot per month end');
-- backfill then snapshot gives the rows of the scorecard with as_of set
CREATE TEMP TABLE tap_sc_live AS SELECT NULL::date AS as_of, * FROM ror.scorecard WHERE false;
DO $$
DECLARE d date;
BEGIN
    FOREACH d IN ARRAY ARRAY['2024-01-31', '2024-02-29', '2024-03-31', '2024-04-30', '2024-05-31', '2024-06-30']::date[] LOOP
        PERFORM ror.set_setting('as_of', d::text);
        INSERT INTO tap_sc_live SELECT d, * FROM ror.scorecard;
    END LOOP;
END $$;
SELECT set_eq('SELECT * FROM ror.scorecard_history', 'SELECT * FROM tap_sc_live',
              'backfill then snapshot: the rows of the scorecard with as_of set to each month end');
SELECT ok((SELECT count(DISTINCT mean_ror_score) FROM ror.scorecard_history WHERE is_total) >= 3,
          'the history changes over time');
SELECT ror.set_setting('as_of', '2024-06-30') \g /dev/null
SELECT throws_ok($$SELECT ror.backfill_scorecard('2024-06-30', '2024-01-01')$$, '22023', NULL, 'backfill with from after to: 22023');
SELECT throws_ok($$SELECT ror.backfill_scorecard(NULL, '2024-01-01')$$, '22023', NULL, 'backfill with a NULL date: 22023');
SELECT throws_ok($$SELECT ror.backfill_scorecard('2024-01-01', 'infinity')$$, '22023', NULL, 'backfill to infinity: 22023');
SELECT throws_ok($$SELECT ror.snapshot_scorecard('-infinity')$$, '22023', NULL, 'snapshot as of -infinity: 22023');

-- settings: bad values
SELECT throws_ok($$SELECT ror.set_setting('score_weights', '{1,1,1,1}')$$, '22023', NULL, 'score_weights of four: 22023');
SELECT throws_ok($$SELECT ror.set_setting('score_weights', '{0,0,0,0,0}')$$, '22023', NULL, 'score_weights all 0: 22023');

SELECT * FROM finish();
ROLLBACK;
