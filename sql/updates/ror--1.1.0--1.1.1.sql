-- ror 1.1.0 -> 1.1.1: ALTER EXTENSION ror UPDATE TO '1.1.1'.
--
-- 1.1.1 fixes two things in the report views and makes them faster; no result
-- of a usable row changes.
-- - A numeric amount or acquisition cost outside float8's range (1e400,
--   1e-400) made numeric::float8 raise, and so every view reading the source
--   fail.  Such a row is now left out and counted in ror.data_issues ("amount
--   is out of range for float8", "acquisition_cost is out of range for
--   float8"); numeric values convert through ror._numeric_float8, the same
--   double as the cast, about eight times faster.
-- - customer_value, customer_relationship and the scorecard (and the
--   snapshots) cast each fitted model to jsonb once per customer and use,
--   where once per query was meant: 3.5-3.9 s instead of 1.25-1.5 s for
--   customer_value at 100 k customers.
-- And every report view turns timestamptz values into local dates through
-- ror._local_date, the date (ts AT TIME ZONE zone)::date gives, with the
-- zone looked up once per query instead of once per row.
-- The same words as sql/install/41_bindings.sql and 43_value.sql.
\echo Use "ALTER EXTENSION ror UPDATE TO '1.1.1'" to load this file. \quit

-- numeric::float8 for the report views: the same double, about eight times
-- faster, and NULL where the cast raises (a value outside float8's range), so
-- that such a row is counted in ror.data_issues instead of breaking the views
CREATE FUNCTION @extschema@._numeric_float8(numeric) RETURNS float8
    AS 'MODULE_PATHNAME', 'ror_numeric_float8' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@._numeric_float8(numeric) IS
    'internal: numeric::float8 (the same double), NULL where that cast raises: the value is out of float8''s range';

-- (ts AT TIME ZONE zone)::date for the report views: the same date, with the
-- zone looked up once per query instead of once per row
CREATE FUNCTION @extschema@._local_date(timestamptz, text) RETURNS date
    AS 'MODULE_PATHNAME', 'ror_local_date' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@._local_date(timestamptz, text) IS
    'internal: (ts AT TIME ZONE zone)::date, the zone looked up once per query';

-- _source_sql(kind, settings): a SELECT of the bound relation with the
-- canonical columns, times as local dates, plus a `problem` column (NULL for a
-- usable row, else why the reports leave it out).  An unbound kind, or a
-- broken binding (_source_broken), gives no rows (and for a broken binding
-- one row naming the problem, for ror.data_issues).
CREATE OR REPLACE FUNCTION @extschema@._source_sql(p_kind text, p_time_zone text, p_id_type text)
RETURNS text
LANGUAGE plpgsql STABLE PARALLEL SAFE SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    b record; c record; a record; expr jsonb := '{}'; e text; sel text; problem text;
    broken text := @extschema@._source_broken(p_kind, p_id_type);
    id text := 'NULL::' || p_id_type; bound boolean;
    -- the problem checks read the raw columns: a conversion to a local date
    -- costs more than the check, and would run once per check.  A numeric becomes
    -- float8 by ror._numeric_float8, cheap, and NULL out of float8's range
    -- (numeric::float8 raises there): fin is then NULL, and rng tells the
    -- two apart (only for the rows that fail)
    raw jsonb := '{}'; fin jsonb := '{}'; rng jsonb := '{}'; is_numeric boolean;
BEGIN
    SELECT * INTO b FROM @extschema@.source_binding sb WHERE sb.kind = p_kind;
    bound := FOUND;
    IF bound AND broken IS NULL THEN
        FOR c IN SELECT * FROM @extschema@.source_column s WHERE s.kind = p_kind ORDER BY s.position LOOP
            IF NOT b.columns ? c.name THEN
                -- an optional column left unbound: a typed NULL
                expr := expr || jsonb_build_object(c.name, CASE c.accepts WHEN 'label' THEN 'NULL::text'
                                                                          WHEN 'number' THEN 'NULL::float8' END);
                raw := raw || jsonb_build_object(c.name, 'NULL');
                fin := fin || jsonb_build_object(c.name, 'true');
                rng := rng || jsonb_build_object(c.name, 'true');
                CONTINUE;
            END IF;
            -- there, and of an accepted type: _source_broken said so
            SELECT att.attname, att.atttypid INTO a FROM pg_attribute att
            WHERE att.attrelid = b.relation AND att.attnum = (b.columns -> c.name ->> 'attnum')::int2 AND NOT att.attisdropped;
            e := format('s.%I', a.attname);
            is_numeric := c.accepts = 'number' AND @extschema@._base_type(a.atttypid) = 'numeric'::regtype;
            raw := raw || jsonb_build_object(c.name, e);
            fin := fin || jsonb_build_object(c.name, CASE
                WHEN c.accepts = 'time' THEN format('isfinite(%s)', e)
                WHEN is_numeric THEN format('@extschema@._numeric_float8(%s) NOT IN (''NaN'', ''Infinity'', ''-Infinity'')', e)
                WHEN @extschema@._base_type(a.atttypid) IN ('float4'::regtype, 'float8'::regtype)
                THEN format('%s NOT IN (''NaN'', ''Infinity'', ''-Infinity'')', e)
                ELSE 'true' END);
            rng := rng || jsonb_build_object(c.name, CASE
                WHEN is_numeric THEN format('@extschema@._numeric_float8(%s) IS NOT NULL', e) ELSE 'true' END);
            IF c.accepts = 'time' THEN
                e := CASE @extschema@._base_type(a.atttypid)
                    WHEN 'timestamptz'::regtype THEN format('@extschema@._local_date(%s, %L)', e, p_time_zone)
                    WHEN 'timestamp'::regtype THEN format('(%s)::date', e)
                    ELSE format('(%s)::date', e) END;
            ELSIF c.accepts = 'label' THEN
                e := format('(%s)::text', e);
            ELSIF is_numeric THEN
                e := format('@extschema@._numeric_float8(%s)', e);
            ELSIF c.accepts IN ('number', 'integer') THEN
                e := format('(%s)::float8', e);
            END IF;     -- ids as they are: the bindings agree on their base type
            expr := expr || jsonb_build_object(c.name, e);
        END LOOP;
    END IF;
    IF NOT bound OR broken IS NOT NULL THEN
        -- no rows of the right shape; a broken binding says why in one row
        sel := CASE p_kind
            WHEN 'customers' THEN format('SELECT %s AS customer_id, NULL::date AS acquired_on, NULL::date AS churned_on, NULL::text AS segment, NULL::float8 AS acquisition_cost', id)
            WHEN 'orders' THEN format('SELECT %s AS customer_id, NULL::date AS ordered_on, NULL::float8 AS amount', id)
            WHEN 'responses' THEN format('SELECT %s AS customer_id, NULL::date AS responded_on, NULL::float8 AS score', id)
            ELSE format('SELECT %s AS customer_id, NULL::date AS occurred_on, NULL::text AS kind', id)
        END;
        RETURN sel || format(', %L::text AS problem WHERE %s', broken, CASE WHEN broken IS NULL THEN 'false' ELSE 'true' END);
    END IF;
    -- why a row is left out, in the order the checks are listed in ror.data_issues
    problem := CASE p_kind
        WHEN 'customers' THEN format($f$CASE
            WHEN %1$s IS NULL THEN 'customer_id is NULL'
            WHEN %2$s IS NULL THEN 'acquired_at is NULL'
            WHEN NOT %3$s THEN 'acquired_at is infinite'
            WHEN %4$s IS NOT NULL AND NOT %5$s THEN 'churned_at is infinite'
            WHEN %4$s IS NOT NULL AND %6$s < %7$s THEN 'churned before acquired'
            WHEN %8$s IS NOT NULL AND (%8$s < 0 OR NOT coalesce(%9$s, false))
            THEN CASE WHEN %10$s THEN 'acquisition_cost is negative or not finite'
                      ELSE 'acquisition_cost is out of range for float8' END
            END$f$, raw ->> 'customer_id', raw ->> 'acquired_at', fin ->> 'acquired_at', raw ->> 'churned_at',
            fin ->> 'churned_at', expr ->> 'churned_at', expr ->> 'acquired_at', raw ->> 'acquisition_cost',
            fin ->> 'acquisition_cost', rng ->> 'acquisition_cost')
        WHEN 'orders' THEN format($f$CASE
            WHEN %1$s IS NULL THEN 'customer_id is NULL'
            WHEN %2$s IS NULL THEN 'ordered_at is NULL'
            WHEN NOT %3$s THEN 'ordered_at is infinite'
            WHEN %4$s IS NULL THEN 'amount is NULL'
            -- a negative amount is a refund: kept, summed per day as ror.rfm_agg does
            WHEN NOT coalesce(%5$s, false)
            THEN CASE WHEN %6$s THEN 'amount is not finite' ELSE 'amount is out of range for float8' END
            END$f$, raw ->> 'customer_id', raw ->> 'ordered_at', fin ->> 'ordered_at', raw ->> 'amount', fin ->> 'amount',
            rng ->> 'amount')
        WHEN 'responses' THEN format($f$CASE
            WHEN %1$s IS NULL THEN 'customer_id is NULL'
            WHEN %2$s IS NULL THEN 'responded_at is NULL'
            WHEN NOT %3$s THEN 'responded_at is infinite'
            WHEN %4$s IS NULL THEN 'score is NULL'
            WHEN %4$s NOT BETWEEN 0 AND 10 THEN 'score outside 0-10'
            END$f$, raw ->> 'customer_id', raw ->> 'responded_at', fin ->> 'responded_at', raw ->> 'score')
        ELSE format($f$CASE
            WHEN %1$s IS NULL THEN 'customer_id is NULL'
            WHEN %2$s IS NULL THEN 'occurred_at is NULL'
            WHEN NOT %3$s THEN 'occurred_at is infinite'
            WHEN %4$s IS NULL THEN 'kind is NULL'
            END$f$, raw ->> 'customer_id', raw ->> 'occurred_at', fin ->> 'occurred_at', raw ->> 'kind')
    END;
    sel := CASE p_kind
        WHEN 'customers' THEN format('SELECT %s AS customer_id, %s AS acquired_on, %s AS churned_on, %s AS segment, %s AS acquisition_cost',
                                     expr ->> 'customer_id', expr ->> 'acquired_at', expr ->> 'churned_at', expr ->> 'segment', expr ->> 'acquisition_cost')
        WHEN 'orders' THEN format('SELECT %s AS customer_id, %s AS ordered_on, %s AS amount',
                                  expr ->> 'customer_id', expr ->> 'ordered_at', expr ->> 'amount')
        WHEN 'responses' THEN format('SELECT %s AS customer_id, %s AS responded_on, %s AS score',
                                     expr ->> 'customer_id', expr ->> 'responded_at', expr ->> 'score')
        ELSE format('SELECT %s AS customer_id, %s AS occurred_on, %s AS kind',
                    expr ->> 'customer_id', expr ->> 'occurred_at', expr ->> 'kind')
    END;
    RETURN format('%s, %s AS problem FROM %s AS s', sel, problem, b.relation);
END $$;
COMMENT ON FUNCTION @extschema@._source_sql(text, text, text) IS
    'internal: the SELECT that reads a bound source with canonical columns, local dates and a problem column';

-- _value_with(as_of): the WITH list of both views: the reports' list, then
-- rfm per customer, one fit of each model over all of them, and cv, the rows
-- of customer_value (its clv in a subquery that is not pulled up, OFFSET 0,
-- so that using it twice computes it once; columns a query does not use are
-- not computed).
CREATE OR REPLACE FUNCTION @extschema@._value_with(p_as_of date DEFAULT NULL) RETURNS text
LANGUAGE plpgsql STABLE PARALLEL SAFE SET search_path = pg_catalog, pg_temp
    SET DateStyle = 'ISO, YMD' SET extra_float_digits = 1 AS $$
DECLARE st record;
BEGIN
    st := @extschema@.current_settings();
    RETURN @extschema@._report_with(p_as_of) || format($q$
, rfm AS (
    SELECT o.customer_id, min(o.ordered_on) AS first_order, max(o.ordered_on) AS last_order, count(*) AS orders,
           @extschema@.rfm_agg(o.ordered_on, o.amount, st.as_of) AS r
    FROM orders o CROSS JOIN st
    GROUP BY o.customer_id, st.as_of),
models AS (
    SELECT @extschema@.bgnbd_fit((rfm.r).frequency, (rfm.r).recency, (rfm.r).age) AS bg,
           @extschema@.gamma_gamma_fit((rfm.r).frequency, (rfm.r).monetary) AS gg
    FROM rfm),
-- predictions only from fits that converged: one that did not (model_fit
-- shows it) gives NULL p_alive, expected purchases and clv, rather than
-- numbers nobody should use or an error that breaks the view.  MATERIALIZED:
-- pulled up, the two CASEs (a cast of each model to jsonb) ran once per
-- customer and use, four times per row (1.1.0: 3.5-3.9 s instead of 1.25-1.5 s at 100 k)
usable AS MATERIALIZED (
    SELECT CASE WHEN (m.bg::jsonb ->> 'converged')::boolean THEN m.bg END AS bg,
           CASE WHEN (m.gg::jsonb ->> 'converged')::boolean THEN m.gg END AS gg
    FROM models m),
cv AS (
    SELECT rfm.customer_id, c.segment, rfm.first_order, rfm.last_order, rfm.orders,
           (rfm.r).frequency, (rfm.r).recency AS recency_days, (rfm.r).age AS age_days, (rfm.r).monetary,
           @extschema@.p_alive(m.bg, (rfm.r).frequency, (rfm.r).recency, (rfm.r).age) AS p_alive,
           @extschema@.expected_purchases(m.bg, 365, (rfm.r).frequency, (rfm.r).recency, (rfm.r).age) AS expected_purchases_365,
           v.clv, c.acquisition_cost
    FROM rfm CROSS JOIN usable m
    LEFT JOIN customers c ON c.customer_id = rfm.customer_id
    CROSS JOIN LATERAL (SELECT @extschema@.clv(m.bg, m.gg, (rfm.r).frequency, (rfm.r).recency, (rfm.r).age, (rfm.r).monetary,
                                               %1$s, %2$s, %3$s) AS clv OFFSET 0) v)
$q$, st.clv_periods, st.discount_rate,
     CASE st.period WHEN 'week' THEN '7' WHEN 'month' THEN '365.25 / 12' ELSE '365.25 / 4' END);
END $$;
