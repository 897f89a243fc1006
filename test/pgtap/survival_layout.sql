-- The transition state's layouts: it starts small (sized from the planner's
-- rows per group, at most 2 kB), doubles through the states that fill a
-- palloc chunk (256 B .. 8 kB) into larger ones with a sparser index, and
-- forms a dense block once enough whole durations are seen.  However a state
-- gets there (input order, estimates far off, fractional durations probing
-- a state with a block, parallel workers), its list is the GROUP BY of the
-- durations; and small groups take little memory.
SELECT plan(17);

CREATE SCHEMA tap_layout;
SET max_parallel_workers_per_gather = 0;
SET extra_float_digits = 1;

-- rows (kind, id, dur, churned), aggregated in the order of id
CREATE TABLE tap_layout.obs (kind text, id int, dur float8, churned boolean);
INSERT INTO tap_layout.obs
-- weeks: 3000 fractional durations, never whole, in a scrambled order
SELECT 'weeks', i, ((hashint4(i) & 2147483647) % 3000 + 0.5) / 7, i % 5 < 2 FROM generate_series(1, 30000) i
UNION ALL
-- every representation in turn: 40 fractional durations (a small state),
-- 600 whole days (the state grows and forms a block of 512), halves below
-- the block (probing a state with a block), whole days past the block, and
-- fractions of a large magnitude
SELECT 'switching', i,
       CASE WHEN i < 200 THEN (i % 40) / 7.0
            WHEN i < 5000 THEN (i * 7919 % 600)::float8
            WHEN i < 8000 THEN (i % 500) + 0.5
            WHEN i < 9000 THEN 600 + i % 300
            ELSE 1e9 + (i % 100) / 3.0 END,
       i % 3 = 0
FROM generate_series(0, 9999) i;

CREATE FUNCTION tap_layout.reference(k text) RETURNS text LANGUAGE sql AS $$
  SELECT '{' || string_agg(format('(%s,%s,%s)', d::text, e, c), ',' ORDER BY d) || '}'
  FROM (SELECT dur AS d, count(*) FILTER (WHERE churned) e, count(*) FILTER (WHERE NOT churned) c
        FROM tap_layout.obs WHERE kind = k GROUP BY dur) q $$;
