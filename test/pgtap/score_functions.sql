-- The ROR score's scalar functions (src/ror_score.c): ror_score, ror_coverage,
-- advocacy, saturate, value_component, ror_band.  Expected values are worked
-- out by hand in the comments; is() where the float8 arithmetic is exact,
-- a relative difference of at most 1e-15 against an independent expression
-- where it is not.
SELECT plan(259);

-- ---------------------------------------------------------------------------
-- ror_score and ror_coverage, default weights: all 32 patterns of NULL and
-- non-NULL components.  Components when present: value 1, loyalty 0.5,
-- advocacy 0.25, referral 0, engagement 0.75.  The label shows the present
-- ones (V L A R E) and '.' for NULL.  Fewer than 2.5 of 5 present -> NULL.
-- score is 100 * mean as an exact fraction (numeric); coverage = present / 5.
-- ---------------------------------------------------------------------------
CREATE TEMP TABLE patterns (label text, v float8, l float8, a float8, r float8, e float8,
                            score numeric, exact boolean, coverage float8);
INSERT INTO patterns VALUES
  ('.....', NULL, NULL, NULL, NULL, NULL, NULL, true, 0),         -- 0 of 5: NULL; 0/5 = 0
  ('V....', 1, NULL, NULL, NULL, NULL, NULL, true, 0.2),          -- 1 of 5 < 2.5: NULL; 1/5
  ('.L...', NULL, 0.5, NULL, NULL, NULL, NULL, true, 0.2),
  ('..A..', NULL, NULL, 0.25, NULL, NULL, NULL, true, 0.2),
  ('...R.', NULL, NULL, NULL, 0, NULL, NULL, true, 0.2),
  ('....E', NULL, NULL, NULL, NULL, 0.75, NULL, true, 0.2),
  ('VL...', 1, 0.5, NULL, NULL, NULL, NULL, true, 0.4),           -- 2 of 5 < 2.5: NULL; 2/5
  ('V.A..', 1, NULL, 0.25, NULL, NULL, NULL, true, 0.4),
  ('V..R.', 1, NULL, NULL, 0, NULL, NULL, true, 0.4),
  ('V...E', 1, NULL, NULL, NULL, 0.75, NULL, true, 0.4),
  ('.LA..', NULL, 0.5, 0.25, NULL, NULL, NULL, true, 0.4),
  ('.L.R.', NULL, 0.5, NULL, 0, NULL, NULL, true, 0.4),
  ('.L..E', NULL, 0.5, NULL, NULL, 0.75, NULL, true, 0.4),
  ('..AR.', NULL, NULL, 0.25, 0, NULL, NULL, true, 0.4),
  ('..A.E', NULL, NULL, 0.25, NULL, 0.75, NULL, true, 0.4),
  ('...RE', NULL, NULL, NULL, 0, 0.75, NULL, true, 0.4),
  ('VLA..', 1, 0.5, 0.25, NULL, NULL, 100 * 1.75 / 3, false, 0.6),  -- (1+0.5+0.25)/3 = 1.75/3 = 58.33..; 3/5
  ('VL.R.', 1, 0.5, NULL, 0, NULL, 50, true, 0.6),                  -- (1+0.5+0)/3 = 0.5 -> 50
  ('VL..E', 1, 0.5, NULL, NULL, 0.75, 75, true, 0.6),               -- (1+0.5+0.75)/3 = 2.25/3 = 0.75 -> 75
  ('V.AR.', 1, NULL, 0.25, 0, NULL, 100 * 1.25 / 3, false, 0.6),    -- (1+0.25+0)/3 = 1.25/3 = 41.66..
  ('V.A.E', 1, NULL, 0.25, NULL, 0.75, 100 * 2.0 / 3, false, 0.6),  -- (1+0.25+0.75)/3 = 2/3 = 66.66..
  ('V..RE', 1, NULL, NULL, 0, 0.75, 100 * 1.75 / 3, false, 0.6),    -- (1+0+0.75)/3 = 1.75/3 = 58.33..
  ('.LAR.', NULL, 0.5, 0.25, 0, NULL, 25, true, 0.6),               -- (0.5+0.25+0)/3 = 0.25 -> 25
  ('.LA.E', NULL, 0.5, 0.25, NULL, 0.75, 50, true, 0.6),            -- (0.5+0.25+0.75)/3 = 0.5 -> 50
  ('.L.RE', NULL, 0.5, NULL, 0, 0.75, 100 * 1.25 / 3, false, 0.6),  -- (0.5+0+0.75)/3 = 1.25/3 = 41.66..
  ('..ARE', NULL, NULL, 0.25, 0, 0.75, 100 * 1.0 / 3, false, 0.6),  -- (0.25+0+0.75)/3 = 1/3 = 33.33..
  ('VLAR.', 1, 0.5, 0.25, 0, NULL, 43.75, true, 0.8),               -- 1.75/4 = 0.4375 -> 43.75; 4/5
  ('VLA.E', 1, 0.5, 0.25, NULL, 0.75, 62.5, true, 0.8),             -- 2.5/4 = 0.625 -> 62.5
  ('VL.RE', 1, 0.5, NULL, 0, 0.75, 56.25, true, 0.8),               -- 2.25/4 = 0.5625 -> 56.25
  ('V.ARE', 1, NULL, 0.25, 0, 0.75, 50, true, 0.8),                 -- 2/4 = 0.5 -> 50
  ('.LARE', NULL, 0.5, 0.25, 0, 0.75, 37.5, true, 0.8),             -- 1.5/4 = 0.375 -> 37.5
  ('VLARE', 1, 0.5, 0.25, 0, 0.75, 50, true, 1);                    -- 2.5/5 = 0.5 -> 50; 5/5 = 1

