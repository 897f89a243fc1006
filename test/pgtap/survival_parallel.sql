-- survival_agg in forced parallel plans, partitionwise aggregation and
-- Citus-style shard merges gives the same list as a serial scan, and the
-- list equals a GROUP BY of the durations however many distinct ones there
-- are (compaction and growth of the state).
SELECT plan(12);

CREATE SCHEMA tap_surv;
SELECT setseed(0.77);
CREATE TABLE tap_surv.obs AS
SELECT i AS id, (i % 97) AS grp,
       CASE WHEN i % 19 = 0 THEN NULL
            WHEN i % 2 = 0 THEN floor(random() * 720)::float8          -- whole days: few distinct
            ELSE random() * 1000 END AS dur,                            -- continuous: all distinct
       CASE WHEN i % 23 = 0 THEN NULL ELSE random() < 0.4 END AS churned
FROM generate_series(1, 60000) i;
ANALYZE tap_surv.obs;


-- the reference: one entry per distinct duration, in the documented text form
CREATE FUNCTION tap_surv.reference(lo int, hi int) RETURNS text LANGUAGE sql AS $$
  SELECT '{' || string_agg(format('(%s,%s,%s)', dur::text, e, c), ',' ORDER BY dur) || '}'
  FROM (SELECT dur, count(*) FILTER (WHERE churned) e, count(*) FILTER (WHERE NOT churned) c
        FROM tap_surv.obs WHERE dur IS NOT NULL AND churned IS NOT NULL AND id BETWEEN lo AND hi GROUP BY dur) q $$;

SET max_parallel_workers_per_gather = 0;
SET extra_float_digits = 1;
CREATE TABLE tap_surv.serial AS
SELECT (SELECT ror.survival_agg(dur, churned)::text FROM tap_surv.obs) AS whole,
       (SELECT ror.survival_agg(dur, churned)::text FROM tap_surv.obs WHERE id + 0 < 3) AS tiny,
       (SELECT array_agg(g ORDER BY grp)::text FROM (SELECT grp, ror.survival_agg(dur, churned)::text g FROM tap_surv.obs GROUP BY grp) q) AS grouped;

SELECT is((SELECT whole FROM tap_surv.serial), tap_surv.reference(1, 60000),
          'the state of 60000 rows (30000 distinct durations) equals a GROUP BY of the durations');
SELECT is((SELECT ror.survival_agg(dur, churned)::text FROM tap_surv.obs WHERE id <= 700), tap_surv.reference(1, 700),
          'a state that grew a few times equals the GROUP BY');
SELECT is((SELECT ror.survival_agg(dur, churned)::text FROM (SELECT * FROM tap_surv.obs ORDER BY dur DESC) q),
          (SELECT whole FROM tap_surv.serial), 'the input order does not matter');

CALL tap_helpers.force_parallel_plans();

SELECT matches(tap_helpers.plan_of('SELECT ror.survival_agg(dur, churned) FROM tap_surv.obs'),
               'Partial Aggregate', 'survival_agg runs as a partial aggregate');
SELECT is((SELECT ror.survival_agg(dur, churned)::text FROM tap_surv.obs), (SELECT whole FROM tap_surv.serial),
          'parallel survival_agg equals the serial result');
SELECT is((SELECT array_agg(g ORDER BY grp)::text FROM (SELECT grp, ror.survival_agg(dur, churned)::text g FROM tap_surv.obs GROUP BY grp) q),
          (SELECT grouped FROM tap_surv.serial), 'parallel grouped states equal the serial ones');
SELECT is((SELECT ror.survival_agg(dur, churned)::text FROM tap_surv.obs WHERE id + 0 < 3), (SELECT tiny FROM tap_surv.serial),
          'a worker that saw no rows does not change the result');
SELECT is((SELECT ror.median_lifetime(ror.survival_agg(dur, churned)) FROM tap_surv.obs),
          ror.median_lifetime((SELECT whole::ror.survival FROM tap_surv.serial)), 'parallel median equals the serial one');
SELECT is((SELECT ror.survival_agg(dur, churned) FROM tap_surv.obs WHERE id < 0) IS NULL, true, 'no rows in any worker gives NULL');

CREATE TABLE tap_surv.parted (id int, dur float8, churned boolean) PARTITION BY RANGE (id);
CREATE TABLE tap_surv.parted_1 PARTITION OF tap_surv.parted FOR VALUES FROM (MINVALUE) TO (20000);
CREATE TABLE tap_surv.parted_2 PARTITION OF tap_surv.parted FOR VALUES FROM (20000) TO (40000);
CREATE TABLE tap_surv.parted_3 PARTITION OF tap_surv.parted FOR VALUES FROM (40000) TO (MAXVALUE);
INSERT INTO tap_surv.parted SELECT id, dur, churned FROM tap_surv.obs;
ANALYZE tap_surv.parted;
SET enable_partitionwise_aggregate = on;
SELECT matches(tap_helpers.plan_of('SELECT ror.survival_agg(dur, churned) FROM tap_surv.parted'),
               'Partial Aggregate', 'partitionwise plan aggregates partially');
SELECT is((SELECT ror.survival_agg(dur, churned)::text FROM tap_surv.parted), (SELECT whole FROM tap_surv.serial),
          'partitionwise survival_agg equals the serial result');
RESET enable_partitionwise_aggregate;

SELECT is((SELECT ror.survival_agg(s::text::ror.survival)::text
           FROM (SELECT id % 8 AS shard, ror.survival_agg(dur, churned) s FROM tap_surv.obs GROUP BY 1) q),
          (SELECT whole FROM tap_surv.serial), 'text-shipped shard states merge to the direct state');

DROP SCHEMA tap_surv CASCADE;
SELECT * FROM finish();
