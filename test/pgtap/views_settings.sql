-- ror.set_setting / reset_setting / settings: validation of every setting
-- (good values and their canonical text, bad values with 22023), reset, the
-- view, and that period, time_zone, as_of and inactivity_days change the next
-- query's answer.
BEGIN;
SELECT plan(117);

SELECT ror.unbind_source(k) FROM unnest(ARRAY['customers', 'orders', 'responses', 'interactions']) k \g /dev/null
SELECT ror.reset_setting(name) FROM ror.setting_definition \g /dev/null

CREATE SCHEMA tap_vs;
-- the session's output settings, as most clients have them (tested apart below)
SET LOCAL DateStyle = 'ISO, MDY';
SET LOCAL extra_float_digits = 1;

-- ---------------------------------------------------------------------------
-- The view with the defaults
-- ---------------------------------------------------------------------------
SELECT results_eq('SELECT name FROM ror.settings',
                  ARRAY['time_zone', 'period', 'as_of', 'inactivity_days', 'discount_rate', 'clv_periods',
                        'score_window_days', 'score_weights'],
                  'ror.settings lists the eight settings in order');
SELECT set_eq('SELECT name, value FROM ror.settings',
              $$VALUES ('time_zone', 'UTC'), ('period', 'month'), ('as_of', (now() AT TIME ZONE 'UTC')::date::text),
                       ('inactivity_days', NULL), ('discount_rate', '0.01'), ('clv_periods', '12'),
                       ('score_window_days', '365'), ('score_weights', '{1,1,1,1,1}')$$,
              'default values: UTC, month, today in UTC, inactivity off, 0.01, 12, 365, {1,1,1,1,1}');
SELECT set_eq($$SELECT name, "default" FROM ror.settings WHERE name IN ('time_zone', 'period', 'discount_rate', 'clv_periods')$$,
              $$VALUES ('time_zone', 'UTC'), ('period', 'month'), ('discount_rate', '0.01'), ('clv_periods', '12')$$,
              'the default column');
SELECT is_empty($$SELECT name FROM ror.settings WHERE coalesce(description, '') = '' OR "default" IS NULL$$,
                'every setting has a default and a description');

-- as_of follows today in time_zone until it is set
SELECT is(ror.set_setting('time_zone', 'Pacific/Kiritimati'), 'Pacific/Kiritimati', 'time_zone Pacific/Kiritimati (UTC+14)');
SELECT is((SELECT value FROM ror.settings WHERE name = 'as_of'), (now() AT TIME ZONE 'Pacific/Kiritimati')::date::text,
          'as_of defaults to today in Pacific/Kiritimati');
SELECT is(ror.set_setting('time_zone', 'Pacific/Pago_Pago'), 'Pacific/Pago_Pago', 'time_zone Pacific/Pago_Pago (UTC-11)');
SELECT is((SELECT value FROM ror.settings WHERE name = 'as_of'), (now() AT TIME ZONE 'Pacific/Pago_Pago')::date::text,
          'as_of defaults to today in Pacific/Pago_Pago');
SELECT lives_ok($$SELECT ror.reset_setting('time_zone')$$, 'reset time_zone');
SELECT is((SELECT value FROM ror.settings WHERE name = 'time_zone'), 'UTC', 'time_zone is UTC again');

-- ---------------------------------------------------------------------------
-- Good values: set_setting returns the canonical text, the view shows it
-- ---------------------------------------------------------------------------
CREATE FUNCTION tap_vs.good(setting text, val text, canonical text) RETURNS SETOF text LANGUAGE plpgsql AS $$
BEGIN
    RETURN NEXT is(ror.set_setting(setting, val), canonical, format('%s %L is accepted as %L', setting, val, canonical));
    RETURN NEXT is((SELECT s.value FROM ror.settings s WHERE s.name = setting), canonical,
                   format('ror.settings shows %s = %L', setting, canonical));
END $$;

