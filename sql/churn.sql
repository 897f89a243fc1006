-- Churn: hand-computed cases for every boundary, every method and accessor,
-- NULLs, bad input, text and binary I/O.
SET timezone = 'UTC';
SET datestyle = ISO;
SET intervalstyle = postgres;
SET extra_float_digits = 0;

-- error SQLSTATE and message of a statement, for the bad-input cases
CREATE FUNCTION pg_temp.err(q text) RETURNS text LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE q;
  RETURN 'no error';
EXCEPTION WHEN OTHERS THEN
  RETURN SQLSTATE || ': ' || SQLERRM;
END $$;

-- One period, January 2024 = [2024-01-01, 2024-02-01), 31 days; one lifetime
-- per boundary case, with what PRODUCT.md 4.2 says it counts as:
--   at start: lifetime contains s; churned: s < upper <= e; new: s < lower < e.
CREATE TABLE churn_life (id int, why text, lifetime daterange);
INSERT INTO churn_life VALUES
  (1,  'acquired exactly at s, active',        '[2024-01-01,)'),            -- at start, 31 days
  (2,  'acquired at s, churned exactly at e',  '[2024-01-01,2024-02-01)'),  -- at start, churned, 31
  (3,  'churned exactly at s',                 '[2023-06-01,2024-01-01)'),  -- nothing
  (4,  'churned exactly at e',                 '[2023-06-01,2024-02-01)'),  -- at start, churned, 31
  (5,  'churned the day before e',             '[2023-06-01,2024-01-31)'),  -- at start, churned, 30
  (6,  'churned the day after e',              '[2023-06-01,2024-02-02)'),  -- at start, 31
  (7,  'acquired exactly at e',                '[2024-02-01,)'),            -- nothing
  (8,  'new inside, active',                   '[2024-01-10,)'),            -- new, 22
  (9,  'new and churned inside',               '[2024-01-10,2024-01-20)'),  -- new, churned new, 10
  (10, 'new, churned exactly at e',            '[2024-01-31,2024-02-01)'),  -- new, churned new, 1
  (11, 'new the day after s, churned after e', '[2024-01-02,2024-03-01)'),  -- new, 30
  (12, 'lifetime before the period',           '[2023-01-01,2023-06-01)'),  -- nothing
  (13, 'lifetime after the period',            '[2024-03-01,2024-04-01)'),  -- nothing
  (14, 'unbounded both ways',                  '(,)'),                      -- at start, 31
  (15, 'unbounded below, churned inside',      '(,2024-01-15)'),            -- at start, churned, 14
  (16, 'infinite dates as bounds',             '[-infinity,infinity)'),     -- at start, 31
  (17, 'unbounded below, churned before s',    '(,2023-12-31)'),            -- nothing
  (18, 'inclusive upper, canonical [)',        '[2024-01-10,2024-01-20]'),  -- new, churned new, 11
  (19, 'empty: skipped',                       'empty'),                    -- nothing
  (20, 'NULL: skipped',                        NULL);                       -- nothing

-- each case alone
SELECT id, why, ror.at_start(s), ror.churned_from_start(s) AS cfs, ror.new_customers(s) AS new,
       ror.churned_new(s) AS cnew, ror.customer_days(s) AS days
FROM (SELECT id, why, ror.churn_summary_agg(lifetime, daterange('2024-01-01', '2024-02-01')) s
      FROM churn_life GROUP BY id, why) q
ORDER BY id;

-- all together: at_start = 1,2,4,5,6,14,15,16 = 8; churned_from_start = 2,4,5,15 = 4;
-- new = 8,9,10,11,18 = 5; churned_new = 9,10,18 = 3;
-- customer-days = 31+31+31+30+31+22+10+1+30+31+14+31+11 = 304
SELECT ror.churn_summary_agg(lifetime, daterange('2024-01-01', '2024-02-01')) FROM churn_life;
-- standard 4/8; include_new (4+3)/(8+5) = 7/13; customer_days 7/304*31 = 0.713815789473684...
SELECT ror.churn_rate(lifetime, daterange('2024-01-01', '2024-02-01')) AS standard,
       round(ror.churn_rate(lifetime, daterange('2024-01-01', '2024-02-01'), 'include_new')::numeric, 12) AS include_new,
       round(ror.churn_rate(lifetime, daterange('2024-01-01', '2024-02-01'), 'customer_days')::numeric, 12) AS customer_days,
       ror.churn_rate(lifetime, daterange('2024-01-01', '2024-02-01'), 'standard') AS standard_by_name
FROM churn_life;
-- the same through the summary accessors; retention 1 - 4/8
SELECT ror.churn_rate(s), ror.churn_rate(s, 'standard') AS standard,
       round(ror.churn_rate(s, 'include_new')::numeric, 12) AS include_new,
       round(ror.churn_rate(s, 'customer_days')::numeric, 12) AS customer_days,
       ror.retention_rate(s), ror.churned(s), ror.customer_days(s), ror.period_days(s)
