-- ror.retention_projection against what it is made of: the observed shares
-- equal ror.cohort_retention's; a cohort with 3 complete periods or more is
-- projected by sbg_fit of its own survivor counts (taken from cohort_retention,
-- no ror._ function), a younger one by the fit of its whole segment (from one
-- row per customer in plain SQL); 12 projected periods per cohort; customers
-- without segment; empty when nothing is bound; the settings period and as_of.
BEGIN;
SELECT plan(18);
SET LOCAL DateStyle = 'ISO, MDY';
-- the checks below fit cohorts whose data sit on a boundary of the model: no WARNING each
SET LOCAL client_min_messages = error;
SELECT ror.unbind_source(k) FROM unnest(ARRAY['customers', 'orders', 'responses', 'interactions']) k \g /dev/null
SELECT ror.reset_setting(name) FROM ror.setting_definition \g /dev/null

SELECT is_empty('SELECT * FROM ror.retention_projection', 'nothing bound: retention_projection is empty');

CREATE SCHEMA tap_rp;
-- 20,000 customers acquired on the first of a month over 18 months; each
-- churns on the first of a later month, after T months of service, with its
-- own monthly churn probability theta ~ beta(1, 3) (the sBG of alpha 1, beta
-- 3: heterogeneous), theta and T drawn by inversion
CREATE TABLE tap_rp.customers AS
SELECT i AS customer_id, acquired,
       CASE WHEN acquired + months * interval '1 month' <= date '2025-12-31'
            THEN (acquired + months * interval '1 month')::date END AS churned,
       CASE i % 4 WHEN 0 THEN 'basic' WHEN 1 THEN 'plus' WHEN 2 THEN 'pro' END AS segment
FROM (SELECT i, (date '2024-07-01' + ((i * 7919) % 18) * interval '1 month')::date AS acquired,
             ceil(ln((((i * 104729) % 997) + 0.5) / 997.0)
                  / ln((1 - (((i * 7907) % 1000) + 0.5) / 1000.0) ^ (1 / 3.0)))::int AS months
      FROM generate_series(1, 20000) i) x;
SELECT ror.bind_source('customers', 'tap_rp.customers', '{"acquired_at": "acquired", "churned_at": "churned"}') \g /dev/null
SELECT ror.set_setting('as_of', '2025-12-31') \g /dev/null

CREATE TABLE tap_rp.v AS SELECT * FROM ror.retention_projection;
CREATE TABLE tap_rp.cr AS SELECT * FROM ror.cohort_retention;
SELECT isnt_empty('SELECT * FROM tap_rp.v', 'bound: retention_projection has rows');

-- observed = cohort_retention, cell for cell; nothing observed where projected
SELECT set_eq('SELECT cohort_start, segment, period_number, cohort_size, observed_retention FROM tap_rp.v WHERE NOT is_projected',
              'SELECT cohort_start, segment, period_number, cohort_size, retention_rate FROM tap_rp.cr',
              'observed_retention is cohort_retention''s retention_rate, cell for cell');
SELECT is((SELECT count(*) FROM tap_rp.v WHERE is_projected <> (observed_retention IS NULL)), 0::bigint,
          'is_projected exactly where nothing is observed');
-- each cohort: its complete periods, then 12 projected ones
SELECT is((SELECT count(*) FROM (SELECT cohort_start, segment FROM tap_rp.v GROUP BY 1, 2
                                 HAVING count(*) FILTER (WHERE is_projected) <> 12
                                     OR count(*) <> max(period_number) + 1) q), 0::bigint,
          'every cohort has 12 projected periods after its complete ones, numbered from 0');
SELECT is((SELECT count(DISTINCT (cohort_start, segment)) FROM tap_rp.v),
          (SELECT count(DISTINCT (cohort_start, segment)) FROM ror.cohort_retention),
          'the cohorts of cohort_retention (as_of is a month''s last day: the last cohort has 1 complete period)');
SELECT ok((SELECT count(*) FROM tap_rp.v WHERE segment IS NULL) > 0, 'customers without segment form their own cohorts');

-- a cohort with 3 complete periods or more: the fit to its own survivor counts
CREATE TABLE tap_rp.own AS
SELECT cohort_start, segment,
       ror.sbg_fit(array_prepend(max(cohort_size), array_agg(retained ORDER BY period_number))) AS m
