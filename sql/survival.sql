-- Kaplan-Meier: the Freireich et al. (1963) 6-MP leukaemia trial, edge
-- cases, NULLs, bad input, text and binary I/O.
SET timezone = 'UTC';
SET datestyle = ISO;
SET intervalstyle = postgres;
SET extra_float_digits = 0;

-- 6-MP arm, remission weeks; + is censored (Freireich et al. 1963, Blood 21(6))
CREATE TABLE survival_mp6 (weeks float8, relapsed boolean);
INSERT INTO survival_mp6
SELECT rtrim(x, '+')::float8, x NOT LIKE '%+'
FROM unnest(string_to_array('6 6 6 6+ 7 9+ 10 10+ 11+ 13 16 17+ 19+ 20+ 22 23 25+ 32+ 32+ 34+ 35+', ' ')) x;
SELECT ror.survival_agg(weeks, relapsed) FROM survival_mp6;

-- the published table: S(6) = 0.857, S(7) = 0.807, S(10) = 0.753, S(13) = 0.690,
-- S(16) = 0.627, S(22) = 0.538, S(23) = 0.448; censor-only durations give no row.
-- log-log 95 % limits as R's survfit(conf.type = "log-log") prints them:
-- 6: 0.620 0.952, 7: 0.563 0.923, 10: 0.503 0.889, 13: 0.432 0.849,
-- 16: 0.368 0.805, 22: 0.268 0.747, 23: 0.188 0.680
SELECT time, at_risk, events, round(survival::numeric, 3) AS s3,
       round(ci_low::numeric, 3) AS low3, round(ci_high::numeric, 3) AS high3
FROM ror.survival_curve((SELECT ror.survival_agg(weeks, relapsed) FROM survival_mp6));
-- the same to 9 digits, checked against an independent computation (python3, see the doc)
SELECT time, round(survival::numeric, 9) AS survival, round(ci_low::numeric, 9) AS ci_low,
       round(ci_high::numeric, 9) AS ci_high
FROM ror.survival_curve((SELECT ror.survival_agg(weeks, relapsed) FROM survival_mp6));
-- exact products: S(7) = 18/21 * 16/17
SELECT ror.survival_at(s, 7) = (1 - 3.0::float8 / 21) * (1 - 1.0::float8 / 17) AS exact
FROM (SELECT ror.survival_agg(weeks, relapsed) s FROM survival_mp6) q;
-- Greenwood SE at 6: 0.857 * sqrt(3 / (21 * 18)) = 0.0764; median 23 (S(22) = 0.538 > 0.5 >= S(23))
SELECT round(ror.survival_stderr(s, 6)::numeric, 3) AS se6, round(ror.survival_stderr(s, 6)::numeric, 9) AS se6_9,
       round(ror.survival_stderr(s, 23)::numeric, 9) AS se23,
       ror.survival_stderr(s, 5.9) AS se_before, ror.median_lifetime(s), ror.survival_subjects(s)
FROM (SELECT ror.survival_agg(weeks, relapsed) s FROM survival_mp6) q;
-- S between and beyond the event times
SELECT t, round(ror.survival_at(s, t)::numeric, 6) AS s
FROM (SELECT ror.survival_agg(weeks, relapsed) s FROM survival_mp6) q,
     unnest(ARRAY[-1, 0, 5.999, 6, 6.5, 9, 22.999, 23, 35, 1000]::float8[]) t;
-- a 90 % interval is narrower: z = 1.6448536269514722
SELECT round(ci_low::numeric, 9) AS low90, round(ci_high::numeric, 9) AS high90
FROM ror.survival_curve((SELECT ror.survival_agg(weeks, relapsed) FROM survival_mp6), 0.90) WHERE time = 6;

-- merging: per-group states merge to the direct state
SELECT ror.survival_agg(s) OPERATOR(ror.=) (SELECT ror.survival_agg(weeks, relapsed) FROM survival_mp6) AS merged,
       ror.survival_agg(s)
FROM (SELECT weeks > 15 AS late, ror.survival_agg(weeks, relapsed) s FROM survival_mp6 GROUP BY 1) q;

