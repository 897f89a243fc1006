-- The period arithmetic of the report views: _period_start, _period_step and
-- _period_index agree with each other for weeks, months and quarters, across
-- year ends, leap days and both directions; NULL in, NULL out; and the
-- functions are inlined into the queries that use them (called per row
-- instead, _period_index cost 5 us a row).
BEGIN;
SELECT plan(8);

CREATE TEMP TABLE days AS
SELECT d::date AS d FROM generate_series(date '1999-11-20', date '2002-03-10', interval '1 day') d
UNION ALL SELECT d::date FROM generate_series(date '2023-12-01', date '2024-03-31', interval '1 day') d;
CREATE TEMP TABLE starts AS
SELECT p, ror._period_start(s::date, p) AS s
FROM unnest(ARRAY['week', 'month', 'quarter']) p,
     generate_series(date '2000-01-01', date '2001-12-31', interval '17 days') s;

-- k = _period_index(s, d) is the k with s + k periods = the start of d's period (one k at most)
SELECT is((SELECT count(*) FROM starts st JOIN days dd ON true
           WHERE st.p = pp.p
             AND (st.s + ror._period_index(st.s, dd.d, st.p) * ror._period_step(st.p))::date
                 IS DISTINCT FROM ror._period_start(dd.d, st.p)),
          0::int8, pp.p || ': start + index periods is the start of the period, for every pair')
FROM (VALUES ('week'), ('month'), ('quarter')) pp(p);
SELECT is((SELECT array_agg(ror._period_index(date '2024-01-01', d, 'quarter') ORDER BY d)
           FROM unnest(ARRAY[date '2023-09-30', '2023-10-01', '2023-12-31', '2024-01-01', '2024-03-31', '2024-04-01', '2025-02-28']) d),
          ARRAY[-2, -1, -1, 0, 0, 1, 4], 'quarters before and after the start');
SELECT is((SELECT array_agg(ror._period_index(date '2024-02-26', d, 'week') ORDER BY d)
           FROM unnest(ARRAY[date '2024-02-25', '2024-02-26', '2024-03-03', '2024-03-04', '2024-12-30']) d),
          ARRAY[-1, 0, 0, 1, 44], 'ISO weeks, Monday to Sunday, over a leap day');

SELECT is(ARRAY[ror._period_index(NULL, date '2024-01-01', 'month'), ror._period_index(date '2024-01-01', NULL, 'week'),
                ror._period_index(date '2024-01-01', date '2024-05-01', NULL),
                ror._period_index(date '2024-01-01', date '2024-05-01', 'fortnight'),
                ror._period_step(NULL)::text::int],
          ARRAY[NULL, NULL, NULL, NULL, NULL]::int[], 'NULL for a NULL argument or a period it does not know');

-- inlined: the plan shows the expressions, not calls of ror's period functions
SELECT unalike(tap_helpers.plan_of($$SELECT ror._period_index(s, d, p), ror._period_start(d, p), ror._period_step(p)
                                      FROM starts, days$$, true),
              '%ror._period%', 'the period functions are inlined');
SELECT alike(tap_helpers.plan_of($$SELECT ror._period_index(s, d, p) FROM starts, days$$, true),
            '%date_part%', 'and the plan holds their bodies');

SELECT * FROM finish();
ROLLBACK;
