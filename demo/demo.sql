-- demo/demo.sql: reproducible demo data (ror.generate_demo_data) and the
-- headline rows of the report views a BI tool reads, the aggregates on the
-- same tables, then the ROR scorecard and one customer's score by component.  Run by demo/run in a throw-away
-- cluster; safe to re-run.
\set QUIET on
SET client_min_messages = warning;
\set QUIET off

\echo 'Demo data: 10,000 customers in three segments, orders from a BG/NBD process, NPS answers, interactions;'
\echo 'bound as the four sources, as_of = 2026-06-30 (ror.generate_demo_data):'
SELECT * FROM ror.generate_demo_data('ror_demo', 10000, 1);
SELECT kind, relation, column_mapping FROM ror.sources;

\echo 'ror.nps_by_period, the last three months:'
SELECT period_start, segment, responses, promoters, detractors, round(nps::numeric, 1) AS nps,
       round(nps_low::numeric, 1) AS nps_low, round(nps_high::numeric, 1) AS nps_high
FROM ror.nps_by_period WHERE period_start >= date '2026-04-01' ORDER BY 1, 2;

\echo 'ror.churn_by_period, the last three months:'
SELECT period_start, segment, customers_at_start, new_customers, churned_from_start,
       round(100 * churn_rate::numeric, 2) AS churn_pct, round(100 * retention_rate::numeric, 2) AS retention_pct
FROM ror.churn_by_period WHERE period_start >= date '2026-04-01' ORDER BY 1, 2;

\echo 'ror.cohort_retention: the 2025 cohorts of segment pro, retention after 1, 3, 6 and 12 months (%):'
SELECT cohort_start, max(cohort_size) AS cohort_size,
       round(100 * max(retention_rate) FILTER (WHERE period_number = 1)::numeric, 1) AS m1,
       round(100 * max(retention_rate) FILTER (WHERE period_number = 3)::numeric, 1) AS m3,
       round(100 * max(retention_rate) FILTER (WHERE period_number = 6)::numeric, 1) AS m6,
       round(100 * max(retention_rate) FILTER (WHERE period_number = 12)::numeric, 1) AS m12
FROM ror.cohort_retention
WHERE segment = 'pro' AND cohort_start BETWEEN date '2025-01-01' AND date '2025-12-01'
GROUP BY cohort_start ORDER BY cohort_start;

\echo 'ror.model_fit: BG/NBD (purchases, days) and Gamma-Gamma (spend) fitted in the database:'
SELECT model, parameter, round(value::numeric, 4) AS value, customers, converged FROM ror.model_fit;

\echo 'ror.customer_value per segment: P(alive), 12-month CLV (1 % a month), and CLV against acquisition cost:'
SELECT segment, count(*) AS customers, round(avg(p_alive)::numeric, 3) AS p_alive,
       round(avg(expected_purchases_365)::numeric, 2) AS purchases_next_365d,
       round(avg(clv)::numeric, 2) AS clv, round(avg(acquisition_cost)::numeric, 2) AS cac,
       round(avg(clv_to_cac)::numeric, 3) AS clv_to_cac
FROM ror.customer_value GROUP BY segment ORDER BY segment;

\echo 'ror.data_issues: rows the views left out, and why:'
SELECT * FROM ror.data_issues;

\echo 'The aggregates on the same tables, per segment: advocacy (NPS in June and'
\echo 'whether it differs from the other segments), loyalty (churn in June, annualized; median lifetime by'
\echo 'Kaplan-Meier):'
WITH seg AS (SELECT customer_id, segment FROM ror_demo.customers),
advocacy AS (
    SELECT s.segment, ror.nps_summary_agg(r.score) AS s
    FROM ror_demo.responses r JOIN seg s USING (customer_id)
    WHERE r.responded_at >= timestamptz '2026-06-01 00:00+00' AND r.responded_at < timestamptz '2026-07-01 00:00+00'
      AND r.score BETWEEN 0 AND 10
    GROUP BY s.segment),
loyalty AS (
    SELECT segment,
           ror.churn_summary_agg(daterange(acquired_at::date, churned_at::date), daterange('2026-06-01', '2026-07-01')) AS c,
           ror.survival_agg((coalesce(churned_at::date, date '2026-07-01') - acquired_at::date)::float8, churned_at IS NOT NULL) AS km
    FROM ror_demo.customers WHERE churned_at IS NULL OR churned_at > acquired_at GROUP BY segment)
SELECT a.segment,
       round(ror.nps(a.s)::numeric, 1) AS nps,
       format('[%s, %s]', round(ci.low::numeric, 1), round(ci.high::numeric, 1)) AS nps_95ci,
       round(ror.nps_diff_test(a.s, (SELECT ror.nps_summary_agg(o.s) FROM advocacy o WHERE o.segment <> a.segment))::numeric, 4) AS p_vs_rest,
       round(100 * ror.churn_rate(l.c)::numeric, 2) AS churn_pct,
       round(100 * ror.annualize_rate(ror.churn_rate(l.c))::numeric, 1) AS annual_churn_pct,
       coalesce(ror.median_lifetime(l.km)::int::text, 'not reached') AS median_days
FROM advocacy a JOIN loyalty l USING (segment), LATERAL ror.nps_ci(a.s) ci
ORDER BY nps DESC;

\echo 'ror.scorecard: the ROR score (0-100) per segment and in total, its bands, NPS of the last 365 days,'
\echo 'churn of the last complete month, and CLV against acquisition cost:'
SELECT CASE WHEN is_total THEN 'all' ELSE segment END AS segment, customers, scored_customers AS scored,
       round(mean_ror_score::numeric, 1) AS ror_score, round(ror_score_stderr::numeric, 2) AS stderr,
       round(100 * red_share::numeric) AS red_pct, round(100 * yellow_share::numeric) AS yellow_pct,
       round(100 * green_share::numeric) AS green_pct, round(nps::numeric, 1) AS nps,
       round(100 * churn_rate::numeric, 2) AS churn_pct, round(clv_to_cac::numeric, 2) AS clv_to_cac
FROM ror.scorecard;

\echo 'One customer''s ROR score by component (ror.customer_relationship; weights all 1, settings score_weights):'
SELECT r.customer_id, r.segment, round(r.value::numeric, 3) AS value, round(r.loyalty::numeric, 3) AS loyalty,
       r.advocacy, round(r.referral::numeric, 3) AS referral, round(r.engagement::numeric, 3) AS engagement,
       round(r.ror_score::numeric, 1) AS ror_score, r.coverage, r.band
FROM ror.customer_relationship r
WHERE r.coverage = 1 AND r.referral > 0
ORDER BY r.customer_id LIMIT 1;