-- edge cases
-- everyone churns at once: S = 0, no interval; median is that time
SELECT * FROM ror.survival_curve((SELECT ror.survival_agg(5, true) FROM generate_series(1, 4)));
SELECT ror.median_lifetime(ror.survival_agg(5, true)), ror.survival_stderr(ror.survival_agg(5, true), 5) IS NULL AS se_null
FROM generate_series(1, 4);
-- nobody churns: no curve rows, S = 1, no median
SELECT count(*) AS curve_rows FROM ror.survival_curve((SELECT ror.survival_agg(g, false) FROM generate_series(1, 4) g));
SELECT ror.survival_at(s, 100), ror.median_lifetime(s) IS NULL AS no_median, ror.survival_stderr(s, 100)
FROM (SELECT ror.survival_agg(g, false) s FROM generate_series(1, 4) g) q;
-- S stays above 0.5: no median.  S reaching exactly 0.5 is the median (R
-- would take the midpoint to the next event time instead): 1 - 2/4 at 1;
-- 3/4 * (1 - 1/3) at 2
SELECT ror.median_lifetime(ror.survival_agg(d, c)) IS NULL AS never_half
FROM (VALUES (1, true), (2, false), (3, false)) v(d, c);
SELECT ror.median_lifetime(ror.survival_agg(d, c)) AS exactly_half
FROM (VALUES (1, true), (1, true), (2, false), (3, true)) v(d, c);
SELECT ror.median_lifetime(ror.survival_agg(d, c)) AS product_half,
       ror.survival_at(ror.survival_agg(d, c), 2) AS s2
FROM (VALUES (1, true), (2, true), (3, false), (4, false)) v(d, c);
-- duration 0 and -0 are the same duration
SELECT ror.survival_agg(d, true) FROM (VALUES (0::float8), ('-0'::float8), (0.5)) v(d);
-- NULLs are skipped; no rows or only NULLs give NULL
SELECT ror.survival_agg(d, c) FROM (VALUES (1.5::float8, NULL::boolean), (NULL, true), (2.5, true)) v(d, c);
SELECT ror.survival_agg(d, c) IS NULL AS no_rows FROM (VALUES (1.0::float8, true)) v(d, c) WHERE false;
SELECT ror.survival_agg(d, c) IS NULL AS all_null FROM (VALUES (NULL::float8, true)) v(d, c);
-- an empty list reads as no data
SELECT ror.survival_at('{}', 1) IS NULL AS at_null, ror.median_lifetime('{}') IS NULL AS median_null,
       ror.survival_subjects('{}'), (SELECT count(*) FROM ror.survival_curve('{}')) AS curve_rows;

-- bad input
SELECT ror.survival_agg(d, true) FROM (VALUES (1.0::float8), (-1.0)) v(d);
SELECT ror.survival_agg(d, true) FROM (VALUES ('NaN'::float8)) v(d);
SELECT ror.survival_agg(d, false) FROM (VALUES ('Infinity'::float8)) v(d);
SELECT ror.survival_at('{(1,1,0)}', 'NaN');
SELECT * FROM ror.survival_curve('{(1,1,0)}', 1);
SELECT * FROM ror.survival_curve('{(1,1,0)}', 0);

-- text round trip, bit for bit, with awkward durations
SELECT s::text, s::text::ror.survival OPERATOR(ror.=) s AS round_trip
FROM (SELECT ror.survival_agg(d, c) s
      FROM (VALUES (0.1::float8, true), (1e-300, false), (1.0 / 3, true), (123456789.123456789, true), (0.1, false)) v(d, c)) q;
SELECT ' { ( 1 , 2 , 0 ) , (2.5,0,1) } '::ror.survival;
-- malformed or inconsistent text
SELECT ''::ror.survival;
SELECT '{(1,1)}'::ror.survival;
SELECT '{(1,1,0)'::ror.survival;
SELECT '{(1,1,0)} x'::ror.survival;
SELECT '{(2,1,0),(1,1,0)}'::ror.survival;
SELECT '{(1,1,0),(1,0,1)}'::ror.survival;
SELECT '{(-1,1,0)}'::ror.survival;
SELECT '{(NaN,1,0)}'::ror.survival;
SELECT '{(Infinity,1,0)}'::ror.survival;
SELECT '{(1e999,1,0)}'::ror.survival;
SELECT '{(1,0,0)}'::ror.survival;
SELECT '{(1,-1,2)}'::ror.survival;
SELECT '{(1,1.5,0)}'::ror.survival;
SELECT '{(1,99999999999999999999,0)}'::ror.survival;
-- the number syntax of every ror type (no hex floats; a plus sign and white space are fine)
SELECT '{(0x1p3,1,0)}'::ror.survival;
SELECT '{( +8 , +1 , 0 )}'::ror.survival;
SELECT '{(1,9223372036854775807,0),(2,1,0)}'::ror.survival;
-- merged counts that overflow
SELECT ror.survival_agg(s) FROM (VALUES ('{(1,9223372036854775807,0)}'::ror.survival), ('{(1,1,0)}')) v(s);

