-- sBG (shifted-beta-geometric): Fader & Hardie 2007's two data sets against
-- their published estimates, the same fits from one row per customer and from
-- merged and parallel states, recovery of known parameters, the projections
-- against their definitions (DERL against the brute-force sum), I/O, bad input.
SET extra_float_digits = 0;

-- "How to project customer retention" (2007), Table 1: survivors of 1000
-- customers over 7 years; published alpha, beta = 0.704, 1.182 (regular) and
-- 0.668, 3.806 (high end), log-likelihoods -1680.3 and -1611.2
CREATE TABLE cohorts (segment text, survivors bigint[]);
INSERT INTO cohorts VALUES
    ('regular', '{1000,631,468,382,326,289,262,241}'),
    ('high end', '{1000,869,743,653,593,551,517,491}');
CREATE TABLE fits AS SELECT segment, ror.sbg_fit(survivors) AS m FROM cohorts;
SELECT segment, round((m::jsonb->>'alpha')::numeric, 3) AS alpha, round((m::jsonb->>'beta')::numeric, 3) AS beta,
       round((m::jsonb->>'loglik')::numeric, 1) AS loglik, m::jsonb->'customers' AS customers,
       m::jsonb->'periods' AS periods, m::jsonb->'converged' AS converged,
       round((m::jsonb->>'se_alpha')::numeric, 3) AS se_alpha, round((m::jsonb->>'se_beta')::numeric, 3) AS se_beta
FROM fits ORDER BY segment;

-- one row per customer: churned in year t (lost), or active after 7 years
CREATE TABLE customers AS
SELECT c.segment, t AS years, true AS churned
FROM cohorts c, generate_series(1, 7) t, generate_series(1, c.survivors[t] - c.survivors[t + 1])
UNION ALL
SELECT c.segment, 7, false FROM cohorts c, generate_series(1, c.survivors[8]);
SELECT segment, count(*) AS customers, count(*) FILTER (WHERE churned) AS churned FROM customers GROUP BY segment ORDER BY segment;
-- the same model, bit for bit
SELECT f.segment, ror.sbg_fit(ror.survival_agg(c.years, c.churned)) OPERATOR(ror.=) f.m AS same_fit
FROM customers c JOIN fits f USING (segment) GROUP BY f.segment, f.m ORDER BY f.segment;
-- merged states (two halves, shipped as text) and a parallel plan: the same model
SELECT f.segment, ror.sbg_fit(ror.survival_agg(h.s)) OPERATOR(ror.=) f.m AS merged_fit
FROM (SELECT segment, (ror.survival_agg(years, churned)::text)::ror.survival AS s
      FROM (SELECT *, row_number() OVER () % 2 AS half FROM customers) x GROUP BY segment, half) h
JOIN fits f USING (segment) GROUP BY f.segment, f.m ORDER BY f.segment;
CREATE TABLE many AS SELECT c.* FROM customers c, generate_series(1, 40);
ANALYZE many;
SET parallel_setup_cost = 0;
SET parallel_tuple_cost = 0;
SET min_parallel_table_scan_size = 0;
SET max_parallel_workers_per_gather = 2;
EXPLAIN (COSTS OFF) SELECT ror.sbg_fit(ror.survival_agg(years, churned)) FROM many WHERE segment = 'regular';
SELECT ror.sbg_fit(ror.survival_agg(years, churned)) AS parallel_fit FROM many WHERE segment = 'regular' \gset
RESET parallel_setup_cost;
RESET parallel_tuple_cost;
RESET min_parallel_table_scan_size;
SET max_parallel_workers_per_gather = 0;
SELECT ror.sbg_fit(ror.survival_agg(years, churned)) OPERATOR(ror.=) :'parallel_fit' AS parallel_equals_serial,
       (SELECT round((m::jsonb->>'alpha')::numeric, 3) FROM fits WHERE segment = 'regular') =
       round((ror.sbg_fit(ror.survival_agg(years, churned))::jsonb->>'alpha')::numeric, 3) AS same_alpha_40_times_the_data
FROM many WHERE segment = 'regular';
RESET max_parallel_workers_per_gather;

-- recovery: theta ~ beta(alpha, beta) drawn by inversion where one shape is
-- 1, churn in period T ~ geometric(theta), observed for 8 periods; the
-- estimates lie within 3 standard errors of the truth
SELECT setseed(0.42);
CREATE TABLE sim AS
WITH theta AS (
    SELECT 'a1' AS run, 1.0 AS alpha, 2.5 AS beta, least(greatest(1 - (1 - random()) ^ (1 / 2.5), 1e-12), 1 - 1e-12) AS th
    FROM generate_series(1, 20000)
    UNION ALL
    SELECT 'b1', 0.6, 1.0, least(greatest((1 - random()) ^ (1 / 0.6), 1e-12), 1 - 1e-12)
    FROM generate_series(1, 20000)),
