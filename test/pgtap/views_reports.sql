-- The report views nps_by_period, churn_by_period and cohort_retention
-- against an independent computation in plain SQL (no ror aggregate, no ror._
-- function on the expected side), on hand-made data with the edge cases:
-- acquisitions and churns on period boundaries, customers without segment,
-- responses of unknown customers, duplicates, bad rows, rows after as_of, a
-- churn after as_of, a churn on the acquisition day, the inactivity rule, and
-- timestamptz values whose local date differs from the UTC date.  Every check
-- runs under several settings: period week / month / quarter, time_zone UTC,
-- Europe/Berlin (ahead of UTC) and America/New_York (behind), as_of in the
-- middle or at the end of a period, inactivity_days off or 60.
BEGIN;
SELECT plan(56);
-- dates as most clients see them (other DateStyles: check_datestyle below, and views_settings)
SET LOCAL DateStyle = 'ISO, MDY';

-- start from no bindings and default settings whatever the database holds
SELECT ror.unbind_source(k) FROM unnest(ARRAY['customers', 'orders', 'responses', 'interactions']) k \g /dev/null
SELECT ror.reset_setting(name) FROM ror.setting_definition \g /dev/null

CREATE SCHEMA tap_vr;

CREATE TABLE tap_vr.customers (
    customer_id bigint, acquired_at timestamptz, churned_at timestamptz, segment text, acquisition_cost numeric);
INSERT INTO tap_vr.customers VALUES
    (1,  '2024-01-01 00:00+00', '2024-03-01 00:00+00', 'a', 10),   -- on month boundaries (UTC); NY: Dec 31 / Feb 29
    (2,  '2024-01-31 23:30+00', NULL, 'a', NULL),                   -- Jan 31 UTC, Feb 1 in Berlin
    (3,  '2024-02-15 12:00+00', '2024-04-30 23:30+00', 'b', 0),    -- churn Apr 30 UTC, May 1 in Berlin
    (3,  '2024-03-01 12:00+00', NULL, 'z', NULL),                   -- duplicate acquired later: not used
    (4,  '2023-12-31 23:30+00', NULL, NULL, 5),                     -- no segment; Dec 31 UTC, Jan 1 in Berlin
    (5,  '2024-03-10 10:00+00', '2024-03-10 18:00+00', 'b', NULL),  -- churned the day it was acquired
    (6,  '2024-04-01 00:00+00', '2024-07-01 00:00+00', 'a', NULL),  -- churn after as_of: still active
    (7,  '2024-07-01 00:00+00', NULL, 'c', NULL),                   -- acquired after as_of
    (9,  '2024-02-05 09:00+00', NULL, 'b', NULL),                   -- last order (a refund) Mar 20: inactive from May 19 (60 days)
    (10, '2024-01-10 09:00+00', '2024-09-01 00:00+00', NULL, NULL), -- churn after as_of, last order Feb 1: inactive from Apr 1
    (11, '2024-05-20 08:00+00', '2024-06-03 08:00+00', 'a', NULL),  -- Monday to Monday
    (12, '2024-02-20 08:00+00', '2024-06-15 12:00+00', 'b', NULL),  -- churned on as_of
    (13, '2024-06-15 08:00+00', NULL, 'a', NULL),                   -- acquired on as_of
    (14, '2024-06-15 22:30+00', NULL, 'a', NULL),                   -- as_of in UTC, the day after in Berlin
    (15, '2024-04-01 00:00+00', '2024-04-08 00:00+00', 'c', 1.5),   -- quarter start to a Monday
    (16, '2024-03-31 22:30+00', '2024-06-01 00:00+00', 'b', NULL),  -- Mar 31 UTC, Apr 1 (next quarter) in Berlin
    (17, '2024-02-01 12:00+00', '2024-05-15 12:00+00', '', NULL),    -- an empty segment: not the same as none
    -- bad rows: left out, never an error
    (NULL, '2024-01-05 00:00+00', NULL, 'a', NULL),
    (1,  NULL, NULL, 'a', NULL),
    (21, 'infinity', NULL, 'a', NULL),
    (22, '-infinity', NULL, 'a', NULL),
    (23, '2024-01-05 00:00+00', 'infinity', 'a', NULL),
    (24, '2024-03-05 00:00+00', '2024-02-01 00:00+00', 'a', NULL),
    (25, '2024-01-05 00:00+00', NULL, 'a', -1),
    (26, '2024-01-05 00:00+00', NULL, 'a', 'NaN');