-- binary round trip through COPY (FORMAT binary)
SELECT current_setting('data_directory') || '/ror_survival_regress.bin' AS binfile \gset
CREATE TABLE survival_bin_src AS SELECT weeks > 15 AS late, ror.survival_agg(weeks, relapsed) s FROM survival_mp6 GROUP BY 1;
COPY survival_bin_src TO :'binfile' (FORMAT binary);
CREATE TABLE survival_bin_dst (LIKE survival_bin_src);
COPY survival_bin_dst FROM :'binfile' (FORMAT binary);
SELECT count(*) AS rows, bool_and(d.s OPERATOR(ror.=) b.s) AS identical FROM survival_bin_src b JOIN survival_bin_dst d USING (late);
-- hostile binary input: one field of the given bytes, COPYed into recv_dst
\i test/lib/regress_binary.sql
CREATE TEMP TABLE recv_dst (s ror.survival);
-- version 1, n, then (time float8, events int8, censored int8) per entry
SELECT pg_temp.try_recv('\x01' || int4send(2) || float8send(1) || int8send(2) || int8send(0)
                        || float8send(3) || int8send(0) || int8send(1), :'binfile', 'recv_dst') AS valid;
SELECT pg_temp.try_recv('\x02' || int4send(1) || float8send(1) || int8send(2) || int8send(0), :'binfile', 'recv_dst') AS version;
SELECT pg_temp.try_recv('\x01' || int4send(1000000000) || float8send(1) || int8send(2) || int8send(0), :'binfile', 'recv_dst') AS huge_count;
SELECT pg_temp.try_recv('\x01' || int4send(-1), :'binfile', 'recv_dst') AS negative_count;
SELECT pg_temp.try_recv('\x01' || int4send(2) || float8send(3) || int8send(2) || int8send(0)
                        || float8send(1) || int8send(0) || int8send(1), :'binfile', 'recv_dst') AS unsorted;
SELECT pg_temp.try_recv('\x01' || int4send(1) || float8send('NaN') || int8send(2) || int8send(0), :'binfile', 'recv_dst') AS nan;
SELECT pg_temp.try_recv('\x01' || int4send(1) || float8send('-0') || int8send(2) || int8send(0), :'binfile', 'recv_dst') AS minus_zero;
SELECT pg_temp.try_recv('\x01' || int4send(1) || float8send(1) || int8send(0) || int8send(0), :'binfile', 'recv_dst') AS no_subjects;
SELECT pg_temp.try_recv('\x01' || int4send(1) || float8send(1) || int8send(2) || int8send(0) || '\x00'::bytea, :'binfile', 'recv_dst') AS trailing;
SELECT count(*) AS accepted_rows FROM recv_dst;

-- stored values reach every function as the table holds them: short 1-byte
-- headers (small values), compressed inline and out of line (large ones)
CREATE TABLE survival_stored (id int, s ror.survival);
INSERT INTO survival_stored VALUES (1, '{(1,1,0)}'), (2, '{(1,1,0),(2,3,4)}');
INSERT INTO survival_stored SELECT 3, ror.survival_agg(g::float8, g % 2 = 0) FROM generate_series(1, 5000) g;
CREATE TABLE survival_stored_ext (id int, s ror.survival);
ALTER TABLE survival_stored_ext ALTER COLUMN s SET STORAGE external;
INSERT INTO survival_stored_ext SELECT * FROM survival_stored;
SELECT id, pg_column_size(s) < 100 AS short, pg_column_compression(s) IS NOT NULL AS compressed
FROM survival_stored ORDER BY id;
SELECT id, ror.survival_final(s), ror.survival_subjects(s), round(ror.survival_at(s, 1)::numeric, 9) AS s1,
       ror.median_lifetime(s), ror.survival_final(s) OPERATOR(ror.=) s AS same
