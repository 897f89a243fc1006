-- Property: on a few thousand random lifetimes (fixed seed), every churn
-- method equals a plain-SQL reference written with range operators, for
-- daterange and tstzrange, several periods, odd bounds, NULLs and empties.
SELECT plan(12);

CREATE SCHEMA tap_churnp;
SELECT setseed(0.4242);

-- dates: lifetimes starting 2022..2024, some open, some unbounded below,
-- some empty or NULL; inclusive/exclusive bounds are canonicalized by daterange
CREATE TABLE tap_churnp.dl AS
SELECT i AS id,
       CASE WHEN r < 0.02 THEN NULL
            WHEN r < 0.04 THEN 'empty'::daterange
            ELSE daterange(CASE WHEN random() < 0.05 THEN NULL ELSE a END,
                           CASE WHEN random() < 0.35 THEN NULL ELSE a + 1 + floor(random() * random() * 400)::int END,
                           (ARRAY['[)', '[]', '(]', '()'])[1 + floor(random() * 4)::int]) END AS lifetime
FROM (SELECT i, random() AS r, date '2022-06-01' + floor(random() * 900)::int AS a
      FROM generate_series(1, 4000) i) q;
CREATE TABLE tap_churnp.dp AS
SELECT daterange(s, (s + interval '1 month')::date) AS period
FROM (SELECT (date '2023-01-01' + make_interval(months => m))::date AS s FROM generate_series(0, 11) m) q;

-- timestamps to the microsecond, random bound inclusivity, some infinities
CREATE TABLE tap_churnp.tl AS
SELECT i AS id,
       CASE WHEN r < 0.02 THEN NULL
            ELSE tstzrange(CASE WHEN random() < 0.05 THEN '-infinity' ELSE a END,
                           CASE WHEN random() < 0.3 THEN NULL
                                ELSE a + make_interval(secs => floor(random() * random() * 400 * 86400e6) / 1e6) END,
                           (ARRAY['[)', '[]', '(]', '()'])[1 + floor(random() * 4)::int]) END AS lifetime
FROM (SELECT i, random() AS r,
             timestamptz '2022-06-01 00:00:00+00' + make_interval(secs => floor(random() * 900 * 86400e6) / 1e6) AS a
      FROM generate_series(1, 4000) i) q;
CREATE TABLE tap_churnp.tp AS
SELECT tstzrange(s, s + interval '30 days 7 hours', b) AS period
FROM (SELECT timestamptz '2023-01-01 00:00:00+00' + make_interval(days => 29 * k, secs => k * 1.5) AS s,
             (ARRAY['[)', '[]', '(]', '()'])[1 + k % 4] AS b
      FROM generate_series(0, 11) k) q;

-- the reference, from range operators only: at start = lifetime contains s;
-- new = overlaps the period without containing s; churned = does not contain e
-- (for a lifetime that is at start or new); customer time = length of l * p
CREATE FUNCTION tap_churnp.ref_date() RETURNS TABLE (period daterange, at_start bigint, cfs bigint, new bigint, cnew bigint, days bigint)
LANGUAGE sql AS $$
  SELECT p.period,
         count(*) FILTER (WHERE l.lifetime @> lower(p.period)),
         count(*) FILTER (WHERE l.lifetime @> lower(p.period) AND NOT l.lifetime @> upper(p.period)),
         count(*) FILTER (WHERE l.lifetime && p.period AND NOT l.lifetime @> lower(p.period)),
         count(*) FILTER (WHERE l.lifetime && p.period AND NOT l.lifetime @> lower(p.period) AND NOT l.lifetime @> upper(p.period)),
         coalesce(sum(upper(l.lifetime * p.period) - lower(l.lifetime * p.period)), 0)::bigint
  FROM tap_churnp.dp p, tap_churnp.dl l
  WHERE l.lifetime IS NOT NULL
  GROUP BY p.period $$;