FROM tap_rp.cr GROUP BY 1, 2 HAVING count(*) >= 3;
SELECT is((SELECT count(*) FROM tap_rp.own), (SELECT count(DISTINCT (cohort_start, segment)) FROM tap_rp.v WHERE fitted_on = 'cohort'),
          'the cohorts fitted on their own are those with 3 complete periods or more');
SELECT is((SELECT count(*) FROM tap_rp.v v JOIN tap_rp.own o USING (cohort_start)
           WHERE v.segment IS NOT DISTINCT FROM o.segment
             AND (v.fitted_on <> 'cohort' OR v.alpha <> (o.m::jsonb->>'alpha')::float8
                  OR v.beta <> (o.m::jsonb->>'beta')::float8
                  OR v.converged <> (o.m::jsonb->>'converged')::boolean
                  OR v.projected_retention <> ror.sbg_survival(o.m, v.period_number + 1))), 0::bigint,
          'an old enough cohort: its own model, bit for bit, and its survival curve S(period_number + 1)');
SELECT ok((SELECT bool_and(converged) FROM tap_rp.v WHERE fitted_on = 'cohort' AND cohort_size >= 200),
          'heterogeneous churn: the fits of cohorts of 200 or more converge');

-- a younger cohort: the fit to every customer of its segment, in plain SQL
CREATE TABLE tap_rp.seg AS
WITH m AS (
    SELECT segment, cohort,
           ((extract(year FROM date '2026-01-01') - extract(year FROM cohort)) * 12
            + extract(month FROM date '2026-01-01') - extract(month FROM cohort))::int AS complete,
           CASE WHEN churned IS NOT NULL THEN
               greatest(((extract(year FROM churned - 1) - extract(year FROM cohort)) * 12
                         + extract(month FROM churned - 1) - extract(month FROM cohort))::int, 0) END AS lost_at
    FROM (SELECT segment, churned, date_trunc('month', acquired)::date AS cohort FROM tap_rp.customers) c)
SELECT segment, ror.sbg_fit(ror.survival_agg(CASE WHEN lost_at < complete THEN lost_at + 1 ELSE complete END,
                                             coalesce(lost_at < complete, false))) AS m
FROM m GROUP BY segment;
SELECT ok((SELECT count(*) FROM tap_rp.v WHERE fitted_on = 'segment') > 0, 'there are young cohorts');
SELECT is((SELECT count(*) FROM tap_rp.v v JOIN tap_rp.seg s ON v.segment IS NOT DISTINCT FROM s.segment
           WHERE v.fitted_on = 'segment'
             AND (v.alpha <> (s.m::jsonb->>'alpha')::float8 OR v.beta <> (s.m::jsonb->>'beta')::float8
                  OR v.projected_retention <> ror.sbg_survival(s.m, v.period_number + 1))), 0::bigint,
          'a young cohort: the model of its whole segment, bit for bit');
SELECT is((SELECT count(*) FROM tap_rp.v WHERE fitted_on IS NULL OR projected_retention IS NULL), 0::bigint,
          'every cohort is projected (its segment has data)');

-- nobody churned: the data point to a boundary (alpha to 0), no convergence, still a projection
UPDATE tap_rp.customers SET churned = NULL;
SELECT ok((SELECT bool_and(NOT converged) AND count(*) = count(projected_retention) FROM ror.retention_projection),
          'nobody churned: no fit converges, every cohort is still projected');
SELECT ok((SELECT bool_and(projected_retention > 0.999 AND observed_retention IS NOT DISTINCT FROM
                           CASE WHEN NOT is_projected THEN 1.0::float8 END) FROM ror.retention_projection),
          'nobody churned: observed 1, projected within 0.001 of 1');

-- settings: another period, and as_of before everything
SELECT ror.set_setting('period', 'quarter') \g /dev/null
SELECT set_eq('SELECT cohort_start, segment, period_number, observed_retention FROM ror.retention_projection WHERE NOT is_projected',
              'SELECT cohort_start, segment, period_number, retention_rate FROM ror.cohort_retention',
              'period quarter: observed_retention is cohort_retention''s');
SELECT ror.set_setting('as_of', '2020-01-01') \g /dev/null
SELECT is_empty('SELECT * FROM ror.retention_projection', 'as_of before everything: empty');
SELECT ror.unbind_source('customers') \g /dev/null
SELECT is_empty('SELECT * FROM ror.retention_projection', 'customers unbound: empty');

SELECT * FROM finish();
ROLLBACK;