FROM (SELECT ror.churn_summary_agg(lifetime, daterange('2024-01-01', '2024-02-01')) s FROM churn_life) q;
-- exact formulas, to the last bit
SELECT ror.churn_rate(s, 'include_new') = 7.0::float8 / 13 AS include_new_exact,
       ror.churn_rate(s, 'customer_days') = 7.0::float8 * 31 / 304 AS customer_days_exact
FROM (SELECT ror.churn_summary_agg(lifetime, daterange('2024-01-01', '2024-02-01')) s FROM churn_life) q;

-- a period given as [s, e-1] is the same period as [s, e)
SELECT ror.churn_summary_agg(lifetime, daterange('2024-01-01', '2024-01-31', '[]'))
       OPERATOR(ror.=) ror.churn_summary_agg(lifetime, daterange('2024-01-01', '2024-02-01')) AS same_period
FROM churn_life;

-- monthly churn: one summary per period, GROUP BY the period
SELECT p AS period, ror.at_start(s), ror.churned_from_start(s) AS cfs, ror.new_customers(s) AS new,
       ror.churned_new(s) AS cnew, ror.customer_days(s) AS days, ror.churn_rate(s)
FROM (SELECT p, ror.churn_summary_agg(lifetime, p) s
      FROM churn_life, (VALUES (daterange('2023-12-01', '2024-01-01')), (daterange('2024-01-01', '2024-02-01')),
                         (daterange('2024-02-01', '2024-03-01'))) v(p)
      GROUP BY p) q
ORDER BY p;

-- timestamptz: bounds to the microsecond, inclusive and exclusive ends
-- period [2024-01-01 00:00, 2024-02-01 00:00) UTC, 31 days
CREATE TABLE churn_tlife (id int, why text, lifetime tstzrange);
INSERT INTO churn_tlife VALUES
  (1, 'inclusive upper exactly at s: active at s', '[2023-12-01,2024-01-01 00:00:00]'), -- at start, churned, 1 us
  (2, 'exclusive upper exactly at s',              '[2023-12-01,2024-01-01 00:00:00)'), -- nothing
  (3, 'exclusive lower exactly at s',              '(2024-01-01 00:00:00,)'),           -- new, 31 days - 1 us
  (4, 'inclusive lower exactly at s',              '[2024-01-01 00:00:00,)'),           -- at start, 31 days
  (5, 'exclusive upper exactly at e',              '[2023-12-01,2024-02-01 00:00:00)'), -- at start, churned, 31 days
  (6, 'inclusive upper exactly at e',              '[2023-12-01,2024-02-01 00:00:00]'), -- at start, 31 days
  (7, 'new, churned inside, half a second',        '[2024-01-10 12:00:00,2024-01-10 12:00:00.5)'), -- new, churned new, 0.5 s
  (8, 'infinite timestamps as bounds',             '[-infinity,infinity]'),             -- at start, 31 days
  (9, 'inclusive lower exactly at e',              '[2024-02-01 00:00:00,)');           -- nothing
SELECT id, why, ror.churn_summary_agg(lifetime, tstzrange('2024-01-01', '2024-02-01'))::text AS summary
FROM churn_tlife GROUP BY id, why ORDER BY id;
-- together: at_start 1,4,5,6,8 = 5; churned_from_start 1,5 = 2; new 3,7 = 2; churned_new 7 = 1;
-- customer time 1e-6 + (2678400 - 1e-6) + 4*2678400 + 0.5 = 13392000.5 s = 155 days + 0.5 s
SELECT s, ror.customer_days(s) = 155 + 0.5 / 86400 AS days_exact,
       round(ror.churn_rate(s, 'customer_days')::numeric, 12) AS customer_days_rate,
       s::text::ror.churn_summary OPERATOR(ror.=) s AS round_trip
FROM (SELECT ror.churn_summary_agg(lifetime, tstzrange('2024-01-01', '2024-02-01')) s FROM churn_tlife) q;
-- the text form does not depend on the session's time zone or date style
SET timezone = 'America/New_York';
SET datestyle = 'SQL, DMY';
SELECT ror.churn_summary_agg(lifetime, tstzrange('2024-01-01 00:00+00', '2024-02-01 00:00+00')) FROM churn_tlife;
SELECT '(period=[2024-01-01 00:00:00+00,2024-02-01 00:00:00+00),at_start=5,churned_from_start=2,new=2,churned_new=1,customer_seconds=13392000.5)'::ror.churn_summary
       OPERATOR(ror.=) ror.churn_summary_agg(lifetime, tstzrange('2024-01-01 00:00+00', '2024-02-01 00:00+00')) AS same