-- 32 tests: the score of each pattern (no ORDER BY: the rows come in insertion order)
SELECT CASE WHEN exact
            THEN is(ror.ror_score(v, l, a, r, e), score::float8, 'ror_score ' || label)
            ELSE ok(abs(ror.ror_score(v, l, a, r, e) - score::float8) <= 1e-15 * score::float8,
                    'ror_score ' || label || ' within 1e-15 of ' || score::float8)
       END
FROM patterns;

-- 32 tests: the coverage of each pattern, exact (n/5 is the double nearest to n/5, as the literal is)
SELECT is(ror.ror_coverage(v, l, a, r, e), coverage, 'ror_coverage ' || label) FROM patterns;

-- 32 tests: the 6-argument form with the weights {1,1,1,1,1} equals the 5-argument form
SELECT is(ror.ror_score(v, l, a, r, e, '{1,1,1,1,1}'), ror.ror_score(v, l, a, r, e),
          'ror_score ' || label || ' with weights {1,1,1,1,1}') FROM patterns;

-- ---------------------------------------------------------------------------
-- Custom weights (components as above: V 1, L 0.5, A 0.25, R 0, E 0.75)
-- ---------------------------------------------------------------------------
-- {1,1,1,1,4}, only engagement: present 4 = absent 1+1+1+1 = 4, exactly half -> a number
SELECT is(ror.ror_score(NULL, NULL, NULL, NULL, 0.75, '{1,1,1,1,4}'), 75::float8,
          'exact half present (engagement 4 of 8) gives a number: 4*0.75/4 = 0.75 -> 75');
SELECT is(ror.ror_coverage(NULL, NULL, NULL, NULL, 0.75, '{1,1,1,1,4}'), 0.5::float8,
          'coverage of engagement alone with {1,1,1,1,4}: 4/8 = 0.5');
-- {1,1,1,1,4}, all but engagement: present 4 = absent 4 -> (1+0.5+0.25+0)/4 = 0.4375 -> 43.75
SELECT is(ror.ror_score(1, 0.5, 0.25, 0, NULL, '{1,1,1,1,4}'), 43.75::float8,
          'exact half present (4 of 8 without engagement): 1.75/4 -> 43.75');
