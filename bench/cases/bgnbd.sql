-- BG/NBD: on three simulated draws of 1 M customers at day grain
-- (bgnbd_draw.psql, one per seed): bgnbd_fit against one numpy evaluation of
-- the likelihood on the same rows, bgnbd_hist_agg against count(*).  On the
-- first draw also expected_purchases and clv(bg, gg, ...) over all customers
-- with 12 monthly periods; then the CDNOW sample fit.
SELECT bench.scaled(1000000) AS customers \gset
\set seed 42
\ir bgnbd_draw.psql
SELECT bench.measure('sum(expected_purchases(30 d)) 1M', 'SELECT sum(ror.expected_purchases(bg, 30, frequency, recency, age)) FROM bench.bg_customers, bench.bg_model',
                     :'count_case');
SELECT bench.measure('sum(clv(bg, gg, 12 x 30 d)) 1M', 'SELECT sum(ror.clv(bg, gg, frequency, recency, age, monetary, 12, 0.01, 30)) FROM bench.bg_customers, bench.bg_model',
                     :'count_case', '<= 1 s');
\set seed 7
\ir bgnbd_draw.psql
\set seed 2026
\ir bgnbd_draw.psql

DROP TABLE IF EXISTS bench.cdnow;
CREATE TABLE bench.cdnow (id int, x bigint, t_x float8, t_cal float8, zbar float8);
\copy bench.cdnow from '../shared/data/cdnow/cdnow_summary.csv' csv header
SELECT bench.measure('count(*) CDNOW sample', 'SELECT count(*) FROM bench.cdnow');
SELECT bench.measure('bgnbd_fit CDNOW sample (2357)', 'SELECT ror.bgnbd_fit(x, t_x, t_cal) FROM bench.cdnow',
                     'count(*) CDNOW sample', '<= 10 ms');
DROP TABLE bench.bg_customers, bench.bg_model, bench.cdnow;
