-- rfm_state_agg against a state built by plain SQL (GROUP BY day, then the
-- text form), on the paths a row can take: appended in order, folded into
-- the last day, found in a sorted prefix without gaps (by position) or with
-- gaps (binary search), or appended to the unsorted tail and sorted later;
-- one state over many rows, many small groups, and forced parallel plans.
-- Amounts are whole cents in 1/4 steps, so every sum is exact in any order.
SELECT plan(8);

CREATE SCHEMA tap_rfmp;
-- the state of the rows of a FROM item (day, amount) as SQL sees it
CREATE FUNCTION tap_rfmp.reference(from_item text, obs date) RETURNS ror.rfm_state LANGUAGE plpgsql AS $f$
DECLARE
    s text;
BEGIN
    EXECUTE format($q$
        SELECT format('(observation_end=%%s,days=[%%s])', %L::date,
                      coalesce(string_agg(format('%%s:%%s', day, amount), ',' ORDER BY day), ''))
        FROM (SELECT day, sum(amount) AS amount FROM %s
              WHERE day IS NOT NULL AND amount IS NOT NULL AND day <= %L::date GROUP BY day) d$q$,
        obs, from_item, obs) INTO s;
    RETURN s::ror.rfm_state;
END $f$;

CREATE TABLE tap_rfmp.orders AS
SELECT i AS id, (hashint4(i) & 2147483647) % 2000 AS customer,
       DATE '2023-01-01' + (hashint4(i + 7) & 2147483647) % 400 AS day,
       ((hashint4(i + 13) & 2147483647) % 4000) / 4.0::float8 AS amount
FROM generate_series(1, 60000) i;
ANALYZE tap_rfmp.orders;
SET max_parallel_workers_per_gather = 0;

SELECT ok((SELECT ror.rfm_state_agg(day, amount, DATE '2023-12-31') FROM tap_rfmp.orders)
          OPERATOR(ror.=) tap_rfmp.reference('tap_rfmp.orders', '2023-12-31'),
          'one state over 60 000 rows of 365 days (later days ignored) equals the GROUP BY state');
SELECT ok((SELECT ror.rfm_state_agg(day, amount, DATE '2024-12-31') FROM (SELECT * FROM tap_rfmp.orders ORDER BY day, id) q)
          OPERATOR(ror.=) tap_rfmp.reference('tap_rfmp.orders', '2024-12-31'),
          'rows in day order (appended and folded into the last day) give it too');
SELECT ok((SELECT ror.rfm_state_agg(day, amount, DATE '2024-12-31') FROM
             (SELECT * FROM tap_rfmp.orders WHERE (day - DATE '2023-01-01') % 3 <> 1 ORDER BY id) q)
          OPERATOR(ror.=) tap_rfmp.reference('(SELECT * FROM tap_rfmp.orders WHERE (day - DATE ''2023-01-01'') % 3 <> 1) q', '2024-12-31'),
          'days with gaps (found by binary search) give it too');
SELECT ok((SELECT ror.rfm_state_agg(day, amount, DATE '2024-12-31') FROM
             (SELECT * FROM tap_rfmp.orders ORDER BY day DESC, id) q)
          OPERATOR(ror.=) tap_rfmp.reference('tap_rfmp.orders', '2024-12-31'),
          'days in falling order (every row to the unsorted tail) give it too');

CREATE TABLE tap_rfmp.by_customer AS
SELECT customer, ror.rfm_state_agg(day, amount, DATE '2024-12-31') AS s FROM tap_rfmp.orders GROUP BY customer;
SELECT is((SELECT count(*) FROM tap_rfmp.by_customer c
           WHERE NOT c.s OPERATOR(ror.=) tap_rfmp.reference(format('(SELECT * FROM tap_rfmp.orders WHERE customer = %s) q', c.customer), '2024-12-31')),
          0::bigint, 'GROUP BY 2 000 customers: every state equals its GROUP BY state');
SELECT ok((SELECT ror.rfm_state_agg(s) FROM tap_rfmp.by_customer) OPERATOR(ror.=) tap_rfmp.reference('tap_rfmp.orders', '2024-12-31'),
          'the roll-up of the customers'' states equals the whole state');

CALL tap_helpers.force_parallel_plans();
SELECT matches(tap_helpers.plan_of($$SELECT ror.rfm_state_agg(day, amount, DATE '2024-12-31') FROM tap_rfmp.orders$$),
               'Partial Aggregate', 'rfm_state_agg runs as a partial aggregate');
SELECT ok((SELECT ror.rfm_state_agg(day, amount, DATE '2024-12-31') FROM tap_rfmp.orders)
          OPERATOR(ror.=) tap_rfmp.reference('tap_rfmp.orders', '2024-12-31'),
          'parallel: the merged states equal the GROUP BY state');
RESET ALL;

SELECT * FROM finish();
DROP SCHEMA tap_rfmp CASCADE;
