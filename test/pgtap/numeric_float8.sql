-- ror._numeric_float8: numeric amounts and costs of the bound sources become
-- float8 through it.  It must give the very double numeric::float8 gives (bit
-- for bit, on random values of every size and on the boundaries of its fast
-- path and of float8's range), and NULL exactly where that cast raises.
BEGIN;
SELECT plan(13);

-- whether numeric::float8 raises for x, and what it gives otherwise
CREATE FUNCTION pg_temp.cast_bits(x numeric) RETURNS bytea LANGUAGE plpgsql AS $$
BEGIN
    RETURN float8send(x::float8);
EXCEPTION WHEN numeric_value_out_of_range THEN
    RETURN NULL;
END $$;
CREATE FUNCTION pg_temp.mismatches(q text) RETURNS SETOF text LANGUAGE plpgsql AS $$
BEGIN
    RETURN QUERY EXECUTE format(
        'SELECT x::text FROM (%s) v(x)
         WHERE float8send(ror._numeric_float8(x)) IS DISTINCT FROM pg_temp.cast_bits(x) LIMIT 5', q);
END $$;

SELECT setseed(0.2026);
-- 1. random values: up to 30 significant digits, exponents -80 .. 40, both signs
CREATE TEMP TABLE rnd AS
SELECT CASE WHEN random() < 0.5 THEN -1 ELSE 1 END
       * trunc((floor(random() * 1e15)::numeric * 1e15 + floor(random() * 1e15)::numeric)
               / ('1e' || floor(random() * 30))::numeric)
       * ('1e' || floor(random() * 120) - 80)::numeric AS x
FROM generate_series(1, 40000);
SELECT ok((SELECT count(DISTINCT length(trim(trailing '0' FROM abs(x)::text))) > 60 AND count(*) FILTER (WHERE x = 0) < 400
                  AND count(*) FILTER (WHERE abs(x) BETWEEN 1e-22 AND 1e22) > 10000 FROM rnd),
          'they have every length, few are 0, and many are within the fast path''s exponents');
SELECT is_empty('SELECT * FROM pg_temp.mismatches(''SELECT x FROM rnd'')',
                '40,000 random values of 1 to 30 digits convert bit for bit as numeric::float8');
-- 2. money-like amounts, the common case (two decimals, up to a million)
SELECT is_empty($$SELECT * FROM pg_temp.mismatches('SELECT round((random() * 2e6 - 1e6)::numeric, 2) FROM generate_series(1, 40000)')$$,
                '40,000 amounts with two decimals convert bit for bit');
-- 3. the fast path's edges: 2^53 and its neighbours (exact up to 2^53, then rounded),
--    at every decimal exponent from -30 to 30 (it holds within 22)
SELECT is_empty($$SELECT * FROM pg_temp.mismatches(
                    'SELECT (9007199254740992 + d) * (''1e'' || e)::numeric * s
                     FROM generate_series(-3, 3) d, generate_series(-30, 30) e, (VALUES (1), (-1)) z(s)')$$,
                'around 2^53 at decimal exponents -30 .. 30, both signs');
SELECT is_empty($$SELECT * FROM pg_temp.mismatches(
                    'SELECT m * (''1e'' || e)::numeric
                     FROM (VALUES (1), (5), (9999), (10000), (12345678), (9999999999999999), (10000000000000001),
                                  (123456789012345678), (4503599627370497)) a(m), generate_series(-40, 40) e')$$,
                'single digits to 18-digit integers at decimal exponents -40 .. 40');
-- 4. float8's range: the largest double, halfway above it, the smallest subnormal and half of it
SELECT is_empty($$SELECT * FROM pg_temp.mismatches($q$
                    SELECT x::numeric * s FROM (VALUES ('1.7976931348623157e308'), ('1.7976931348623158e308'),
                        ('1.797693134862315807e308'), ('1.797693134862315808e308'), ('1.7976931348623159e308'),
                        ('1e308'), ('1e309'), ('2.2250738585072014e-308'), ('2.2250738585072011e-308'),
                        ('4.9406564584124654e-324'), ('2.4703282292062328e-324'), ('2.4703282292062327e-324'),
                        ('1e-323'), ('1e-324'), ('1e-400'), ('1e400'), ('0'), ('0.000'), ('1e-1000')) v(x),
                        (VALUES (1), (-1)) z(s) $q$)$$,
                'the edges of float8''s range, both signs: the same double, or NULL where the cast raises');
SELECT results_eq($$SELECT ror._numeric_float8(x::numeric) IS NULL FROM (VALUES ('1e309'), ('-1e400'), ('1e-400'), ('1.7976931348623157e308')) v(x)$$,
                  $$VALUES (true), (true), (true), (false)$$,
                  'NULL out of range (too large, or so small the double would be 0), a value at the edge');
-- 5. NaN and the infinities keep what the cast gives; NULL is NULL
SELECT results_eq($$SELECT float8send(ror._numeric_float8(x::numeric)) FROM (VALUES ('NaN'), ('Infinity'), ('-Infinity')) v(x)$$,
                  $$SELECT float8send(x::numeric::float8) FROM (VALUES ('NaN'), ('Infinity'), ('-Infinity')) v(x)$$,
                  'NaN, Infinity, -Infinity as the cast gives them');
SELECT is(ror._numeric_float8(NULL), NULL, 'NULL gives NULL');
-- 6. stored values (a short header, unaligned digits), large scales (the long
--    header), compressed values of thousands of digits
CREATE TEMP TABLE stored (x numeric);
INSERT INTO stored SELECT x FROM rnd LIMIT 2000;
INSERT INTO stored VALUES (1.5::numeric(200, 100)), (-0.1::numeric(1000, 900)), (123.456::numeric(80, 70)),
    (repeat('9', 5000)::numeric), (('0.' || repeat('0', 5000) || '17')::numeric),
    (('1' || repeat('0', 300) || '.' || repeat('3', 3000))::numeric), (('-4.' || repeat('1', 8000))::numeric);
SELECT is_empty($$SELECT * FROM pg_temp.mismatches('SELECT x FROM stored')$$,
                'values read from a table, long headers and compressed values of thousands of digits');
SELECT ok(pg_column_size(x) < octet_length(x::text) / 2, 'one of them is stored compressed')
FROM stored WHERE x > 1e4000;

-- 7. in the views: a numeric acquisition cost out of float8's range is counted, not an error
SELECT ror.unbind_source(k) FROM unnest(ARRAY['customers', 'orders', 'responses', 'interactions']) k \g /dev/null
SELECT ror.reset_setting(name) FROM ror.setting_definition \g /dev/null
SELECT ror.set_setting('as_of', '2024-06-30') \g /dev/null
CREATE TABLE pg_temp.cust (customer_id int, acquired_at date, churned_at date, acquisition_cost numeric);
INSERT INTO pg_temp.cust (customer_id, acquired_at, acquisition_cost) VALUES (1, '2024-01-01', 10.5), (2, '2024-01-01', 1e400), (3, '2024-01-01', -1e-400),
                                (4, '2024-01-01', 'NaN'), (5, '2024-01-01', 1e-320);
SELECT ror.bind_source('customers', 'pg_temp.cust') \g /dev/null
SELECT results_eq($$SELECT problem, rows FROM ror.data_issues$$,
                  $$VALUES ('acquisition_cost is negative or not finite', 1::int8),
                           ('acquisition_cost is out of range for float8', 2::int8)$$,
                  'data_issues counts the costs out of float8''s range apart from the NaN');
SELECT is((SELECT sum(customers_at_start + new_customers) FROM ror.churn_by_period WHERE period_start = '2024-01-01'),
          2::numeric, 'churn_by_period counts the two usable customers (a subnormal cost is one)');

SELECT * FROM finish();
ROLLBACK;
