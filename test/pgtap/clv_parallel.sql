-- rfm_agg and gamma_gamma_fit in forced parallel plans, partitionwise
-- aggregation and Citus-style shard merges (per-shard states shipped as
-- text) give the same result as a serial scan.
SELECT plan(18);

CREATE SCHEMA tap_clv;
-- 200,000 orders of 5,000 customers over two years; amounts in quarters
-- (exact binary fractions), so per-day sums are exact in any order; some NULLs
CREATE TABLE tap_clv.orders AS
SELECT i AS id, (hashint4(i) & 2147483647) % 5000 AS customer,
       DATE '2023-01-01' + ((hashint4(i + 7) & 2147483647) % 730) AS day,
       CASE WHEN i % 101 = 0 THEN NULL ELSE ((hashint4(i + 13) & 2147483647) % 20000) / 4.0 END::float8 AS amount
FROM generate_series(1, 200000) i;
ANALYZE tap_clv.orders;

-- per-customer summaries as the Gamma-Gamma input: 60,000 rows
CREATE TABLE tap_clv.customers AS
SELECT i AS id, (i % 40)::float8 AS x,
       CASE WHEN i % 97 = 0 THEN 0 ELSE round((5 + (hashint4(i) & 2147483647) % 5000 / 100.0)::numeric, 2)::float8 END AS m,
       ((hashint4(i + 1) & 2147483647) % 4 + 1)::float8 AS w
FROM generate_series(1, 60000) i;
ANALYZE tap_clv.customers;


SET client_min_messages = warning;
SET max_parallel_workers_per_gather = 0;
CREATE TABLE tap_clv.serial AS
SELECT (SELECT ror.rfm_agg(day, amount, DATE '2024-06-30')::text FROM tap_clv.orders) AS rfm_all,
       (SELECT ror.rfm_state_agg(day, amount, DATE '2024-06-30')::text FROM tap_clv.orders) AS state_all,
       (SELECT ror.rfm_agg(day, amount, DATE '2024-06-30')::text FROM tap_clv.orders WHERE id + 0 < 3) AS rfm_tiny,
       (SELECT ror.gamma_gamma_fit(x, m)::text FROM tap_clv.customers) AS gg,
       (SELECT ror.gamma_gamma_state_agg(x, m, w)::text FROM tap_clv.customers) AS gg_state,
       (SELECT ror.gamma_gamma_state_agg(x, m)::text FROM tap_clv.customers WHERE id + 0 < 300) AS gg_tiny;

CALL tap_helpers.force_parallel_plans();

SELECT matches(tap_helpers.plan_of($$SELECT ror.rfm_agg(day, amount, DATE '2024-06-30') FROM tap_clv.orders$$),
               'Partial Aggregate', 'rfm_agg runs as a partial aggregate');
SELECT is((SELECT ror.rfm_agg(day, amount, DATE '2024-06-30')::text FROM tap_clv.orders),
          (SELECT rfm_all FROM tap_clv.serial), 'parallel rfm_agg equals the serial result');
SELECT is((SELECT ror.rfm_state_agg(day, amount, DATE '2024-06-30')::text FROM tap_clv.orders),
          (SELECT state_all FROM tap_clv.serial), 'parallel rfm state equals the serial one');
SELECT matches(tap_helpers.plan_of($$SELECT ror.rfm_agg(day, amount, DATE '2024-06-30') FROM tap_clv.orders WHERE id + 0 < 3$$),
               'Partial Aggregate', 'the filtered rfm scan runs in parallel');
SELECT is((SELECT ror.rfm_agg(day, amount, DATE '2024-06-30')::text FROM tap_clv.orders WHERE id + 0 < 3),
          (SELECT rfm_tiny FROM tap_clv.serial), 'a worker that saw no rows does not change rfm_agg');
SELECT matches(tap_helpers.plan_of('SELECT ror.gamma_gamma_fit(x, m) FROM tap_clv.customers'),
               'Partial Aggregate', 'gamma_gamma_fit runs as a partial aggregate');
-- unit weights and whole-number patterns: the merged state, hence the fit, is identical
SELECT is((SELECT ror.gamma_gamma_fit(x, m)::text FROM tap_clv.customers),
          (SELECT gg FROM tap_clv.serial), 'parallel gamma_gamma_fit equals the serial fit');
SELECT is((SELECT ror.gamma_gamma_state_agg(x, m, w)::text FROM tap_clv.customers),
          (SELECT gg_state FROM tap_clv.serial), 'parallel weighted state equals the serial one');
