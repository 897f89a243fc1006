-- demo/demo.sql: small, reproducible demo data and the ROR scorecard.
-- Run by demo/run in a throw-away cluster; safe to re-run.
\set QUIET on
SET client_min_messages = warning;
DROP SCHEMA IF EXISTS ror_demo CASCADE;
CREATE SCHEMA ror_demo;
COMMENT ON SCHEMA ror_demo IS 'demo data for the ror extension (made by demo/demo.sql)';

-- 3 segments, 6 months, 4,000 answers; scores drift by segment and month
SELECT setseed(0.42) \gset
CREATE TABLE ror_demo.survey AS
WITH seg(segment, answers, base, drift) AS (
    VALUES ('enterprise', 800, 8.2, 0.10), ('smb', 1400, 7.4, 0.05), ('consumer', 1800, 6.9, -0.08))
SELECT row_number() OVER (ORDER BY s.segment, i) AS customer_id, s.segment,
       timestamptz '2026-05-01 00:00+00' + (random() * 184) * interval '1 day' AS responded_at,
       NULL::int AS score, s.base, s.drift
FROM seg s, generate_series(1, s.answers) i;
UPDATE ror_demo.survey
SET score = least(10, greatest(0, round(base
            + drift * (extract(month FROM responded_at AT TIME ZONE 'UTC') - 5)
            + 2.2 * (random() + random() + random() - 1.5))))::int;
ALTER TABLE ror_demo.survey DROP COLUMN base, DROP COLUMN drift;
ANALYZE ror_demo.survey;
\set QUIET off

\echo
\echo 'NPS per segment and month, with 95 % adjusted-Wald intervals (ror.nps_summary_agg, ror.nps_ci):'
SELECT segment, to_char(month, 'YYYY-MM') AS month, ror.responses(s) AS responses,
       round(ror.nps(s)::numeric, 1) AS nps,
       round(ci.low::numeric, 1) AS ci_low, round(ci.high::numeric, 1) AS ci_high
FROM (SELECT segment, date_trunc('month', responded_at AT TIME ZONE 'UTC')::date AS month,
             ror.nps_summary_agg(score) AS s
      FROM ror_demo.survey GROUP BY 1, 2) q,
     LATERAL ror.nps_ci(s) ci
ORDER BY segment, month;

\echo 'Whole period per segment, and whether it differs from the rest (ror.nps_diff_test):'
WITH per AS (SELECT segment, ror.nps_summary_agg(score) AS s FROM ror_demo.survey GROUP BY segment)
SELECT p.segment, ror.responses(p.s) AS responses, round(ror.nps(p.s)::numeric, 1) AS nps,
       round(ror.nps_stderr(p.s)::numeric, 1) AS stderr,
       round(ror.nps((SELECT ror.nps_summary_agg(o.s) FROM per o WHERE o.segment <> p.segment))::numeric, 1) AS nps_of_rest,
       round(ror.nps_diff_test(p.s, (SELECT ror.nps_summary_agg(o.s) FROM per o WHERE o.segment <> p.segment))::numeric, 4) AS p_value
FROM per p ORDER BY nps DESC;

-- ---------------------------------------------------------------------------
-- Loyalty and value: subscriptions with a monthly churn hazard per segment,
-- and purchases drawn from a BG/NBD process (ror.bgnbd_simulate, in days).
-- ---------------------------------------------------------------------------
\set QUIET on
CREATE TABLE ror_demo.subscriptions AS
SELECT customer_id, segment, acquired_on,
       CASE WHEN ends_on < date '2026-11-01' THEN ends_on END AS churned_on
FROM (SELECT customer_id, segment, acquired_on,
             acquired_on + (30.4 * ceil(ln(1 - random()) / ln(1 - hazard)))::int
                         - floor(random() * 30)::int AS ends_on
      FROM (SELECT customer_id, segment, date '2025-01-01' + floor(random() * 670)::int AS acquired_on,
                   CASE segment WHEN 'enterprise' THEN 0.015 WHEN 'smb' THEN 0.035 ELSE 0.07 END AS hazard
            FROM ror_demo.survey) s) t;