CREATE TABLE tap_vr.orders (customer_id bigint, ordered_at date, amount numeric);
INSERT INTO tap_vr.orders VALUES
    (9, '2024-01-10', 10), (9, '2024-03-01', 20), (9, '2024-03-20', -20),   -- a refund is an order: inactive from May 19
    (10, '2024-02-01', 5),
    (2, '2024-06-10', 7),                 -- recent: no inactivity churn
    (1, '2024-02-20', 3),                 -- churned anyway
    (12, '2024-02-25', 3),                -- inactive by the rule, but churned_at (= as_of) wins
    (99, '2024-01-01', 1),                -- unknown customer
    (13, '2024-06-20', 4),                -- after as_of: not a last order
    (13, '2024-01-01', NULL),             -- bad rows: never a last order
    (11, NULL, 5),
    (NULL, '2024-01-02', 5),
    (14, '2024-01-02', 'NaN');

CREATE TABLE tap_vr.responses (customer_id bigint, responded_at timestamptz, score int);
INSERT INTO tap_vr.responses VALUES
    (1, '2024-01-15 10:00+00', 10), (1, '2024-02-10 10:00+00', 6), (1, '2024-02-11 10:00+00', 9),
    (2, '2024-01-31 23:30+00', 9),        -- January in UTC, February in Berlin
    (2, '2024-03-31 22:30+00', 7),        -- Q1 in UTC, Q2 in Berlin
    (3, '2024-02-20 10:00+00', 3), (3, '2024-05-05 10:00+00', 8), (3, '2024-05-06 10:00+00', 10),
    (4, '2024-01-01 10:00+00', 9), (4, '2024-04-01 00:30+00', 0),   -- customer without segment
    (7, '2024-06-01 10:00+00', 10),       -- customer acquired after as_of: no segment
    (99, '2024-02-02 10:00+00', 5),       -- unknown customer: no segment
    (99, '2024-06-15 23:30+00', 9),       -- as_of in UTC, the day after in Berlin
    (14, '2024-06-15 20:00+00', 10),      -- segment a in UTC; in Berlin 14 is acquired after as_of
    (6, '2024-06-16 10:00+00', 9),        -- after as_of (until as_of = Jun 30)
    (11, '2024-05-27 00:00+00', 8),
    (11, '2024-06-02 23:30+00', 2),       -- Sunday in UTC, Monday (next week) in Berlin
    (11, '2024-06-02 03:30+00', 1),       -- Sunday in UTC and Berlin, Saturday in New York
    (12, '2024-06-15 12:00+00', 10),      -- on as_of
    (16, '2024-04-02 12:00+00', 6), (16, '2024-04-03 12:00+00', 9), (16, '2024-04-04 12:00+00', 9),
    (17, '2024-02-03 10:00+00', 9), (17, '2024-04-03 10:00+00', 4),
    -- bad rows
    (NULL, '2024-02-01 10:00+00', 5),
    (1, NULL, 5),
    (1, 'infinity', 5),
    (1, '2024-01-20 10:00+00', NULL),
    (1, '2024-01-20 10:00+00', 11),
    (1, '2024-01-20 10:00+00', -1);
-- one-sided groups, whose interval is clipped at 100 and at -100
INSERT INTO tap_vr.responses SELECT 6, timestamptz '2024-05-10 12:00+00' + i * interval '1 hour', 10 FROM generate_series(1, 10) i;
INSERT INTO tap_vr.responses SELECT 99, timestamptz '2024-03-12 12:00+00' + i * interval '1 hour', i % 5 FROM generate_series(1, 10) i;

SELECT ror.bind_source('customers', 'tap_vr.customers') \g /dev/null
SELECT ror.bind_source('orders', 'tap_vr.orders') \g /dev/null
SELECT ror.bind_source('responses', 'tap_vr.responses') \g /dev/null

-- ---------------------------------------------------------------------------
-- The expected side, in plain SQL from the rules.
-- ---------------------------------------------------------------------------

-- the length of a period as an interval
CREATE FUNCTION tap_vr.step(period text) RETURNS interval LANGUAGE sql IMMUTABLE AS $$
    SELECT CASE period WHEN 'week' THEN interval '7 days' WHEN 'month' THEN interval '1 month'
                       WHEN 'quarter' THEN interval '3 months' END
$$;