FROM churn_tlife;
SET timezone = 'UTC';
SET datestyle = ISO;
-- a period (s, e] is [s + 1 us, e + 1 us): row 1 is then not at start, row 3 is
SELECT ror.churn_summary_agg(lifetime, tstzrange('2024-01-01', '2024-02-01', '(]')) FROM churn_tlife;
-- periods written differently but equal after normalization mix fine
SELECT ror.at_start(ror.churn_summary_agg(lifetime, p)) FROM churn_tlife,
  (VALUES (tstzrange('2024-01-01', '2024-02-01')), (tstzrange('2024-01-01', '2024-01-31 23:59:59.999999', '[]'))) v(p);

-- NULLs are skipped; no rows, or only NULLs, give NULL
SELECT ror.churn_rate(l, p) IS NULL AS no_rows, ror.churn_summary_agg(l, p) IS NULL AS no_summary,
       ror.churn_rate(l, p, 'include_new') IS NULL AS no_rows_method
FROM (VALUES (daterange('2024-01-01', NULL), daterange('2024-01-01', '2024-02-01'))) v(l, p) WHERE false;
SELECT ror.churn_summary_agg(l, p) IS NULL AS all_null
FROM (VALUES (NULL::daterange, daterange('2024-01-01', '2024-02-01')), ('[2024-01-01,)', NULL)) v(l, p);
SELECT ror.churn_rate(l, p, m)
FROM (VALUES (daterange('2023-01-01', '2024-01-15'), daterange('2024-01-01', '2024-02-01'), NULL),
             ('[2023-01-01,)', '[2024-01-01,2024-02-01)', 'standard')) v(l, p, m);
-- rows but nobody at start: the summary counts zeros, the standard rate is NULL
SELECT s, ror.churn_rate(s) IS NULL AS standard_null, ror.retention_rate(s) IS NULL AS retention_null,
       ror.churn_rate(s, 'include_new'), ror.churn_rate(s, 'customer_days')
FROM (SELECT ror.churn_summary_agg(l, daterange('2024-01-01', '2024-02-01')) s
      FROM (VALUES (daterange('2024-01-05', '2024-01-06'))) v(l)) q;
SELECT ror.churn_rate(l, daterange('2024-01-01', '2024-02-01'), 'customer_days') IS NULL AS nobody
FROM (VALUES (daterange('2022-01-01', '2022-02-01'))) v(l);

-- merging stored summaries: by period, and refusing different periods
SELECT ror.churn_summary_agg(s)
FROM (SELECT id % 3 AS part, ror.churn_summary_agg(lifetime, daterange('2024-01-01', '2024-02-01')) s
      FROM churn_life GROUP BY 1) q;
SELECT ror.churn_summary_agg(s) FROM (VALUES
  ('(period=[2024-01-01,2024-02-01),at_start=1,churned_from_start=0,new=0,churned_new=0,customer_days=31)'::ror.churn_summary),
  ('(period=[2024-02-01,2024-03-01),at_start=1,churned_from_start=0,new=0,churned_new=0,customer_days=29)')) v(s);
SELECT ror.churn_summary_agg(s) FROM (VALUES
  ('(period=[2024-01-01,2024-02-01),at_start=1,churned_from_start=0,new=0,churned_new=0,customer_days=31)'::ror.churn_summary),
  ('(period=[2024-01-01 00:00:00+00,2024-02-01 00:00:00+00),at_start=1,churned_from_start=0,new=0,churned_new=0,customer_seconds=0)')) v(s);
SELECT ror.churn_summary_agg(s) FROM (VALUES
  ('(period=[2024-01-01,2024-02-01),at_start=9223372036854775807,churned_from_start=0,new=0,churned_new=0,customer_days=0)'::ror.churn_summary),
  ('(period=[2024-01-01,2024-02-01),at_start=1,churned_from_start=0,new=0,churned_new=0,customer_days=0)')) v(s);

-- bad input
SELECT ror.churn_rate(l, daterange('2024-01-01', '2024-02-01'), 'Standard') FROM (VALUES (daterange('2023-01-01', NULL))) v(l);
SELECT ror.churn_rate('(period=[2024-01-01,2024-02-01),at_start=1,churned_from_start=0,new=0,churned_new=0,customer_days=31)'::ror.churn_summary, 'stripe');
SELECT ror.churn_rate(l, daterange('2024-01-01', '2024-01-01')) FROM (VALUES (daterange('2023-01-01', NULL))) v(l);
SELECT ror.churn_rate(l, daterange(NULL, '2024-02-01')) FROM (VALUES (daterange('2023-01-01', NULL))) v(l);
SELECT ror.churn_rate(l, daterange('2024-01-01', NULL)) FROM (VALUES (daterange('2023-01-01', NULL))) v(l);
SELECT ror.churn_rate(l, daterange('2024-01-01', 'infinity')) FROM (VALUES (daterange('2023-01-01', NULL))) v(l);
SELECT ror.churn_rate(l, tstzrange('-infinity', '2024-01-01')) FROM (VALUES (tstzrange('2023-01-01', NULL))) v(l);
SELECT ror.churn_rate(l, p) FROM (VALUES
  (daterange('2023-01-01', NULL), daterange('2024-01-01', '2024-02-01')),
  (daterange('2023-01-01', NULL), daterange('2024-02-01', '2024-03-01'))) v(l, p);
