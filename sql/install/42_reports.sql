-- ============================================================================
-- Report views for BI tools.  Each view is security_invoker and reads a
-- set-returning function that reads the bound sources in place, as the user
-- who queries (their privileges and row-level security apply), with the
-- settings in force.  Rows the reports cannot use are left out and counted in
-- ror.data_issues; an unbound source gives empty reports, never an error.
--
-- Every function that builds or runs a report query is declared with
--   SET DateStyle = 'ISO, YMD' SET extra_float_digits = 1: dates and floats
--     become text in the query's literals (and in ror.churn_summary text), so
--     the answer must not depend on the session's settings;
--   SET jit = off (the functions that run the query): the planner cannot
--     estimate these WITH lists (generated rows, CTEs), and its huge cost
--     guesses started JIT compilation that alone took 0.9 s of 1.1 s.
-- ============================================================================

-- Periods: week (ISO, starting Monday), month, quarter.  SQL-standard bodies
-- (RETURN ...): parsed once, at install, with pg_catalog first, so a caller's
-- search_path cannot change what they call; and still inlined into the
-- report queries (a SET search_path clause would stop that).
CREATE FUNCTION @extschema@._period_start(d date, period text) RETURNS date
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
RETURN date_trunc(period, d::timestamp)::date;
COMMENT ON FUNCTION @extschema@._period_start(date, text) IS 'internal: the first day of the period (week, month, quarter) holding d';

-- (not STRICT, so that it is inlined: see _period_index)
CREATE FUNCTION @extschema@._period_step(period text) RETURNS interval
LANGUAGE sql IMMUTABLE PARALLEL SAFE
RETURN CASE period WHEN 'week' THEN interval '1 week' WHEN 'month' THEN interval '1 month'
                   WHEN 'quarter' THEN interval '3 months' END;
COMMENT ON FUNCTION @extschema@._period_step(text) IS 'internal: the length of a period as an interval';

-- _period_index(start, d, period): how many periods the period of d lies after
-- the period starting at start (negative before it).  Not STRICT, and NULL for
-- a NULL argument all the same: a strict SQL function whose body is not
-- strict (a CASE) is not inlined, and called per row it cost 5 us a row (2 s
-- of cohort_retention at 1 M customers).  date_part, not extract: a float8
-- instead of a numeric
CREATE FUNCTION @extschema@._period_index(start date, d date, period text) RETURNS int
LANGUAGE sql IMMUTABLE PARALLEL SAFE
RETURN CASE period
        WHEN 'week' THEN ((@extschema@._period_start(d, 'week') - start) / 7)
        ELSE ((date_part('year', d)::int * 12 + date_part('month', d)::int)
              - (date_part('year', start)::int * 12 + date_part('month', start)::int)
              - CASE WHEN period = 'quarter' THEN (date_part('month', d)::int - 1) % 3 ELSE 0 END)
             / CASE period WHEN 'quarter' THEN 3 WHEN 'month' THEN 1 END
    END;
COMMENT ON FUNCTION @extschema@._period_index(date, date, text) IS
    'internal: the number of periods from the period starting at start to the period holding d';

-- _report_with(as_of): the sources and settings every report starts from, as
-- a WITH list: customers (one row per customer_id, the earliest acquired;
-- with the lifetime as of as_of), orders, responses and interactions up to
-- as_of.  as_of: the setting's when NULL (the scorecard's snapshots pass
-- their own).
CREATE FUNCTION @extschema@._report_with(p_as_of date DEFAULT NULL) RETURNS text
LANGUAGE plpgsql STABLE PARALLEL SAFE SET search_path = pg_catalog, pg_temp
    SET DateStyle = 'ISO, YMD' SET extra_float_digits = 1 AS $$
