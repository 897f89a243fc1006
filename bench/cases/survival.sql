-- Survival: survival_agg(duration, churned) against reading the same two
-- columns (count(duration), count(churned)) in interleaved pairs, serial, on
-- 10 M rows of whole days (1500 distinct: the dense block) and on 10 M rows of
-- weeks with 1000 distinct fractional durations (the hash index).  Then the
-- memory of 100 k small groups of 50 rows: the stored states, and the
-- working states while grouping (HashAggregate's peak), per group, against
-- what the group's distinct durations need.
SELECT bench.scaled(10000000) AS rows, bench.scaled(100000) AS groups \gset
DROP TABLE IF EXISTS bench.survival_obs, bench.survival_frac, bench.survival_groups, bench.survival_states;
CREATE TABLE bench.survival_obs AS
SELECT ((h >> 4) % 1500)::float8 AS duration, h % 5 < 2 AS churned
FROM (SELECT hashint4(i) & 2147483647 AS h FROM generate_series(1, :rows) i) q;
VACUUM (FREEZE, ANALYZE) bench.survival_obs;
SELECT bench.measure_pairs('survival_agg, whole days', 'SELECT ror.survival_agg(duration, churned) FROM bench.survival_obs',
                           'count(duration), count(churned): whole days',
                           'SELECT count(duration), count(churned) FROM bench.survival_obs', '<= 1.15');
DROP TABLE bench.survival_obs;

-- weeks: (d + 0.5) / 7 for d in [0, 1000), none of them a whole number
CREATE TABLE bench.survival_frac AS
SELECT ((h >> 4) % 1000 + 0.5::float8) / 7 AS duration, h % 5 < 2 AS churned
FROM (SELECT hashint4(i) & 2147483647 AS h FROM generate_series(1, :rows) i) q;
VACUUM (FREEZE, ANALYZE) bench.survival_frac;
SELECT count(DISTINCT duration) AS distinct_durations, count(*) FILTER (WHERE duration = trunc(duration)) AS whole
FROM bench.survival_frac;
SELECT bench.measure_pairs('survival_agg, fractional weeks', 'SELECT ror.survival_agg(duration, churned) FROM bench.survival_frac',
                           'count(duration), count(churned): fractional weeks',
                           'SELECT count(duration), count(churned) FROM bench.survival_frac', '<= 1.15');
DROP TABLE bench.survival_frac;

-- 100 k groups x 50 rows, whole days as above (about 49 distinct per group)
CREATE TABLE bench.survival_groups AS
SELECT (i % :groups)::int AS grp, ((h >> 4) % 1500)::float8 AS duration, h % 5 < 2 AS churned
FROM (SELECT i, hashint4(i) & 2147483647 AS h FROM generate_series(1, 50 * :groups) i) q;
VACUUM (FREEZE, ANALYZE) bench.survival_groups;
-- room for every group's working state (one batch), and the HashAggregate
SET work_mem = '2GB';
SET enable_sort = off;
CREATE TABLE bench.survival_states AS
SELECT grp, ror.survival_agg(duration, churned) AS s FROM bench.survival_groups GROUP BY grp;
-- what a group needs: its distinct durations x the size of a listed entry (the
-- duration and its two counts), read from two stored states
SELECT pg_column_size('{(1,1,0),(2,1,0)}'::ror.survival) - pg_column_size('{(1,1,0)}'::ror.survival) AS entry_bytes \gset
SELECT format('needed: distinct durations x %s B, 100k groups x 50 rows', :entry_bytes) AS need_case \gset
SELECT bench.record(:'need_case', avg(n) * :entry_bytes, 'B/group')
FROM (SELECT count(DISTINCT duration) AS n FROM bench.survival_groups GROUP BY grp) g;
SELECT bench.record('survival_agg stored state (pg_column_size)', avg(pg_column_size(s)), 'B/group', :'need_case')
FROM bench.survival_states;
-- working memory: the HashAggregate's peak (hash table and states), less
-- that of count(*) over the same groups
SELECT peak_kb * 1024 / groups AS count_peak FROM bench.hashagg_memory('SELECT grp, count(*) FROM bench.survival_groups GROUP BY grp') \gset
SELECT peak_kb * 1024 / groups AS survival_peak
FROM bench.hashagg_memory('SELECT grp, ror.survival_agg(duration, churned) FROM bench.survival_groups GROUP BY grp') \gset
RESET work_mem;
RESET enable_sort;
SELECT bench.record('HashAggregate peak: count(*) GROUP BY grp', :count_peak, 'B/group');
SELECT bench.record('HashAggregate peak: survival_agg GROUP BY grp', :survival_peak, 'B/group');
SELECT bench.record('survival_agg working state (peak - count(*) peak)', :survival_peak - :count_peak, 'B/group', :'need_case');
DROP TABLE bench.survival_groups, bench.survival_states;