SELECT is(ror.ror_coverage(1, 0.5, 0.25, 0, NULL, '{1,1,1,1,4}'), 0.5::float8,
          'coverage without engagement with {1,1,1,1,4}: 4/8 = 0.5');
-- {1,1,1,1,3.5}, only engagement: 3.5 < absent 4 -> NULL; coverage 3.5/7.5 = 7/15
SELECT is(ror.ror_score(NULL, NULL, NULL, NULL, 0.75, '{1,1,1,1,3.5}'), NULL::float8,
          'just under half present (3.5 of 7.5) gives NULL');
SELECT ok(abs(ror.ror_coverage(NULL, NULL, NULL, NULL, 0.75, '{1,1,1,1,3.5}') - 7.0 / 15) <= 1e-15 * (7.0 / 15),
          'coverage 3.5/7.5 = 7/15 = 0.4666..');
-- {1,1,1,1,4.5}, only engagement: 4.5 > 4 -> 0.75 -> 75
SELECT is(ror.ror_score(NULL, NULL, NULL, NULL, 0.75, '{1,1,1,1,4.5}'), 75::float8,
          'just over half present (4.5 of 8.5) gives a number');
-- {2,1,1,0,0}, all present: (2*1 + 0.5 + 0.25 + 0*0 + 0*0.75)/4 = 2.75/4 = 0.6875 -> 68.75
SELECT is(ror.ror_score(1, 0.5, 0.25, 0, 0.75, '{2,1,1,0,0}'), 68.75::float8,
          'weights {2,1,1,0,0}: 2.75/4 -> 68.75');
-- {0,0,0,0,1}, all present: only engagement counts -> 75
SELECT is(ror.ror_score(1, 0.5, 0.25, 0, 0.75, '{0,0,0,0,1}'), 75::float8,
          'weights {0,0,0,0,1}: the engagement alone -> 75');
-- {3,1,1,1,1}, value 1, others 0: 3/7 -> 42.857..
SELECT ok(abs(ror.ror_score(1, 0, 0, 0, 0, '{3,1,1,1,1}') - 300.0 / 7) <= 1e-15 * (300.0 / 7),
          'weights {3,1,1,1,1}: 3/7 -> 42.857.. within 1e-15');
-- {0.1,0.2,0.3,0.4,0.5}, all 0.5: the mean of equal components is that component -> 50
SELECT ok(abs(ror.ror_score(0.5, 0.5, 0.5, 0.5, 0.5, '{0.1,0.2,0.3,0.4,0.5}') - 50) <= 1e-15 * 50,
          'decimal weights, equal components 0.5 -> 50 within 1e-15');
-- zero weights on the absent components: {1,1,1,0,0} with referral, engagement NULL:
-- present 3, absent 0 -> (1+0.5+0.25)/3 = 58.33..; coverage 3/3 = 1
SELECT ok(abs(ror.ror_score(1, 0.5, 0.25, NULL, NULL, '{1,1,1,0,0}') - 175.0 / 3) <= 1e-15 * (175.0 / 3),
          'zero weights on the NULL components: 1.75/3 -> 58.33..');
SELECT is(ror.ror_coverage(1, 0.5, 0.25, NULL, NULL, '{1,1,1,0,0}'), 1::float8,
          'zero weights on the NULL components: coverage 3/3 = 1');
-- zero weights on the present components: {0,0,0,1,1} with referral, engagement NULL:
-- present 0 < absent 2 -> NULL; coverage 0/2 = 0
SELECT is(ror.ror_score(1, 0.5, 0.25, NULL, NULL, '{0,0,0,1,1}'), NULL::float8,
          'only zero-weight components present: NULL');
SELECT is(ror.ror_coverage(1, 0.5, 0.25, NULL, NULL, '{0,0,0,1,1}'), 0::float8,
          'only zero-weight components present: coverage 0');