SELECT * FROM tap_vs.good('time_zone', 'Europe/Berlin', 'Europe/Berlin');
SELECT * FROM tap_vs.good('time_zone', 'America/New_York', 'America/New_York');
SELECT * FROM tap_vs.good('time_zone', 'UTC', 'UTC');
SELECT * FROM tap_vs.good('period', 'week', 'week');
SELECT * FROM tap_vs.good('period', 'quarter', 'quarter');
SELECT * FROM tap_vs.good('period', 'month', 'month');
SELECT * FROM tap_vs.good('as_of', '2024-01-05', '2024-01-05');
SELECT * FROM tap_vs.good('as_of', ' 2024-2-9 ', ('2024-2-9'::date)::text);
SELECT * FROM tap_vs.good('as_of', '2024-02-29', '2024-02-29');
SELECT * FROM tap_vs.good('inactivity_days', '1', '1');
SELECT * FROM tap_vs.good('inactivity_days', '36500', '36500');
SELECT * FROM tap_vs.good('inactivity_days', '007', ('007'::int)::text);
SELECT * FROM tap_vs.good('discount_rate', '0', ('0'::float8)::text);
SELECT * FROM tap_vs.good('discount_rate', '0.050', ('0.050'::float8)::text);
SELECT * FROM tap_vs.good('discount_rate', '0.999999', ('0.999999'::float8)::text);
SELECT * FROM tap_vs.good('clv_periods', '1', '1');
SELECT * FROM tap_vs.good('clv_periods', '1200', '1200');
SELECT * FROM tap_vs.good('score_window_days', '30', '30');
SELECT * FROM tap_vs.good('score_window_days', '36500', '36500');
SELECT * FROM tap_vs.good('score_weights', '{2, 0.5,1,0, 3}', '{2,0.5,1,0,3}');
SELECT * FROM tap_vs.good('score_weights', '{-0,0,1e-3,0,0}', '{0,0,0.001,0,0}');

-- ---------------------------------------------------------------------------
-- Bad values: 22023, and the value in force does not change
-- ---------------------------------------------------------------------------
SELECT ror.set_setting(n, v)
FROM (VALUES ('time_zone', 'Europe/Berlin'), ('period', 'week'), ('as_of', '2024-03-15'), ('inactivity_days', '30'),
             ('discount_rate', '0.02'), ('clv_periods', '24')) s(n, v) \g /dev/null
CREATE TABLE tap_vs.before AS SELECT name, value FROM ror.settings;

CREATE FUNCTION tap_vs.bad(setting text, val text) RETURNS text LANGUAGE sql AS $$
    SELECT throws_ok(format('SELECT ror.set_setting(%L, %L)', setting, val), '22023', NULL,
                     format('%s %s is refused with 22023', setting, coalesce(quote_literal(val), 'NULL')))
$$;
CREATE FUNCTION tap_vs.error_of_set(setting text, val text) RETURNS text LANGUAGE plpgsql AS $$
BEGIN
    PERFORM ror.set_setting(setting, val);
    RETURN NULL;
EXCEPTION WHEN OTHERS THEN
    RETURN SQLERRM;
END $$;
SELECT tap_vs.bad('time_zone', 'Not/AZone');
SELECT tap_vs.bad('time_zone', '');
SELECT tap_vs.bad('time_zone', NULL);
SELECT tap_vs.bad('score_window_days', '0');
SELECT tap_vs.bad('score_window_days', '36501');
SELECT tap_vs.bad('score_window_days', '7.5');
SELECT tap_vs.bad('score_weights', '{1,1,1,1}');
SELECT tap_vs.bad('score_weights', '{1,1,1,1,1,1}');
SELECT tap_vs.bad('score_weights', '{1,1,1,1,NULL}');
SELECT tap_vs.bad('score_weights', '{1,1,1,1,-1}');
SELECT tap_vs.bad('score_weights', '{1,1,1,1,NaN}');
SELECT tap_vs.bad('score_weights', '{1,1,1,1,Infinity}');
SELECT tap_vs.bad('score_weights', '{0,0,0,0,0}');
SELECT tap_vs.bad('score_weights', '{{1,1,1,1,1}}');
SELECT tap_vs.bad('score_weights', '1,1,1,1,1');
SELECT tap_vs.bad('period', 'year');
SELECT tap_vs.bad('period', 'day');
SELECT tap_vs.bad('period', '');
SELECT tap_vs.bad('period', NULL);
SELECT tap_vs.bad('as_of', '2024-02-30');
SELECT tap_vs.bad('as_of', '2023-02-29');
SELECT tap_vs.bad('as_of', '2024-13-01');
SELECT tap_vs.bad('as_of', 'today');
SELECT tap_vs.bad('as_of', 'infinity');
SELECT tap_vs.bad('as_of', '2024-03-15 12:00');
SELECT tap_vs.bad('as_of', '15.03.2024');
SELECT tap_vs.bad('as_of', '');
SELECT tap_vs.bad('inactivity_days', '0');
SELECT tap_vs.bad('inactivity_days', '36501');
SELECT tap_vs.bad('inactivity_days', '-5');
SELECT tap_vs.bad('inactivity_days', '1.5');
SELECT tap_vs.bad('inactivity_days', 'ten');
SELECT tap_vs.bad('discount_rate', '1');
SELECT tap_vs.bad('discount_rate', '-0.01');
SELECT tap_vs.bad('discount_rate', 'NaN');
SELECT tap_vs.bad('discount_rate', 'Infinity');
SELECT tap_vs.bad('discount_rate', '1%');
SELECT tap_vs.bad('clv_periods', '0');
SELECT tap_vs.bad('clv_periods', '1201');
SELECT tap_vs.bad('clv_periods', '12.5');
SELECT tap_vs.bad('clv_periods', '');
SELECT tap_vs.bad('currency', 'EUR');
SELECT tap_vs.bad(NULL, 'x');
SELECT throws_ok($$SELECT ror.reset_setting('currency')$$, '22023', NULL, 'reset_setting of an unknown setting: 22023');
SELECT matches(tap_vs.error_of_set('period', 'year'), 'period.*year', 'the error names the setting and the value');
SELECT set_eq('SELECT name, value FROM ror.settings', 'SELECT name, value FROM tap_vs.before',
              'no refused value changed a setting');

