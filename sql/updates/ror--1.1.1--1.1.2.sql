-- ror 1.1.1 -> 1.1.2: ALTER EXTENSION ror UPDATE TO '1.1.2'.
--
-- 1.1.2 makes the report views faster; no result changes.
-- - The views keep one row per customer_id, the earliest acquired: that took
--   sorting every customer in every view, and data_issues sorted them once
--   more to count the duplicates.  When a unique index on the bound customers
--   table guarantees one row per customer_id (a primary key, as most have;
--   ror._customer_id_unique says), both sorts go.
-- - data_issues reads each source once: the orders, responses and
--   interactions were CTEs named twice in the query text, which PostgreSQL
--   stores whole (8.3 M order rows, a 282 MB temporary file at 1 M customers).
-- - Without the inactivity rule the customers are no longer joined to an
--   empty list of last orders (a nested loop run once per customer).
-- - _period_index (and _period_step) were not inlined into the queries that
--   use them: a strict SQL function whose body is not strict is called per
--   row instead, 5 us a row (cohort_retention, retention_projection).
-- The same words as sql/install/41_bindings.sql and 42_reports.sql.
\echo Use "ALTER EXTENSION ror UPDATE TO '1.1.2'" to load this file. \quit

-- _customer_id_unique(): the bound customers relation holds at most one row
-- per customer_id, by a unique index the views can rely on: valid, checked at
-- once (not deferrable), on the customer_id column alone (no expression, no
-- predicate), with the type's default equality and the column's collation,
-- and covering every row the views read (no inheritance children outside it;
-- a partitioned table's index covers its partitions).  The views then skip
-- the DISTINCT ON, a sort of every customer, and the count of duplicates.
-- Read with the snapshot the rows are read with, so an index dropped and a
-- duplicate inserted since cannot be half seen.
CREATE FUNCTION @extschema@._customer_id_unique() RETURNS boolean
LANGUAGE sql STABLE PARALLEL SAFE SET search_path = pg_catalog, pg_temp AS $$
    SELECT EXISTS (
        SELECT 1
        FROM @extschema@.source_binding b
        JOIN pg_class r ON r.oid = b.relation
        JOIN pg_attribute a ON a.attrelid = b.relation AND NOT a.attisdropped
                           AND a.attnum = (b.columns -> 'customer_id' ->> 'attnum')::int2
        JOIN pg_index i ON i.indrelid = b.relation
        JOIN pg_opclass oc ON oc.oid = i.indclass[0]
        WHERE b.kind = 'customers'
          AND (r.relkind = 'p' OR (r.relkind IN ('r', 'm') AND NOT r.relhassubclass))
          AND i.indisunique AND i.indimmediate AND i.indisvalid
          AND i.indnkeyatts = 1 AND i.indkey[0] = a.attnum AND i.indexprs IS NULL AND i.indpred IS NULL
          AND oc.opcdefault AND i.indcollation[0] = a.attcollation)
$$;
COMMENT ON FUNCTION @extschema@._customer_id_unique() IS
    'internal: whether a unique index guarantees one row per customer_id in the bound customers relation';

-- (not STRICT, so that it is inlined: see _period_index)
CREATE OR REPLACE FUNCTION @extschema@._period_step(period text) RETURNS interval
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
CREATE OR REPLACE FUNCTION @extschema@._period_index(start date, d date, period text) RETURNS int
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
CREATE OR REPLACE FUNCTION @extschema@._report_with(p_as_of date DEFAULT NULL) RETURNS text
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
-- data_issues
-- ---------------------------------------------------------------------------
CREATE OR REPLACE FUNCTION @extschema@._data_issues()
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
