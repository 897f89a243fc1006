-- The transition state's dense block (whole-number durations counted in
-- place): every way in and out of it gives the list a GROUP BY of the
-- durations gives.  The block forms when half of a power of 2 of whole
-- durations has been seen, grows with them, stops at 65536, and takes over
-- the listed entries it covers; states built elsewhere (initial conditions,
-- stored raw states) join it.
SELECT plan(19);

CREATE SCHEMA tap_dense;
SET max_parallel_workers_per_gather = 0;
SET extra_float_digits = 1;

-- rows (id, dur, churned) in the order of id
CREATE TABLE tap_dense.obs (kind text, id int, dur float8, churned boolean);
INSERT INTO tap_dense.obs
-- 0 .. 99999 ascending: the block grows step by step and stops at 65536
SELECT 'ascending', i, i::float8, i % 3 = 0 FROM generate_series(0, 99999) i
UNION ALL
-- the same, descending: the largest durations come first, the block forms late
SELECT 'descending', i, (99999 - i)::float8, i % 3 = 0 FROM generate_series(0, 99999) i
UNION ALL
-- whole days with repeats, then halves, then whole durations past the block
SELECT 'mixed', i,
       CASE WHEN i < 20000 THEN (i * 7919 % 2000)::float8
            WHEN i < 30000 THEN (i % 2000) + 0.5
            ELSE 70000 + i % 50 END,
       i % 4 = 1
FROM generate_series(0, 39999) i
UNION ALL
-- whole durations too sparse for a block (one in 997)
SELECT 'sparse', i, (i % 300 * 997)::float8, i % 2 = 0 FROM generate_series(0, 5999) i
UNION ALL
-- -0 and 0 are one duration, also in the block
SELECT 'zeros', i, CASE WHEN i % 2 = 0 THEN '-0'::float8 ELSE (i % 1000)::float8 END, i % 5 = 0
FROM generate_series(0, 9999) i;

CREATE FUNCTION tap_dense.reference(k text) RETURNS text LANGUAGE sql AS $$
  SELECT '{' || string_agg(format('(%s,%s,%s)', d::text, e, c), ',' ORDER BY d) || '}'
  FROM (SELECT dur + 0 AS d, count(*) FILTER (WHERE churned) e, count(*) FILTER (WHERE NOT churned) c
        FROM tap_dense.obs WHERE kind = k GROUP BY dur + 0) q $$;
CREATE FUNCTION tap_dense.agg(k text) RETURNS text LANGUAGE sql AS $$
  SELECT ror.survival_agg(dur, churned)::text FROM (SELECT * FROM tap_dense.obs WHERE kind = k ORDER BY id) q $$;

SELECT is(tap_dense.agg('ascending'), tap_dense.reference('ascending'),
          'ascending whole durations 0 .. 99999 (the block grows, then stops at 65536)');
SELECT is(tap_dense.agg('descending'), tap_dense.reference('descending'),
          'the same durations descending');
SELECT is(tap_dense.agg('mixed'), tap_dense.reference('mixed'),
          'whole durations with repeats, halves, and whole durations past the block');
SELECT is(tap_dense.agg('sparse'), tap_dense.reference('sparse'), 'whole durations too sparse for a block');
SELECT is(tap_dense.agg('zeros'), tap_dense.reference('zeros'), '-0 counts as 0 in the block');
SELECT is((SELECT ror.survival_subjects(ror.survival_agg(dur, churned)) FROM tap_dense.obs), 256000::bigint,
          'every row is counted once');

-- an initial condition: its whole durations move into the block when it forms
CREATE AGGREGATE tap_dense.from_initcond(float8, boolean) (
    SFUNC = ror.survival_accum, STYPE = ror.survival, FINALFUNC = ror.survival_final,
    INITCOND = '{(0,5,1),(3,1,1),(3.5,2,0),(100,0,7),(5000,1,0),(70000.25,3,3)}');
SELECT is((SELECT tap_dense.from_initcond(dur, churned)::text FROM (SELECT * FROM tap_dense.obs WHERE kind = 'mixed' ORDER BY id) q),
          (SELECT ror.survival_agg(s)::text
           FROM (VALUES ('{(0,5,1),(3,1,1),(3.5,2,0),(100,0,7),(5000,1,0),(70000.25,3,3)}'::ror.survival),
                        (tap_dense.agg('mixed')::ror.survival)) v(s)),
          'an initial condition joins the block: the same as merging it with the rows');

-- raw transition states with a block, stored and read back
CREATE AGGREGATE tap_dense.raw(float8, boolean) (SFUNC = ror.survival_accum, STYPE = ror.survival);
CREATE TABLE tap_dense.stored AS
SELECT kind, tap_dense.raw(dur, churned) AS raw FROM tap_dense.obs GROUP BY kind;
SELECT cmp_ok((SELECT pg_column_size(tap_dense.raw(g, g % 2 = 0)) FROM generate_series(0, 999) g), '<',
              (SELECT pg_column_size(tap_dense.raw(g + 0.5, g % 2 = 0)) FROM generate_series(0, 999) g),
              'the block holds 1000 whole durations in less room than 1000 listed ones');