DECLARE st record; idt text := @extschema@._id_type(); uniq boolean := @extschema@._customer_id_unique();
BEGIN
    st := @extschema@.current_settings();
    RETURN format($q$
WITH st AS (SELECT %1$L::date AS as_of, %2$L::text AS period, %3$s::int AS inactivity_days,
                   %9$s::int AS window_days, %10$L::float8[] AS weights),
-- NOT MATERIALIZED: read where used; a CTE named twice in the query text is
-- stored whole (8.3 M order rows, a 282 MB temporary file at 1 M customers),
-- even when one of the two uses is never run (customer_duplicates, the
-- orders CTE without the inactivity rule)
customers_all AS NOT MATERIALIZED (%4$s),
orders_all AS NOT MATERIALIZED (%5$s),
responses_all AS NOT MATERIALIZED (%6$s),
interactions_all AS NOT MATERIALIZED (%7$s),
-- usable rows: WHERE CASE WHEN problem IS NULL THEN ... END, not problem IS
-- NULL AND ...: the planner cannot estimate the problem checks and guessed
-- that 0.5 %% of the rows pass (a CASE it takes as half), then sorted 840 k
-- orders for a GroupAggregate where hashing them was faster
orders AS (SELECT o.customer_id, o.ordered_on, o.amount FROM orders_all o, st
           WHERE CASE WHEN o.problem IS NULL THEN o.ordered_on <= st.as_of END),
responses AS (SELECT r.customer_id, r.responded_on, r.score::int AS score FROM responses_all r, st
              WHERE CASE WHEN r.problem IS NULL THEN r.responded_on <= st.as_of END),
interactions AS (SELECT i.customer_id, i.occurred_on, i.kind FROM interactions_all i, st
                 WHERE CASE WHEN i.problem IS NULL THEN i.occurred_on <= st.as_of END),
last_order AS (%8$s),
customers AS (
    SELECT c.customer_id, c.acquired_on, c.segment, c.acquisition_cost,
           -- as of as_of: a later churn is not known yet; the inactivity rule applies without one
           -- (counted from the last order, or from the acquisition when that came later)
           CASE WHEN c.churned_on <= st.as_of THEN c.churned_on
                WHEN st.inactivity_days IS NOT NULL AND l.last_on IS NOT NULL      -- no order: the rule has nothing to go by
                     AND greatest(l.last_on, c.acquired_on) + st.inactivity_days <= st.as_of
                THEN greatest(l.last_on, c.acquired_on) + st.inactivity_days
           END AS churned_on
    FROM (%11$s) c
    CROSS JOIN st
    %13$s
    WHERE c.acquired_on <= st.as_of),
-- the usable customer rows after the first of each customer_id (data_issues)
customer_duplicates AS (%12$s)
$q$, coalesce(p_as_of, st.as_of), st.period, coalesce(st.inactivity_days::text, 'NULL'),
        @extschema@._source_sql('customers', st.time_zone, idt),
        @extschema@._source_sql('orders', st.time_zone, idt),
        @extschema@._source_sql('responses', st.time_zone, idt),
        @extschema@._source_sql('interactions', st.time_zone, idt),
        -- the last orders only matter to the inactivity rule: not read without it,
        -- and orders not named a second time (PostgreSQL would store it whole)
        CASE WHEN st.inactivity_days IS NULL
             THEN format('SELECT NULL::%s AS customer_id, NULL::date AS last_on WHERE false', idt)
             ELSE 'SELECT o.customer_id, max(o.ordered_on) AS last_on FROM orders o GROUP BY 1' END,
        st.score_window_days, st.score_weights,
        -- one row per customer_id, the earliest acquired; a unique index
        -- saves sorting them all (or counting duplicates) to find out
        CASE WHEN uniq THEN 'SELECT x.* FROM customers_all x WHERE CASE WHEN x.problem IS NULL THEN true END'
             ELSE 'SELECT DISTINCT ON (x.customer_id) x.* FROM customers_all x
          WHERE CASE WHEN x.problem IS NULL THEN true END ORDER BY x.customer_id, x.acquired_on, x.churned_on' END,
        CASE WHEN uniq THEN format('SELECT NULL::%s AS customer_id WHERE false', idt)
             ELSE 'SELECT d.customer_id FROM (SELECT x.customer_id, row_number() OVER (PARTITION BY x.customer_id) AS rn
                    FROM customers_all x WHERE x.problem IS NULL) d WHERE d.rn > 1' END,
        -- without the inactivity rule no join at all: a join to the empty
        -- last_order is a nested loop that runs once per customer (churn_by_period
        -- 8-10 % slower at 1 M customers)
        CASE WHEN st.inactivity_days IS NULL THEN 'CROSS JOIN (SELECT NULL::date AS last_on) l'
             ELSE 'LEFT JOIN last_order l ON l.customer_id = c.customer_id' END);
END $$;
COMMENT ON FUNCTION @extschema@._report_with(date) IS
    'internal: the WITH list of sources as of as_of that every report query starts from';

