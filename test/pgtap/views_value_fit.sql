-- customer_value predicts only from fits that converged: a BG/NBD fit that did
-- not converge gives NULL p_alive, expected purchases and clv (and so no
-- loyalty or value component in customer_relationship), never an error, even
-- where its extreme parameters put the predictions out of double precision's
-- reach; model_fit still shows the fit, with converged = false.
BEGIN;
SELECT plan(12);
SET LOCAL client_min_messages = error;   -- the fits that do not converge warn on every query

SELECT ror.unbind_source(k) FROM unnest(ARRAY['customers', 'orders', 'responses', 'interactions']) k \g /dev/null
SELECT ror.reset_setting(name) FROM ror.setting_definition \g /dev/null
SELECT ror.set_setting('as_of', '2024-06-30') \g /dev/null

CREATE SCHEMA tap_vf;
-- every customer buys once: no repeat purchases, the BG/NBD likelihood has no finite maximum
CREATE TABLE tap_vf.orders (customer_id int, ordered_at timestamptz, amount numeric);
INSERT INTO tap_vf.orders SELECT c, timestamptz '2024-01-01 12:00+00' + c * interval '1 day', 10 + c % 17 FROM generate_series(1, 150) c;
SELECT ror.bind_source('orders', 'tap_vf.orders') \g /dev/null

SELECT is((SELECT converged FROM ror.model_fit WHERE model = 'bgnbd' AND parameter = 'r'), false,
          'one order per customer: the BG/NBD fit does not converge, and model_fit says so');
SELECT ok((SELECT count(*) = 150 AND bool_and(p_alive IS NULL AND expected_purchases_365 IS NULL AND clv IS NULL)
           FROM ror.customer_value),
          'every customer is listed, with no p_alive, expected purchases or clv');
SELECT ok((SELECT count(*) = 150 AND bool_and(loyalty IS NULL AND value IS NULL) FROM ror.customer_relationship),
          'customer_relationship: no loyalty and no value component from a fit that did not converge');

-- customer c buys c % 7 times every 5 + c % 29 days, one in five stops after two: as of 2024-03-03
-- by week the fit stops at r ~ 1.5e5, alpha ~ 4.9e6, where E[X(7)] is out of double precision's
-- reach (ror.clv raised an ERROR there and stopped every view built on customer_value)
DELETE FROM tap_vf.orders;
INSERT INTO tap_vf.orders
SELECT c, timestamptz '2024-01-01' + c * interval '7 hours' + k * (5 + c % 29) * interval '1 day', 5 + (c * 13 + k * 7) % 70
FROM generate_series(1, 300) c, generate_series(0, 6) k WHERE k < c % 7 AND (c % 5 <> 0 OR k < 2);
SELECT ror.set_setting('as_of', '2024-03-03') \g /dev/null
SELECT ror.set_setting('period', 'week') \g /dev/null
SELECT ror.set_setting('time_zone', 'Asia/Tokyo') \g /dev/null
SELECT is((SELECT converged FROM ror.model_fit WHERE model = 'bgnbd' AND parameter = 'r'), false,
          'the extreme fit did not converge');
-- what customer_value computed before: these fits' predictions for every customer
SELECT throws_ok($$WITH r AS (SELECT customer_id, ror.rfm_agg((ordered_at AT TIME ZONE 'Asia/Tokyo')::date, amount::float8, date '2024-03-03') AS r
                             FROM tap_vf.orders WHERE (ordered_at AT TIME ZONE 'Asia/Tokyo')::date <= '2024-03-03' GROUP BY 1),
                        m AS (SELECT ror.bgnbd_fit((r).frequency, (r).recency, (r).age) AS bg,
                                     ror.gamma_gamma_fit((r).frequency, (r).monetary) AS gg FROM r)
                   SELECT count(ror.clv(m.bg, m.gg, (r).frequency, (r).recency, (r).age, (r).monetary, 12, 0.01, 7)) FROM r, m$$,
                 '22003', NULL, 'its predictions are out of range for some customers (the case this file is about)');
SELECT lives_ok('SELECT count(*) FROM ror.customer_value', 'customer_value answers');
SELECT lives_ok('SELECT count(*) FROM ror.scorecard', 'the scorecard answers');
SELECT is(ror.backfill_scorecard('2024-02-01', '2024-03-03'), 5, 'a backfill over the early weeks (to Sunday March 3) takes its five snapshots');

-- repeat buyers with their own rhythm and spend make both fits converge: predictions come back
INSERT INTO tap_vf.orders
SELECT 1000 + customer_id, ordered_on + time '12:00', amount FROM tap_helpers.simulated_orders('2024-03-03', 400, 60, 400, 3);
SELECT ok((SELECT bool_and(converged) FROM ror.model_fit)
          AND (SELECT bool_and(p_alive IS NOT NULL AND expected_purchases_365 IS NOT NULL) FROM ror.customer_value)
          AND (SELECT count(clv) > 0 FROM ror.customer_value),
          'with fits that converge every customer has p_alive and expected purchases again');

-- the fitted models are read once per query, not once per customer: 1.1.0 cast
-- each model to jsonb for every customer and use (four casts per row), which
-- made customer_value, customer_relationship and the scorecard 2-3 times slower
SET LOCAL track_functions = 'all';
CREATE FUNCTION pg_temp.casts() RETURNS int8 LANGUAGE sql AS $$
    SELECT coalesce(pg_stat_get_xact_function_calls('ror.bgnbd_to_jsonb(ror.bgnbd)'::regprocedure), 0)
         + coalesce(pg_stat_get_xact_function_calls('ror.gamma_gamma_to_jsonb(ror.gamma_gamma)'::regprocedure), 0) $$;
SELECT pg_temp.casts() AS before \gset
SELECT count(clv) FROM ror.customer_value \g /dev/null
SELECT cmp_ok(pg_temp.casts() - :before, '<=', 4::int8,
              'customer_value of ' || (SELECT count(*) FROM ror.customer_value) || ' customers casts each model to jsonb once');
SELECT pg_temp.casts() AS before \gset
SELECT count(value) FROM ror.customer_relationship \g /dev/null
SELECT cmp_ok(pg_temp.casts() - :before, '<=', 4::int8, 'so does customer_relationship');
SELECT pg_temp.casts() AS before \gset
SELECT count(*) FROM ror.scorecard \g /dev/null
SELECT cmp_ok(pg_temp.casts() - :before, '<=', 4::int8, 'and the scorecard');

SELECT * FROM finish();
ROLLBACK;