-- customers as of as_of: usable rows only, the earliest acquisition of each
-- id, local dates, churn known by as_of, the inactivity rule
CREATE FUNCTION tap_vr.exp_customers(tz text, as_of date, inact int)
RETURNS TABLE (id bigint, a date, b date, seg text) LANGUAGE sql STABLE AS $$
    WITH usable AS (
        SELECT c.customer_id AS id, (c.acquired_at AT TIME ZONE tz)::date AS a,
               (c.churned_at AT TIME ZONE tz)::date AS b, c.segment AS seg
        FROM tap_vr.customers c
        WHERE c.customer_id IS NOT NULL
          AND c.acquired_at IS NOT NULL AND c.acquired_at NOT IN ('infinity', '-infinity')
          AND (c.churned_at IS NULL OR c.churned_at NOT IN ('infinity', '-infinity'))
          AND (c.churned_at IS NULL OR (c.churned_at AT TIME ZONE tz)::date >= (c.acquired_at AT TIME ZONE tz)::date)
          AND (c.acquisition_cost IS NULL OR (c.acquisition_cost >= 0 AND c.acquisition_cost NOT IN ('NaN', 'Infinity')))),
    earliest AS (
        SELECT u.* FROM usable u WHERE u.a = (SELECT min(w.a) FROM usable w WHERE w.id = u.id)),
    last_order AS (
        SELECT o.customer_id AS id, max(o.ordered_at) AS last_on
        FROM tap_vr.orders o
        WHERE o.customer_id IS NOT NULL AND o.ordered_at IS NOT NULL AND o.ordered_at NOT IN ('infinity', '-infinity')
          AND o.amount IS NOT NULL AND o.amount NOT IN ('NaN', 'Infinity', '-Infinity')   -- a refund (< 0) is an order
          AND o.ordered_at <= as_of
        GROUP BY 1)
    SELECT e.id, e.a,
           CASE WHEN e.b <= as_of THEN e.b
                -- counted from the last order, or from the acquisition when that came later
                WHEN inact IS NOT NULL AND l.last_on IS NOT NULL AND greatest(l.last_on, e.a) + inact <= as_of
                THEN greatest(l.last_on, e.a) + inact
           END,
           e.seg
    FROM earliest e LEFT JOIN last_order l ON l.id = e.id
    WHERE e.a <= as_of
$$;

CREATE FUNCTION tap_vr.exp_nps(period text, tz text, as_of date, inact int)
RETURNS TABLE (period_start date, segment text, n int8, p int8, pa int8, d int8,
               nps float8, low float8, high float8, complete boolean)
LANGUAGE sql STABLE AS $$
    WITH r AS (
        SELECT date_trunc(period, ((x.responded_at AT TIME ZONE tz)::date)::timestamp)::date AS s, c.seg, x.score
        FROM tap_vr.responses x
        LEFT JOIN tap_vr.exp_customers(tz, as_of, inact) c ON c.id = x.customer_id
        WHERE x.customer_id IS NOT NULL AND x.responded_at IS NOT NULL
          AND x.responded_at NOT IN ('infinity', '-infinity')
          AND x.score BETWEEN 0 AND 10
          AND (x.responded_at AT TIME ZONE tz)::date <= as_of),
    g AS (
        SELECT r.s, r.seg, count(*) AS n,
               count(*) FILTER (WHERE r.score >= 9) AS p,
               count(*) FILTER (WHERE r.score IN (7, 8)) AS pa,
               count(*) FILTER (WHERE r.score <= 6) AS d
        FROM r GROUP BY 1, 2),
    w AS (
        SELECT g.*, g.n + 3.0::float8 AS nn, (g.p + 0.75) / (g.n + 3.0::float8) AS pp,
               (g.d + 0.75) / (g.n + 3.0::float8) AS dd
        FROM g)
    SELECT w.s, w.seg, w.n, w.p, w.pa, w.d,
           100.0::float8 * (w.p - w.d) / w.n,
           greatest(-100, 100 * ((w.pp - w.dd) - 1.959963984540054 * sqrt((w.pp + w.dd - (w.pp - w.dd) ^ 2) / w.nn))),
           least(100, 100 * ((w.pp - w.dd) + 1.959963984540054 * sqrt((w.pp + w.dd - (w.pp - w.dd) ^ 2) / w.nn))),
           (w.s + tap_vr.step(period))::date - 1 <= as_of
    FROM w
$$;

CREATE FUNCTION tap_vr.exp_churn(period text, tz text, as_of date, inact int)
RETURNS TABLE (period_start date, segment text, at_start int8, new int8, cfs int8, cn int8, days int8,
               rate numeric, rate_new numeric, retention numeric, complete boolean)