-- {1,0,0,0,0}: value alone decides; value 0.25 present -> 25, coverage 1
SELECT is(ror.ror_score(0.25, NULL, NULL, NULL, NULL, '{1,0,0,0,0}'), 25::float8,
          'weights {1,0,0,0,0}, value 0.25 alone -> 25');
SELECT is(ror.ror_coverage(0.25, NULL, NULL, NULL, NULL, '{1,0,0,0,0}'), 1::float8,
          'weights {1,0,0,0,0}, value alone: coverage 1/1 = 1');
-- all NULL with custom weights: coverage 0, score NULL
SELECT is(ror.ror_coverage(NULL, NULL, NULL, NULL, NULL, '{1,2,3,4,5}'), 0::float8,
          'all components NULL, weights {1,2,3,4,5}: coverage 0');
SELECT is(ror.ror_score(NULL, NULL, NULL, NULL, NULL, '{1,2,3,4,5}'), NULL::float8,
          'all components NULL, weights {1,2,3,4,5}: score NULL');
-- scale: the weights' scale does not matter, huge and subnormal weights included
-- (5 * 1e308 overflows a double; 5e-324 is the smallest subnormal): all 0.5 -> 50
SELECT is(ror.ror_score(1, 0.5, 0.25, 0, 0.75, '{1e308,1e308,1e308,1e308,1e308}'), 50::float8,
          'weights 1e308 each (their sum overflows): 2.5/5 -> 50');
SELECT is(ror.ror_coverage(1, 0.5, NULL, NULL, 0.75, '{1e308,1e308,1e308,1e308,1e308}'), 0.6::float8,
          'weights 1e308 each: coverage 3/5 = 0.6');
SELECT is(ror.ror_score(1, 0.5, 0.25, 0, 0.75, '{5e-324,5e-324,5e-324,5e-324,5e-324}'), 50::float8,
          'subnormal weights 5e-324 each: 2.5/5 -> 50');
SELECT is(ror.ror_score(1, NULL, NULL, NULL, 0.5, '{1e308,1,1,1,1e308}'), 75::float8,
          'weights {1e308,1,1,1,1e308}: present 2e308 > absent 3 -> (1e308*1 + 1e308*0.5)/2e308 = 0.75 -> 75');
-- a non-default lower bound is still one dimension of five elements
SELECT is(ror.ror_score(NULL, NULL, NULL, NULL, 0.75, '[0:4]={1,1,1,1,4}'), 75::float8,
          'weights with lower bound 0 are accepted');

-- NULL weights: NULL, even with a bad component (strict in the weights only)
SELECT is(ror.ror_score(1, 0.5, 0.25, 0, 0.75, NULL), NULL::float8, 'ror_score with NULL weights is NULL');
SELECT is(ror.ror_coverage(1, 0.5, 0.25, 0, 0.75, NULL), NULL::float8, 'ror_coverage with NULL weights is NULL');
SELECT is(ror.ror_score(2, NULL, NULL, NULL, NULL, NULL), NULL::float8,
          'ror_score with NULL weights is NULL without looking at the components');

-- ---------------------------------------------------------------------------
-- Bad weights: 22023, for ror_score and ror_coverage
-- ---------------------------------------------------------------------------
CREATE TEMP TABLE bad_weights (weights text, why text);
INSERT INTO bad_weights VALUES
  ('{1,1,1,1}', '4 elements'),
  ('{1,1,1,1,1,1}', '6 elements'),
  ('{}', 'no element'),
  ('{1,1,NULL,1,1}', 'a NULL element'),
  ('{1,1,NaN,1,1}', 'NaN'),
  ('{1,1,1,Infinity,1}', 'Infinity'),
  ('{1,1,1,1,-Infinity}', '-Infinity'),
  ('{1,-1,1,1,1}', 'a negative weight'),
  ('{0,0,0,0,0}', 'all zero'),
  ('{{1,1,1,1,1}}', 'a 2-D array of five'),
  ('{{1,1},{1,1}}', 'a 2-D array of four');