SELECT ror.churn_rate(l, p, m) FROM (VALUES
  (daterange('2023-01-01', NULL), daterange('2024-01-01', '2024-02-01'), 'standard'),
  (daterange('2023-01-01', NULL), daterange('2024-01-01', '2024-02-01'), 'include_new')) v(l, p, m);
-- no overload mixes a daterange lifetime with a tstzrange period
SELECT ror.churn_rate(daterange('2023-01-01', NULL), tstzrange('2024-01-01', '2024-02-01'));
SELECT pg_temp.err($$SELECT ror.churn_rate(l, daterange('2024-01-01', '2024-02-01'), 'x') FROM (VALUES (daterange('2023-01-01', NULL))) v(l)$$) AS unknown_method,
       pg_temp.err($$SELECT ror.churn_rate(l, daterange('2024-01-01', NULL)) FROM (VALUES (daterange('2023-01-01', NULL))) v(l)$$) AS unbounded;

-- rate conversions: 1 - 0.95^12 = 0.459639912337363...; and back
SELECT round(ror.annualize_rate(0.05)::numeric, 15) AS annual, round(ror.periodize_rate(ror.annualize_rate(0.05))::numeric, 15) AS back,
       ror.annualize_rate(0) AS zero, ror.annualize_rate(1) AS one, round(ror.annualize_rate(0.02, 52)::numeric, 15) AS weekly,
       round(ror.periodize_rate(0.5, 4)::numeric, 15) AS quarterly, ror.periodize_rate(1, 12) AS all_gone;
SELECT pg_temp.err('SELECT ror.annualize_rate(1.5)') AS above_one, pg_temp.err('SELECT ror.annualize_rate(-0.1)') AS negative,
       pg_temp.err($$SELECT ror.annualize_rate('NaN')$$) AS nan, pg_temp.err('SELECT ror.periodize_rate(2, 12)') AS periodize;
SELECT ror.annualize_rate(0.05, 0);
SELECT ror.annualize_rate(0.05, 'Infinity');

-- activity lifetimes: 2024-03-01 + 90 days = 2024-05-30
SELECT ror.activity_lifetime('2024-01-01'::timestamptz, '2024-03-01', '90 days', '2024-12-01') AS churned,
       ror.activity_lifetime('2024-01-01'::timestamptz, '2024-03-01', '90 days', '2024-05-30') AS churned_exactly_at_as_of,
       ror.activity_lifetime('2024-01-01'::timestamptz, '2024-03-01', '90 days', '2024-05-29 23:59:59.999999') AS still_active;
SELECT ror.activity_lifetime('2024-01-01'::date, '2024-03-01', 90, '2024-12-01') AS churned,
       ror.activity_lifetime('2024-01-01'::date, '2024-03-01', 90, '2024-05-30') AS churned_at_as_of,
       ror.activity_lifetime('2024-01-01'::date, '2024-03-01', 90, '2024-05-29') AS active,
       ror.activity_lifetime('2024-01-01'::date, '2024-01-01', 1, '2024-01-02') AS one_day;
SELECT ror.activity_lifetime('2024-03-01'::date, '2024-01-01', 90, '2024-12-01');
SELECT ror.activity_lifetime('2024-01-01'::date, '2024-03-01', 0, '2024-12-01');
SELECT ror.activity_lifetime('2024-01-01'::timestamptz, '2024-03-01', '-1 day', '2024-12-01');
SELECT ror.activity_lifetime('2024-01-01'::timestamptz, NULL, '1 day', '2024-12-01') IS NULL AS null_in_null_out;
-- activity lifetimes feed the churn aggregates
SELECT ror.churn_summary_agg(ror.activity_lifetime(f, l, 30, '2024-03-01'), daterange('2024-01-01', '2024-02-01'))
FROM (VALUES ('2023-10-01'::date, '2023-12-15'::date), ('2023-11-01', '2024-02-20'), ('2024-01-05', '2024-01-06')) v(f, l);