-- ---------------------------------------------------------------------------
-- nps_by_period
-- ---------------------------------------------------------------------------
CREATE FUNCTION @extschema@._nps_by_period()
RETURNS TABLE (period_start date, segment text, responses int8, promoters int8, passives int8,
               detractors int8, nps float8, nps_low float8, nps_high float8, is_complete boolean)
LANGUAGE plpgsql STABLE PARALLEL SAFE SET search_path = pg_catalog, pg_temp
    SET DateStyle = 'ISO, YMD' SET extra_float_digits = 1 SET jit = off AS $$
BEGIN
    RETURN QUERY EXECUTE @extschema@._report_with() || $q$
, g AS (SELECT @extschema@._period_start(r.responded_on, st.period) AS p, c.segment,
               @extschema@.nps_summary_agg(r.score) AS s
        FROM responses r CROSS JOIN st LEFT JOIN customers c ON c.customer_id = r.customer_id
        GROUP BY 1, 2)
SELECT g.p, g.segment, @extschema@.responses(g.s), @extschema@.promoters(g.s)::int8,
       @extschema@.passives(g.s)::int8, @extschema@.detractors(g.s)::int8, @extschema@.nps(g.s),
       (ci).low, (ci).high, (g.p + @extschema@._period_step(st.period))::date - 1 <= st.as_of
FROM g CROSS JOIN st CROSS JOIN LATERAL (SELECT @extschema@.nps_ci(g.s) AS ci) l
ORDER BY 1, 2 NULLS FIRST $q$;
END $$;
COMMENT ON FUNCTION @extschema@._nps_by_period() IS 'internal: the rows of the view ror.nps_by_period';

CREATE VIEW @extschema@.nps_by_period WITH (security_invoker = true) AS
SELECT * FROM @extschema@._nps_by_period();
COMMENT ON VIEW @extschema@.nps_by_period IS
    'NPS per period and customer segment from the bound responses, as of as_of (settings: period, time_zone, as_of)';
COMMENT ON COLUMN @extschema@.nps_by_period.period_start IS 'first day of the period (local date in time_zone)';
COMMENT ON COLUMN @extschema@.nps_by_period.segment IS 'the responding customer''s segment (NULL: no segment, or not a bound customer)';
COMMENT ON COLUMN @extschema@.nps_by_period.responses IS 'number of responses (count)';
COMMENT ON COLUMN @extschema@.nps_by_period.promoters IS 'responses scoring 9 or 10 (count)';
COMMENT ON COLUMN @extschema@.nps_by_period.passives IS 'responses scoring 7 or 8 (count)';
COMMENT ON COLUMN @extschema@.nps_by_period.detractors IS 'responses scoring 0 to 6 (count)';
COMMENT ON COLUMN @extschema@.nps_by_period.nps IS 'Net Promoter Score, 100 * (promoters - detractors) / responses, from -100 to 100';
COMMENT ON COLUMN @extschema@.nps_by_period.nps_low IS 'lower end of the 95 % adjusted-Wald interval of the NPS (as ror.nps_ci)';
COMMENT ON COLUMN @extschema@.nps_by_period.nps_high IS 'upper end of the 95 % adjusted-Wald interval of the NPS (as ror.nps_ci)';
COMMENT ON COLUMN @extschema@.nps_by_period.is_complete IS 'true when the period ends on or before as_of';

-- ---------------------------------------------------------------------------
-- churn_by_period
-- ---------------------------------------------------------------------------
CREATE FUNCTION @extschema@._churn_by_period()
RETURNS TABLE (period_start date, segment text, customers_at_start int8, new_customers int8,
               churned_from_start int8, churned_new int8, customer_days int8, churn_rate float8,
               churn_rate_include_new float8, retention_rate float8, is_complete boolean)
LANGUAGE plpgsql STABLE PARALLEL SAFE SET search_path = pg_catalog, pg_temp
    SET DateStyle = 'ISO, YMD' SET extra_float_digits = 1 SET jit = off AS $$
BEGIN
    RETURN QUERY EXECUTE @extschema@._report_with() || $q$
, periods AS (
    SELECT p::date AS p,
           daterange(p::date, least((p + @extschema@._period_step(st.period))::date, st.as_of + 1)) AS r,
           (p + @extschema@._period_step(st.period))::date - 1 <= st.as_of AS complete
    FROM st, (SELECT min(acquired_on) AS first FROM customers) f,
         generate_series(@extschema@._period_start(f.first, st.period)::timestamp,
                         @extschema@._period_start(st.as_of, st.period)::timestamp,
                         @extschema@._period_step(st.period)) p),