-- 11 + 11 tests
SELECT throws_ok(format('SELECT ror.ror_score(1, 0.5, 0.25, 0, 0.75, %L)', weights), '22023', NULL,
                 'ror_score weights ' || weights || ' (' || why || '): 22023') FROM bad_weights;
SELECT throws_ok(format('SELECT ror.ror_coverage(1, 0.5, 0.25, 0, 0.75, %L)', weights), '22023', NULL,
                 'ror_coverage weights ' || weights || ' (' || why || '): 22023') FROM bad_weights;
-- the messages say what was given
SELECT throws_ok($$SELECT ror.ror_score(1, 1, 1, 1, 1, '{1,1,1,1}')$$, '22023',
                 'ror_score weights must have 5 elements, not 4', 'message names the number of elements');
SELECT throws_ok($$SELECT ror.ror_coverage(1, 1, 1, 1, 1, '{1,1,1,-0.5,1}')$$, '22023',
                 'ror_coverage weight 4 (referral) is -0.5', 'message names the bad weight and its position');
SELECT throws_ok($$SELECT ror.ror_score(1, 1, 1, 1, 1, '{1,1,NULL,1,1}')$$, '22023',
                 'ror_score weight 3 (advocacy) is NULL', 'message names the NULL weight and its position');
SELECT throws_ok($$SELECT ror.ror_score(1, 1, 1, 1, 1, '{1,NaN,1,1,1}')$$, '22023',
                 'ror_score weight 2 (loyalty) is NaN', 'message names a NaN weight and its position');
SELECT throws_ok($$SELECT ror.ror_score(1, 1, 1, 1, 1, '{{1,1,1,1,1}}')$$, '22023',
                 'ror_score weights must be a one-dimensional array, not 2-dimensional', 'message names the dimensions');
SELECT throws_ok($$SELECT ror.ror_score(1, 1, 1, 1, 1, '{0,0,0,0,0}')$$, '22023',
                 'ror_score weights are all 0', 'message says the weights are all 0');

-- ---------------------------------------------------------------------------
-- Out-of-range components: 22003, for each component and each bad value,
-- whatever the other components and even with weight 0
-- ---------------------------------------------------------------------------
CREATE TEMP TABLE bad_values (bad float8);
INSERT INTO bad_values VALUES (-0.1), (1.1), ('NaN'), ('Infinity'), ('-Infinity');
-- 5 components x 5 values = 25 tests
SELECT throws_ok(format('SELECT ror.ror_score(%s, %s, %s, %s, %s)',
                        CASE k WHEN 1 THEN quote_literal(bad) || '::float8' ELSE '0.5' END,
                        CASE k WHEN 2 THEN quote_literal(bad) || '::float8' ELSE 'NULL' END,
                        CASE k WHEN 3 THEN quote_literal(bad) || '::float8' ELSE '0.5' END,
                        CASE k WHEN 4 THEN quote_literal(bad) || '::float8' ELSE 'NULL' END,
                        CASE k WHEN 5 THEN quote_literal(bad) || '::float8' ELSE '0.5' END),
                 '22003', NULL,
                 'ror_score ' || (ARRAY['value', 'loyalty', 'advocacy', 'referral', 'engagement'])[k] || ' ' || bad || ': 22003')
FROM generate_series(1, 5) k, bad_values;
-- ror_coverage checks the components too (4 tests)
SELECT throws_ok(format('SELECT ror.ror_coverage(NULL, NULL, %s::float8, NULL, NULL)', quote_literal(bad)),
                 '22003', NULL, 'ror_coverage advocacy ' || bad || ': 22003')
FROM bad_values WHERE bad <> '-Infinity';
-- with weight 0 the component is still checked
SELECT throws_ok($$SELECT ror.ror_score(1, 1, 1, 1, 1.1, '{1,1,1,1,0}')$$, '22003', NULL,
                 'a bad component with weight 0 is still an error');
SELECT throws_ok($$SELECT ror.ror_score(1, 1, 1, 1.1, 1)$$, '22003',
                 'ror_score component referral 1.1 is out of range', 'message names the component and its value');
