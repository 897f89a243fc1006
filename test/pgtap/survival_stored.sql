-- ror.survival values as tables store them (short headers, compressed, out of
-- line), raw transition states stored by a user's aggregate without a final
-- function, merged in serial and parallel plans; checked subject totals.
SELECT plan(13);

CREATE SCHEMA tap_surv_st;
CREATE TABLE tap_surv_st.obs AS
SELECT i AS id, (i % 7) AS shard, (i % 1500)::float8 AS dur, i % 3 = 0 AS churned
FROM generate_series(1, 30000) i;
ANALYZE tap_surv_st.obs;

-- a transition state stored as is: its index and running total go to disk
CREATE AGGREGATE tap_surv_st.raw(float8, boolean) (SFUNC = ror.survival_accum, STYPE = ror.survival);

CREATE TABLE tap_surv_st.stored (shard int, s ror.survival, raw ror.survival);
INSERT INTO tap_surv_st.stored
SELECT shard, ror.survival_agg(dur, churned), tap_surv_st.raw(dur, churned) FROM tap_surv_st.obs GROUP BY shard;
-- many small ones too (1-byte headers on disk)
INSERT INTO tap_surv_st.stored
SELECT 100 + g, format('{(%s,1,0)}', 2000 + g % 300)::ror.survival, NULL FROM generate_series(1, 20000) g;
CREATE TABLE tap_surv_st.stored_ext (LIKE tap_surv_st.stored);
ALTER TABLE tap_surv_st.stored_ext ALTER COLUMN s SET STORAGE external, ALTER COLUMN raw SET STORAGE external;
INSERT INTO tap_surv_st.stored_ext SELECT * FROM tap_surv_st.stored;
ANALYZE tap_surv_st.stored;

SET max_parallel_workers_per_gather = 0;
CREATE TABLE tap_surv_st.serial AS
SELECT (SELECT ror.survival_agg(dur, churned)::text FROM tap_surv_st.obs) AS direct,
       (SELECT ror.survival_agg(s)::text FROM tap_surv_st.stored) AS merged;

SELECT ok((SELECT bool_and(pg_column_compression(s) IS NOT NULL) FROM tap_surv_st.stored WHERE shard < 7),
          'the large stored states are compressed');
SELECT is((SELECT count(*) FROM tap_surv_st.stored WHERE ror.survival_final(s) OPERATOR(ror.<>) s), 0::bigint,
          'survival_final of every stored value (short, compressed) is the value itself');
SELECT is((SELECT count(*) FROM tap_surv_st.stored_ext WHERE ror.survival_final(s) OPERATOR(ror.<>) s), 0::bigint,
          'survival_final of out-of-line values is the value itself');
SELECT is((SELECT count(*) FROM tap_surv_st.stored WHERE shard < 7 AND (ror.survival_final(raw) OPERATOR(ror.<>) s
                                                                       OR raw::text <> s::text)), 0::bigint,
          'stored raw transition states read as the final lists');
SELECT is((SELECT ror.survival_agg(raw)::text FROM tap_surv_st.stored_ext),
          (SELECT direct FROM tap_surv_st.serial), 'raw states out of line merge to the direct state');
SELECT is((SELECT sum(ror.survival_subjects(s))::bigint FROM tap_surv_st.stored), 50000::bigint,
          'survival_subjects of stored values');

CALL tap_helpers.force_parallel_plans();
SELECT matches(tap_helpers.plan_of('SELECT ror.survival_agg(s) FROM tap_surv_st.stored'),
               'Partial Aggregate', 'merging stored states runs as a partial aggregate');
SELECT is((SELECT ror.survival_agg(s)::text FROM tap_surv_st.stored), (SELECT merged FROM tap_surv_st.serial),
          'parallel merge of stored values equals the serial merge');
RESET parallel_setup_cost;
RESET parallel_tuple_cost;
RESET min_parallel_table_scan_size;
RESET max_parallel_workers_per_gather;
RESET parallel_leader_participation;

SELECT throws_ok($$SELECT ror.survival_agg(x) FROM (VALUES ('{(1,1,9223372036854775800)}'::ror.survival),
                                                          ('{(2,9223372036854775800,0)}'::ror.survival)) v(x)$$,
                 '22003', NULL, 'a merged subject total past int64 is 22003');
SELECT throws_ok($$SELECT ror.survival_agg(x) FROM (VALUES ('{(1,1,0)}'::ror.survival),
                                                          ('{(1,9223372036854775807,0)}'::ror.survival)) v(x)$$,
                 '22003', NULL, 'a merged count past int64 is 22003');
CREATE AGGREGATE tap_surv_st.from_big(float8, boolean) (
    SFUNC = ror.survival_accum, STYPE = ror.survival, FINALFUNC = ror.survival_final,
    INITCOND = '{(1,9223372036854775806,0)}');
SELECT is((SELECT ror.survival_subjects(tap_surv_st.from_big(g, true)) FROM generate_series(1, 1) g),
          9223372036854775807::bigint, 'a grown state may hold the largest total');
SELECT throws_ok($$SELECT tap_surv_st.from_big(g, g > 1) FROM generate_series(1, 2) g$$,
                 '22003', NULL, 'a grown subject total past int64 is 22003');
SELECT throws_ok($$SELECT ror.survival_combine('{(1,1,0)}', '{(2,1,0)}')$$,
                 '0A000', NULL, 'survival_combine outside an aggregate is refused');

DROP SCHEMA tap_surv_st CASCADE;
SELECT * FROM finish();
