-- Churn aggregates in forced parallel plans, partitionwise aggregation and
-- Citus-style shard merges (per-shard summaries shipped as text) give the
-- same result as a serial scan.  Counts and customer time are integers, so
-- every summary is identical bit for bit whatever the plan.
SELECT plan(17);

CREATE SCHEMA tap_churn;
CREATE TABLE tap_churn.lives AS
SELECT i AS id, (i % 97) AS grp,
       CASE WHEN i % 13 = 0 THEN NULL
            ELSE daterange(a, CASE WHEN i % 3 = 0 THEN NULL ELSE a + 1 + (hashint4(-i) & 511) END) END AS lifetime,
       tstzrange(t, CASE WHEN i % 4 = 0 THEN NULL ELSE t + (hashint4(-i) & 1048575) * interval '37.000001 seconds' END) AS tlife
FROM (SELECT i, date '2023-01-01' + (hashint4(i) & 1023) % 700 AS a,
             timestamptz '2023-01-01 00:00:00+00' + (hashint4(i) & 1048575) * interval '61 seconds' AS t
      FROM generate_series(1, 60000) i) q;
ANALYZE tap_churn.lives;


-- serial results first
SET max_parallel_workers_per_gather = 0;
CREATE TABLE tap_churn.serial AS
SELECT (SELECT ror.churn_summary_agg(lifetime, '[2024-01-01,2024-02-01)'::daterange)::text FROM tap_churn.lives) AS dsum,
       (SELECT ror.churn_summary_agg(tlife, '[2024-01-01,2024-02-01)'::tstzrange)::text FROM tap_churn.lives) AS tsum,
       (SELECT ror.churn_rate(lifetime, '[2024-01-01,2024-02-01)'::daterange, 'customer_days') FROM tap_churn.lives) AS cd_rate,
       (SELECT ror.churn_summary_agg(lifetime, '[2024-01-01,2024-02-01)'::daterange)::text FROM tap_churn.lives WHERE id + 0 < 3) AS tiny,
       (SELECT array_agg(g ORDER BY grp)::text FROM (SELECT grp, ror.churn_summary_agg(lifetime, '[2024-01-01,2024-02-01)'::daterange)::text g
                                                     FROM tap_churn.lives GROUP BY grp) q) AS grouped;

CALL tap_helpers.force_parallel_plans();

SELECT matches(tap_helpers.plan_of($$SELECT ror.churn_rate(lifetime, '[2024-01-01,2024-02-01)'::daterange) FROM tap_churn.lives$$),
               'Partial Aggregate', 'churn_rate runs as a partial aggregate');
SELECT is((SELECT ror.churn_summary_agg(lifetime, '[2024-01-01,2024-02-01)'::daterange)::text FROM tap_churn.lives),
          (SELECT dsum FROM tap_churn.serial), 'parallel daterange summary equals the serial one');
SELECT is((SELECT ror.churn_summary_agg(tlife, '[2024-01-01,2024-02-01)'::tstzrange)::text FROM tap_churn.lives),
          (SELECT tsum FROM tap_churn.serial), 'parallel tstzrange summary equals the serial one, to the microsecond');
SELECT matches(tap_helpers.plan_of($$SELECT ror.churn_rate(lifetime, '[2024-01-01,2024-02-01)'::daterange, 'customer_days') FROM tap_churn.lives$$),
               'Partial Aggregate', 'churn_rate(.., method) runs as a partial aggregate');
SELECT is((SELECT ror.churn_rate(lifetime, '[2024-01-01,2024-02-01)'::daterange, 'customer_days') FROM tap_churn.lives),
          (SELECT cd_rate FROM tap_churn.serial), 'parallel churn_rate(.., customer_days) equals the serial result');
SELECT is((SELECT ror.churn_rate(lifetime, '[2024-01-01,2024-02-01)'::daterange) FROM tap_churn.lives),
          ror.churn_rate((SELECT dsum::ror.churn_summary FROM tap_churn.serial)), 'parallel standard churn equals the serial summary''s');
SELECT matches(tap_helpers.plan_of($$SELECT grp, ror.churn_summary_agg(lifetime, '[2024-01-01,2024-02-01)'::daterange) FROM tap_churn.lives GROUP BY grp$$),
               'Partial', 'grouped summary runs partially');