SELECT throws_ok($$SELECT ror.ror_coverage('NaN', 1, 1, 1, 1)$$, '22003',
                 'ror_coverage component value NaN is out of range', 'message names a NaN component');
-- the bounds themselves are in range (-0 too): 0, 1 -> 100*(0+1+0+1+0)/5 = 40
SELECT is(ror.ror_score(0, 1, '-0', 1, 0), 40::float8, 'components 0, 1 and -0 are in range: 2/5 -> 40');

-- ---------------------------------------------------------------------------
-- advocacy(score): 0-6 -> 0, 7-8 -> 0.5, 9-10 -> 1, else 22003 (13 + 1 tests)
-- ---------------------------------------------------------------------------
SELECT throws_ok('SELECT ror.advocacy(-1)', '22003', NULL, 'advocacy(-1): 22003');
SELECT is(ror.advocacy(s), expected, format('advocacy(%s) = %s', s, expected))
FROM (VALUES (0, 0::float8), (1, 0), (2, 0), (3, 0), (4, 0), (5, 0), (6, 0),   -- detractors
             (7, 0.5), (8, 0.5),                                               -- passives
             (9, 1), (10, 1)) t(s, expected);                                  -- promoters
SELECT throws_ok('SELECT ror.advocacy(11)', '22003', 'NPS score 11 is out of range', 'advocacy(11): 22003 naming the score');
SELECT is(ror.advocacy(NULL), NULL::float8, 'advocacy(NULL) is NULL');

-- ---------------------------------------------------------------------------
-- saturate(count, half) = 1 - 2^(-count/half)
-- ---------------------------------------------------------------------------
SELECT is(ror.saturate(0), 0::float8, 'saturate(0) = 1 - 2^0 = 0');
SELECT is(ror.saturate(0, 7), 0::float8, 'saturate(0, 7) = 0');
SELECT is(ror.saturate(1), 0.5::float8, 'saturate(1) = 1 - 2^-1 = 0.5 (default half 1)');
SELECT is(ror.saturate(3, 3), 0.5::float8, 'saturate(half, half) = 0.5');
SELECT is(ror.saturate(2), 0.75::float8, 'saturate(2) = 1 - 1/4 = 0.75');
SELECT is(ror.saturate(30, 10), 0.875::float8, 'saturate(30, 10) = 1 - 2^-3 = 0.875');
SELECT is(ror.saturate(53), 1 - power(2::float8, -53), 'saturate(53) = 1 - 2^-53 = 0.9999999999999999, exactly');
SELECT is(ror.saturate(100), 1::float8, 'saturate(100) = 1 - 2^-100, which is 1 in a double');
SELECT is(ror.saturate('Infinity'), 1::float8, 'saturate(Infinity) = 1');
SELECT is(ror.saturate('Infinity', 1e300), 1::float8, 'saturate(Infinity, 1e300) = 1');
SELECT is(ror.saturate('Infinity', 'Infinity'), 1::float8, 'saturate(Infinity, Infinity) = 1 (an infinite count wins)');
SELECT is(ror.saturate(5, 'Infinity'), 0::float8, 'saturate(5, Infinity) = 1 - 2^0 = 0');
SELECT is(ror.saturate(1e308, 1e-308), 1::float8, 'saturate(1e308, 1e-308): count/half overflows -> 1');
-- not exact: against 1 - power(2, -x) (accurate for x >= ~0.3, where 1 - 2^-x >= 0.19)
SELECT ok(abs(ror.saturate(5, 10) - (1 - power(2::float8, -0.5))) <= 1e-15 * (1 - power(2::float8, -0.5)),
          'saturate(5, 10) = 1 - 2^-0.5 = 0.2928.. within 1e-15');
SELECT ok(abs(ror.saturate(0.3, 0.7) - (1 - power(2::float8, -0.3 / 0.7::float8)))
          <= 1e-15 * (1 - power(2::float8, -0.3 / 0.7::float8)),
          'saturate(0.3, 0.7) = 1 - 2^(-3/7) within 1e-15');
