-- NPS aggregates in forced parallel plans, partitionwise aggregation and
-- Citus-style shard merges (per-shard summaries shipped as text) give the
-- same result as a serial scan.
SELECT plan(16);

CREATE SCHEMA tap_nps;
-- a fixed draw, so that a failure reproduces
DO $$ BEGIN PERFORM setseed(0.25); END $$;
CREATE TABLE tap_nps.answers AS
SELECT i AS id, (i % 97) AS grp,
       CASE WHEN i % 13 = 0 THEN NULL ELSE floor(random() * 11)::int END AS score,
       CASE WHEN i % 17 = 0 THEN NULL ELSE random() * 3 END AS w
FROM generate_series(1, 60000) i;
ANALYZE tap_nps.answers;


-- serial results first
SET max_parallel_workers_per_gather = 0;
CREATE TABLE tap_nps.serial AS
SELECT (SELECT ror.nps_agg(score) FROM tap_nps.answers) AS nps,
       (SELECT ror.nps_summary_agg(score, w)::text FROM tap_nps.answers) AS weighted,
       (SELECT ror.nps_summary_agg(score)::text FROM tap_nps.answers WHERE id + 0 < 3) AS tiny,
       (SELECT array_agg(g ORDER BY grp)::text FROM (SELECT grp, ror.nps_summary_agg(score)::text g FROM tap_nps.answers GROUP BY grp) q) AS grouped;

CALL tap_helpers.force_parallel_plans();

SELECT matches(tap_helpers.plan_of('SELECT ror.nps_agg(score) FROM tap_nps.answers'),
               'Partial Aggregate', 'nps_agg(score) runs as a partial aggregate');
SELECT is((SELECT ror.nps_agg(score) FROM tap_nps.answers), (SELECT nps FROM tap_nps.serial),
          'parallel nps_agg(score) equals the serial result');
-- unweighted sums are whole numbers, so even the summary is identical
SELECT is((SELECT ror.nps_summary_agg(score)::text FROM tap_nps.answers),
          (SELECT ror.nps_summary_agg(score)::text FROM tap_nps.answers WHERE id > 0 OR id <= 0),
          'parallel summaries are stable');
SELECT matches(tap_helpers.plan_of('SELECT ror.nps_summary_agg(score, w) FROM tap_nps.answers'),
               'Partial Aggregate', 'weighted summary runs as a partial aggregate');
-- weighted float sums may differ in the last bits with summation order: compare the NPS closely
SELECT ok(abs(ror.nps((SELECT ror.nps_summary_agg(score, w) FROM tap_nps.answers))
              - ror.nps((SELECT weighted::ror.nps_summary FROM tap_nps.serial))) < 1e-9,
          'parallel weighted NPS equals the serial one');
SELECT is((SELECT ror.responses(ror.nps_summary_agg(score, w)) FROM tap_nps.answers),
          (SELECT ror.responses(weighted::ror.nps_summary) FROM tap_nps.serial),
          'parallel weighted summary counts the same responses');
SELECT matches(tap_helpers.plan_of('SELECT grp, ror.nps_summary_agg(score) FROM tap_nps.answers GROUP BY grp'),
               'Partial', 'grouped summary runs partially');
SELECT is((SELECT array_agg(g ORDER BY grp)::text FROM (SELECT grp, ror.nps_summary_agg(score)::text g FROM tap_nps.answers GROUP BY grp) q),
          (SELECT grouped FROM tap_nps.serial), 'parallel grouped summaries equal the serial ones');
-- two matching rows in the first block (id + 0 hides how few from the planner):
-- the other worker sees none and hands over a NULL state
SELECT matches(tap_helpers.plan_of('SELECT ror.nps_summary_agg(score) FROM tap_nps.answers WHERE id + 0 < 3'),
               'Partial Aggregate', 'the filtered scan runs in parallel');
SELECT is((SELECT ror.nps_summary_agg(score)::text FROM tap_nps.answers WHERE id + 0 < 3), (SELECT tiny FROM tap_nps.serial),
          'a worker that saw no rows does not change the result');
SELECT is((SELECT ror.nps_agg(score) FROM tap_nps.answers WHERE score > 100), NULL::float8,
          'no rows in any worker gives NULL');

-- partitionwise aggregation combines per-partition partial states
CREATE TABLE tap_nps.parted (id int, score int) PARTITION BY RANGE (id);
CREATE TABLE tap_nps.parted_1 PARTITION OF tap_nps.parted FOR VALUES FROM (MINVALUE) TO (20000);
CREATE TABLE tap_nps.parted_2 PARTITION OF tap_nps.parted FOR VALUES FROM (20000) TO (40000);
CREATE TABLE tap_nps.parted_3 PARTITION OF tap_nps.parted FOR VALUES FROM (40000) TO (MAXVALUE);
INSERT INTO tap_nps.parted SELECT id, score FROM tap_nps.answers;
ANALYZE tap_nps.parted;
SET enable_partitionwise_aggregate = on;
SELECT matches(tap_helpers.plan_of('SELECT ror.nps_agg(score) FROM tap_nps.parted'),
               'Partial Aggregate', 'partitionwise plan aggregates partially');
SELECT is((SELECT ror.nps_agg(score) FROM tap_nps.parted), (SELECT nps FROM tap_nps.serial),
          'partitionwise nps_agg equals the serial result');
RESET enable_partitionwise_aggregate;

-- Citus-style: per-shard summaries travel as text and are merged
SELECT is((SELECT ror.nps_agg(s::text::ror.nps_summary)
           FROM (SELECT id % 8 AS shard, ror.nps_summary_agg(score) s FROM tap_nps.answers GROUP BY 1) q),
          (SELECT nps FROM tap_nps.serial), 'text-shipped shard summaries merge to the direct NPS');
SELECT is((SELECT ror.nps_summary_agg(s::text::ror.nps_summary)::text
           FROM (SELECT id % 8 AS shard, ror.nps_summary_agg(score) s FROM tap_nps.answers GROUP BY 1) q),
          (SELECT ror.nps_summary_agg(score)::text FROM tap_nps.answers),
          'text-shipped shard summaries roll up to the direct summary');
SELECT ok((SELECT bool_and(s::text::ror.nps_summary OPERATOR(ror.=) s)
           FROM (SELECT id % 8, ror.nps_summary_agg(score, w) s FROM tap_nps.answers GROUP BY 1) q),
          'weighted shard summaries round-trip through text bit for bit');

DROP SCHEMA tap_nps CASCADE;
SELECT * FROM finish();