CREATE FUNCTION tap_layout.agg(k text, direction text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE r text;
BEGIN
  EXECUTE format('SELECT ror.survival_agg(dur, churned)::text FROM (SELECT * FROM tap_layout.obs WHERE kind = %L ORDER BY %s) q',
                 k, CASE direction WHEN 'asc' THEN 'id' WHEN 'desc' THEN 'id DESC' ELSE 'hashint4(id)' END) INTO r;
  RETURN r;
END $$;

SELECT is(tap_layout.agg('weeks', 'asc'), tap_layout.reference('weeks'),
          '3000 fractional durations: small states, then the sparse index of a large one');
SELECT is(tap_layout.agg('weeks', 'desc'), tap_layout.reference('weeks'), 'the same rows in reverse order');
SELECT is(tap_layout.agg('switching', 'asc'), tap_layout.reference('switching'),
          'small state, dense block, halves below the block, whole durations past it, large fractions');
SELECT is(tap_layout.agg('switching', 'desc'), tap_layout.reference('switching'),
          'the same rows in reverse order (the block forms at another point)');
SELECT is(tap_layout.agg('switching', 'scrambled'), tap_layout.reference('switching'),
          'the same rows scrambled');

-- the planner's estimate far off both ways: a function it believes returns 1 row
-- (the first state is the smallest, and grows 9 times), and one it believes
-- returns 10 M rows for 2 groups (first states of 2 kB for groups of 3 rows)
CREATE FUNCTION tap_layout.rows_est_1(k text) RETURNS SETOF tap_layout.obs LANGUAGE sql ROWS 1 AS
$$ SELECT * FROM tap_layout.obs WHERE kind = k ORDER BY id $$;
SELECT is((SELECT ror.survival_agg(dur, churned)::text FROM tap_layout.rows_est_1('weeks')), tap_layout.reference('weeks'),
          'a first state sized for 1 row grows to 3000 durations');
CREATE FUNCTION tap_layout.rows_est_big(k text) RETURNS SETOF tap_layout.obs LANGUAGE sql ROWS 10000000 AS
$$ SELECT * FROM tap_layout.obs WHERE kind = k ORDER BY id $$;
SELECT is((SELECT array_agg(s ORDER BY g)::text
           FROM (SELECT id / 3 AS g, ror.survival_agg(dur, churned)::text s FROM tap_layout.rows_est_big('switching') GROUP BY 1) q),
          (SELECT array_agg(s ORDER BY g)::text
           FROM (SELECT g, '{' || string_agg(format('(%s,%s,%s)', d::text, e, c), ',' ORDER BY d) || '}' s
                 FROM (SELECT id / 3 AS g, dur AS d, count(*) FILTER (WHERE churned) e, count(*) FILTER (WHERE NOT churned) c
                       FROM tap_layout.obs WHERE kind = 'switching' GROUP BY 1, 2) x
                 GROUP BY g) y),
          'groups of 3 rows in first states sized for far more');

-- many small groups: serial hashed, sorted, and parallel partial states agree
CREATE TABLE tap_layout.groups AS
SELECT (i % 10000)::int AS grp,
       CASE WHEN i % 4 = 0 THEN ((hashint4(i) & 2147483647) % 1000 + 0.5) / 7
            ELSE ((hashint4(i) & 2147483647) % 1500)::float8 END AS dur,
       i % 5 < 2 AS churned
FROM generate_series(1, 500000) i;
ANALYZE tap_layout.groups;
CREATE FUNCTION tap_layout.grouped() RETURNS text LANGUAGE sql AS $$
  SELECT md5(string_agg(s, ';' ORDER BY grp))
  FROM (SELECT grp, ror.survival_agg(dur, churned)::text s FROM tap_layout.groups GROUP BY grp) q $$;
SET work_mem = '1GB';
SET enable_sort = off;
CREATE TABLE tap_layout.serial AS SELECT tap_layout.grouped() AS hashed;
SELECT is((SELECT hashed FROM tap_layout.serial),
          (SELECT md5(string_agg(s, ';' ORDER BY grp))
           FROM (SELECT grp, '{' || string_agg(format('(%s,%s,%s)', dur::text, e, c), ',' ORDER BY dur) || '}' s
                 FROM (SELECT grp, dur, count(*) FILTER (WHERE churned) e, count(*) FILTER (WHERE NOT churned) c
                       FROM tap_layout.groups GROUP BY grp, dur) q
                 GROUP BY grp) r),
          '10000 groups of 50 rows (hashed) equal the GROUP BY of their durations');
RESET enable_sort;
SET enable_hashagg = off;
SELECT is(tap_layout.grouped(), (SELECT hashed FROM tap_layout.serial), 'sorted groups equal hashed ones');
RESET enable_hashagg;

CALL tap_helpers.force_parallel_plans();
SET enable_sort = off;
SELECT matches(tap_helpers.plan_of('SELECT grp, ror.survival_agg(dur, churned) FROM tap_layout.groups GROUP BY grp'),
               'Partial HashAggregate', 'small groups run as partial hash aggregates');
SELECT is(tap_layout.grouped(), (SELECT hashed FROM tap_layout.serial), 'parallel small groups equal serial ones');
RESET enable_sort;
RESET parallel_setup_cost;
RESET parallel_tuple_cost;
RESET min_parallel_table_scan_size;
RESET parallel_leader_participation;
SET max_parallel_workers_per_gather = 0;

-- memory of the small groups (serial): each raw transition state (2 kB:
-- sized from the estimate of 50 rows, it never grows), and the working
-- memory, the HashAggregate's peak less that of count(*) over the same
-- groups (its hash table), against the 24 bytes of a listed entry per
-- distinct duration.
-- The peak counts whole blocks of up to 8 MB, which 10000 groups do not
-- fill: the bound on it is looser.
CREATE AGGREGATE tap_layout.raw(float8, boolean) (SFUNC = ror.survival_accum, STYPE = ror.survival);
CREATE FUNCTION tap_layout.peak_per_group(q text) RETURNS float8 LANGUAGE plpgsql AS $$
DECLARE plan json; node jsonb;
BEGIN
  EXECUTE 'EXPLAIN (ANALYZE, FORMAT JSON) ' || q INTO plan;
  node := jsonb_path_query_first(plan::jsonb, '$.** ? (@."Node Type" == "Aggregate" && @."Strategy" == "Hashed")');
  IF node IS NULL OR (node->>'HashAgg Batches')::int > 1 THEN
    RAISE EXCEPTION 'no HashAggregate in one batch for %', q;
  END IF;
  RETURN (node->>'Peak Memory Usage')::float8 * 1024 / (node->>'Actual Rows')::float8;
END $$;
SET enable_sort = off;
CREATE TABLE tap_layout.memory AS
SELECT (SELECT avg(pg_column_size(s)) FROM (SELECT tap_layout.raw(dur, churned) s FROM tap_layout.groups GROUP BY grp) q) AS raw_bytes,
       tap_layout.peak_per_group('SELECT grp, ror.survival_agg(dur, churned) FROM tap_layout.groups GROUP BY grp')
       - tap_layout.peak_per_group('SELECT grp, count(*) FROM tap_layout.groups GROUP BY grp') AS working_bytes,
       (SELECT avg(n) * 24 FROM (SELECT count(DISTINCT dur) n FROM tap_layout.groups GROUP BY grp) q) AS needed;
RESET enable_sort;
SELECT cmp_ok((SELECT raw_bytes / needed FROM tap_layout.memory)::float8, '<=', 2::float8,
              'a state of 50 rows takes at most twice the bytes of its distinct durations');
SELECT cmp_ok((SELECT working_bytes / needed FROM tap_layout.memory)::float8, '<=', 2.5::float8,
              'and so does the working memory of 10000 such groups, give or take a block');
RESET work_mem;
-- a state full at 255 entries counts the duration that did not fit when it
-- chooses its block: 300 whole days, 212 .. 511, form a block of 512 (4 kB;
-- 255 of them fill no block) rather than staying listed (28 kB)
SELECT cmp_ok((SELECT pg_column_size(tap_layout.raw(g, true)) FROM (SELECT g::float8 FROM generate_series(212, 511) g ORDER BY hashint4(g)) q),
              '<', (SELECT pg_column_size(tap_layout.raw(g + 0.5, true)) / 4 FROM generate_series(212, 511) g),
              '300 whole days form a dense block');

-- listed counts are checked on the fast path too
CREATE AGGREGATE tap_layout.near_max(float8, boolean) (
    SFUNC = ror.survival_accum, STYPE = ror.survival, FINALFUNC = ror.survival_final,
    INITCOND = '{(1.5,9223372036854775805,0)}');
SELECT is((SELECT tap_layout.near_max(1.5, true)::text FROM generate_series(1, 2)),
          '{(1.5,9223372036854775807,0)}', 'a listed count may reach the largest int64');
SELECT throws_ok($$SELECT tap_layout.near_max(1.5, true) FROM generate_series(1, 3)$$,
                 '22003', NULL, 'a listed count past int64 on the fast path is 22003');
CREATE AGGREGATE tap_layout.from_list(float8, boolean) (
    SFUNC = ror.survival_accum, STYPE = ror.survival, FINALFUNC = ror.survival_final, INITCOND = '{(1.5,5,0)}');
SELECT is((SELECT tap_layout.from_list(x, false)::text FROM (VALUES (1.5::float8), ('-0'), (0), (2.25), ('-0'), (1.5)) v(x)),
          '{(0,0,3),(1.5,5,2),(2.25,0,1)}', '-0 counts as 0 beside listed durations');

DROP SCHEMA tap_layout CASCADE;
SELECT * FROM finish();