-- for timestamps the period's own ends: s = its first instant, e = the first instant after it
CREATE FUNCTION tap_churnp.ref_tstz() RETURNS TABLE (period tstzrange, at_start bigint, cfs bigint, new bigint, cnew bigint, usecs numeric)
LANGUAGE sql AS $$
  WITH p AS (
    SELECT period,
           CASE WHEN lower_inc(period) THEN lower(period) ELSE lower(period) + interval '1 microsecond' END AS s,
           CASE WHEN upper_inc(period) THEN upper(period) + interval '1 microsecond' ELSE upper(period) END AS e
    FROM tap_churnp.tp)
  SELECT p.period,
         count(*) FILTER (WHERE l.lifetime @> p.s),
         count(*) FILTER (WHERE l.lifetime @> p.s AND NOT l.lifetime @> p.e AND NOT l.lifetime >> tstzrange(p.e, NULL)),
         count(*) FILTER (WHERE l.lifetime && tstzrange(p.s, p.e) AND NOT l.lifetime @> p.s),
         count(*) FILTER (WHERE l.lifetime && tstzrange(p.s, p.e) AND NOT l.lifetime @> p.s AND NOT l.lifetime @> p.e),
         coalesce(sum((extract(epoch FROM upper(i) - lower(i)) * 1000000)
                      + CASE WHEN upper_inc(i) THEN 1 ELSE 0 END - CASE WHEN lower_inc(i) OR isempty(i) THEN 0 ELSE 1 END), 0)
  FROM p, tap_churnp.tl l, LATERAL (SELECT l.lifetime * tstzrange(p.s, p.e) AS i) x
  WHERE l.lifetime IS NOT NULL
  GROUP BY p.period $$;

CREATE TABLE tap_churnp.got_date AS
SELECT p.period, ror.churn_summary_agg(l.lifetime, p.period) s,
       ror.churn_rate(l.lifetime, p.period) AS standard,
       ror.churn_rate(l.lifetime, p.period, 'include_new') AS include_new,
       ror.churn_rate(l.lifetime, p.period, 'customer_days') AS customer_days
FROM tap_churnp.dp p, tap_churnp.dl l GROUP BY p.period;
CREATE TABLE tap_churnp.got_tstz AS
SELECT p.period, ror.churn_summary_agg(l.lifetime, p.period) s,
       ror.churn_rate(l.lifetime, p.period) AS standard,
       ror.churn_rate(l.lifetime, p.period, 'include_new') AS include_new,
       ror.churn_rate(l.lifetime, p.period, 'customer_days') AS customer_days
FROM tap_churnp.tp p, tap_churnp.tl l GROUP BY p.period;

SELECT is((SELECT count(*) FROM tap_churnp.got_date), 12::bigint, 'twelve monthly date periods');
SELECT is_empty($$
  SELECT * FROM tap_churnp.got_date g JOIN tap_churnp.ref_date() r USING (period)
  WHERE (ror.at_start(g.s), ror.churned_from_start(g.s), ror.new_customers(g.s), ror.churned_new(g.s), ror.customer_days(g.s))
        IS DISTINCT FROM (r.at_start, r.cfs, r.new, r.cnew, r.days::float8) $$,
  'date summaries count what the range-operator reference counts');
SELECT is_empty($$
  SELECT * FROM tap_churnp.got_date g JOIN tap_churnp.ref_date() r USING (period)
  WHERE g.standard IS DISTINCT FROM r.cfs::float8 / nullif(r.at_start, 0) $$,
  'date standard churn equals churned_from_start / at_start');
SELECT is_empty($$
  SELECT * FROM tap_churnp.got_date g JOIN tap_churnp.ref_date() r USING (period)
  WHERE g.include_new IS DISTINCT FROM (r.cfs + r.cnew)::float8 / nullif(r.at_start + r.new, 0) $$,
  'date include_new churn equals (churned_from_start + churned_new) / (at_start + new)');