LANGUAGE sql STABLE AS $$
    WITH c AS (SELECT * FROM tap_vr.exp_customers(tz, as_of, inact)),
    periods AS (
        SELECT g::date AS s, least((g + tap_vr.step(period))::date, as_of + 1) AS e,
               (g + tap_vr.step(period))::date - 1 <= as_of AS complete
        FROM generate_series(date_trunc(period, (SELECT min(a) FROM c)::timestamp),
                             date_trunc(period, as_of::timestamp), tap_vr.step(period)) g),
    segs AS (SELECT DISTINCT c.seg FROM c),
    -- a lifetime [a, b) with b = a is empty: it counts nowhere
    lives AS (SELECT * FROM c WHERE c.b IS NULL OR c.b > c.a),
    k AS (
        SELECT p.s, p.complete, sg.seg,
               count(l.id) FILTER (WHERE l.a <= p.s AND (l.b IS NULL OR l.b > p.s)) AS at_start,
               count(l.id) FILTER (WHERE l.a > p.s AND l.a < p.e) AS new,
               count(l.id) FILTER (WHERE l.a <= p.s AND l.b > p.s AND l.b <= p.e) AS cfs,
               count(l.id) FILTER (WHERE l.a > p.s AND l.a < p.e AND l.b <= p.e) AS cn,
               coalesce(sum(greatest(0, least(coalesce(l.b, p.e), p.e) - greatest(l.a, p.s))), 0) AS days
        FROM periods p CROSS JOIN segs sg
        LEFT JOIN lives l ON l.seg IS NOT DISTINCT FROM sg.seg
        GROUP BY 1, 2, 3)
    SELECT k.s, k.seg, k.at_start, k.new, k.cfs, k.cn, k.days::int8,
           round(k.cfs::numeric / nullif(k.at_start, 0), 9),
           round((k.cfs + k.cn)::numeric / nullif(k.at_start + k.new, 0), 9),
           round(1 - k.cfs::numeric / nullif(k.at_start, 0), 9),
           k.complete
    FROM k
$$;

CREATE FUNCTION tap_vr.exp_cohort(period text, tz text, as_of date, inact int)
RETURNS TABLE (cohort_start date, segment text, n int4, size int8, retained int8, rate numeric)
LANGUAGE sql STABLE AS $$
    WITH m AS (SELECT c.*, date_trunc(period, c.a::timestamp)::date AS cohort
               FROM tap_vr.exp_customers(tz, as_of, inact) c),
    -- cell n covers period cohort + n; it is shown once that period has ended by as_of
    cells AS (SELECT DISTINCT m.cohort, m.seg, n
              FROM m, generate_series(0, 1000) n
              WHERE (m.cohort + (n + 1) * tap_vr.step(period))::date - 1 <= as_of)
    SELECT ce.cohort, ce.seg, ce.n, count(*),
           count(*) FILTER (WHERE m.b IS NULL OR m.b > (ce.cohort + (ce.n + 1) * tap_vr.step(period))::date),
           round(count(*) FILTER (WHERE m.b IS NULL OR m.b > (ce.cohort + (ce.n + 1) * tap_vr.step(period))::date)::numeric
                 / count(*), 9)
    FROM cells ce JOIN m ON m.cohort = ce.cohort AND m.seg IS NOT DISTINCT FROM ce.seg
    GROUP BY 1, 2, 3
$$;

-- set_eq and is_empty, but a view that raises is one failed test, not the end of the file
CREATE FUNCTION tap_vr.try_set_eq(have text, want text, descr text) RETURNS text LANGUAGE plpgsql AS $$
BEGIN
    RETURN set_eq(have, want, descr);
EXCEPTION WHEN OTHERS THEN
    RETURN fail(descr) || E'\n' || diag('    died: ' || SQLSTATE || ': ' || SQLERRM);
END $$;
CREATE FUNCTION tap_vr.try_is_empty(q text, descr text) RETURNS text LANGUAGE plpgsql AS $$
BEGIN
    RETURN is_empty(q, descr);
EXCEPTION WHEN OTHERS THEN
    RETURN fail(descr) || E'\n' || diag('    died: ' || SQLSTATE || ': ' || SQLERRM);
END $$;

