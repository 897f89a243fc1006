-- The report views at 1 M customers against 100 k, in pairs: the issue asks
-- each view's query to take <= 10 x its 100 k time (the cost grows linearly).
-- Both demo data sets stay in the database; before each run the four sources
-- are bound to one of them (untimed), 100 k then 1 M, three pairs after a warm-up of each, so that a slow phase
-- of the machine hits both sides of a ratio (runs of views.sql and
-- views_1m.sql minutes apart differed by 10-25 % on the same code).
-- The plain count(*) of the orders is measured the same way, as the machine's
-- own scaling.  Generating the data takes about four minutes.
SELECT * FROM ror.generate_demo_data('bench_s100k', bench.scaled(100000)::int, 1);
SELECT * FROM ror.generate_demo_data('bench_s1m', bench.scaled(1000000)::int, 1);
VACUUM (FREEZE, ANALYZE) bench_s100k.customers, bench_s100k.orders, bench_s100k.responses, bench_s100k.interactions,
                         bench_s1m.customers, bench_s1m.orders, bench_s1m.responses, bench_s1m.interactions;

-- bind the four sources to the demo tables of schema s
CREATE OR REPLACE FUNCTION bench.bind_demo(s text) RETURNS void LANGUAGE sql AS $$
    SELECT ror.bind_source(k, format('%I.%I', s, k)::regclass)
    FROM unnest(ARRAY['customers', 'orders', 'responses', 'interactions']) k
$$;

CREATE TEMP TABLE scaling_queries (ord int, name text, q text);
INSERT INTO scaling_queries VALUES
 (1, 'count(*) orders', 'SELECT count(*) FROM {s}.orders'),
 (2, 'nps_by_period by month', $q$SELECT CAST(date_trunc('month', period_start) AS date) AS m, segment, sum(responses), sum(promoters), sum(detractors)
  FROM ror.nps_by_period GROUP BY 1, 2 ORDER BY 1, 2$q$),
 (3, 'churn_by_period by month', $q$SELECT CAST(date_trunc('month', period_start) AS date) AS m, segment, sum(customers_at_start), sum(churned_from_start)
  FROM ror.churn_by_period GROUP BY 1, 2 ORDER BY 1, 2$q$),
 (4, 'cohort_retention LIMIT 2000', 'SELECT * FROM ror.cohort_retention LIMIT 2000'),
 (5, 'retention_projection by period number', $q$SELECT period_number, is_projected, avg(observed_retention), avg(projected_retention)
  FROM ror.retention_projection WHERE segment = 'basic' GROUP BY 1, 2 ORDER BY 1, 2$q$),
 (6, 'customer_value by segment', 'SELECT segment, count(*), sum(clv), avg(p_alive) FROM ror.customer_value GROUP BY 1 ORDER BY 1'),
 (7, 'customer_value LIMIT 2000', 'SELECT * FROM ror.customer_value LIMIT 2000'),
 (8, 'model_fit', 'SELECT * FROM ror.model_fit'),
 (9, 'data_issues', 'SELECT * FROM ror.data_issues'),
 (10, 'nps_by_period fingerprint LIMIT 10000', 'SELECT * FROM ror.nps_by_period LIMIT 10000'),
 (11, 'customer_relationship by band', 'SELECT band, count(*), avg(ror_score) FROM ror.customer_relationship GROUP BY 1 ORDER BY 1'),
 (12, 'customer_relationship LIMIT 2000', 'SELECT * FROM ror.customer_relationship LIMIT 2000'),
 (13, 'scorecard', 'SELECT * FROM ror.scorecard');

SELECT bench.measure_pairs(name || ', 1 M', replace(q, '{s}', 'bench_s1m'),
                           name || ', 100 k', replace(q, '{s}', 'bench_s100k'),
                           CASE WHEN ord = 1 THEN 'the machine' ELSE '<= 10 x 100 k' END, 3,
                           $$SELECT bench.bind_demo('bench_s1m')$$, $$SELECT bench.bind_demo('bench_s100k')$$)
FROM scaling_queries ORDER BY ord;

SELECT ror.unbind_source(k) FROM unnest(ARRAY['customers', 'orders', 'responses', 'interactions']) k;
DROP FUNCTION bench.bind_demo(text);
DROP SCHEMA bench_s100k CASCADE;
DROP SCHEMA bench_s1m CASCADE;