SELECT is((SELECT ror.gamma_gamma_state_agg(x, m)::text FROM tap_clv.customers WHERE id + 0 < 300),
          (SELECT gg_tiny FROM tap_clv.serial), 'a worker that saw no rows does not change the state');
SELECT ok((SELECT ror.gamma_gamma_fit(x, m) FROM tap_clv.customers WHERE x > 1000) IS NULL,
          'no rows in any worker gives NULL');

-- partitionwise aggregation
CREATE TABLE tap_clv.parted (id int, day date, amount float8, x float8, m float8) PARTITION BY RANGE (id);
CREATE TABLE tap_clv.parted_1 PARTITION OF tap_clv.parted FOR VALUES FROM (MINVALUE) TO (20000);
CREATE TABLE tap_clv.parted_2 PARTITION OF tap_clv.parted FOR VALUES FROM (20000) TO (40000);
CREATE TABLE tap_clv.parted_3 PARTITION OF tap_clv.parted FOR VALUES FROM (40000) TO (MAXVALUE);
INSERT INTO tap_clv.parted SELECT o.id, o.day, o.amount, c.x, c.m
FROM tap_clv.orders o LEFT JOIN tap_clv.customers c USING (id);
ANALYZE tap_clv.parted;
SET enable_partitionwise_aggregate = on;
SELECT matches(tap_helpers.plan_of($$SELECT ror.rfm_agg(day, amount, DATE '2024-06-30') FROM tap_clv.parted$$),
               'Partial Aggregate', 'partitionwise rfm_agg aggregates partially');
SELECT is((SELECT ror.rfm_agg(day, amount, DATE '2024-06-30')::text FROM tap_clv.parted),
          (SELECT rfm_all FROM tap_clv.serial), 'partitionwise rfm_agg equals the serial result');
SELECT matches(tap_helpers.plan_of('SELECT ror.gamma_gamma_fit(x, m) FROM tap_clv.parted'),
               'Partial Aggregate', 'partitionwise gamma_gamma_fit aggregates partially');
SELECT is((SELECT ror.gamma_gamma_fit(x, m)::text FROM tap_clv.parted),
          (SELECT ror.gamma_gamma_fit(x, m)::text FROM tap_clv.customers),
          'partitionwise gamma_gamma_fit equals the direct fit');
RESET enable_partitionwise_aggregate;

-- Citus-style: per-shard states travel as text and are merged
SELECT is((SELECT ror.rfm_agg(s::text::ror.rfm_state)::text
           FROM (SELECT id % 8 AS shard, ror.rfm_state_agg(day, amount, DATE '2024-06-30') s
                 FROM tap_clv.orders GROUP BY 1) q),
          (SELECT rfm_all FROM tap_clv.serial), 'text-shipped rfm shard states merge to the direct summary');
SELECT is((SELECT array_agg(r ORDER BY customer)::text FROM (
             SELECT customer, ror.rfm_agg(s::text::ror.rfm_state)::text r
             FROM (SELECT id % 8 AS shard, customer, ror.rfm_state_agg(day, amount, DATE '2024-06-30') s
                   FROM tap_clv.orders GROUP BY 1, 2) q GROUP BY customer) z),
          (SELECT array_agg(r ORDER BY customer)::text FROM (
             SELECT customer, ror.rfm_agg(day, amount, DATE '2024-06-30')::text r
             FROM tap_clv.orders GROUP BY customer) z),
          'per-customer rfm states shipped as text merge to the direct per-customer summaries');
SELECT is((SELECT ror.gamma_gamma_fit(s::text::ror.gamma_gamma_state)::text
           FROM (SELECT id % 8 AS shard, ror.gamma_gamma_state_agg(x, m) s FROM tap_clv.customers GROUP BY 1) q),
          (SELECT gg FROM tap_clv.serial), 'text-shipped Gamma-Gamma shard states merge to the direct fit');
SELECT ok((SELECT bool_and(s::text::ror.gamma_gamma_state OPERATOR(ror.=) s)
           FROM (SELECT id % 8, ror.gamma_gamma_state_agg(x, m, w * 0.1) s FROM tap_clv.customers GROUP BY 1) q),
          'weighted Gamma-Gamma shard states round-trip through text bit for bit');

DROP SCHEMA tap_clv CASCADE;
SELECT * FROM finish();