-- text input: spacing, and hostile text
SELECT ' ( period = [2024-01-01,2024-02-01) , at_start = 2 , churned_from_start=1,new=0,churned_new=0,customer_days=40 ) '::ror.churn_summary;
SELECT ''::ror.churn_summary;
SELECT '(period=[2024-01-01,2024-02-01))'::ror.churn_summary;
SELECT '(period=(2024-01-01,2024-02-01),at_start=0,churned_from_start=0,new=0,churned_new=0,customer_days=0)'::ror.churn_summary;
SELECT '(period=[2024-02-01,2024-01-01),at_start=0,churned_from_start=0,new=0,churned_new=0,customer_days=0)'::ror.churn_summary;
SELECT '(period=[2024-01-01,2024-01-01),at_start=0,churned_from_start=0,new=0,churned_new=0,customer_days=0)'::ror.churn_summary;
SELECT '(period=[2024-01-01,infinity),at_start=0,churned_from_start=0,new=0,churned_new=0,customer_days=0)'::ror.churn_summary;
SELECT '(period=[2024-01-01,2024-02-01 00:00:00+00),at_start=0,churned_from_start=0,new=0,churned_new=0,customer_days=0)'::ror.churn_summary;
SELECT '(period=[2024-01-01 00:00:00,2024-02-01 00:00:00),at_start=0,churned_from_start=0,new=0,churned_new=0,customer_seconds=0)'::ror.churn_summary;
SELECT '(period=[2024-01-01,2024-02-01),at_start=-1,churned_from_start=0,new=0,churned_new=0,customer_days=0)'::ror.churn_summary;
SELECT '(period=[2024-01-01,2024-02-01),at_start=1,churned_from_start=2,new=0,churned_new=0,customer_days=0)'::ror.churn_summary;
SELECT '(period=[2024-01-01,2024-02-01),at_start=0,churned_from_start=0,new=1,churned_new=2,customer_days=0)'::ror.churn_summary;
SELECT '(period=[2024-01-01,2024-02-01),at_start=1,churned_from_start=0,new=0,churned_new=0,customer_days=32)'::ror.churn_summary;
SELECT '(period=[2024-01-01,2024-02-01),at_start=1,churned_from_start=0,new=0,churned_new=0,customer_days=1.5)'::ror.churn_summary;
SELECT '(period=[2024-01-01,2024-02-01),at_start=99999999999999999999,churned_from_start=0,new=0,churned_new=0,customer_days=0)'::ror.churn_summary;
SELECT '(period=[2024-01-01 00:00:00+00,2024-02-01 00:00:00+00),at_start=1,churned_from_start=0,new=0,churned_new=0,customer_seconds=1.1234567)'::ror.churn_summary;
SELECT '(period=[2024-01-01 00:00:00+00,2024-02-01 00:00:00+00),at_start=1,churned_from_start=0,new=0,churned_new=0,customer_seconds=1.)'::ror.churn_summary;
SELECT '(period=[2024-01-01,2024-02-01),at_start=1,churned_from_start=0,new=0,churned_new=0,customer_days=0,method=stripe)'::ror.churn_summary;
SELECT '(period=[2024-01-01,2024-02-01),at_start=1,churned_from_start=0,new=0,churned_new=0,customer_days=0) x'::ror.churn_summary;
SELECT '(period=[today,tomorrow),at_start=1,churned_from_start=0,new=0,churned_new=0,customer_days=0)'::ror.churn_summary;
SELECT '(period=[2024-13-01,2024-02-01),at_start=1,churned_from_start=0,new=0,churned_new=0,customer_days=0)'::ror.churn_summary;
-- a BC period and fractional-second bounds round-trip too
SELECT s::text, s::text::ror.churn_summary OPERATOR(ror.=) s AS round_trip FROM (VALUES
  ('(period=[0044-03-15 BC,0044-03-16 BC),at_start=1,churned_from_start=1,new=0,churned_new=0,customer_days=1)'::ror.churn_summary),
  ('(period=[2024-01-01 00:00:00.000001+00,2024-01-01 00:00:01+00),at_start=3,churned_from_start=0,new=0,churned_new=0,customer_seconds=2.999997,method=customer_days)')) v(s);

-- errors with their SQLSTATE: pg_temp.try(query) runs it and returns 'ok' or the error
CREATE FUNCTION pg_temp.try(q text) RETURNS text LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE q;
  RETURN 'ok';
EXCEPTION WHEN OTHERS THEN
  RETURN SQLSTATE || ': ' || SQLERRM;
END $$;

-- customer time over a period spanning nearly the whole timestamp range: its
-- length in microseconds exceeds an int64.  4713-01-01 BC to 294276-12-31 is
-- 109203489 days = 9435181449600 s (python3, own proleptic Gregorian day numbers)
SELECT s, s::text::ror.churn_summary OPERATOR(ror.=) s AS round_trip, ror.customer_days(s) = 109203489 AS days,
       ror.period_days(s) = 109203489 AS period_days, ror.churn_rate(s, 'customer_days') AS rate