lifetimes AS (
    SELECT run, alpha, beta, ceil(ln(1 - random()) / ln(1 - th)) AS t FROM theta)
SELECT run, alpha, beta, ror.sbg_fit(ror.survival_agg(least(greatest(t, 1), 8), t <= 8)) AS m
FROM lifetimes GROUP BY run, alpha, beta;
SELECT run, abs((m::jsonb->>'alpha')::float8 - alpha) < 3 * (m::jsonb->>'se_alpha')::float8 AS alpha_recovered,
       abs((m::jsonb->>'beta')::float8 - beta) < 3 * (m::jsonb->>'se_beta')::float8 AS beta_recovered,
       (m::jsonb->>'converged')::boolean AS converged, (m::jsonb->>'customers')::int AS customers
FROM sim ORDER BY run;

-- projections of the regular segment
SELECT m AS regular FROM fits WHERE segment = 'regular' \gset
-- S(t) = prod (beta + k - 1)/(alpha + beta + k - 1); r(t) = S(t)/S(t - 1)
SELECT t, round(ror.sbg_survival(:'regular', t)::numeric, 6) AS survival,
       round(CASE WHEN t >= 1 THEN ror.sbg_retention(:'regular', t) END::numeric, 6) AS retention
FROM generate_series(0, 12) t;
SELECT bool_and(abs(ror.sbg_survival(:'regular', t) - p) <= 1e-14 * p) AS survival_is_the_product,
       bool_and(abs(ror.sbg_retention(:'regular', t) * ror.sbg_survival(:'regular', t - 1)
                    - ror.sbg_survival(:'regular', t)) <= 1e-14 * ror.sbg_survival(:'regular', t)) AS retention_is_the_ratio
FROM (SELECT t, exp(sum(ln((beta + k - 1) / (alpha + beta + k - 1))) OVER (ORDER BY k)) AS p
      FROM (SELECT ((:'regular'::ror.sbg)::jsonb->>'alpha')::float8 AS alpha, ((:'regular'::ror.sbg)::jsonb->>'beta')::float8 AS beta) m,
           generate_series(1, 200) AS k, LATERAL (SELECT k AS t) tt) s;
-- far tenures (the ln Gamma form) continue the product
SELECT abs(ror.sbg_survival(:'regular', 100001) / ror.sbg_survival(:'regular', 100000)
           - ror.sbg_retention(:'regular', 100001)) < 1e-9 AS far_survival_consistent;

-- DERL against the brute-force sum over 20,000 periods, to 1e-10 (terms
-- below e^-700 of the first are left out: float8 would underflow)
SELECT d, renewals,
       round(ror.sbg_derl(:'regular', d, renewals)::numeric, 6) AS derl,
       abs(ror.sbg_derl(:'regular', d, renewals) - brute) <= 1e-10 * brute AS matches_the_sum
FROM (VALUES (0.1::float8), (0.01)) dd(d), (VALUES (0), (1), (6), (50)) rr(renewals),
LATERAL (
    SELECT sum(exp(lns - lns0 - (t - (renewals + 1)) * ln(1 + d))) AS brute
    FROM (SELECT t, sum(ln((b + t - 1) / (a + b + t - 1))) OVER (ORDER BY t) AS lns
          FROM (SELECT ((:'regular'::ror.sbg)::jsonb->>'alpha')::float8 AS a, ((:'regular'::ror.sbg)::jsonb->>'beta')::float8 AS b) m,
               generate_series(1, 20000) t) s,
         LATERAL (SELECT coalesce(sum(ln((b2 + k - 1) / (a2 + b2 + k - 1))), 0) AS lns0
                  FROM (SELECT ((:'regular'::ror.sbg)::jsonb->>'alpha')::float8 AS a2, ((:'regular'::ror.sbg)::jsonb->>'beta')::float8 AS b2) m2,
                       generate_series(1, renewals) k) z
    WHERE t >= renewals + 1 AND (t - (renewals + 1)) * ln(1 + d) < 700) bf
ORDER BY d DESC, renewals;
-- a new customer: sum over t >= 0 of S(t) / (1 + d)^t = 1 + derl(renewals 0) / (1 + d)
SELECT abs(ror.sbg_expected_lifetime(:'regular', 0.1)
           - (1 + ror.sbg_derl(:'regular', 0.1) / 1.1)) < 1e-13 AS lifetime_consistent,
       round(ror.sbg_expected_lifetime(:'regular', 0.1)::numeric, 6) AS lifetime_10pct;
