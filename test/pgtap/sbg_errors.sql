-- sBG: the SQLSTATE of every refused argument and input (sql/sbg.sql shows
-- the messages), and NULL arguments (the functions are STRICT).
SELECT plan(30);

SELECT throws_ok($$SELECT ror.sbg(0, 1)$$, '22023', NULL, 'sbg: alpha 0');
SELECT throws_ok($$SELECT ror.sbg(1, -1)$$, '22023', NULL, 'sbg: beta below 0');
SELECT throws_ok($$SELECT ror.sbg('NaN', 1)$$, '22023', NULL, 'sbg: alpha NaN');
SELECT throws_ok($$SELECT ror.sbg(1, 'Infinity')$$, '22023', NULL, 'sbg: beta infinite');
SELECT throws_ok($$SELECT ror.sbg_fit('{5}'::bigint[])$$, '22023', NULL, 'survivors: one count');
SELECT throws_ok($$SELECT ror.sbg_fit('{}'::bigint[])$$, '22023', NULL, 'survivors: none');
SELECT throws_ok($$SELECT ror.sbg_fit('{5,6}'::bigint[])$$, '22023', NULL, 'survivors: an increase');
SELECT throws_ok($$SELECT ror.sbg_fit('{-5,-6}'::bigint[])$$, '22023', NULL, 'survivors: negative');
SELECT throws_ok($$SELECT ror.sbg_fit('{5,NULL,3}'::bigint[])$$, '22023', NULL, 'survivors: a NULL');
SELECT throws_ok($$SELECT ror.sbg_fit('{{5,4},{3,2}}'::bigint[])$$, '22023', NULL, 'survivors: two dimensions');
SELECT throws_ok($$SELECT ror.sbg_fit(ror.survival_agg(d, true)) FROM (VALUES (1.5)) v(d)$$, '22023', NULL, 'survival: a fractional period');
SELECT throws_ok($$SELECT ror.sbg_fit(ror.survival_agg(d, c)) FROM (VALUES (0, true), (3, false)) v(d, c)$$, '22023', NULL, 'survival: churned after 0 periods');
SELECT throws_ok($$SELECT ror.sbg_fit(ror.survival_agg(d, true)) FROM (VALUES (3e9)) v(d)$$, '22003', NULL, 'survival: a tenure beyond 2^31 - 1 periods');
SELECT throws_ok($$SELECT ror.sbg_survival(ror.sbg(1, 1), -1)$$, '22023', NULL, 'sbg_survival: t below 0');
SELECT throws_ok($$SELECT ror.sbg_retention(ror.sbg(1, 1), 0)$$, '22023', NULL, 'sbg_retention: t below 1');
SELECT throws_ok($$SELECT ror.sbg_expected_lifetime(ror.sbg(1, 1), -0.01)$$, '22023', NULL, 'expected_lifetime: a negative rate');
SELECT throws_ok($$SELECT ror.sbg_derl(ror.sbg(1, 1), 'NaN')$$, '22023', NULL, 'derl: a NaN rate');
SELECT throws_ok($$SELECT ror.sbg_derl(ror.sbg(1, 1), 0.1, -1)$$, '22023', NULL, 'derl: negative renewals');
SELECT throws_ok($$SELECT ror.sbg_clv(ror.sbg(1, 1), '-Infinity', 0.1)$$, '22023', NULL, 'clv: an infinite margin');
SELECT throws_ok($$SELECT ror.sbg_derl(ror.sbg(0.5, 1), 1e-12)$$, '22023', NULL, 'derl: a rate too close to 0 for the series');
SELECT throws_ok($$SELECT '(alpha=1,beta=2)'::ror.sbg$$, '22P02', NULL, 'text input: fields missing');
SELECT throws_ok($$SELECT '(alpha=-1,beta=2,customers=0,periods=0,loglik=0,iterations=0,converged=0,se_alpha=0,se_beta=0)'::ror.sbg$$,
                 '22P02', NULL, 'text input: alpha below 0');
SELECT throws_ok($$SELECT '(alpha=1,beta=2,customers=4,periods=2,loglik=-1,iterations=3,converged=1,se_alpha=Infinity,se_beta=0)'::ror.sbg$$,
                 '22P02', NULL, 'text input: an infinite standard error');
-- the binary form (its receive function is fuzzed: test/fuzz)
SELECT is(ror.sbg_send(ror.sbg(0.5, 2)), decode('01' || '3fe0000000000000' || '4000000000000000' || repeat('00', 7 * 8), 'hex'),
          'the binary form: version 1, then the nine fields in network byte order');
-- STRICT: NULL in, NULL out
SELECT ok(ror.sbg(NULL, 1) IS NULL, 'sbg(NULL, 1) is NULL');
SELECT ok(ror.sbg_fit(NULL::bigint[]) IS NULL AND ror.sbg_fit(NULL::ror.survival) IS NULL, 'sbg_fit(NULL) is NULL');
SELECT ok(ror.sbg_derl(ror.sbg(1, 1), NULL) IS NULL, 'sbg_derl with a NULL rate is NULL');
SELECT ok(ror.sbg_clv(NULL, 1, 0.1) IS NULL, 'sbg_clv of a NULL model is NULL');
-- every function is IMMUTABLE, PARALLEL SAFE and STRICT
SELECT is((SELECT count(*) FROM pg_proc WHERE pronamespace = 'ror'::regnamespace AND proname LIKE 'sbg%'
           AND (provolatile <> 'i' OR proparallel <> 's' OR NOT proisstrict)), 0::bigint,
          'every sbg function is IMMUTABLE, PARALLEL SAFE and STRICT');
SELECT is((SELECT count(*) FROM pg_proc WHERE pronamespace = 'ror'::regnamespace AND proname LIKE 'sbg%'), 16::bigint,
          'the sbg functions: in, out, recv, send, eq, ne, hash, sbg, two fits, five projections, jsonb');

SELECT * FROM finish();