FROM survival_stored WHERE id < 3 ORDER BY id;
-- 5000 subjects, one per duration 1..5000, events at the even ones:
-- S(2500) = prod over even i <= 2500 of (1 - 1/(5001 - i)) = 0.707071427, median 3750, 2500 event times, text of 53894 characters (python3)
SELECT t.id, ror.survival_subjects(ror.survival_final(t.s)) AS final_subjects, ror.survival_subjects(t.s) AS subjects,
       round(ror.survival_at(t.s, 2500)::numeric, 9) AS s2500, ror.median_lifetime(t.s),
       ror.survival_final(t.s) OPERATOR(ror.=) t.s AS same, t.s OPERATOR(ror.=) e.s AS same_external,
       length(t.s::text) AS text_length, (SELECT count(*) FROM ror.survival_curve(t.s)) AS curve_rows
FROM survival_stored t JOIN survival_stored_ext e USING (id) ORDER BY id;
SELECT ror.survival_subjects(ror.survival_agg(s)) AS merged FROM survival_stored;
-- a user's aggregate whose SQL transition function hands over stored values:
-- the final and combine functions read them without changing the table's copy
CREATE SCHEMA survival_user;
CREATE FUNCTION survival_user.pick(ror.survival, int) RETURNS ror.survival LANGUAGE sql
    AS $$ SELECT s FROM survival_stored WHERE id = $2 $$;
CREATE AGGREGATE survival_user.last_stored(int) (
    SFUNC = survival_user.pick, STYPE = ror.survival, FINALFUNC = ror.survival_final);
SELECT id, ror.survival_subjects(survival_user.last_stored(id)) FROM survival_stored GROUP BY id ORDER BY id;
-- a moving aggregate whose inverse function hands a stored value to survival_accum
CREATE FUNCTION survival_user.inv(ror.survival, float8, boolean) RETURNS ror.survival LANGUAGE sql
    AS $$ SELECT s FROM survival_stored WHERE id = CASE WHEN $2 < 2 THEN 2 ELSE 3 END $$;
CREATE AGGREGATE survival_user.moving(float8, boolean) (
    SFUNC = ror.survival_accum, STYPE = ror.survival, FINALFUNC = ror.survival_final,
    MSFUNC = ror.survival_accum, MINVFUNC = survival_user.inv, MSTYPE = ror.survival,
    MFINALFUNC = ror.survival_final);
-- row 1: {(1,1,0)}; row 2: + (2, censored); row 3: stored id 2 + (3, event);
-- row 4: stored id 3 + (4, censored) = 5001 subjects, (4,1,1) at duration 4
SELECT d, ror.survival_subjects(m), m::text LIKE '{(1,0,1),(2,1,0),(3,0,1),(4,1,1),(5,0,1),%' AS row4,
       CASE WHEN d < 4 THEN m::text END AS small
FROM (SELECT d, survival_user.moving(d, d % 2 = 1) OVER (ORDER BY d ROWS BETWEEN 1 PRECEDING AND CURRENT ROW) m
      FROM generate_series(1, 4) d) q ORDER BY d;
SELECT count(*) AS stored_unchanged FROM survival_stored WHERE (id, s::text) IN ((1, '{(1,1,0)}'), (2, '{(1,1,0),(2,3,4)}'));
DROP SCHEMA survival_user CASCADE;

-- the number of subjects of a merged or grown state is checked (22003)
SELECT ror.survival_subjects(s), ror.survival_at(s, 1)
FROM (SELECT ror.survival_agg(x) s FROM (VALUES ('{(1,1,9223372036854775800)}'::ror.survival),
                                               ('{(2,9223372036854775800,0)}'::ror.survival)) v(x)) q;
SELECT ror.survival_agg(x) FROM (VALUES ('{(1,1,9223372036854775800)}'::ror.survival), ('{(2,7,0)}')) v(x);
-- exactly the largest total is fine
SELECT ror.survival_agg(x), ror.survival_subjects(ror.survival_agg(x))
FROM (VALUES ('{(1,1,9223372036854775800)}'::ror.survival), ('{(2,6,0)}')) v(x);
CREATE AGGREGATE pg_temp.survival_from(float8, boolean) (
    SFUNC = ror.survival_accum, STYPE = ror.survival, FINALFUNC = ror.survival_final,
    INITCOND = '{(1,9223372036854775805,0)}');
SELECT pg_temp.survival_from(g, true) FROM generate_series(1, 2) g;
SELECT pg_temp.survival_from(g, true) FROM generate_series(1, 3) g;

DROP TABLE survival_mp6, survival_bin_src, survival_bin_dst, survival_stored, survival_stored_ext;
