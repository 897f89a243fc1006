-- ror.churn_by_period counts from events (acquisitions, churns, daily active
-- customers); here it is compared with ror.churn_summary_agg run on every
-- (period, segment) the slow way, over random lifetimes with boundary days,
-- same-day churns, duplicates, NULL segments, churns after as_of, for each
-- period setting and an as_of in the middle of a period.
BEGIN;
SELECT plan(7);

SELECT setseed(0.4242);
CREATE TEMP TABLE lifetimes (id int, acq date, churn date, seg text);
INSERT INTO lifetimes
SELECT i,
       d,
       CASE WHEN random() < 0.45 THEN d + (random() * 200)::int END,   -- 0: churned the day acquired
       (ARRAY['a', 'b', NULL, 'Seg "x"'])[1 + (random() * 3.999)::int]
FROM (SELECT i, date '2023-01-01' + (random() * 500)::int AS d FROM generate_series(1, 3000) i) x;
-- period boundaries and duplicates
INSERT INTO lifetimes VALUES (5001, '2023-02-01', '2023-03-01', 'a'), (5002, '2023-01-30', '2023-02-06', 'b'),
                             (5003, '2023-04-01', '2023-04-01', NULL), (5004, '2023-06-30', '2023-07-01', 'a'),
                             (17, '2022-12-31', NULL, 'b');

SELECT ror.bind_source('customers', 'lifetimes', '{"customer_id": "id", "acquired_at": "acq", "churned_at": "churn", "segment": "seg"}');

-- the expected rows: customers as the views define them, then churn_summary_agg
-- per period and segment (the accessors are the ones the aggregate's users call)
CREATE FUNCTION pg_temp.expected(p_period text, p_as_of date) RETURNS TABLE (
    period_start date, segment text, customers_at_start int8, new_customers int8, churned_from_start int8,
    churned_new int8, customer_days int8, churn_rate float8, churn_rate_include_new float8,
    retention_rate float8, is_complete boolean)
LANGUAGE sql AS $$
    WITH c AS (SELECT DISTINCT ON (id) id, acq, CASE WHEN churn <= p_as_of THEN churn END AS churn, seg
               FROM lifetimes WHERE acq <= p_as_of ORDER BY id, acq, churn),
    step AS (SELECT CASE p_period WHEN 'week' THEN interval '1 week' WHEN 'month' THEN interval '1 month'
                                  ELSE interval '3 months' END AS i),
    per AS (SELECT p::date AS s, least((p + step.i)::date, p_as_of + 1) AS e, (p + step.i)::date - 1 <= p_as_of AS complete
            FROM step, generate_series(date_trunc(p_period, (SELECT min(acq) FROM c)), date_trunc(p_period, p_as_of), step.i) p),
    segs AS (SELECT DISTINCT seg FROM c)
    SELECT per.s, segs.seg, coalesce(ror.at_start(x.s), 0), coalesce(ror.new_customers(x.s), 0),
           coalesce(ror.churned_from_start(x.s), 0), coalesce(ror.churned_new(x.s), 0),
           coalesce(ror.customer_days(x.s), 0)::int8, ror.churn_rate(x.s), ror.churn_rate(x.s, 'include_new'),
           ror.retention_rate(x.s), per.complete
    FROM per CROSS JOIN segs
    CROSS JOIN LATERAL (SELECT ror.churn_summary_agg(daterange(c.acq, c.churn), daterange(per.s, per.e)) AS s
                        FROM c WHERE c.seg IS NOT DISTINCT FROM segs.seg) x
    ORDER BY 1, 2 NULLS FIRST
$$;

SELECT ror.set_setting('as_of', '2024-03-17');
SELECT results_eq('SELECT * FROM ror.churn_by_period', $$SELECT * FROM pg_temp.expected('month', '2024-03-17')$$,
                  'churn_by_period by month equals churn_summary_agg per period and segment');
-- the rows compared are not trivially equal: they hold churn of every kind
SELECT ok((SELECT sum(churned_from_start) > 100 AND sum(churned_new) > 10 AND sum(new_customers) > 500
           FROM ror.churn_by_period), 'the compared rows hold churn from start, churned new and new customers');
SELECT ror.set_setting('period', 'week');
SELECT results_eq('SELECT * FROM ror.churn_by_period', $$SELECT * FROM pg_temp.expected('week', '2024-03-17')$$,
                  'by week (ISO weeks from Monday)');
SELECT ror.set_setting('period', 'quarter');
SELECT results_eq('SELECT * FROM ror.churn_by_period', $$SELECT * FROM pg_temp.expected('quarter', '2024-03-17')$$,
                  'by quarter');
SELECT ror.set_setting('as_of', '2023-07-01');
SELECT results_eq('SELECT * FROM ror.churn_by_period', $$SELECT * FROM pg_temp.expected('quarter', '2023-07-01')$$,
                  'as_of on the first day of a quarter: churns after it unknown, the new quarter one day long');
SELECT ror.set_setting('period', 'month');
SELECT ror.set_setting('as_of', '2023-02-28');
SELECT results_eq('SELECT * FROM ror.churn_by_period', $$SELECT * FROM pg_temp.expected('month', '2023-02-28')$$,
                  'as_of on the last day of a month: that month complete');

SELECT ror.unbind_source('customers');
SELECT is_empty('SELECT * FROM ror.churn_by_period', 'unbound customers: an empty churn_by_period');

SELECT * FROM finish();
ROLLBACK;