SELECT is_empty($$
  SELECT * FROM tap_churnp.got_date g JOIN tap_churnp.ref_date() r USING (period)
  WHERE abs(g.customer_days - (r.cfs + r.cnew)::float8 / r.days * (upper(period) - lower(period))) > 1e-12 * g.customer_days $$,
  'date customer_days churn equals churned / customer-days * period days');
SELECT ok((SELECT bool_and(ror.at_start(s) > 100 AND ror.new_customers(s) > 50 AND ror.churned_new(s) > 5) FROM tap_churnp.got_date),
          'the random date data exercises every count');

SELECT is_empty($$
  SELECT * FROM tap_churnp.got_tstz g JOIN tap_churnp.ref_tstz() r USING (period)
  WHERE (ror.at_start(g.s), ror.churned_from_start(g.s), ror.new_customers(g.s), ror.churned_new(g.s))
        IS DISTINCT FROM (r.at_start, r.cfs, r.new, r.cnew)
     OR split_part(split_part(g.s::text, 'customer_seconds=', 2), ')', 1)::numeric <> r.usecs / 1000000 $$,
  'tstz summaries count what the reference counts, customer time to the microsecond');
SELECT is_empty($$
  SELECT * FROM tap_churnp.got_tstz g JOIN tap_churnp.ref_tstz() r USING (period)
  WHERE g.standard IS DISTINCT FROM r.cfs::float8 / nullif(r.at_start, 0)
     OR g.include_new IS DISTINCT FROM (r.cfs + r.cnew)::float8 / nullif(r.at_start + r.new, 0) $$,
  'tstz standard and include_new churn equal the reference');
SELECT is_empty($$
  SELECT * FROM tap_churnp.got_tstz g JOIN tap_churnp.ref_tstz() r USING (period)
  WHERE abs(g.customer_days - (r.cfs + r.cnew)::float8 / (r.usecs::float8 / 86400e6) * ror.period_days(g.s)) > 1e-12 * g.customer_days $$,
  'tstz customer_days churn equals the reference');
SELECT ok((SELECT bool_and(s::text::ror.churn_summary OPERATOR(ror.=) s) FROM
            (SELECT s FROM tap_churnp.got_tstz UNION ALL SELECT s FROM tap_churnp.got_date) q),
          'every summary round-trips through text bit for bit');

-- one period at a time (every row after the first takes the aggregates' fast
-- path, which reads the stored lifetimes in place) gives the same summaries
SELECT is_empty($$
  SELECT * FROM tap_churnp.got_date g JOIN LATERAL
    (SELECT ror.churn_summary_agg(l.lifetime, g.period) s, ror.churn_rate(l.lifetime, g.period) AS standard,
            ror.churn_rate(l.lifetime, g.period, 'include_new') AS include_new,
            ror.churn_rate(l.lifetime, g.period, 'customer_days') AS customer_days
     FROM tap_churnp.dl l) x ON true
  WHERE NOT x.s OPERATOR(ror.=) g.s OR (x.standard, x.include_new, x.customer_days)
                                       IS DISTINCT FROM (g.standard, g.include_new, g.customer_days) $$,
  'date summaries and rates of one period at a time equal those of all periods at once');
SELECT is_empty($$
  SELECT * FROM tap_churnp.got_tstz g JOIN LATERAL
    (SELECT ror.churn_summary_agg(l.lifetime, g.period) s, ror.churn_rate(l.lifetime, g.period) AS standard,
            ror.churn_rate(l.lifetime, g.period, 'include_new') AS include_new,
            ror.churn_rate(l.lifetime, g.period, 'customer_days') AS customer_days
     FROM tap_churnp.tl l) x ON true
  WHERE NOT x.s OPERATOR(ror.=) g.s OR (x.standard, x.include_new, x.customer_days)
                                       IS DISTINCT FROM (g.standard, g.include_new, g.customer_days) $$,
  'tstz summaries and rates of one period at a time equal those of all periods at once');

DROP SCHEMA tap_churnp CASCADE;
SELECT * FROM finish();