segments AS (SELECT DISTINCT c.segment FROM customers c),
-- Counted from events, not from one row per customer and period (that grows
-- with customers x periods: 4.7 s for 100 k customers by week).  With
-- lifetime [a, b) and period [s, e):  at start = active on day s;  new =
-- acquired on a day in (s, e);  churned = b - 1 in [s, e);  churned new =
-- those also acquired in (s, e);  customer days = active customers summed
-- over the days of [s, e).  active(d) = #(a <= d) - #(b <= d).  The counts
-- then become a ror.churn_summary, whose accessors give the rates, so they
-- are those of ror.churn_summary_agg to the last bit.
lives AS (SELECT c.segment, c.acquired_on AS a, c.churned_on AS b FROM customers c
          WHERE c.churned_on IS NULL OR c.churned_on > c.acquired_on),
days AS (SELECT d::date AS d FROM periods, generate_series(lower(periods.r)::timestamp, upper(periods.r)::timestamp - interval '1 day', interval '1 day') d),
acquired AS (SELECT l.segment, l.a AS d, count(*) AS n FROM lives l GROUP BY 1, 2),
ended AS (SELECT l.segment, l.b AS d, count(*) AS n FROM lives l WHERE l.b IS NOT NULL GROUP BY 1, 2),
daily AS (
    SELECT dd.d, sg.segment, coalesce(ac.n, 0) AS acq,
           sum(coalesce(ac.n, 0) - coalesce(en.n, 0)) OVER (PARTITION BY sg.segment ORDER BY dd.d) AS active
    FROM days dd CROSS JOIN segments sg
    LEFT JOIN acquired ac ON ac.d = dd.d AND (ac.segment IS NULL) = (sg.segment IS NULL)
                         AND coalesce(ac.segment, '') = coalesce(sg.segment, '')
    LEFT JOIN ended en ON en.d = dd.d AND (en.segment IS NULL) = (sg.segment IS NULL)
                      AND coalesce(en.segment, '') = coalesce(sg.segment, '')),
by_period AS (
    SELECT x.p, x.segment,
           coalesce(sum(x.active) FILTER (WHERE x.d = x.p), 0) AS at_start,
           coalesce(sum(x.acq) FILTER (WHERE x.d > x.p), 0) AS new_customers,   -- none in a one-day period
           sum(x.active) AS customer_days
    FROM (SELECT @extschema@._period_start(daily.d, st.period) AS p, daily.* FROM daily CROSS JOIN st) x
    GROUP BY 1, 2),
churns AS (
    SELECT x.p, x.segment, count(*) AS churned, count(*) FILTER (WHERE x.a > x.p) AS churned_new
    FROM (SELECT @extschema@._period_start(l.b - 1, st.period) AS p, l.segment, l.a
          FROM lives l CROSS JOIN st WHERE l.b IS NOT NULL) x
    GROUP BY 1, 2),
g AS (
    SELECT periods.p, periods.complete, bp.segment,
           format('(period=[%s,%s),at_start=%s,churned_from_start=%s,new=%s,churned_new=%s,customer_days=%s)',
                  lower(periods.r), upper(periods.r), bp.at_start, coalesce(ch.churned - ch.churned_new, 0),
                  bp.new_customers, coalesce(ch.churned_new, 0), bp.customer_days)::@extschema@.churn_summary AS s
    FROM periods
    JOIN by_period bp ON bp.p = periods.p
    LEFT JOIN churns ch ON ch.p = periods.p AND (ch.segment IS NULL) = (bp.segment IS NULL)
                       AND coalesce(ch.segment, '') = coalesce(bp.segment, ''))
SELECT g.p, g.segment,
       coalesce(@extschema@.at_start(g.s), 0), coalesce(@extschema@.new_customers(g.s), 0),
       coalesce(@extschema@.churned_from_start(g.s), 0), coalesce(@extschema@.churned_new(g.s), 0),
       coalesce(@extschema@.customer_days(g.s), 0)::int8,
       @extschema@.churn_rate(g.s), @extschema@.churn_rate(g.s, 'include_new'), @extschema@.retention_rate(g.s),
       g.complete
