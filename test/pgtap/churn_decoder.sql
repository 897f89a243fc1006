-- The churn aggregates read most lifetimes straight from the range's bytes
-- (decode_range_fast in churn_agg.c) and the rest through range_deserialize.
-- On this server, the byte decoder must read every range it accepts exactly
-- as the range API does, and accept the common forms (else the speed path
-- is dead and this test says so).
SELECT plan(9);

CREATE SCHEMA tap_dec;
-- every bound kind (absent, -infinity, infinity, finite, the extremes) and
-- every inclusivity, as stored in a table (short varlena headers) ...
CREATE TABLE tap_dec.d AS
SELECT daterange(lo, hi, f) AS r, lo, hi, f
FROM unnest(ARRAY[NULL, '-infinity', '4714-11-24 BC', '1999-12-31', '2024-02-29', '2024-03-01',
                  '5874897-12-30', 'infinity']::date[]) lo,
     unnest(ARRAY[NULL, '-infinity', '4714-11-25 BC', '1999-12-31', '2024-03-01', '2024-03-02',
                  '5874897-12-30', 'infinity']::date[]) hi,
     unnest(ARRAY['[)', '[]', '(]', '()']) f
WHERE lo IS NULL OR hi IS NULL OR lo <= hi;
CREATE TABLE tap_dec.t AS
SELECT tstzrange(lo, hi, f) AS r, lo, hi, f
FROM unnest(ARRAY[NULL, '-infinity', '4714-11-24 00:00:00+00 BC', '1999-12-31 23:59:59.999999+00',
                  '2024-02-29 12:00:00+00', '294276-12-31 23:59:59.999998+00', 'infinity']::timestamptz[]) lo,
     unnest(ARRAY[NULL, '-infinity', '4714-11-24 00:00:00.000001+00 BC', '1999-12-31 23:59:59.999999+00',
                  '2024-02-29 12:00:00.000001+00', '294276-12-31 23:59:59.999999+00', 'infinity']::timestamptz[]) hi,
     unnest(ARRAY['[)', '[]', '(]', '()']) f
WHERE lo IS NULL OR hi IS NULL OR lo <= hi;
INSERT INTO tap_dec.d VALUES ('empty', NULL, NULL, 'empty');
INSERT INTO tap_dec.t VALUES ('empty', NULL, NULL, 'empty');

SELECT is((SELECT count(*) FROM tap_dec.d WHERE NOT ror._churn_range_decoders_agree(r)), 0::bigint,
          'stored dateranges: the byte decoder reads every range it accepts as range_deserialize does');
SELECT is((SELECT count(*) FROM tap_dec.t WHERE NOT ror._churn_range_decoders_agree(r)), 0::bigint,
          'stored tstzranges: the byte decoder reads every range it accepts as range_deserialize does');
-- ... and built in the query (4-byte headers)
SELECT is((SELECT count(*) FROM tap_dec.d WHERE NOT ror._churn_range_decoders_agree(daterange(lo, hi, f))
                                            AND f <> 'empty'), 0::bigint,
          'computed dateranges: both decoders agree');
SELECT is((SELECT count(*) FROM tap_dec.t WHERE NOT ror._churn_range_decoders_agree(tstzrange(lo, hi, f))
                                            AND f <> 'empty'), 0::bigint,
          'computed tstzranges: both decoders agree');

-- the fast path takes every non-empty range with one or two finite bounds (and no infinite one)
SELECT is((SELECT count(*) FROM tap_dec.d
           WHERE NOT isempty(r) AND coalesce(isfinite(lo), true) AND coalesce(isfinite(hi), true)
             AND (lo IS NOT NULL OR hi IS NOT NULL) AND ror._churn_range_decoders_agree(r) IS NULL), 0::bigint,
          'the byte decoder accepts every non-empty daterange with one or two finite bounds');
SELECT is((SELECT count(*) FROM tap_dec.t
           WHERE NOT isempty(r) AND coalesce(isfinite(lo), true) AND coalesce(isfinite(hi), true)
             AND (lo IS NOT NULL OR hi IS NOT NULL) AND ror._churn_range_decoders_agree(r) IS NULL), 0::bigint,
          'the byte decoder accepts every non-empty tstzrange with one or two finite bounds');
-- and leaves the subtype's infinities, (,) and empty ranges to the API
SELECT is((SELECT count(*) FROM tap_dec.d
           WHERE (isempty(r) OR NOT coalesce(isfinite(lo), true) OR NOT coalesce(isfinite(hi), true)
                  OR (lo IS NULL AND hi IS NULL))
             AND ror._churn_range_decoders_agree(r) IS NOT NULL), 0::bigint,
          'the byte decoder leaves empty and unbounded dateranges and infinite dates to the range API');
SELECT ok((SELECT count(*) FROM tap_dec.d) > 100 AND (SELECT count(*) FROM tap_dec.t) > 100,
          'the test covers more than 100 ranges of each type');

SELECT throws_ok($$SELECT ror._churn_range_decoders_agree(int4range(1, 2))$$, '22023',
                 'range type int4range is not daterange or tstzrange',
                 'another range type is refused');

DROP SCHEMA tap_dec CASCADE;
SELECT * FROM finish();
