-- demo/demo.sql: a small, reproducible survey data set and the NPS scorecard.
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
