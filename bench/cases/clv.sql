-- CLV: rfm_agg per customer over 10 M orders against count(*) GROUP BY
-- customer on the same table, and into one state against count(*), both in
-- interleaved pairs; gamma_gamma_fit over 1 M customers against count(*); the
-- Gamma-Gamma fit of the CDNOW sample (946 repeat buyers).
SELECT bench.scaled(10000000) AS orders, bench.scaled(1000000) AS customers \gset
DROP TABLE IF EXISTS bench.clv_orders, bench.clv_customers, bench.clv_cdnow;
-- 10 M orders of 1 M customers over two years, amounts in cents
CREATE TABLE bench.clv_orders AS
SELECT (hashint4(i) & 2147483647) % :customers AS customer,
       DATE '2023-01-01' + ((hashint4(i + 7) & 2147483647) % 730) AS day,
       ((hashint4(i + 13) & 2147483647) % 20000) / 100.0::float8 AS amount
FROM generate_series(1, :orders) i;
VACUUM (FREEZE, ANALYZE) bench.clv_orders;
CREATE TABLE bench.clv_cdnow (id int, x int, t_x float8, big_t float8, zbar float8);
\copy bench.clv_cdnow from '../shared/data/cdnow/cdnow_summary.csv' with (format csv, header)
-- 1 M customers: the CDNOW sample's (x, zbar) rows repeated, zbar jittered by
-- up to +-0.05 % so that nearly every repeat buyer is a distinct pattern
-- (about 400 k patterns), and the fit has the CDNOW answer to find
CREATE TABLE bench.clv_customers AS
SELECT c.x::float8 AS x,
       c.zbar * (1 + ((hashint4(i) & 2147483647) % 1001 - 500) / 1e6) AS m
FROM generate_series(1, :customers) i
JOIN bench.clv_cdnow c ON c.id = 1 + i % 2357;
VACUUM (FREEZE, ANALYZE) bench.clv_customers;

SELECT bench.measure_pairs('rfm_agg GROUP BY customer, 10M orders',
  $$SELECT customer, ror.rfm_agg(day, amount, DATE '2024-12-31') FROM bench.clv_orders GROUP BY customer$$,
  'count(*) GROUP BY customer, 10M orders', 'SELECT customer, count(*) FROM bench.clv_orders GROUP BY customer',
  '<= 1.3');
SELECT bench.measure_pairs('rfm_agg, 10M orders (one state)',
  $$SELECT ror.rfm_agg(day, amount, DATE '2024-12-31') FROM bench.clv_orders$$,
  'count(*), 10M orders', 'SELECT count(*) FROM bench.clv_orders', '<= 2');
SELECT bench.measure('count(*), 1M customers', 'SELECT count(*) FROM bench.clv_customers');
SELECT bench.measure('gamma_gamma_state_agg, 1M customers',
  'SELECT ror.gamma_gamma_state_agg(x, m) FROM bench.clv_customers', 'count(*), 1M customers');
SELECT bench.measure('gamma_gamma_fit, 1M customers',
  'SELECT ror.gamma_gamma_fit(x, m) FROM bench.clv_customers', 'count(*), 1M customers', NULL, 3);

SELECT bench.measure('count(*), CDNOW sample', 'SELECT count(*) FROM bench.clv_cdnow');
SELECT bench.measure('gamma_gamma_fit, CDNOW sample (946 repeat buyers)',
  'SELECT ror.gamma_gamma_fit(x, zbar) FROM bench.clv_cdnow', 'count(*), CDNOW sample');
SELECT count(DISTINCT (x, m)) FILTER (WHERE x > 0) AS patterns_1m, ror.gamma_gamma_fit(x, m) AS fit_1m
FROM bench.clv_customers;
DROP TABLE bench.clv_orders, bench.clv_customers, bench.clv_cdnow;
