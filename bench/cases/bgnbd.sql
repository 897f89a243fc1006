-- BG/NBD: bgnbd_fit over 1 M customers at day grain (simulated from the
-- CDNOW parameters with alpha scaled from weeks to days, ages spread over 1-3
-- years) against count(*) on the same table, serial; clv(bg, gg, ...) over
-- all 1 M customers with 12 monthly periods; the CDNOW sample fit.
SELECT bench.scaled(1000000) AS customers \gset
DROP TABLE IF EXISTS bench.bg_customers;
CREATE TABLE bench.bg_customers AS
SELECT customer_id, frequency, round(recency)::float8 AS recency, round(age)::float8 AS age,
       CASE WHEN frequency > 0 THEN 10 + (hashint4(customer_id) & 2147483647) % 60 ELSE 0 END::float8 AS monetary
FROM ror.bgnbd_simulate(ror.bgnbd(0.242593, 4.413532 * 7, 0.792886, 2.425752), :customers, 365, 1095, 42);
VACUUM (FREEZE, ANALYZE) bench.bg_customers;
SELECT count(*) AS customers, count(DISTINCT (frequency, recency, age)) AS distinct_patterns FROM bench.bg_customers;

SELECT bench.measure('count(*) 1M customers', 'SELECT count(*) FROM bench.bg_customers');
SELECT bench.measure('bgnbd_fit 1M customers (days)', 'SELECT ror.bgnbd_fit(frequency, recency, age) FROM bench.bg_customers',
                     'count(*) 1M customers', '<= 1 s');
SELECT bench.measure('bgnbd_hist_agg 1M (state only)', 'SELECT ror.bgnbd_hist_agg(frequency, recency, age) FROM bench.bg_customers',
                     'count(*) 1M customers');

CREATE TABLE bench.bg_model AS
SELECT (SELECT ror.bgnbd_fit(frequency, recency, age) FROM bench.bg_customers) AS bg,
       ror.gamma_gamma(6.248802, 3.744588, 15.447748) AS gg;
SELECT bench.measure('sum(expected_purchases(30 d)) 1M', 'SELECT sum(ror.expected_purchases(bg, 30, frequency, recency, age)) FROM bench.bg_customers, bench.bg_model',
                     'count(*) 1M customers');
SELECT bench.measure('sum(clv(bg, gg, 12 x 30 d)) 1M', 'SELECT sum(ror.clv(bg, gg, frequency, recency, age, monetary, 12, 0.01, 30)) FROM bench.bg_customers, bench.bg_model',
                     'count(*) 1M customers', '<= 1 s');

DROP TABLE IF EXISTS bench.cdnow;
CREATE TABLE bench.cdnow (id int, x bigint, t_x float8, t_cal float8, zbar float8);
\copy bench.cdnow from '../shared/data/cdnow/cdnow_summary.csv' csv header
SELECT bench.measure('count(*) CDNOW sample', 'SELECT count(*) FROM bench.cdnow');
SELECT bench.measure('bgnbd_fit CDNOW sample (2357)', 'SELECT ror.bgnbd_fit(x, t_x, t_cal) FROM bench.cdnow',
                     'count(*) CDNOW sample', '<= 10 ms');
DROP TABLE bench.bg_customers, bench.bg_model, bench.cdnow;