FROM g ORDER BY 1, 2 NULLS FIRST $q$;
END $$;
COMMENT ON FUNCTION @extschema@._churn_by_period() IS 'internal: the rows of the view ror.churn_by_period';

CREATE VIEW @extschema@.churn_by_period WITH (security_invoker = true) AS
SELECT * FROM @extschema@._churn_by_period();
COMMENT ON VIEW @extschema@.churn_by_period IS
    'churn per period and segment from the bound customers (lifetime [acquired, churned) as of as_of; the same counts as ror.churn_summary_agg), every period from the first acquisition to as_of';
COMMENT ON COLUMN @extschema@.churn_by_period.period_start IS 'first day of the period (local date in time_zone)';
COMMENT ON COLUMN @extschema@.churn_by_period.segment IS 'customer segment (NULL: no segment)';
COMMENT ON COLUMN @extschema@.churn_by_period.customers_at_start IS 'customers active on the first day of the period (count)';
COMMENT ON COLUMN @extschema@.churn_by_period.new_customers IS 'customers acquired after the first day of the period (count)';
COMMENT ON COLUMN @extschema@.churn_by_period.churned_from_start IS 'customers at start who churned in the period (count)';
COMMENT ON COLUMN @extschema@.churn_by_period.churned_new IS 'new customers who churned in the period (count)';
COMMENT ON COLUMN @extschema@.churn_by_period.customer_days IS 'days customers were active in the period, summed (days)';
COMMENT ON COLUMN @extschema@.churn_by_period.churn_rate IS 'churned_from_start / customers_at_start, fraction 0-1 (NULL without customers at start)';
COMMENT ON COLUMN @extschema@.churn_by_period.churn_rate_include_new IS '(churned_from_start + churned_new) / (customers_at_start + new_customers), fraction 0-1';
COMMENT ON COLUMN @extschema@.churn_by_period.retention_rate IS '1 - churn_rate, fraction 0-1';
COMMENT ON COLUMN @extschema@.churn_by_period.is_complete IS 'true when the period ends on or before as_of (else it is counted up to the end of as_of)';

-- ---------------------------------------------------------------------------
-- cohort_retention
-- ---------------------------------------------------------------------------
CREATE FUNCTION @extschema@._cohort_retention()
RETURNS TABLE (cohort_start date, segment text, period_number int4, cohort_size int8, retained int8,
               retention_rate float8)
LANGUAGE plpgsql STABLE PARALLEL SAFE SET search_path = pg_catalog, pg_temp
    SET DateStyle = 'ISO, YMD' SET extra_float_digits = 1 SET jit = off AS $$
BEGIN
    RETURN QUERY EXECUTE @extschema@._report_with() || $q$
, members AS (
    SELECT @extschema@._period_start(c.acquired_on, st.period) AS cohort, c.segment, c.churned_on
    FROM customers c CROSS JOIN st),
-- a member is lost at cell n when churned on or before the first day of
-- period n + 1, i.e. when the day before the churn lies in period n or earlier
lost AS (
    SELECT m.cohort, m.segment, greatest(@extschema@._period_index(m.cohort, m.churned_on - 1, st.period), 0) AS at, count(*) AS k
    FROM members m CROSS JOIN st WHERE m.churned_on IS NOT NULL GROUP BY 1, 2, 3),
cohorts AS (SELECT m.cohort, m.segment, count(*) AS size FROM members m GROUP BY 1, 2),
cells AS (
    SELECT co.cohort, co.segment, co.size, n
    FROM cohorts co CROSS JOIN st,
         generate_series(0, @extschema@._period_index(co.cohort, st.as_of + 1, st.period) - 1) n),
-- retained at n: the cohort less those lost at or before n (a running sum)
counted AS (
    SELECT ce.cohort, ce.segment, ce.n, ce.size,
           sum(coalesce(l.k, 0)) OVER (PARTITION BY ce.cohort, ce.segment ORDER BY ce.n) AS lost
    FROM cells ce
    LEFT JOIN lost l ON l.cohort = ce.cohort AND l.at = ce.n AND (l.segment IS NULL) = (ce.segment IS NULL)
                    AND coalesce(l.segment, '') = coalesce(ce.segment, ''))
SELECT c.cohort, c.segment, c.n, c.size, c.size - c.lost::int8, (c.size - c.lost)::float8 / c.size
FROM counted c
ORDER BY 1, 2 NULLS FIRST, 3 $q$;
END $$;
COMMENT ON FUNCTION @extschema@._cohort_retention() IS 'internal: the rows of the view ror.cohort_retention';

