-- Survival: survival_agg(duration, churned) against count(*) on a 10 M-row
-- table of durations in whole days (1500 distinct), serial.  For context:
-- reading the columns alone, and the same durations plus half a day (not
-- whole numbers, so they take the hash index instead of the dense block).
SELECT bench.scaled(10000000) AS rows \gset
DROP TABLE IF EXISTS bench.survival_obs;
CREATE TABLE bench.survival_obs AS
SELECT ((h >> 4) % 1500)::float8 AS duration, h % 5 < 2 AS churned
FROM (SELECT hashint4(i) & 2147483647 AS h FROM generate_series(1, :rows) i) q;
VACUUM (FREEZE, ANALYZE) bench.survival_obs;
SELECT bench.measure('count(*) durations', 'SELECT count(*) FROM bench.survival_obs');
SELECT bench.measure('count(duration)', 'SELECT count(duration) FROM bench.survival_obs', 'count(*) durations');
SELECT bench.measure('count(churned)', 'SELECT count(churned) FROM bench.survival_obs', 'count(*) durations');
SELECT bench.measure('sum(duration)', 'SELECT sum(duration) FROM bench.survival_obs', 'count(*) durations');
SELECT bench.measure('survival_agg(duration, churned)',
  'SELECT ror.survival_agg(duration, churned) FROM bench.survival_obs', 'count(*) durations', '<= 1.5');
DROP TABLE bench.survival_obs;

DROP TABLE IF EXISTS bench.survival_frac;
CREATE TABLE bench.survival_frac AS
SELECT ((h >> 4) % 1500 + 0.5)::float8 AS duration, h % 5 < 2 AS churned
FROM (SELECT hashint4(i) & 2147483647 AS h FROM generate_series(1, :rows) i) q;
VACUUM (FREEZE, ANALYZE) bench.survival_frac;
SELECT bench.measure('count(*) half days', 'SELECT count(*) FROM bench.survival_frac');
SELECT bench.measure('survival_agg, half days (hash index)',
  'SELECT ror.survival_agg(duration, churned) FROM bench.survival_frac', 'count(*) half days');
DROP TABLE bench.survival_frac;
