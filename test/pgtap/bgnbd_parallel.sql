-- bgnbd_fit in forced parallel plans, partitionwise aggregation and
-- Citus-style shard merges (per-shard states shipped as text) gives the
-- same state and the same fit as a serial scan.
SELECT plan(14);

CREATE SCHEMA tap_bgnbd;
CREATE TABLE tap_bgnbd.customers AS
SELECT customer_id AS id, frequency, round(recency::numeric, 1)::float8 AS recency, round(age::numeric, 1)::float8 AS age,
       CASE WHEN customer_id % 11 = 0 THEN NULL ELSE 1 + customer_id % 3 END::float8 AS w
FROM ror.bgnbd_simulate(ror.bgnbd(0.243, 4.414, 0.793, 2.426), 60000, 20, 80, 7);
ANALYZE tap_bgnbd.customers;


SET max_parallel_workers_per_gather = 0;
CREATE TABLE tap_bgnbd.serial AS
SELECT (SELECT ror.bgnbd_fit(frequency, recency, age) FROM tap_bgnbd.customers) AS fit,
       (SELECT ror.bgnbd_hist_agg(frequency, recency, age)::text FROM tap_bgnbd.customers) AS hist,
       (SELECT ror.bgnbd_hist_agg(frequency, recency, age, w)::text FROM tap_bgnbd.customers) AS whist,
       (SELECT ror.bgnbd_hist_agg(frequency, recency, age)::text FROM tap_bgnbd.customers WHERE id + 0 < 3) AS tiny;

CALL tap_helpers.force_parallel_plans();

SELECT matches(tap_helpers.plan_of('SELECT ror.bgnbd_fit(frequency, recency, age) FROM tap_bgnbd.customers'),
               'Partial Aggregate', 'bgnbd_fit runs as a partial aggregate');
SELECT ok((SELECT ror.bgnbd_fit(frequency, recency, age) FROM tap_bgnbd.customers) OPERATOR(ror.=) (SELECT fit FROM tap_bgnbd.serial),
          'parallel bgnbd_fit equals the serial fit bit for bit');
SELECT is((SELECT ror.bgnbd_hist_agg(frequency, recency, age)::text FROM tap_bgnbd.customers),
          (SELECT hist FROM tap_bgnbd.serial), 'parallel state equals the serial state');
SELECT is((SELECT ror.bgnbd_hist_agg(frequency, recency, age, w)::text FROM tap_bgnbd.customers),
          (SELECT whist FROM tap_bgnbd.serial), 'parallel weighted state equals the serial one (integer weights)');
SELECT matches(tap_helpers.plan_of('SELECT ror.bgnbd_hist_agg(frequency, recency, age) FROM tap_bgnbd.customers WHERE id + 0 < 3'),
               'Partial Aggregate', 'the filtered scan runs in parallel');
SELECT is((SELECT ror.bgnbd_hist_agg(frequency, recency, age)::text FROM tap_bgnbd.customers WHERE id + 0 < 3),
          (SELECT tiny FROM tap_bgnbd.serial), 'a worker that saw no rows does not change the state');
SELECT ok((SELECT ror.bgnbd_fit(frequency, recency, age) IS NULL FROM tap_bgnbd.customers WHERE frequency < 0),
          'no rows in any worker gives NULL');
SELECT ok((SELECT bool_and(h IS NOT NULL) FROM (SELECT id % 97 g, ror.bgnbd_hist_agg(frequency, recency, age) h
                                               FROM tap_bgnbd.customers GROUP BY 1) q),
          'grouped states in parallel');

-- partitionwise aggregation combines per-partition partial states
CREATE TABLE tap_bgnbd.parted (id int, frequency bigint, recency float8, age float8) PARTITION BY RANGE (id);
CREATE TABLE tap_bgnbd.parted_1 PARTITION OF tap_bgnbd.parted FOR VALUES FROM (MINVALUE) TO (20000);
CREATE TABLE tap_bgnbd.parted_2 PARTITION OF tap_bgnbd.parted FOR VALUES FROM (20000) TO (40000);
CREATE TABLE tap_bgnbd.parted_3 PARTITION OF tap_bgnbd.parted FOR VALUES FROM (40000) TO (MAXVALUE);
INSERT INTO tap_bgnbd.parted SELECT id, frequency, recency, age FROM tap_bgnbd.customers;
ANALYZE tap_bgnbd.parted;
SET enable_partitionwise_aggregate = on;
SELECT matches(tap_helpers.plan_of('SELECT ror.bgnbd_fit(frequency, recency, age) FROM tap_bgnbd.parted'),
               'Partial Aggregate', 'partitionwise plan aggregates partially');
SELECT ok((SELECT ror.bgnbd_fit(frequency, recency, age) FROM tap_bgnbd.parted) OPERATOR(ror.=) (SELECT fit FROM tap_bgnbd.serial),
          'partitionwise bgnbd_fit equals the serial fit');
RESET enable_partitionwise_aggregate;

-- Citus-style: per-shard states travel as text and are merged
SELECT ok((SELECT ror.bgnbd_fit(s::text::ror.bgnbd_hist)
           FROM (SELECT id % 8 AS shard, ror.bgnbd_hist_agg(frequency, recency, age) s FROM tap_bgnbd.customers GROUP BY 1) q)
          OPERATOR(ror.=) (SELECT fit FROM tap_bgnbd.serial), 'text-shipped shard states merge to the direct fit');
SELECT is((SELECT ror.bgnbd_hist_agg(s::text::ror.bgnbd_hist)::text
           FROM (SELECT id % 8 AS shard, ror.bgnbd_hist_agg(frequency, recency, age) s FROM tap_bgnbd.customers GROUP BY 1) q),
          (SELECT hist FROM tap_bgnbd.serial), 'text-shipped shard states roll up to the direct state');
SELECT ok((SELECT bool_and(s::text::ror.bgnbd_hist OPERATOR(ror.=) s)
           FROM (SELECT id % 8, ror.bgnbd_hist_agg(frequency, recency, age, w) s FROM tap_bgnbd.customers GROUP BY 1) q),
          'weighted shard states round-trip through text bit for bit');
SELECT ok((SELECT fit::text::ror.bgnbd OPERATOR(ror.=) fit FROM tap_bgnbd.serial), 'the fitted model round-trips through text');

DROP SCHEMA tap_bgnbd CASCADE;
SELECT * FROM finish();
