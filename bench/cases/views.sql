-- Report views on ror.generate_demo_data at 100 k customers, each queried as
-- Metabase queries it (a month-truncated GROUP BY with sums, a raw LIMIT 2000,
-- the fingerprint LIMIT 10000).  Target: <= 2 s each (PRODUCT 5).  The
-- baseline is count(*) over the orders table the views read.  views_1m.sql
-- sets customers and target first and includes this file.
\if :{?customers}
\else
\set customers 100000
\endif
SELECT bench.scaled(:customers) AS customers \gset
\if :{?target}
\else
\set target '<= 2 s'
\endif
\if :{?backfill}
\else
\set backfill true
\endif
SELECT * FROM ror.generate_demo_data('bench_demo', :customers, 1);
VACUUM (FREEZE, ANALYZE) bench_demo.customers, bench_demo.orders, bench_demo.responses, bench_demo.interactions;

SELECT bench.measure('count(*) orders', 'SELECT count(*) FROM bench_demo.orders');
SELECT bench.measure('nps_by_period by month', $q$
  SELECT CAST(date_trunc('month', period_start) AS date) AS m, segment, sum(responses), sum(promoters), sum(detractors)
  FROM ror.nps_by_period GROUP BY 1, 2 ORDER BY 1, 2 $q$, 'count(*) orders', :'target', 3);
SELECT bench.measure('churn_by_period by month', $q$
  SELECT CAST(date_trunc('month', period_start) AS date) AS m, segment, sum(customers_at_start), sum(churned_from_start)
  FROM ror.churn_by_period GROUP BY 1, 2 ORDER BY 1, 2 $q$, 'count(*) orders', :'target', 3);
SELECT bench.measure('cohort_retention LIMIT 2000', 'SELECT * FROM ror.cohort_retention LIMIT 2000',
                     'count(*) orders', :'target', 3);
SELECT bench.measure('retention_projection by period number', $q$
  SELECT period_number, is_projected, avg(observed_retention), avg(projected_retention)
  FROM ror.retention_projection WHERE segment = 'basic' GROUP BY 1, 2 ORDER BY 1, 2 $q$,
  'count(*) orders', :'target', 3);
SELECT bench.measure('customer_value by segment', $q$
  SELECT segment, count(*), sum(clv), avg(p_alive) FROM ror.customer_value GROUP BY 1 ORDER BY 1 $q$,
  'count(*) orders', :'target', 3);
SELECT bench.measure('customer_value LIMIT 2000', 'SELECT * FROM ror.customer_value LIMIT 2000',
                     'count(*) orders', :'target', 3);
SELECT bench.measure('model_fit', 'SELECT * FROM ror.model_fit', 'count(*) orders', :'target', 3);
SELECT bench.measure('data_issues', 'SELECT * FROM ror.data_issues', 'count(*) orders', :'target', 3);
SELECT bench.measure('nps_by_period fingerprint LIMIT 10000', 'SELECT * FROM ror.nps_by_period LIMIT 10000',
                     'count(*) orders', :'target', 3);
SELECT bench.measure('customer_relationship by band', $q$
  SELECT band, count(*), avg(ror_score) FROM ror.customer_relationship GROUP BY 1 ORDER BY 1 $q$,
  'count(*) orders', :'target', 3);
SELECT bench.measure('customer_relationship LIMIT 2000', 'SELECT * FROM ror.customer_relationship LIMIT 2000',
                     'count(*) orders', :'target', 3);
SELECT bench.measure('scorecard', 'SELECT * FROM ror.scorecard', 'count(*) orders', :'target', 3);
-- 36 monthly snapshots to 2026-06-30 (the demo's as_of); one run after the warm-up
\if :backfill
SELECT bench.measure('backfill_scorecard, 36 months', $q$SELECT ror.backfill_scorecard('2023-07-01', '2026-06-30')$q$,
                     'count(*) orders', '<= 60 s', 1);
\endif
SELECT ror.unbind_source(k) FROM unnest(ARRAY['customers', 'orders', 'responses', 'interactions']) k;
DELETE FROM ror.scorecard_snapshot;
DROP SCHEMA bench_demo CASCADE;
