-- NPS: hand-computed cases for every function, NULLs, bad input, text and binary I/O.
SET extra_float_digits = 0;

CREATE TABLE survey (id serial, seg text, score integer, w float8);
-- seg a: 10,10,10,9 (P=4), 8,7 (passives=2), 5,3 (D=2): n=8, NPS = 100*(4-2)/8 = 25
-- seg b: 6,0,9 : P=1, D=2, n=3, NPS = -33.333...
-- seg c: NULL scores only
INSERT INTO survey (seg, score, w) VALUES
  ('a', 10, 1), ('a', 10, 1), ('a', 10, 1), ('a', 9, 1), ('a', 8, 1), ('a', 7, 1), ('a', 5, 1), ('a', 3, 1),
  ('b', 6, 2), ('b', 0, 1), ('b', 9, 3),
  ('c', NULL, 1), ('c', NULL, NULL);

SELECT seg, ror.nps_agg(score), ror.nps_agg(score, w) AS weighted,
       ror.nps_summary_agg(score) AS summary
FROM survey GROUP BY seg ORDER BY seg;

-- the documented formula, computed by hand in SQL, to the last digit
SELECT seg, ror.nps_agg(score) = 100.0::float8 * (count(*) FILTER (WHERE score >= 9) - count(*) FILTER (WHERE score <= 6)) / count(score) AS matches
FROM survey WHERE score IS NOT NULL GROUP BY seg ORDER BY seg;

-- b weighted: wP = 3, wD = 2 + 1 = 3, total 6 -> 0; Kish n = 36/14
SELECT ror.nps_summary_agg(score, w) AS s FROM survey WHERE seg = 'b';
SELECT ror.nps_effective_n(ror.nps_summary_agg(score, w)) = 36.0::float8 / 14 AS kish FROM survey WHERE seg = 'b';

-- all promoters, all detractors, a single response, no rows, all NULL
SELECT ror.nps_agg(s) FROM (VALUES (9), (10), (10)) v(s);
SELECT ror.nps_agg(s) FROM (VALUES (0), (6), (3)) v(s);
SELECT ror.nps_agg(s) FROM (VALUES (7)) v(s);
SELECT ror.nps_agg(s) IS NULL AS no_rows, ror.nps_summary_agg(s) IS NULL AS no_summary,
       ror.nps_agg(s, 1.0) IS NULL AS no_weighted
FROM (VALUES (1)) v(s) WHERE false;
SELECT ror.nps_agg(score) IS NULL AS all_null, ror.nps_summary_agg(score) IS NULL AS no_summary
FROM survey WHERE seg = 'c';
-- NULL weight skips the row; weight 0 counts the response but adds no weight
SELECT ror.nps_summary_agg(s, w) FROM (VALUES (10, NULL), (0, 1.0), (9, 0.0)) v(s, w);
SELECT ror.nps_agg(s, w) IS NULL AS zero_weight_is_null FROM (VALUES (10, 0.0), (0, 0.0)) v(s, w);

-- accessors on seg a: P=4, passives=2, D=2, n=8
SELECT ror.nps(s), ror.promoters(s), ror.passives(s), ror.detractors(s), ror.responses(s),
       ror.nps_effective_n(s)