-- the stored value does not depend on the output settings of the session
-- that set it: another session reads it back
SET LOCAL DateStyle = 'SQL, DMY';
SELECT is(ror.set_setting('as_of', '2024-01-05'), '2024-01-05', 'DateStyle SQL, DMY: as_of is still returned as YYYY-MM-DD');
SET LOCAL DateStyle = 'ISO, MDY';
SELECT is((SELECT value FROM ror.settings WHERE name = 'as_of'), '2024-01-05',
          'as_of set under DateStyle SQL, DMY reads back as January 5 under ISO, MDY');
SET LOCAL DateStyle = 'German';
SELECT ror.set_setting('as_of', '2024-01-25') \g /dev/null
SET LOCAL DateStyle = 'ISO, MDY';
SELECT lives_ok('SELECT * FROM ror.settings', 'as_of set under DateStyle German: ror.settings still reads');
SELECT ror.reset_setting('as_of') \g /dev/null
SET LOCAL extra_float_digits = -10;
SELECT ror.set_setting('discount_rate', '0.0123456789') \g /dev/null
SET LOCAL extra_float_digits = 1;
SELECT is((SELECT value FROM ror.settings WHERE name = 'discount_rate')::float8, 0.0123456789::float8,
          'discount_rate set under extra_float_digits -10 keeps every digit');

-- reset restores each default
SELECT ror.reset_setting(name) FROM ror.setting_definition \g /dev/null
SELECT set_eq('SELECT name, value FROM ror.settings',
              $$VALUES ('time_zone', 'UTC'), ('period', 'month'), ('as_of', (now() AT TIME ZONE 'UTC')::date::text),
                       ('inactivity_days', NULL), ('discount_rate', '0.01'), ('clv_periods', '12'),
                       ('score_window_days', '365'), ('score_weights', '{1,1,1,1,1}')$$,
              'reset_setting restores every default');
SELECT lives_ok($$SELECT ror.reset_setting('period')$$, 'resetting a setting at its default is fine');

-- ---------------------------------------------------------------------------
-- The settings change the next query's answer
-- ---------------------------------------------------------------------------
CREATE TABLE tap_vs.customers (customer_id int, acquired_at timestamptz, churned_at timestamptz);
INSERT INTO tap_vs.customers VALUES (1, '2024-01-31 23:30+00', NULL), (2, '2024-01-15 12:00+00', NULL);
CREATE TABLE tap_vs.orders (customer_id int, ordered_at timestamptz, amount int);
INSERT INTO tap_vs.orders VALUES (2, '2024-01-20 12:00+00', 10);
CREATE TABLE tap_vs.responses (customer_id int, responded_at timestamptz, score int);
INSERT INTO tap_vs.responses VALUES (1, '2024-01-31 23:30+00', 10), (2, '2024-03-10 12:00+00', 0);
SELECT ror.bind_source(k, ('tap_vs.' || k)::regclass) FROM unnest(ARRAY['customers', 'orders', 'responses']) k \g /dev/null
SELECT ror.set_setting('as_of', '2024-03-31') \g /dev/null