FROM (SELECT ror.churn_summary_agg(tstzrange(NULL, NULL), tstzrange('4713-01-01 00:00:00+00 BC', '294276-12-31 00:00:00+00')) s) q;
-- with fractions on both sides of the epoch: [lower .7 s, upper .2 s) is 9435181449599.5 s for the
-- unbounded lifetime, + 0.5 s ([.2 s, 1.2 s) at the start, churned) + 0.1 s (new, [.1 s, ...)) = 9435181449600.1
SELECT s, s::text::ror.churn_summary OPERATOR(ror.=) s AS round_trip
FROM (SELECT ror.churn_summary_agg(l, tstzrange('4713-01-01 00:00:00.7+00 BC', '294276-12-31 00:00:00.2+00')) s
      FROM (VALUES (tstzrange(NULL, NULL)), (tstzrange('4713-01-01 00:00:00.2+00 BC', '4713-01-01 00:00:01.2+00 BC')),
                   (tstzrange('294276-12-31 00:00:00.1+00', NULL))) v(l)) q;

-- a period must end on a value of its range type: an inclusive end at the last
-- microsecond would end one past it and print as text that cannot be read back
SELECT pg_temp.try($$SELECT ror.churn_summary_agg(tstzrange('2024-01-01', NULL),
                   tstzrange('2024-01-01', '294276-12-31 23:59:59.999999+00', '[]'))$$) AS inclusive_last;
-- the same end, exclusive, is fine: 2024-01-01 to 294277-01-01 less 1 us (python3)
SELECT s, s::text::ror.churn_summary OPERATOR(ror.=) s AS round_trip
FROM (SELECT ror.churn_summary_agg(tstzrange('2024-01-01', NULL), tstzrange('2024-01-01', '294276-12-31 23:59:59.999999+00')) s) q;
-- dates: the whole range of daterange, 2147483493 days (python3)
SELECT s, s::text::ror.churn_summary OPERATOR(ror.=) s AS round_trip
FROM (SELECT ror.churn_summary_agg(daterange(NULL, NULL), daterange('4714-11-24 BC', '5874897-12-31')) s) q;
-- text input refuses bounds outside the range type (22003)
SELECT pg_temp.try($$SELECT '(period=[2024-01-01 00:00:00+00,294277-01-01 00:00:00+00),at_start=0,churned_from_start=0,new=0,churned_new=0,customer_seconds=0)'::ror.churn_summary$$) AS ts_end;
SELECT pg_temp.try($$SELECT '(period=[2024-01-01,5874898-01-01),at_start=0,churned_from_start=0,new=0,churned_new=0,customer_days=0)'::ror.churn_summary$$) AS date_end;
SELECT pg_temp.try($$SELECT '(period=[4714-11-23 BC,2024-01-01),at_start=0,churned_from_start=0,new=0,churned_new=0,customer_days=0)'::ror.churn_summary$$) AS date_start;
SELECT pg_temp.try($$SELECT '(period=[4714-11-23 23:59:59.999999+00 BC,2024-01-01 00:00:00+00),at_start=0,churned_from_start=0,new=0,churned_new=0,customer_seconds=0)'::ror.churn_summary$$) AS ts_start;
SELECT pg_temp.try($$SELECT '(period=[2024-01-01,99999999-01-01),at_start=0,churned_from_start=0,new=0,churned_new=0,customer_days=0)'::ror.churn_summary$$) AS eight_digit_year;

-- the text input reads the ISO shape the output prints, and nothing else, so it
-- does not depend on DateStyle: the same literal, the same value in every style;
-- other shapes fail (22P02) whatever the style
CREATE TEMP TABLE churn_styles (style text, iso text, sql_date text, short_time text, no_zone text, one_digit text);
SET datestyle = 'SQL, DMY';
INSERT INTO churn_styles SELECT current_setting('datestyle'),
  '(period=[2024-01-02,2024-03-04),at_start=1,churned_from_start=0,new=0,churned_new=0,customer_days=62)'::ror.churn_summary::text,
  left(pg_temp.try($$SELECT '(period=[02/01/2024,04/03/2024),at_start=0,churned_from_start=0,new=0,churned_new=0,customer_days=0)'::ror.churn_summary$$), 5),
  left(pg_temp.try($$SELECT '(period=[2024-01-02 00:00+00,2024-03-04 00:00+00),at_start=0,churned_from_start=0,new=0,churned_new=0,customer_seconds=0)'::ror.churn_summary$$), 5),
  left(pg_temp.try($$SELECT '(period=[2024-01-02 00:00:00,2024-03-04 00:00:00),at_start=0,churned_from_start=0,new=0,churned_new=0,customer_seconds=0)'::ror.churn_summary$$), 5),
  left(pg_temp.try($$SELECT '(period=[2024-1-2,2024-3-4),at_start=0,churned_from_start=0,new=0,churned_new=0,customer_days=0)'::ror.churn_summary$$), 5);
