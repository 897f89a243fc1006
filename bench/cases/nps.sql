-- NPS: nps_agg(score) against count(score) on the same 10 M-row table, serial;
-- and grouped into 100 k groups (100 rows each) against count(*) ... GROUP BY;
-- the two targets in interleaved pairs.
SELECT bench.scaled(10000000) AS rows, bench.scaled(100000) AS groups \gset
DROP TABLE IF EXISTS bench.nps_scores;
CREATE TABLE bench.nps_scores AS
SELECT (i % :groups)::int AS grp, (hashint4(i) & 2147483647) % 11 AS score
FROM generate_series(1, :rows) i;
VACUUM (FREEZE, ANALYZE) bench.nps_scores;

SELECT bench.measure_pairs('nps_agg(score)', 'SELECT ror.nps_agg(score) FROM bench.nps_scores',
                           'count(score)', 'SELECT count(score) FROM bench.nps_scores', '<= 1.10');
SELECT bench.measure('hand-written SQL NPS',
  'SELECT 100.0 * (count(*) FILTER (WHERE score >= 9) - count(*) FILTER (WHERE score <= 6)) / count(*) FROM bench.nps_scores',
  'count(score)', '~1.35 on our machines');
SELECT bench.measure('nps_agg(score, 1.0)', 'SELECT ror.nps_agg(score, 1.0) FROM bench.nps_scores',
                     'count(score)');
SELECT bench.measure_pairs('nps_agg GROUP BY 100k', 'SELECT grp, ror.nps_agg(score) FROM bench.nps_scores GROUP BY grp',
                           'count(*) GROUP BY 100k', 'SELECT grp, count(*) FROM bench.nps_scores GROUP BY grp', '<= 1.15');
DROP TABLE bench.nps_scores;
