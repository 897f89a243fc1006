-- bgnbd_fit recovers known parameters from data simulated by the BG/NBD
-- process (200 k customers, fixed seed): each estimate lies within 3 of its
-- standard errors (from the observed information) of the truth.  Also the
-- SQLSTATEs of bad input, and a fit that cannot converge.
SELECT plan(16);

CREATE SCHEMA tap_bgnbd_rec;
CREATE TABLE tap_bgnbd_rec.sim AS
SELECT * FROM ror.bgnbd_simulate(ror.bgnbd(0.243, 4.414, 0.793, 2.426), 200000, 30, 78, 20240601);
CREATE TABLE tap_bgnbd_rec.fit AS SELECT ror.bgnbd_fit(frequency, recency, age)::jsonb AS j FROM tap_bgnbd_rec.sim;

SELECT ok((SELECT (j->>'converged')::boolean FROM tap_bgnbd_rec.fit), 'the fit converged');
SELECT ok((SELECT abs((j->>'r')::float8 - 0.243) <= 3 * (j->>'se_r')::float8 FROM tap_bgnbd_rec.fit), 'r within 3 standard errors');
SELECT ok((SELECT abs((j->>'alpha')::float8 - 4.414) <= 3 * (j->>'se_alpha')::float8 FROM tap_bgnbd_rec.fit), 'alpha within 3 standard errors');
SELECT ok((SELECT abs((j->>'a')::float8 - 0.793) <= 3 * (j->>'se_a')::float8 FROM tap_bgnbd_rec.fit), 'a within 3 standard errors');
SELECT ok((SELECT abs((j->>'b')::float8 - 2.426) <= 3 * (j->>'se_b')::float8 FROM tap_bgnbd_rec.fit), 'b within 3 standard errors');
SELECT ok((SELECT (j->>'se_r')::float8 BETWEEN 1e-4 AND 0.05 FROM tap_bgnbd_rec.fit), 'se_r is plausible for 200 k customers');

-- the same simulation in days (alpha scaled by 7) fits alpha * 7
SELECT ok((SELECT abs((ror.bgnbd_fit(frequency, recency * 7, age * 7)::jsonb->>'alpha')::float8 / ((j->>'alpha')::float8 * 7) - 1) < 1e-6
           FROM tap_bgnbd_rec.sim, tap_bgnbd_rec.fit GROUP BY j), 'time unit: recency and age in days scale alpha by 7');

-- the simulator is deterministic for a seed
SELECT is((SELECT sum(frequency) FROM ror.bgnbd_simulate(ror.bgnbd(0.243, 4.414, 0.793, 2.426), 1000, 30, 78, 5)),
          (SELECT sum(frequency) FROM ror.bgnbd_simulate(ror.bgnbd(0.243, 4.414, 0.793, 2.426), 1000, 30, 78, 5)),
          'same seed, same customers');
SELECT ok((SELECT bool_and(recency <= age AND (frequency > 0 OR recency = 0) AND age BETWEEN 30 AND 78)
           FROM ror.bgnbd_simulate(ror.bgnbd(0.243, 4.414, 0.793, 2.426), 5000, 30, 78, 9)),
          'simulated rows are valid');

-- no repeat purchases at all: no finite optimum; a WARNING and converged = false, not garbage
SET client_min_messages = error;
SELECT is((SELECT (ror.bgnbd_fit(0::float8, 0::float8, 10 + i % 7)::jsonb->>'converged')::boolean FROM generate_series(1, 100) i),
          false, 'a fit without repeat purchases says it did not converge');
RESET client_min_messages;

-- SQLSTATEs
SELECT throws_ok($$SELECT ror.bgnbd_fit(x, tx, t) FROM (VALUES (2::float8, 6::float8, 5::float8)) v(x, tx, t)$$,
                 '22023', NULL, 'recency > age is 22023');
SELECT throws_ok($$SELECT ror.bgnbd_fit(x, tx, t, w) FROM (VALUES (1::float8, 1::float8, 5::float8, -2::float8)) v(x, tx, t, w)$$,
                 '22023', NULL, 'a negative weight is 22023');
SELECT throws_ok($$SELECT ror.bgnbd(1, -1, 1, 1)$$, '22023', NULL, 'a bad parameter is 22023');
SELECT throws_ok($$SELECT '(r=1,alpha=1,a=1,b=-1,customers=0,weight=0,loglik=0,iterations=0,converged=0,excluded=0,se_r=0,se_alpha=0,se_a=0,se_b=0)'::ror.bgnbd$$,
                 '22P02', NULL, 'a bad model text is 22P02');
SELECT throws_ok($$SELECT '(rows=1,excluded=0,weight=1,patterns=1,data={{1,1,2,NaN}})'::ror.bgnbd_hist$$,
                 '22P02', NULL, 'a bad state text is 22P02');
SELECT throws_ok($$SELECT '(rows=1,excluded=0,weight=1,patterns=1,data={{1,1,2,1}'::ror.bgnbd_hist$$,
                 '22P02', NULL, 'a truncated state text is 22P02');

DROP SCHEMA tap_bgnbd_rec CASCADE;
SELECT * FROM finish();
