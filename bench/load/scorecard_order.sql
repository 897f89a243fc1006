-- bench/load/scorecard_order.sql: the scorecard's means change in their last digits when rows
-- dated after the pinned as_of are added, rows that no view counts (a finding of bench/load).
--   psql -X -f bench/load/scorecard_order.sql    (a database with CREATE EXTENSION ror; replaces schema ror_demo)
-- The rows change the planner's estimates, the join in the score's query becomes a Merge Join
-- instead of a Hash Join, its rows come in another order, and avg() and stddev_samp() of float8
-- add them up in that order.
\set ON_ERROR_STOP 1
SELECT * FROM ror.generate_demo_data('ror_demo', 2000, 1);
CREATE TEMP TABLE before AS SELECT * FROM ror.scorecard;
INSERT INTO ror_demo.customers SELECT 1000000000 + g, timestamptz '2026-07-01 00:00+00' + g * interval '1 s', NULL, 'basic', 50
FROM generate_series(1, 120) g;
INSERT INTO ror_demo.responses (customer_id, responded_at, score)
SELECT 1 + g * 7 % 2000, timestamptz '2026-07-01 00:00+00' + g * interval '1 s', g % 11 FROM generate_series(1, 300) g;
INSERT INTO ror_demo.interactions (customer_id, occurred_at, kind)
SELECT 1 + g * 11 % 2000, timestamptz '2026-07-01 00:00+00' + g * interval '1 s', 'share' FROM generate_series(1, 300) g;
INSERT INTO ror_demo.orders (customer_id, ordered_at, amount)
SELECT 1 + g * 13 % 2000, timestamptz '2026-07-01 00:00+00' + g * interval '1 s', 10 FROM generate_series(1, 600) g;
CREATE TEMP TABLE after AS SELECT * FROM ror.scorecard;
SELECT b.segment, b.mean_ror_score AS before, a.mean_ror_score AS after, a.mean_ror_score - b.mean_ror_score AS diff,
       b.mean_acquisition_cost AS cac_before, a.mean_acquisition_cost AS cac_after,
       (a.*)::text = (b.*)::text AS identical
FROM before b JOIN after a ON a.is_total = b.is_total AND a.segment IS NOT DISTINCT FROM b.segment
ORDER BY b.is_total, b.segment;
