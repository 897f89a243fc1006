-- test/lib/stored_values.sql: stored values of every ror type, for tests
-- that read, copy or fuzz them (\i'd with psql variable schema set):
-- :schema.customers (20,000 simulated customers at day grain) and
-- :schema.src (id; nps, churn, surv, rfm, gg, ggs, bg, bgh, sbg: one column
-- per type), rows 1: large values from the customers, 2: small and fractional
-- ones, 3: empty states, 4: NULLs.
CREATE SCHEMA :"schema";
CREATE TABLE :"schema".customers AS
SELECT customer_id AS id, frequency, round(recency)::float8 AS recency, round(age)::float8 AS age
FROM ror.bgnbd_simulate(ror.bgnbd(0.243, 30.9, 0.793, 2.426), 20000, 365, 1095, 5);
CREATE TABLE :"schema".src (
    id int, nps ror.nps_summary, churn ror.churn_summary, surv ror.survival, rfm ror.rfm_state,
    gg ror.gamma_gamma, ggs ror.gamma_gamma_state, bg ror.bgnbd, bgh ror.bgnbd_hist);
INSERT INTO :"schema".src
SELECT 1,
       (SELECT ror.nps_summary_agg((id * 7) % 11, 1.0 / (1 + id % 5)) FROM :"schema".customers),
       (SELECT ror.churn_summary_agg(daterange(DATE '2024-01-01' + id % 300, CASE WHEN id % 3 = 0 THEN DATE '2024-01-01' + id % 300 + 30 + id % 200 END),
                                     daterange('2024-01-01', '2025-01-01')) FROM :"schema".customers),
       (SELECT ror.survival_agg(age, id % 4 = 0) FROM :"schema".customers),
       (SELECT ror.rfm_state_agg(DATE '2023-01-01' + id % 700, (id % 4000) / 4.0, DATE '2024-12-31') FROM :"schema".customers),
       (SELECT ror.gamma_gamma_fit(frequency, 10 + id % 60) FROM :"schema".customers),
       (SELECT ror.gamma_gamma_state_agg(frequency, 10 + id % 60) FROM :"schema".customers),
       (SELECT ror.bgnbd_fit(frequency, recency, age) FROM :"schema".customers),
       (SELECT ror.bgnbd_hist_agg(frequency, recency, age) FROM :"schema".customers);
INSERT INTO :"schema".src
SELECT 2,
       (SELECT ror.nps_summary_agg(s, 0.1) FROM (VALUES (0), (9), (10)) v(s)),
       (SELECT ror.churn_summary_agg(tstzrange('2024-01-01 10:30+00', '2024-02-01 00:00:00.5+00'),
                                     tstzrange('2024-01-01', '2024-03-01'))),
       (SELECT ror.survival_agg(d, c) FROM (VALUES (0.5, true), (1e-300, false), (1e300, true)) v(d, c)),
       (SELECT ror.rfm_state_agg(d, a, DATE '2024-02-29') FROM (VALUES (DATE '2024-02-29', 0.1), ('2024-01-01', -3.25), ('2024-01-01', 1e-9)) v(d, a)),
       ror.gamma_gamma(6.25, 3.74, 15.44),
       (SELECT ror.gamma_gamma_state_agg(x, m, w) FROM (VALUES (1.0, 0.3, 0.5), (2, 1e10, 2)) v(x, m, w)),
       ror.bgnbd(0.24, 4.41, 0.79, 2.43),
       (SELECT ror.bgnbd_hist_agg(x, tx, t, w) FROM (VALUES (0.0, 0.0, 38.86, 1.5), (2, 30.43, 38.86, 2), (2, 30.43, 38.86, 0)) v(x, tx, t, w));
INSERT INTO :"schema".src
SELECT 3, '(responses=0,promoters=0,passives=0,detractors=0,sum_w2=0)'::ror.nps_summary,
       (SELECT ror.churn_summary_agg(daterange('2020-01-01', '2020-02-01'), daterange('2024-01-01', '2024-02-01'))),
       '{}'::ror.survival, '(observation_end=2024-01-01,days=[])'::ror.rfm_state, NULL,
       '(customers=0,excluded=0,patterns=[])'::ror.gamma_gamma_state,
       NULL, '(rows=0,excluded=2,weight=0,patterns=0,data={})'::ror.bgnbd_hist;
INSERT INTO :"schema".src (id) VALUES (4);
-- types added after 1.0.0: a column each where the installed version has the
-- type (test/shell/upgrade.sh loads this file into every released version)
SELECT to_regtype('ror.sbg') IS NOT NULL AS ror_has_sbg \gset
\if :ror_has_sbg
ALTER TABLE :"schema".src ADD COLUMN sbg ror.sbg;
UPDATE :"schema".src SET sbg = CASE id
    -- churn probability theta varies by customer (heterogeneity), lifetimes by inversion
    WHEN 1 THEN (SELECT ror.sbg_fit(ror.survival_agg(least(t, 8), t <= 8)) FROM
                   (SELECT ceil(ln((((id * 104729) % 997) + 0.5) / 997) / ln(1 - (0.05 + 0.9 * ((id * 7919) % 1000) / 1000.0))) AS t
                    FROM :"schema".customers) l)
    WHEN 2 THEN ror.sbg(0.704, 1.182)
    WHEN 3 THEN ror.sbg_fit('{1000,631,468,382,326,289,262,241}'::bigint[]) END;
\endif