SELECT is((SELECT array_agg(g ORDER BY grp)::text FROM (SELECT grp, ror.churn_summary_agg(lifetime, '[2024-01-01,2024-02-01)'::daterange)::text g
                                                        FROM tap_churn.lives GROUP BY grp) q),
          (SELECT grouped FROM tap_churn.serial), 'parallel grouped summaries equal the serial ones');
-- two matching rows in the first block: the other worker sees none and hands over a NULL state
SELECT matches(tap_helpers.plan_of($$SELECT ror.churn_summary_agg(lifetime, '[2024-01-01,2024-02-01)'::daterange) FROM tap_churn.lives WHERE id + 0 < 3$$),
               'Partial Aggregate', 'the filtered scan runs in parallel');
SELECT is((SELECT ror.churn_summary_agg(lifetime, '[2024-01-01,2024-02-01)'::daterange)::text FROM tap_churn.lives WHERE id + 0 < 3),
          (SELECT tiny FROM tap_churn.serial), 'a worker that saw no rows does not change the result');
SELECT is((SELECT ror.churn_rate(lifetime, '[2024-01-01,2024-02-01)'::daterange) FROM tap_churn.lives WHERE id < 0), NULL::float8,
          'no rows in any worker gives NULL');
-- different periods in different workers are still refused
SELECT throws_ok($$SELECT ror.churn_rate(lifetime, CASE WHEN id > 30000 THEN '[2024-01-01,2024-02-01)'::daterange
                                                        ELSE '[2024-02-01,2024-03-01)' END) FROM tap_churn.lives$$,
                 '22023', NULL, 'rows of different periods are refused in parallel too');

-- partitionwise aggregation combines per-partition partial states
CREATE TABLE tap_churn.parted (id int, lifetime daterange) PARTITION BY RANGE (id);
CREATE TABLE tap_churn.parted_1 PARTITION OF tap_churn.parted FOR VALUES FROM (MINVALUE) TO (20000);
CREATE TABLE tap_churn.parted_2 PARTITION OF tap_churn.parted FOR VALUES FROM (20000) TO (40000);
CREATE TABLE tap_churn.parted_3 PARTITION OF tap_churn.parted FOR VALUES FROM (40000) TO (MAXVALUE);
INSERT INTO tap_churn.parted SELECT id, lifetime FROM tap_churn.lives;
ANALYZE tap_churn.parted;
SET enable_partitionwise_aggregate = on;
SELECT matches(tap_helpers.plan_of($$SELECT ror.churn_summary_agg(lifetime, '[2024-01-01,2024-02-01)'::daterange) FROM tap_churn.parted$$),
               'Partial Aggregate', 'partitionwise plan aggregates partially');
SELECT is((SELECT ror.churn_summary_agg(lifetime, '[2024-01-01,2024-02-01)'::daterange)::text FROM tap_churn.parted),
          (SELECT dsum FROM tap_churn.serial), 'partitionwise summary equals the serial one');
RESET enable_partitionwise_aggregate;

-- Citus-style: per-shard summaries travel as text and are merged
SELECT is((SELECT ror.churn_summary_agg(s::text::ror.churn_summary)::text
           FROM (SELECT id % 8 AS shard, ror.churn_summary_agg(lifetime, '[2024-01-01,2024-02-01)'::daterange) s FROM tap_churn.lives GROUP BY 1) q),
          (SELECT dsum FROM tap_churn.serial), 'text-shipped daterange shard summaries roll up to the direct summary');
SELECT is((SELECT ror.churn_summary_agg(s::text::ror.churn_summary)::text
           FROM (SELECT id % 8 AS shard, ror.churn_summary_agg(tlife, '[2024-01-01,2024-02-01)'::tstzrange) s FROM tap_churn.lives GROUP BY 1) q),
          (SELECT tsum FROM tap_churn.serial), 'text-shipped tstzrange shard summaries roll up to the direct summary');
SELECT is((SELECT ror.churn_rate(ror.churn_summary_agg(s::text::ror.churn_summary), 'customer_days')
           FROM (SELECT id % 8 AS shard, ror.churn_summary_agg(lifetime, '[2024-01-01,2024-02-01)'::daterange) s FROM tap_churn.lives GROUP BY 1) q),
          (SELECT cd_rate FROM tap_churn.serial), 'text-shipped shard summaries give the direct customer_days rate');

DROP SCHEMA tap_churn CASCADE;
SELECT * FROM finish();