SET datestyle = 'SQL, MDY';
INSERT INTO churn_styles SELECT current_setting('datestyle'),
  '(period=[2024-01-02,2024-03-04),at_start=1,churned_from_start=0,new=0,churned_new=0,customer_days=62)'::ror.churn_summary::text,
  left(pg_temp.try($$SELECT '(period=[01/02/2024,03/04/2024),at_start=0,churned_from_start=0,new=0,churned_new=0,customer_days=0)'::ror.churn_summary$$), 5),
  left(pg_temp.try($$SELECT '(period=[2024-01-02 00:00+00,2024-03-04 00:00+00),at_start=0,churned_from_start=0,new=0,churned_new=0,customer_seconds=0)'::ror.churn_summary$$), 5),
  left(pg_temp.try($$SELECT '(period=[2024-01-02 00:00:00,2024-03-04 00:00:00),at_start=0,churned_from_start=0,new=0,churned_new=0,customer_seconds=0)'::ror.churn_summary$$), 5),
  left(pg_temp.try($$SELECT '(period=[2024-1-2,2024-3-4),at_start=0,churned_from_start=0,new=0,churned_new=0,customer_days=0)'::ror.churn_summary$$), 5);
SET datestyle = ISO;
SELECT style, iso FROM churn_styles ORDER BY style;
SELECT style, sql_date, short_time, no_zone, one_digit FROM churn_styles ORDER BY style;
-- impossible fields (22P02)
SELECT pg_temp.try($$SELECT '(period=[2023-02-29,2024-01-01),at_start=0,churned_from_start=0,new=0,churned_new=0,customer_days=0)'::ror.churn_summary$$) AS feb29;
SELECT pg_temp.try($$SELECT '(period=[2024-01-01 24:00:00+00,2024-01-03 00:00:00+00),at_start=0,churned_from_start=0,new=0,churned_new=0,customer_seconds=0)'::ror.churn_summary$$) AS hour24;
SELECT pg_temp.try($$SELECT '(period=[0000-01-01 BC,0001-01-01),at_start=0,churned_from_start=0,new=0,churned_new=0,customer_days=0)'::ror.churn_summary$$) AS year0;
-- 2024-02-29 exists; spaces around the bounds are fine
SELECT '(period=[ 2024-02-29 , 2024-03-01 ),at_start=1,churned_from_start=0,new=0,churned_new=0,customer_days=1)'::ror.churn_summary;

-- a summary without a method has no rate by "the recorded method" (22023)
SELECT pg_temp.try($$SELECT ror.churn_final_method('(period=[2024-01-01,2024-02-01),at_start=1,churned_from_start=0,new=0,churned_new=0,customer_days=31)')$$) AS no_method;
-- an initial state of the other range type is refused (22023)
CREATE AGGREGATE pg_temp.churn_from(daterange, daterange) (
    SFUNC = ror.churn_accum, STYPE = ror.churn_summary,
    INITCOND = '(period=[2024-01-01 00:00:00+00,2024-02-01 00:00:00+00),at_start=0,churned_from_start=0,new=0,churned_new=0,customer_seconds=0)');
SELECT pg_temp.try($$SELECT pg_temp.churn_from(daterange('2024-01-01', NULL), daterange('2024-01-01', '2024-02-01'))$$) AS other_kind;

-- binary round trip through COPY (FORMAT binary)
SELECT current_setting('data_directory') || '/ror_churn_regress.bin' AS binfile \gset
CREATE TABLE churn_bin_src AS
SELECT p, ror.churn_summary_agg(lifetime, p) s
FROM churn_life, (VALUES (daterange('2023-12-01', '2024-01-01')), (daterange('2024-01-01', '2024-02-01'))) v(p) GROUP BY p
UNION ALL SELECT NULL, ror.churn_summary_agg(lifetime, tstzrange('2024-01-01', '2024-02-01')) FROM churn_tlife;
COPY churn_bin_src TO :'binfile' (FORMAT binary);
CREATE TABLE churn_bin_dst (LIKE churn_bin_src);
COPY churn_bin_dst FROM :'binfile' (FORMAT binary);
SELECT count(*) AS rows, bool_and(EXISTS (SELECT 1 FROM churn_bin_src b WHERE b.s OPERATOR(ror.=) d.s)) AS identical FROM churn_bin_dst d;
-- hostile binary input: one field of the given bytes, COPYed into recv_dst
\i test/lib/regress_binary.sql
CREATE TEMP TABLE recv_dst (s ror.churn_summary);
-- fields: version, kind (1 date, 2 tstz), method, lower, upper, at_start, churned_from_start,
-- new, churned_new, customer seconds, customer microseconds.  2024-01-01 is day 8766.
CREATE FUNCTION pg_temp.bin(version int, kind int, method int, lo int8, hi int8, a int8, ca int8, n int8, cn int8, sec int8, usec int4)
RETURNS bytea LANGUAGE sql AS $$
  SELECT set_byte(set_byte(set_byte('\x000000'::bytea, 0, version), 1, kind), 2, method)
      || int8send(lo) || int8send(hi) || int8send(a) || int8send(ca) || int8send(n) || int8send(cn)
      || int8send(sec) || int4send(usec) $$;