FROM (SELECT ror.nps_summary_agg(score) s FROM survey WHERE seg = 'a') q;
-- stderr = 100*sqrt((0.5 + 0.25 - 0.25^2)/8) = 29.3150984988...
SELECT round(ror.nps_stderr(s)::numeric, 10) FROM (SELECT ror.nps_summary_agg(score) s FROM survey WHERE seg = 'a') q;
-- adjusted Wald: n'=11, p'=4.75/11, d'=2.75/11, s'^2 = p'+d'-(p'-d')^2,
-- 95%: 100*(2/11 -+ 1.959963984540054*sqrt(s'^2/11)) = [-29.41675031, 65.78038667]
SELECT round(low::numeric, 8), round(high::numeric, 8)
FROM ror.nps_ci((SELECT ror.nps_summary_agg(score) FROM survey WHERE seg = 'a'));
SELECT round(low::numeric, 8), round(high::numeric, 8)
FROM ror.nps_ci((SELECT ror.nps_summary_agg(score) FROM survey WHERE seg = 'a'), 0.8);
-- clipped: 100 promoters -> upper end 101.08 clipped to 100; 100 detractors -> -100
SELECT round(low::numeric, 8), high
FROM ror.nps_ci((SELECT ror.nps_summary_agg(10) FROM generate_series(1, 100)));
SELECT low, round(high::numeric, 8)
FROM ror.nps_ci((SELECT ror.nps_summary_agg(0) FROM generate_series(1, 100)));
-- one response: n'=4, p'=0.4375, d'=0.1875, s'^2=0.5625 -> 100*(0.25 -+ 1.96*0.375)
SELECT round(low::numeric, 8), round(high::numeric, 8)
FROM ror.nps_ci((SELECT ror.nps_summary_agg(10)));
-- the weighted interval uses Kish's n: weights 2,1,3 on b give n = 36/14
SELECT round(low::numeric, 8), round(high::numeric, 8)
FROM ror.nps_ci((SELECT ror.nps_summary_agg(score, w) FROM survey WHERE seg = 'b'));

-- two-sample test: a (P=4,D=2,n=8) against b (P=1,D=2,n=3)
SELECT round(ror.nps_diff_test(a, b)::numeric, 10) AS p_value,
       ror.nps_diff_test(a, b) = ror.nps_diff_test(b, a) AS symmetric,
       ror.nps_diff_test(a, a) AS same
FROM (SELECT ror.nps_summary_agg(score) FILTER (WHERE seg = 'a') a,
             ror.nps_summary_agg(score) FILTER (WHERE seg = 'b') b FROM survey) q;

-- categories
SELECT s, ror.nps_category(s) FROM generate_series(0, 10) s;
SELECT ror.nps_category(NULL) IS NULL AS null_category;

-- merging stored summaries
SELECT ror.nps_agg(s) AS merged, ror.nps_summary_agg(s) AS rolled_up
FROM (SELECT seg, ror.nps_summary_agg(score) s FROM survey GROUP BY seg) q;

-- bad input
SELECT ror.nps_agg(s) FROM (VALUES (5), (11)) v(s);
SELECT ror.nps_agg(s) FROM (VALUES (-1)) v(s);
SELECT ror.nps_summary_agg(s, w) FROM (VALUES (5, -0.5)) v(s, w);
SELECT ror.nps_agg(s, w) FROM (VALUES (5, 'NaN'::float8)) v(s, w);
SELECT ror.nps_agg(s, w) FROM (VALUES (5, 'Infinity'::float8)) v(s, w);
SELECT ror.nps_agg(s, w) FROM (VALUES (5, 1e308::float8), (10, 1e308::float8)) v(s, w);
SELECT ror.nps_agg(s, w) FROM (VALUES (9, 1e-162::float8)) v(s, w);
SELECT ror.nps_agg(s, w) FROM (VALUES (9, 1e151::float8)) v(s, w);
-- the extreme weights allowed still give a summary that reads back exactly
SELECT s::text::ror.nps_summary OPERATOR(ror.=) s AS round_trip, ror.nps_effective_n(s) AS kish
FROM (SELECT ror.nps_summary_agg(9, w) s FROM (VALUES (1e-150::float8), (1e-150), (1e-150)) v(w)) q;
SELECT s::text::ror.nps_summary OPERATOR(ror.=) s AS round_trip, ror.nps_effective_n(s) AS kish
FROM (SELECT ror.nps_summary_agg(0, w) s FROM (VALUES (1e150::float8), (1e150)) v(w)) q;
SELECT ror.nps_category(11);
SELECT ror.nps_category(-3);
SELECT * FROM ror.nps_ci('(responses=1,promoters=1,passives=0,detractors=0,sum_w2=1)', 0);
SELECT * FROM ror.nps_ci('(responses=1,promoters=1,passives=0,detractors=0,sum_w2=1)', 1);
SELECT * FROM ror.nps_ci('(responses=1,promoters=1,passives=0,detractors=0,sum_w2=1)', 'NaN');
-- a non-integer score is never rounded into a category
SELECT ror.nps_agg(6.5);
SELECT ror.nps_agg(s) FROM (VALUES (6.5::numeric)) v(s);
SELECT ror.nps_category(8.6);

-- text round trip, bit for bit, with awkward weights
SELECT s::text, s::text::ror.nps_summary OPERATOR(ror.=) s AS round_trip
FROM (SELECT ror.nps_summary_agg(score, w) s
      FROM (VALUES (10, 0.1), (3, 1e-150), (8, 1.0 / 3), (9, 123456789.123456789)) v(score, w)) q;
SELECT '  ( responses = 2 , promoters=1,passives=0 ,detractors= 1,sum_w2=2 ) '::ror.nps_summary;
-- malformed or inconsistent text
SELECT ''::ror.nps_summary;
SELECT '(responses=1)'::ror.nps_summary;
SELECT '(promoters=1,responses=1,passives=0,detractors=0,sum_w2=1)'::ror.nps_summary;
SELECT '(responses=1,promoters=1,passives=0,detractors=0,sum_w2=1) x'::ror.nps_summary;
SELECT '(responses=1.5,promoters=1,passives=0,detractors=0,sum_w2=1)'::ror.nps_summary;
SELECT '(responses=1,promoters=abc,passives=0,detractors=0,sum_w2=1)'::ror.nps_summary;
SELECT '(responses=1,promoters=0x1p0,passives=0,detractors=0,sum_w2=1)'::ror.nps_summary;
SELECT '(responses=1,promoters=1e,passives=0,detractors=0,sum_w2=1)'::ror.nps_summary;
SELECT '(responses=1,promoters=.,passives=0,detractors=0,sum_w2=1)'::ror.nps_summary;
SELECT '(responses=1,promoters=nan(1),passives=0,detractors=0,sum_w2=1)'::ror.nps_summary;
-- plain decimal spellings still read
SELECT '(responses=2,promoters=+1.,passives=.0,detractors=1E0,sum_w2=2.0e+0)'::ror.nps_summary;
SELECT '(responses=-1,promoters=0,passives=0,detractors=0,sum_w2=0)'::ror.nps_summary;
SELECT '(responses=1,promoters=-1,passives=0,detractors=0,sum_w2=1)'::ror.nps_summary;
SELECT '(responses=1,promoters=-0,passives=0,detractors=0,sum_w2=0)'::ror.nps_summary;
SELECT '(responses=1,promoters=NaN,passives=0,detractors=0,sum_w2=1)'::ror.nps_summary;
SELECT '(responses=1,promoters=Infinity,passives=0,detractors=0,sum_w2=1)'::ror.nps_summary;
SELECT '(responses=1,promoters=1e999,passives=0,detractors=0,sum_w2=1)'::ror.nps_summary;
SELECT '(responses=99999999999999999999,promoters=1,passives=0,detractors=0,sum_w2=1)'::ror.nps_summary;
SELECT '(responses=0,promoters=1,passives=0,detractors=0,sum_w2=1)'::ror.nps_summary;
SELECT '(responses=2,promoters=1,passives=0,detractors=1,sum_w2=5)'::ror.nps_summary;
SELECT '(responses=2,promoters=1,passives=0,detractors=1,sum_w2=0.1)'::ror.nps_summary;
SELECT '(responses=1,promoters=1e308,passives=1e308,detractors=0,sum_w2=1)'::ror.nps_summary;
-- merging summaries whose response counts overflow
SELECT ror.nps_summary_agg(s) FROM (VALUES
  ('(responses=9223372036854775807,promoters=1,passives=0,detractors=0,sum_w2=1)'::ror.nps_summary),
  ('(responses=1,promoters=1,passives=0,detractors=0,sum_w2=1)')) v(s);

-- binary round trip through COPY (FORMAT binary)
SELECT current_setting('data_directory') || '/ror_nps_regress.bin' AS binfile \gset
CREATE TABLE bin_src AS SELECT seg, ror.nps_summary_agg(score, w) s FROM survey GROUP BY seg;
COPY bin_src TO :'binfile' (FORMAT binary);
CREATE TABLE bin_dst (LIKE bin_src);
COPY bin_dst FROM :'binfile' (FORMAT binary);
SELECT count(*) AS rows, bool_and(d.s OPERATOR(ror.=) b.s OR (d.s IS NULL AND b.s IS NULL)) AS identical
FROM bin_src b JOIN bin_dst d USING (seg);
-- hostile binary input: a COPY file holding one field of the given bytes
CREATE FUNCTION pg_temp.copy_file(field bytea) RETURNS bytea LANGUAGE sql AS $$
  SELECT '\x5047434f50590aff0d0a00'::bytea || '\x0000000000000000'::bytea
      || '\x0001'::bytea || int4send(length(field)) || field || '\xffff'::bytea $$;
CREATE TEMP TABLE recv_dst (s ror.nps_summary);
CREATE FUNCTION pg_temp.try_recv(field bytea, path text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE lo oid;
BEGIN
  lo := lo_from_bytea(0, pg_temp.copy_file(field));
  PERFORM lo_export(lo, path);
  PERFORM lo_unlink(lo);
  EXECUTE format('COPY recv_dst FROM %L (FORMAT binary)', path);
  RETURN 'accepted';
EXCEPTION WHEN OTHERS THEN
  RETURN SQLSTATE || ': ' || SQLERRM;
END $$;
-- a valid one: version 1, responses 1, promoters 1, passives 0, detractors 0, sum_w2 1
SELECT pg_temp.try_recv('\x01' || int8send(1) || float8send(1) || float8send(0) || float8send(0) || float8send(1), :'binfile');
SELECT pg_temp.try_recv('\x02' || int8send(1) || float8send(1) || float8send(0) || float8send(0) || float8send(1), :'binfile');
SELECT pg_temp.try_recv('\x01' || int8send(1) || float8send(1), :'binfile');
SELECT pg_temp.try_recv('\x01' || int8send(1) || float8send(1) || float8send(0) || float8send(0) || float8send(1) || '\x00'::bytea, :'binfile');
SELECT pg_temp.try_recv('\x01' || int8send(-5) || float8send(1) || float8send(0) || float8send(0) || float8send(1), :'binfile');
SELECT pg_temp.try_recv('\x01' || int8send(1) || float8send('NaN') || float8send(0) || float8send(0) || float8send(1), :'binfile');
SELECT pg_temp.try_recv('\x01' || int8send(1) || float8send(1) || float8send(0) || float8send(0) || float8send(7), :'binfile');
SELECT count(*) AS accepted_rows FROM recv_dst;
-- equality is bitwise
SELECT '(responses=1,promoters=1,passives=0,detractors=0,sum_w2=1)'::ror.nps_summary
       OPERATOR(ror.<>) '(responses=1,promoters=0,passives=1,detractors=0,sum_w2=1)' AS differ;