SELECT ok(abs(ror.saturate(2.5) - (1 - power(2::float8, -2.5))) <= 1e-15 * (1 - power(2::float8, -2.5)),
          'saturate(2.5) = 1 - 2^-2.5 = 0.8232.. within 1e-15');
-- small counts: 1 - 2^-x cancels, so compare with the series t - t^2/2 + t^3/6, t = x ln 2, in numeric
SELECT ok(abs(ror.saturate(1e-10)::numeric - (t - t ^ 2 / 2 + t ^ 3 / 6)) <= 1e-15 * t,
          'saturate(1e-10) = 6.931471805359..e-11 within 1e-15 (1 - power would keep 6 digits)')
FROM (SELECT 1e-10 * ln(2::numeric) AS t) s;
SELECT ok(abs(ror.saturate(1, 1e6)::numeric - (t - t ^ 2 / 2 + t ^ 3 / 6)) <= 1e-15 * t,
          'saturate(1, 1e6) = 6.9314694..e-7 within 1e-15')
FROM (SELECT 1e-6 * ln(2::numeric) AS t) s;
-- bad arguments: 22023
SELECT throws_ok('SELECT ror.saturate(-1)', '22023', 'saturate count -1 is invalid', 'saturate(-1): 22023 naming the count');
SELECT throws_ok($$SELECT ror.saturate('-Infinity')$$, '22023', NULL, 'saturate(-Infinity): 22023');
SELECT throws_ok($$SELECT ror.saturate('NaN')$$, '22023', 'saturate count NaN is invalid', 'saturate(NaN): 22023');
SELECT throws_ok('SELECT ror.saturate(1, 0)', '22023', 'saturate half 0 is invalid', 'saturate(1, 0): 22023 naming the half');
SELECT throws_ok('SELECT ror.saturate(1, -2)', '22023', NULL, 'saturate(1, -2): 22023');
SELECT throws_ok($$SELECT ror.saturate(1, 'NaN')$$, '22023', NULL, 'saturate(1, NaN): 22023');
SELECT throws_ok($$SELECT ror.saturate('Infinity', 'NaN')$$, '22023', NULL, 'saturate(Infinity, NaN): 22023');
SELECT is(ror.saturate(NULL), NULL::float8, 'saturate(NULL) is NULL');
SELECT is(ror.saturate(1, NULL), NULL::float8, 'saturate(1, NULL) is NULL');

-- ---------------------------------------------------------------------------
-- value_component(clv, cac) = clv / (3 cac) clipped to [0, 1]
-- ---------------------------------------------------------------------------
SELECT is(ror.value_component(150, 100), 0.5::float8, 'value_component(150, 100) = 150/300 = 0.5');
SELECT is(ror.value_component(300, 100), 1::float8, 'value_component(300, 100) = 300/300 = 1');
SELECT is(ror.value_component(1000, 100), 1::float8, 'value_component(1000, 100) = 3.33.. clipped to 1');
SELECT is(ror.value_component(0, 100), 0::float8, 'value_component(0, 100) = 0');
SELECT is(ror.value_component(-50, 100), 0::float8, 'value_component(-50, 100) = -1/6 clipped to 0');
SELECT ok(abs(ror.value_component(100, 100) - 1.0::float8 / 3) <= 1e-15 / 3,
          'value_component(100, 100) = 1/3 within 1e-15');
SELECT ok(abs(ror.value_component(0.2, 0.6) - 0.2 / (3 * 0.6::float8)) <= 1e-15 * (0.2 / (3 * 0.6::float8)),
          'value_component(0.2, 0.6) = 0.2/1.8 = 0.111.. within 1e-15');
SELECT ok(abs(ror.value_component(1e308, 1e308) - 1.0::float8 / 3) <= 1e-15 / 3,
          'value_component(1e308, 1e308) = 1/3 (3 * cac would overflow)');