-- spend: each purchase is gamma(4, nu) with nu ~ gamma(3, scale) per customer
-- (the Gamma-Gamma model, integer shapes so sums of exponentials draw them)
CREATE TABLE ror_demo.purchases AS
SELECT segment, customer_id, frequency, recency, age,
       CASE WHEN frequency > 0
            THEN (SELECT sum(-ln(1 - random())) FROM generate_series(1, 4 * frequency)) / nu / frequency
            ELSE 0 END AS monetary
FROM (SELECT p.segment, b.customer_id, b.frequency, b.recency, b.age,
             (-ln(1 - random()) - ln(1 - random()) - ln(1 - random())) / p.scale AS nu
      FROM (VALUES ('enterprise', 0.9, 60.0, 0.3, 4.0, 1, 800, 90.0),
                   ('smb',        0.5, 40.0, 0.6, 3.0, 2, 1400, 30.0),
                   ('consumer',   0.25, 30.0, 1.0, 2.0, 3, 1800, 12.5)) p(segment, r, alpha, a, b, seed, n, scale),
           LATERAL ror.bgnbd_simulate(ror.bgnbd(p.r, p.alpha, p.a, p.b), p.n, 365, 3 * 365, p.seed) b) c;
ANALYZE ror_demo.subscriptions, ror_demo.purchases;
\set QUIET off

\echo 'Models fitted in the database on all customers (days): BG/NBD (purchases) and Gamma-Gamma (spend):'
CREATE TABLE ror_demo.models AS
SELECT ror.bgnbd_fit(frequency, recency, age) AS bg,
       ror.gamma_gamma_fit(frequency, monetary) AS gg
FROM ror_demo.purchases;
SELECT round((bg::jsonb->>'r')::numeric, 3) AS r, round((bg::jsonb->>'alpha')::numeric, 2) AS alpha,
       round((bg::jsonb->>'a')::numeric, 3) AS a, round((bg::jsonb->>'b')::numeric, 3) AS b,
       round((gg::jsonb->>'p')::numeric, 3) AS p, round((gg::jsonb->>'q')::numeric, 3) AS q,
       round((gg::jsonb->>'gamma')::numeric, 2) AS gamma
FROM ror_demo.models;

\echo 'The ROR scorecard per segment: advocacy (NPS, October), loyalty (churn in October, Kaplan-Meier),'
\echo 'value (P(alive) and the expected 12-month CLV from the fitted models, 1 % monthly discount):'
WITH advocacy AS (
    SELECT segment, ror.nps_summary_agg(score) AS s
    FROM ror_demo.survey
    WHERE responded_at >= timestamptz '2026-10-01 00:00+00' GROUP BY segment),
loyalty AS (
    SELECT segment,
           ror.churn_summary_agg(daterange(acquired_on, churned_on), daterange('2026-10-01', '2026-11-01')) AS c,
           ror.survival_agg((coalesce(churned_on, date '2026-11-01') - acquired_on)::float8, churned_on IS NOT NULL) AS km
    FROM ror_demo.subscriptions GROUP BY segment),
value AS (
    SELECT segment, avg(ror.p_alive(m.bg, frequency, recency, age)) AS p_alive,
           avg(ror.clv(m.bg, m.gg, frequency, recency, age,
                       CASE WHEN frequency > 0 THEN monetary ELSE (SELECT avg(monetary) FROM ror_demo.purchases WHERE frequency > 0) END,
                       12, 0.01, 30.4)) AS clv_12m
    FROM ror_demo.purchases, ror_demo.models m GROUP BY segment)
SELECT a.segment,
       round(ror.nps(a.s)::numeric, 1) AS nps,
       format('[%s, %s]', round(ci.low::numeric, 1), round(ci.high::numeric, 1)) AS nps_95ci,
       round(100 * ror.churn_rate(l.c)::numeric, 1) AS churn_pct,
       round(100 * ror.annualize_rate(ror.churn_rate(l.c))::numeric, 1) AS annual_churn_pct,
       coalesce(ror.median_lifetime(l.km)::int::text, 'not reached') AS median_days,
       round(v.p_alive::numeric, 3) AS p_alive,
       round(v.clv_12m::numeric, 2) AS clv_12m
FROM advocacy a JOIN loyalty l USING (segment) JOIN value v USING (segment),
     LATERAL ror.nps_ci(a.s) ci
ORDER BY nps DESC;
