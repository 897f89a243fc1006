-- sBG: sbg_fit over the survival state of 10 M customers against the state
-- alone (interleaved pairs, serial): the fit works on the distinct tenures,
-- so it should cost about what survival_agg costs.  Then the fit by itself on
-- a state of 120 whole periods (target <= 10 ms), against reading the state.
SELECT bench.scaled(10000000) AS rows \gset
DROP TABLE IF EXISTS bench.sbg_obs, bench.sbg_state;
-- monthly tenures 1..120 of an sBG(0.7, 1.2) population: theta by inversion is
-- not available for two shapes != 1, so theta = 1 - u^(1/1.2) (alpha 1, beta 1.2),
-- churn in month t by inversion, censored after 120 months
CREATE TABLE bench.sbg_obs AS
SELECT least(t, 120)::float8 AS periods, t <= 120 AS churned
FROM (SELECT ceil(ln(1 - ((h2 >> 4) % 1000000 + 0.5) / 1000000.0)
                  / ln((((h1 >> 4) % 1000000 + 0.5) / 1000000.0) ^ (1 / 1.2))) AS t
      FROM (SELECT hashint4(i) & 2147483647 AS h1, hashint4(-i) & 2147483647 AS h2
            FROM generate_series(1, :rows) i) q) x;
VACUUM (FREEZE, ANALYZE) bench.sbg_obs;
SELECT count(DISTINCT periods) AS distinct_tenures, avg(churned::int) AS churned_share FROM bench.sbg_obs;
SELECT bench.measure_pairs('sbg_fit(survival_agg(periods, churned))',
                           'SELECT ror.sbg_fit(ror.survival_agg(periods, churned)) FROM bench.sbg_obs',
                           'survival_agg(periods, churned)',
                           'SELECT ror.survival_agg(periods, churned) FROM bench.sbg_obs', '~ 1');
CREATE TABLE bench.sbg_state AS SELECT ror.survival_agg(periods, churned) AS s FROM bench.sbg_obs;
SELECT (ror.sbg_fit(s))::jsonb AS fit FROM bench.sbg_state;
SELECT bench.measure('read the 120-period state', 'SELECT s FROM bench.sbg_state', NULL, NULL, 21);
SELECT bench.measure('sbg_fit of the 120-period state', 'SELECT ror.sbg_fit(s) FROM bench.sbg_state',
                     'read the 120-period state', '<= 10 ms', 21);
DROP TABLE bench.sbg_obs, bench.sbg_state;