-- expected: each response in the period of its local date
CREATE FUNCTION tap_vs.exp(period text, tz text, as_of date) RETURNS TABLE (period_start date, responses int8)
LANGUAGE sql AS $$
    SELECT date_trunc(period, (responded_at AT TIME ZONE tz)::date::timestamp)::date, count(*)
    FROM tap_vs.responses WHERE (responded_at AT TIME ZONE tz)::date <= as_of GROUP BY 1 ORDER BY 1
$$;
CREATE VIEW tap_vs.got AS SELECT period_start, sum(responses)::int8 FROM ror.nps_by_period GROUP BY 1 ORDER BY 1;

SELECT results_eq('SELECT * FROM tap_vs.got', $$SELECT * FROM tap_vs.exp('month', 'UTC', '2024-03-31')$$,
                  'month, UTC: the 23:30 UTC response of Jan 31 is in January');
SELECT ror.set_setting('time_zone', 'Europe/Berlin') \g /dev/null
SELECT results_eq('SELECT * FROM tap_vs.got', $$SELECT * FROM tap_vs.exp('month', 'Europe/Berlin', '2024-03-31')$$,
                  'time_zone Europe/Berlin moves it to February');
SELECT isnt((SELECT min(period_start) FROM ror.nps_by_period), date '2024-01-01', 'and January has no response left');
SELECT ror.set_setting('period', 'week') \g /dev/null
SELECT results_eq('SELECT * FROM tap_vs.got', $$SELECT * FROM tap_vs.exp('week', 'Europe/Berlin', '2024-03-31')$$,
                  'period week: periods start on the Monday of the local date');
SELECT ok((SELECT bool_and(extract(isodow FROM period_start) = 1) FROM ror.nps_by_period), 'weeks start on Mondays');
SELECT ror.set_setting('period', 'quarter') \g /dev/null
SELECT results_eq('SELECT * FROM tap_vs.got', $$SELECT * FROM tap_vs.exp('quarter', 'Europe/Berlin', '2024-03-31')$$,
                  'period quarter: both responses in Q1');
SELECT ror.set_setting('as_of', '2024-03-09') \g /dev/null
SELECT results_eq('SELECT * FROM tap_vs.got', $$SELECT * FROM tap_vs.exp('quarter', 'Europe/Berlin', '2024-03-09')$$,
                  'as_of before the second response leaves it out');
SELECT is((SELECT bool_or(is_complete) FROM ror.nps_by_period), false, 'as_of inside the quarter: not complete');
SELECT ror.set_setting('as_of', '2024-03-31') \g /dev/null
SELECT is((SELECT bool_and(is_complete) FROM ror.nps_by_period), true, 'as_of on the last day of the quarter: complete');
SELECT ror.set_setting('time_zone', 'America/New_York') \g /dev/null
SELECT ror.set_setting('period', 'month') \g /dev/null
SELECT results_eq($$SELECT min(period_start) FROM ror.churn_by_period$$,
                  $$SELECT date_trunc('month', min(acquired_at AT TIME ZONE 'America/New_York'))::date FROM tap_vs.customers$$,
                  'churn_by_period starts in the month of the first local acquisition');
-- inactivity_days: customer 2 ordered last on Jan 20
SELECT is((SELECT sum(churned_from_start + churned_new) FROM ror.churn_by_period), 0::numeric, 'no churn without the inactivity rule');
SELECT ror.set_setting('inactivity_days', '30') \g /dev/null
SELECT results_eq($$SELECT period_start, churned_from_start + churned_new FROM ror.churn_by_period
                    WHERE churned_from_start + churned_new > 0$$,
                  $$SELECT date_trunc('month', (greatest(max(o.ordered_at AT TIME ZONE 'America/New_York')::date,
                                                         min(c.acquired_at AT TIME ZONE 'America/New_York')::date) + 30)::timestamp)::date, 1::int8
                    FROM tap_vs.orders o, tap_vs.customers c WHERE o.customer_id = 2 AND c.customer_id = 2$$,
                  'inactivity_days 30: customer 2 churns 30 days after the last order');
SELECT ror.set_setting('inactivity_days', '100') \g /dev/null
SELECT is((SELECT sum(churned_from_start + churned_new) FROM ror.churn_by_period), 0::numeric,
          'inactivity_days 100: the 100 days have not passed by as_of');

SELECT * FROM finish();
ROLLBACK;
