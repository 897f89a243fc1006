-- ror.generate_demo_data: reproducible per seed, bound as the four sources,
-- with bad rows that data_issues counts, and the processes it claims (churn
-- hazard per segment, repeat buyers for the models).
BEGIN;
SELECT plan(8);

CREATE TEMP TABLE sizes AS SELECT * FROM ror.generate_demo_data('tap_demo', 800, 5);
CREATE TEMP TABLE first_run AS
SELECT (SELECT md5(string_agg(c::text, ';' ORDER BY customer_id)) FROM tap_demo.customers c) AS customers,
       (SELECT md5(string_agg(o::text, ';' ORDER BY order_id)) FROM tap_demo.orders o) AS orders,
       (SELECT md5(string_agg(r::text, ';' ORDER BY response_id)) FROM tap_demo.responses r) AS responses,
       (SELECT md5(string_agg(i::text, ';' ORDER BY interaction_id)) FROM tap_demo.interactions i) AS interactions;

SELECT is((SELECT rows FROM sizes WHERE kind = 'customers'), 800::int8, 'the customers asked for');
SELECT set_eq('SELECT kind, relation FROM ror.sources',
              $$VALUES ('customers', 'tap_demo.customers'::regclass), ('orders', 'tap_demo.orders'::regclass),
                       ('responses', 'tap_demo.responses'::regclass), ('interactions', 'tap_demo.interactions'::regclass)$$,
              'the four tables are bound');
SELECT is((SELECT value FROM ror.settings WHERE name = 'as_of'), '2026-06-30', 'as_of is the last day of the data');
SELECT set_eq('SELECT kind, problem, rows FROM ror.data_issues WHERE problem NOT LIKE ''churned the day%''',
              $$VALUES ('orders', 'amount is NULL', 1::int8), ('responses', 'score outside 0-10', 1),
                       ('responses', 'responded_at is NULL', 1), ('responses', 'customer_id is NULL', 1)$$,
              'its bad rows are counted in data_issues');

-- the same seed again (the schema is replaced, its bindings too): the same rows
SELECT * FROM ror.generate_demo_data('tap_demo', 800, 5) \g /dev/null
SELECT is((SELECT (SELECT md5(string_agg(c::text, ';' ORDER BY customer_id)) FROM tap_demo.customers c) || '/'
               || (SELECT md5(string_agg(o::text, ';' ORDER BY order_id)) FROM tap_demo.orders o) || '/'
               || (SELECT md5(string_agg(r::text, ';' ORDER BY response_id)) FROM tap_demo.responses r) || '/'
               || (SELECT md5(string_agg(i::text, ';' ORDER BY interaction_id)) FROM tap_demo.interactions i)),
          (SELECT customers || '/' || orders || '/' || responses || '/' || interactions FROM first_run),
          'the same seed gives the same four tables');
SELECT * FROM ror.generate_demo_data('tap_demo', 800, 6) \g /dev/null
SELECT isnt((SELECT md5(string_agg(c::text, ';' ORDER BY customer_id)) FROM tap_demo.customers c),
            (SELECT customers FROM first_run), 'another seed gives other data');

SELECT ok((SELECT count(*) FILTER (WHERE frequency > 0) > 100 FROM ror.customer_value)
          AND (SELECT bool_and(converged) FROM ror.model_fit),
          'enough repeat buyers for both models, which converge');
SELECT throws_ok($$SELECT * FROM ror.generate_demo_data('tap_demo', 0)$$, '22023', NULL,
                 'a customer count below 1 is refused');

SELECT * FROM finish();
ROLLBACK;