SELECT is(ror.value_component(1e308, 1e-308), 1::float8, 'value_component(1e308, 1e-308): ratio overflows, clipped to 1');
SELECT is(ror.value_component(5, 0), 1::float8, 'value_component(5, 0) = 1 (free customer with value)');
SELECT is(ror.value_component(0, 0), 0::float8, 'value_component(0, 0) = 0');
SELECT is(ror.value_component(-5, 0), 0::float8, 'value_component(-5, 0) = 0');
SELECT is(ror.value_component(5, '-0'), 1::float8, 'value_component(5, -0): -0 is 0, not negative -> 1');
SELECT is(ror.value_component(NULL, 100), NULL::float8, 'value_component(NULL, 100) is NULL');
SELECT is(ror.value_component(100, NULL), NULL::float8, 'value_component(100, NULL) is NULL');
SELECT throws_ok('SELECT ror.value_component(100, -1)', '22023', 'value_component cac -1 is invalid',
                 'value_component negative cac: 22023 naming it');
SELECT throws_ok($$SELECT ror.value_component(100, 'Infinity')$$, '22023', NULL, 'value_component cac Infinity: 22023');
SELECT throws_ok($$SELECT ror.value_component(100, 'NaN')$$, '22023', NULL, 'value_component cac NaN: 22023');
SELECT throws_ok($$SELECT ror.value_component('Infinity', 100)$$, '22023', 'value_component clv Infinity is not finite',
                 'value_component clv Infinity: 22023 naming it');
SELECT throws_ok($$SELECT ror.value_component('-Infinity', 100)$$, '22023', NULL, 'value_component clv -Infinity: 22023');
SELECT throws_ok($$SELECT ror.value_component('NaN', 0)$$, '22023', NULL, 'value_component clv NaN: 22023');

-- ---------------------------------------------------------------------------
-- ror_band(score): red < 50 <= yellow <= 75 < green
-- ---------------------------------------------------------------------------
SELECT is(ror.ror_band(s), band, format('ror_band(%s) = %s', s, band))
FROM (VALUES (0::float8, 'red'), (49.999, 'red'), (50, 'yellow'), (75, 'yellow'),
             (75.0001, 'green'), (100, 'green')) t(s, band);
SELECT throws_ok('SELECT ror.ror_band(-1)', '22003', 'ror_band score -1 is out of range', 'ror_band(-1): 22003 naming it');
SELECT throws_ok('SELECT ror.ror_band(101)', '22003', NULL, 'ror_band(101): 22003');
SELECT throws_ok($$SELECT ror.ror_band('NaN')$$, '22003', NULL, 'ror_band(NaN): 22003');
SELECT throws_ok($$SELECT ror.ror_band('Infinity')$$, '22003', NULL, 'ror_band(Infinity): 22003');
SELECT is(ror.ror_band(NULL), NULL, 'ror_band(NULL) is NULL');

-- ---------------------------------------------------------------------------
-- Declarations: immutable, parallel safe; strict but for ror_score / ror_coverage
-- ---------------------------------------------------------------------------
SELECT is_empty($$
  SELECT p.oid::regprocedure::text FROM pg_proc p
  WHERE p.pronamespace = 'ror'::regnamespace
    AND p.proname IN ('ror_score', 'ror_coverage', 'advocacy', 'saturate', 'value_component', 'ror_band')
    AND (p.provolatile <> 'i' OR p.proparallel <> 's'
         OR p.proisstrict <> (p.proname NOT IN ('ror_score', 'ror_coverage'))) $$,
  'the score functions are immutable and parallel safe, strict but for ror_score and ror_coverage');
SELECT is((SELECT count(*) FROM pg_proc p WHERE p.pronamespace = 'ror'::regnamespace
             AND p.proname IN ('ror_score', 'ror_coverage', 'advocacy', 'saturate', 'value_component', 'ror_band')),
          8::bigint, 'eight score functions (ror_score and ror_coverage with and without weights)');

SELECT * FROM finish();