CREATE VIEW @extschema@.cohort_retention WITH (security_invoker = true) AS
SELECT * FROM @extschema@._cohort_retention();
COMMENT ON VIEW @extschema@.cohort_retention IS
    'retention of each acquisition cohort (customers acquired in one period) and segment, period by period; only cells whose period ended by as_of';
COMMENT ON COLUMN @extschema@.cohort_retention.cohort_start IS 'first day of the acquisition period (local date in time_zone)';
COMMENT ON COLUMN @extschema@.cohort_retention.segment IS 'customer segment (NULL: no segment)';
COMMENT ON COLUMN @extschema@.cohort_retention.period_number IS 'periods since acquisition: 0 is the acquisition period';
COMMENT ON COLUMN @extschema@.cohort_retention.cohort_size IS 'customers acquired in the cohort''s period (count)';
COMMENT ON COLUMN @extschema@.cohort_retention.retained IS 'members still active on the first day of period period_number + 1 (count)';
COMMENT ON COLUMN @extschema@.cohort_retention.retention_rate IS 'retained / cohort_size, fraction 0-1';

-- ---------------------------------------------------------------------------
-- data_issues
-- ---------------------------------------------------------------------------
CREATE FUNCTION @extschema@._data_issues()
RETURNS TABLE (kind text, problem text, rows int8)
LANGUAGE plpgsql STABLE PARALLEL SAFE SET search_path = pg_catalog, pg_temp
    SET DateStyle = 'ISO, YMD' SET extra_float_digits = 1 SET jit = off AS $$
BEGIN
    RETURN QUERY EXECUTE @extschema@._report_with() || $q$
, issues AS (
    -- each source read once (see orders_all in _report_with)
    SELECT 'customers' AS kind, CASE WHEN x.problem IS NOT NULL THEN x.problem
               WHEN x.acquired_on > st.as_of THEN 'acquired after as_of (left out until as_of reaches it)' END AS problem
    FROM customers_all x, st
    UNION ALL SELECT 'orders', CASE WHEN x.problem IS NOT NULL THEN x.problem
                                    WHEN x.ordered_on > st.as_of THEN 'after as_of (left out until as_of reaches it)' END
              FROM orders_all x, st
    UNION ALL SELECT 'responses', CASE WHEN x.problem IS NOT NULL THEN x.problem
                                       WHEN x.responded_on > st.as_of THEN 'after as_of (left out until as_of reaches it)' END
              FROM responses_all x, st
    UNION ALL SELECT 'interactions', CASE WHEN x.problem IS NOT NULL THEN x.problem
                                          WHEN x.occurred_on > st.as_of THEN 'after as_of (left out until as_of reaches it)' END
              FROM interactions_all x, st
    UNION ALL SELECT 'customers', 'duplicate customer_id (the row acquired first is used)' FROM customer_duplicates
    UNION ALL SELECT 'customers', 'churned the day it was acquired (an empty lifetime: in no churn period)'
              FROM customers c WHERE c.churned_on = c.acquired_on)
SELECT i.kind, i.problem, count(*)::int8 FROM issues i WHERE i.problem IS NOT NULL GROUP BY 1, 2
ORDER BY CASE i.kind WHEN 'customers' THEN 1 WHEN 'orders' THEN 2 WHEN 'responses' THEN 3 ELSE 4 END, 2 $q$;
END $$;
COMMENT ON FUNCTION @extschema@._data_issues() IS 'internal: the rows of the view ror.data_issues';

CREATE VIEW @extschema@.data_issues WITH (security_invoker = true) AS
SELECT * FROM @extschema@._data_issues();
COMMENT ON VIEW @extschema@.data_issues IS
    'rows of the bound sources that the report views leave out, and why; a binding whose table or column is gone shows here as one row';
COMMENT ON COLUMN @extschema@.data_issues.kind IS 'kind of source: customers, orders, responses or interactions';
COMMENT ON COLUMN @extschema@.data_issues.problem IS 'why the rows are left out';
COMMENT ON COLUMN @extschema@.data_issues.rows IS 'number of rows left out for this reason (count)';

GRANT SELECT ON @extschema@.nps_by_period, @extschema@.churn_by_period, @extschema@.cohort_retention,
                @extschema@.data_issues TO PUBLIC;