-- Sets the settings, then compares each view with its expected side.
CREATE FUNCTION tap_vr.check_reports(label text, period text, tz text, as_of date, inact int)
RETURNS SETOF text LANGUAGE plpgsql AS $f$
DECLARE args text := format('%L, %L, %L, %s', period, tz, as_of, coalesce(inact::text, 'NULL'));
BEGIN
    PERFORM ror.set_setting('period', period);
    PERFORM ror.set_setting('time_zone', tz);
    PERFORM ror.set_setting('as_of', as_of::text);
    IF inact IS NULL THEN
        PERFORM ror.reset_setting('inactivity_days');
    ELSE
        PERFORM ror.set_setting('inactivity_days', inact::text);
    END IF;

    RETURN NEXT ok((SELECT count(*) FROM tap_vr.exp_nps(period, tz, as_of, inact)) >= 5
                   AND (SELECT count(*) FROM tap_vr.exp_churn(period, tz, as_of, inact)) >= 8
                   AND (SELECT count(*) FROM tap_vr.exp_cohort(period, tz, as_of, inact)) >= 3,
                   label || ': the expected sides are not trivial');
    RETURN NEXT tap_vr.try_set_eq(
        $$SELECT period_start, segment, responses, promoters, passives, detractors, is_complete FROM ror.nps_by_period$$,
        format('SELECT period_start, segment, n, p, pa, d, complete FROM tap_vr.exp_nps(%s)', args),
        label || ': nps_by_period counts');
    RETURN NEXT tap_vr.try_is_empty(format($$
        SELECT coalesce(v.period_start, e.period_start), coalesce(v.segment, e.segment), v.nps, e.nps, v.nps_low, e.low, v.nps_high, e.high
        FROM ror.nps_by_period v
        FULL JOIN tap_vr.exp_nps(%s) e ON e.period_start = v.period_start AND e.segment IS NOT DISTINCT FROM v.segment
        WHERE v.period_start IS NULL OR e.period_start IS NULL
           OR NOT abs(v.nps - e.nps) <= 1e-9 OR NOT abs(v.nps_low - e.low) <= 1e-9 OR NOT abs(v.nps_high - e.high) <= 1e-9 $$, args),
        label || ': nps, nps_low, nps_high within 1e-9 of 100(P-D)/n and the adjusted-Wald interval');
    RETURN NEXT tap_vr.try_set_eq(
        $$SELECT period_start, segment, customers_at_start, new_customers, churned_from_start, churned_new, customer_days,
                 round(churn_rate::numeric, 9) AS r1, round(churn_rate_include_new::numeric, 9) AS r2,
                 round(retention_rate::numeric, 9) AS r3, is_complete
          FROM ror.churn_by_period$$,
        format('SELECT * FROM tap_vr.exp_churn(%s)', args),
        label || ': churn_by_period');
    RETURN NEXT tap_vr.try_set_eq(
        $$SELECT cohort_start, segment, period_number, cohort_size, retained, round(retention_rate::numeric, 9)
          FROM ror.cohort_retention$$,
        format('SELECT * FROM tap_vr.exp_cohort(%s)', args),
        label || ': cohort_retention');
END $f$;

SELECT * FROM tap_vr.check_reports('month, UTC', 'month', 'UTC', '2024-06-15', NULL);
SELECT * FROM tap_vr.check_reports('month, Europe/Berlin', 'month', 'Europe/Berlin', '2024-06-15', NULL);
SELECT * FROM tap_vr.check_reports('month, America/New_York, inactivity 60', 'month', 'America/New_York', '2024-06-15', 60);
SELECT * FROM tap_vr.check_reports('week, UTC', 'week', 'UTC', '2024-06-15', NULL);
SELECT * FROM tap_vr.check_reports('week, Europe/Berlin, inactivity 60', 'week', 'Europe/Berlin', '2024-06-15', 60);
SELECT * FROM tap_vr.check_reports('quarter, Europe/Berlin', 'quarter', 'Europe/Berlin', '2024-06-15', NULL);
SELECT * FROM tap_vr.check_reports('quarter, UTC, as_of at the quarter end', 'quarter', 'UTC', '2024-06-30', NULL);
SELECT * FROM tap_vr.check_reports('month, UTC, inactivity 60', 'month', 'UTC', '2024-06-15', 60);
SELECT * FROM tap_vr.check_reports('month, Europe/Berlin, as_of at a month end, inactivity 60', 'month', 'Europe/Berlin', '2024-04-30', 60);

