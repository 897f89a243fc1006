-- Report views on ror.generate_demo_data at 100 k customers, each queried as
-- Metabase queries it (the queries: bench/views_queries.sql).  Target: <= 2 s
-- each (PRODUCT 5).  The baseline is count(*) over the orders table the views
-- read.  views_1m.sql sets customers and target first and includes this file.
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

\ir ../views_queries.sql
-- the baseline (5 runs), then every view (3 runs; volatile calls run in ORDER BY's order)
SELECT bench.measure(name, replace(q, '{s}', 'bench_demo'),
                     CASE WHEN ord > 1 THEN 'count(*) orders' END,
                     CASE WHEN ord > 1 AND is_view THEN :'target' END, CASE WHEN ord > 1 THEN 3 ELSE 5 END)
FROM view_queries ORDER BY ord;
-- 36 monthly snapshots to 2026-06-30 (the demo's as_of); one run after the warm-up
\if :backfill
SELECT bench.measure('backfill_scorecard, 36 months', $q$SELECT ror.backfill_scorecard('2023-07-01', '2026-06-30')$q$,
                     'count(*) orders', '<= 60 s', 1);
\endif
SELECT ror.unbind_source(k) FROM unnest(ARRAY['customers', 'orders', 'responses', 'interactions']) k;
DELETE FROM ror.scorecard_snapshot;
DROP SCHEMA bench_demo CASCADE;