-- no discounting: finite only when alpha > 1, E[T] = (alpha + beta - 1)/(alpha - 1)
SELECT ror.sbg_expected_lifetime(:'regular') IS NULL AS diverges, ror.sbg_derl(:'regular', 0) IS NULL AS derl_diverges,
       ror.sbg_expected_lifetime(ror.sbg(2.5, 1.5)) AS lifetime_a25_b15,
       ror.sbg_derl(ror.sbg(2.5, 1.5), 0, 3) AS derl_a25_b15_3_renewals,
       abs(ror.sbg_derl(ror.sbg(2.5, 1.5), 1e-6, 3) / ror.sbg_derl(ror.sbg(2.5, 1.5), 0, 3) - 1) < 1e-4 AS continuous_at_0;
SELECT ror.sbg_clv(:'regular', 100, 0.1, 2) = 100 * ror.sbg_derl(:'regular', 0.1, 2) AS clv_is_margin_times_derl,
       ror.sbg_clv(:'regular', 100, 0) AS clv_diverges;

-- NULL: nothing to fit
SELECT ror.sbg_fit('{0,0,0}'::bigint[]) IS NULL AS empty_cohort,
       ror.sbg_fit('{}'::ror.survival) IS NULL AS empty_state,
       ror.sbg_fit(ror.survival_agg(0, false)) IS NULL AS only_new_customers;
-- data that do not identify the model: a warning, converged = false
SELECT m::jsonb->'converged' AS converged FROM (SELECT ror.sbg_fit('{100,100,100}'::bigint[]) AS m) x;
SELECT m::jsonb->'converged' AS converged FROM (SELECT ror.sbg_fit('{100,0}'::bigint[]) AS m) x;

-- I/O: exact text round trip, jsonb, a model by hand
SELECT m::text::ror.sbg OPERATOR(ror.=) m AS text_round_trip, m::jsonb->'fitted' AS fitted FROM fits ORDER BY segment;
SELECT ror.sbg(0.704, 1.182);
SELECT ror.sbg(0.704, 1.182)::jsonb;
SELECT '(alpha=1,beta=2,customers=0,periods=0,loglik=0,iterations=0,converged=0,se_alpha=0,se_beta=0)'::ror.sbg;
SELECT count(*) AS distinct_models FROM (SELECT m FROM fits UNION SELECT m FROM fits) x;

-- bad input
\set VERBOSITY terse
SELECT ror.sbg(0, 1);
SELECT ror.sbg(1, 'Infinity');
SELECT ror.sbg_fit('{5}'::bigint[]);
SELECT ror.sbg_fit('{}'::bigint[]);
SELECT ror.sbg_fit('{5,6}'::bigint[]);
SELECT ror.sbg_fit('{5,-1}'::bigint[]);
SELECT ror.sbg_fit('{5,NULL}'::bigint[]);
SELECT ror.sbg_fit('{{5,4},{3,2}}'::bigint[]);
SELECT ror.sbg_fit(ror.survival_agg(d, c)) FROM (VALUES (1.5, true), (2, false)) v(d, c);
SELECT ror.sbg_fit(ror.survival_agg(d, c)) FROM (VALUES (0, true), (2, false)) v(d, c);
SELECT ror.sbg_fit(ror.survival_agg(d, c)) FROM (VALUES (1e12, true), (2, false)) v(d, c);
SELECT ror.sbg_survival(ror.sbg(1, 1), -1);
SELECT ror.sbg_retention(ror.sbg(1, 1), 0);
SELECT ror.sbg_derl(ror.sbg(1, 1), -0.1);
SELECT ror.sbg_derl(ror.sbg(1, 1), 'NaN');
SELECT ror.sbg_expected_lifetime(ror.sbg(1, 1), 'Infinity');
SELECT ror.sbg_derl(ror.sbg(1, 1), 0.1, -1);
SELECT ror.sbg_clv(ror.sbg(1, 1), 'Infinity', 0.1);
SELECT ror.sbg_derl(ror.sbg(0.5, 1), 1e-12);
SELECT '(alpha=0,beta=2,customers=0,periods=0,loglik=0,iterations=0,converged=0,se_alpha=0,se_beta=0)'::ror.sbg;
SELECT '(alpha=1,beta=2,customers=0,periods=3,loglik=0,iterations=0,converged=0,se_alpha=0,se_beta=0)'::ror.sbg;
SELECT '(alpha=1,beta=2,customers=5,periods=0,loglik=-1,iterations=1,converged=1,se_alpha=0,se_beta=0)'::ror.sbg;
SELECT '(alpha=1,beta=2,customers=5,periods=1,loglik=1,iterations=1,converged=1,se_alpha=0,se_beta=0)'::ror.sbg;
SELECT '(alpha=1,beta=2,customers=5,periods=1,loglik=-1,iterations=1,converged=2,se_alpha=0,se_beta=0)'::ror.sbg;
SELECT '(alpha=1,beta=2,customers=5,periods=1,loglik=-1,iterations=1,converged=1,se_alpha=-1,se_beta=0)'::ror.sbg;
SELECT '(alpha=1,beta=2)'::ror.sbg;