-- The data do exercise what they claim: the settings change the answers.
SELECT ok(EXISTS (SELECT * FROM tap_vr.exp_churn('month', 'UTC', '2024-06-15', NULL)
                  EXCEPT SELECT * FROM tap_vr.exp_churn('month', 'Europe/Berlin', '2024-06-15', NULL))
          AND EXISTS (SELECT * FROM tap_vr.exp_nps('month', 'UTC', '2024-06-15', NULL)
                      EXCEPT SELECT * FROM tap_vr.exp_nps('month', 'Europe/Berlin', '2024-06-15', NULL))
          AND EXISTS (SELECT * FROM tap_vr.exp_churn('month', 'UTC', '2024-06-15', NULL)
                      EXCEPT SELECT * FROM tap_vr.exp_churn('month', 'UTC', '2024-06-15', 60))
          AND EXISTS (SELECT FROM tap_vr.exp_nps('month', 'UTC', '2024-06-15', NULL) WHERE high = 100)
          AND EXISTS (SELECT FROM tap_vr.exp_nps('month', 'UTC', '2024-06-15', NULL) WHERE low = -100),
          'the test data differ between UTC and Berlin and with the inactivity rule, and clip the NPS interval at both ends');

-- the session's DateStyle changes nothing (dates inside the views must not go through text)
CREATE FUNCTION tap_vr.check_datestyle(style text) RETURNS SETOF text LANGUAGE plpgsql AS $f$
BEGIN
    PERFORM ror.set_setting('period', 'month');
    PERFORM ror.set_setting('time_zone', 'UTC');
    PERFORM ror.set_setting('as_of', '2024-06-15');
    PERFORM ror.reset_setting('inactivity_days');
    PERFORM set_config('DateStyle', style, true);
    RETURN NEXT tap_vr.try_set_eq(
        $$SELECT period_start, segment, responses, promoters, passives, detractors, is_complete FROM ror.nps_by_period$$,
        $$SELECT period_start, segment, n, p, pa, d, complete FROM tap_vr.exp_nps('month', 'UTC', '2024-06-15', NULL)$$,
        'DateStyle ' || style || ': nps_by_period');
    RETURN NEXT tap_vr.try_set_eq(
        $$SELECT period_start, segment, customers_at_start, new_customers, churned_from_start, churned_new, customer_days,
                 round(churn_rate::numeric, 9) AS r1, round(churn_rate_include_new::numeric, 9) AS r2,
                 round(retention_rate::numeric, 9) AS r3, is_complete
          FROM ror.churn_by_period$$,
        $$SELECT * FROM tap_vr.exp_churn('month', 'UTC', '2024-06-15', NULL)$$,
        'DateStyle ' || style || ': churn_by_period');
    RETURN NEXT tap_vr.try_set_eq(
        $$SELECT cohort_start, segment, period_number, cohort_size, retained, round(retention_rate::numeric, 9)
          FROM ror.cohort_retention$$,
        $$SELECT * FROM tap_vr.exp_cohort('month', 'UTC', '2024-06-15', NULL)$$,
        'DateStyle ' || style || ': cohort_retention');
    PERFORM set_config('DateStyle', 'ISO, MDY', true);
END $f$;
SELECT * FROM tap_vr.check_datestyle('SQL, DMY');
SELECT * FROM tap_vr.check_datestyle('German');

-- as_of before every acquisition and response: empty reports, no error
SELECT ror.set_setting('as_of', '2023-06-30') \g /dev/null
SELECT ror.set_setting('time_zone', 'UTC') \g /dev/null
SELECT is_empty('SELECT * FROM ror.nps_by_period', 'as_of before everything: nps_by_period is empty');
SELECT is_empty('SELECT * FROM ror.churn_by_period', 'as_of before everything: churn_by_period is empty');
SELECT is_empty('SELECT * FROM ror.cohort_retention', 'as_of before everything: cohort_retention is empty');
SELECT is((SELECT rows FROM ror.data_issues WHERE kind = 'customers' AND problem LIKE 'acquired after as_of%'),
          (SELECT count(*) FROM tap_vr.customers
           WHERE customer_id IS NOT NULL AND isfinite(acquired_at) AND (churned_at IS NULL OR isfinite(churned_at))
             AND (churned_at IS NULL OR (churned_at AT TIME ZONE 'UTC')::date >= (acquired_at AT TIME ZONE 'UTC')::date)
             AND (acquisition_cost IS NULL OR (acquisition_cost >= 0 AND acquisition_cost NOT IN ('NaN', 'Infinity')))),
          'as_of before everything: every usable customer row is acquired after as_of');

SELECT * FROM finish();
ROLLBACK;