SELECT pg_temp.try_recv(pg_temp.bin(1, 1, 0, 8766, 8797, 1, 0, 0, 0, 31 * 86400, 0), :'binfile', 'recv_dst') AS valid;
SELECT pg_temp.try_recv(pg_temp.bin(2, 1, 0, 8766, 8797, 1, 0, 0, 0, 31 * 86400, 0), :'binfile', 'recv_dst') AS version;
SELECT pg_temp.try_recv(pg_temp.bin(1, 3, 0, 8766, 8797, 1, 0, 0, 0, 31 * 86400, 0), :'binfile', 'recv_dst') AS kind;
SELECT pg_temp.try_recv(pg_temp.bin(1, 1, 7, 8766, 8797, 1, 0, 0, 0, 31 * 86400, 0), :'binfile', 'recv_dst') AS method;
SELECT pg_temp.try_recv(pg_temp.bin(1, 1, 0, 8797, 8766, 1, 0, 0, 0, 0, 0), :'binfile', 'recv_dst') AS reversed;
SELECT pg_temp.try_recv(pg_temp.bin(1, 1, 0, 8766, 2147483647, 1, 0, 0, 0, 0, 0), :'binfile', 'recv_dst') AS infinite;
-- the last bounds that print and read back: date 5874897-12-31 (day 2145031948),
-- timestamp 294277-01-01 00:00:00+00 less 1 us; one more is refused, as is a date
-- bound whose Julian day would not fit an int
SELECT pg_temp.try_recv(pg_temp.bin(1, 1, 0, 8766, 2145031948, 1, 0, 0, 0, 0, 0), :'binfile', 'recv_dst') AS last_date;
SELECT pg_temp.try_recv(pg_temp.bin(1, 1, 0, 8766, 2145031949, 1, 0, 0, 0, 0, 0), :'binfile', 'recv_dst') AS past_last_date;
SELECT pg_temp.try_recv(pg_temp.bin(1, 1, 0, 8766, 2147483646, 1, 0, 0, 0, 0, 0), :'binfile', 'recv_dst') AS int_max_date;
SELECT pg_temp.try_recv(pg_temp.bin(1, 1, 0, -2451546, 8766, 1, 0, 0, 0, 0, 0), :'binfile', 'recv_dst') AS before_first_date;
SELECT pg_temp.try_recv(pg_temp.bin(1, 2, 0, 0, 9223371331199999999, 1, 0, 0, 0, 0, 0), :'binfile', 'recv_dst') AS last_ts;
SELECT pg_temp.try_recv(pg_temp.bin(1, 2, 0, 0, 9223371331200000000, 1, 0, 0, 0, 0, 0), :'binfile', 'recv_dst') AS past_last_ts;
SELECT pg_temp.try_recv(pg_temp.bin(1, 2, 0, -211813488000000001, 0, 1, 0, 0, 0, 0, 0), :'binfile', 'recv_dst') AS before_first_ts;
SELECT pg_temp.try_recv(pg_temp.bin(1, 1, 0, 8766, 8797, 1, 0, 0, 0, 31 * 86400, 5), :'binfile', 'recv_dst') AS usec_in_dates;
SELECT pg_temp.try_recv(pg_temp.bin(1, 2, 0, 0, 1000000, 1, 0, 0, 0, 0, 1000000), :'binfile', 'recv_dst') AS usec_range;
SELECT pg_temp.try_recv(pg_temp.bin(1, 1, 0, 8766, 8797, 1, 2, 0, 0, 0, 0), :'binfile', 'recv_dst') AS churned_too_many;
SELECT pg_temp.try_recv(pg_temp.bin(1, 1, 0, 8766, 8797, 1, 0, 0, 0, 31 * 86400, 0) || '\x00'::bytea, :'binfile', 'recv_dst') AS trailing;
SELECT pg_temp.try_recv(substring(pg_temp.bin(1, 1, 0, 8766, 8797, 1, 0, 0, 0, 31 * 86400, 0) from 1 for 20), :'binfile', 'recv_dst') AS short;
SELECT count(*) AS accepted_rows FROM recv_dst;
-- every accepted value reads back from its text
SELECT s::text, s::text::ror.churn_summary OPERATOR(ror.=) s AS round_trip FROM recv_dst ORDER BY 1;

DROP TABLE churn_life, churn_tlife, churn_bin_src, churn_bin_dst;