SELECT is((SELECT count(*) FROM tap_dense.stored WHERE raw::text <> tap_dense.reference(kind)), 0::bigint,
          'stored raw states with a block read as their lists');
SELECT is((SELECT count(*) FROM tap_dense.stored
           WHERE ror.survival_final(raw) OPERATOR(ror.<>) tap_dense.reference(kind)::ror.survival), 0::bigint,
          'survival_final of a raw state with a block is its list');
SELECT is((SELECT array_agg(ror.survival_subjects(raw) ORDER BY kind) FROM tap_dense.stored),
          (SELECT array_agg(n ORDER BY kind) FROM (SELECT kind, count(*) n FROM tap_dense.obs GROUP BY kind) q),
          'survival_subjects of a raw state with a block counts the block too');
SELECT is((SELECT ror.survival_agg(raw)::text FROM tap_dense.stored),
          (SELECT ror.survival_agg(dur, churned)::text FROM tap_dense.obs),
          'raw states with blocks merge to the state of all rows');
SELECT is((SELECT count(*) FROM tap_dense.stored
           WHERE ror.survival_send(raw) <> ror.survival_send(tap_dense.reference(kind)::ror.survival)), 0::bigint,
          'binary output of a raw state with a block is its list');

-- the running total guards the block's counts too
CREATE AGGREGATE tap_dense.near_max(float8, boolean) (
    SFUNC = ror.survival_accum, STYPE = ror.survival, FINALFUNC = ror.survival_final,
    INITCOND = '{(0,1,0),(1,1,0),(2,1,0),(3,1,0),(4,1,0),(5,1,0),(6,1,0),(7,1,0),(8,1,0),(9,1,0),(10,1,0),(11,1,0),(12,1,0),(13,1,0),(14,1,0),(15,9223372036854775790,0)}');
SELECT is((SELECT ror.survival_subjects(tap_dense.near_max(g % 20, true)) FROM generate_series(1, 2) g),
          9223372036854775807::bigint, 'a state with a block may hold the largest total');
SELECT throws_ok($$SELECT tap_dense.near_max(g % 20, true) FROM generate_series(1, 3) g$$,
                 '22003', NULL, 'a subject total past int64 counted in the block is 22003');

-- the block's counters are 32-bit: counts past 2^32 - 1 go on in listed
-- entries, and the list adds them up.  The initial condition has 40 whole
-- durations below 64, so the block forms at the first row and takes those
-- entries whose counts fit: 5 (near the limit) and 7 (at it) move in, 6
-- (2^40) stays listed.
DO $$
BEGIN
  EXECUTE format($f$CREATE AGGREGATE tap_dense.big(float8, boolean) (
      SFUNC = ror.survival_accum, STYPE = ror.survival, FINALFUNC = ror.survival_final,
      INITCOND = %L)$f$,
    (SELECT '{' || string_agg(format('(%s,%s,%s)', d,
                                     CASE d WHEN 5 THEN 4294967290 WHEN 6 THEN 1099511627776 WHEN 7 THEN 4294967295 ELSE 1 END,
                                     CASE d WHEN 7 THEN 4294967295 WHEN 6 THEN 3 ELSE 0 END), ',' ORDER BY d) || '}'
     FROM generate_series(0, 39) d));
END $$;
CREATE TABLE tap_dense.big_rows AS
SELECT dur::float8 AS dur, churned FROM (VALUES (5, true, 10), (6, false, 3), (6, true, 1), (7, true, 2), (7, false, 2),
                                                 (8, true, 1), (50, false, 1)) v(dur, churned, n),
                                         generate_series(1, n::int);
SELECT is((SELECT tap_dense.big(dur, churned)::text FROM tap_dense.big_rows),
          (SELECT ror.survival_agg(s)::text
           FROM (SELECT ror.survival_agg(dur, churned) FROM tap_dense.big_rows
                 UNION ALL
                 SELECT (SELECT agginitval FROM pg_aggregate WHERE aggfnoid = 'tap_dense.big'::regproc)::ror.survival) v(s)),
          'counts past the dense counters'' range (2^32 - 1) go on in the list, exactly');
SELECT is((SELECT ror.survival_subjects(tap_dense.big(dur, churned)) FROM tap_dense.big_rows),
          (SELECT ror.survival_subjects((SELECT agginitval FROM pg_aggregate WHERE aggfnoid = 'tap_dense.big'::regproc)::ror.survival)
                  + count(*) FROM tap_dense.big_rows),
          'and every subject is counted once');

-- a transition state read without the final function checks its total too
CREATE AGGREGATE tap_dense.raw_full(float8, boolean) (
    SFUNC = ror.survival_accum, STYPE = ror.survival, INITCOND = '{(1,9223372036854775807,0)}');
SELECT throws_ok($$SELECT tap_dense.raw_full(g, true)::text FROM generate_series(1, 1) g$$,
                 '22003', NULL, 'a raw state whose total passed int64 cannot be output (22003)');
SELECT throws_ok($$SELECT tap_dense.raw_full(1.5, true)::text$$,
                 '22003', NULL, 'a listed count past int64 is 22003');

DROP SCHEMA tap_dense CASCADE;
SELECT * FROM finish();
