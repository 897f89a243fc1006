-- Churn: churn_rate(lifetime, period) against count(lifetime) on the same
-- 10 M-row table, serial; the two targets in interleaved pairs.
SELECT bench.scaled(10000000) AS rows \gset
DROP TABLE IF EXISTS bench.churn_lives;
CREATE TABLE bench.churn_lives AS
SELECT daterange(a, CASE WHEN h % 3 = 0 THEN NULL ELSE a + 1 + (h >> 8) % 900 END) AS lifetime,
       tstzrange(t, CASE WHEN h % 3 = 0 THEN NULL ELSE t + ((h >> 8) % 900) * interval '1 day 17 seconds' END) AS tlife
FROM (SELECT h, date '2021-01-01' + h % 1200 AS a,
             timestamptz '2021-01-01 00:00:00+00' + (h % 1200) * interval '1 day 3 seconds' AS t
      FROM (SELECT hashint4(i) & 2147483647 AS h FROM generate_series(1, :rows) i) q) q;
VACUUM (FREEZE, ANALYZE) bench.churn_lives;

SELECT bench.measure_pairs('churn_rate(lifetime, period)',
  $$SELECT ror.churn_rate(lifetime, daterange('2023-01-01', '2023-02-01')) FROM bench.churn_lives$$,
  'count(lifetime)', 'SELECT count(lifetime) FROM bench.churn_lives', '<= 1.25');
SELECT bench.measure('churn_rate(.., customer_days)',
  $$SELECT ror.churn_rate(lifetime, daterange('2023-01-01', '2023-02-01'), 'customer_days') FROM bench.churn_lives$$,
  'count(lifetime)');
SELECT bench.measure('hand-written SQL standard churn',
  $$SELECT (count(*) FILTER (WHERE lifetime @> date '2023-01-01' AND NOT lifetime @> date '2023-02-01'))::float8
           / count(*) FILTER (WHERE lifetime @> date '2023-01-01') FROM bench.churn_lives$$,
  'count(lifetime)');
SELECT bench.measure_pairs('churn_rate(tstzrange)',
  $$SELECT ror.churn_rate(tlife, tstzrange('2023-01-01 00:00+00', '2023-02-01 00:00+00')) FROM bench.churn_lives$$,
  'count(tlife)', 'SELECT count(tlife) FROM bench.churn_lives', '<= 1.25');
DROP TABLE bench.churn_lives;
