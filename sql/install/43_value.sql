-- ============================================================================
-- Customer value views: RFM per customer from the bound orders, the BG/NBD and
-- Gamma-Gamma models fitted on all customers with orders up to as_of (days),
-- and each customer's P(alive), expected purchases and CLV; model_fit shows
-- the fitted parameters.  customer_value carries customer_id in the type the
-- sources are bound with: the view is rebuilt when that type changes.
-- ============================================================================

-- _value_with(as_of): the WITH list of both views: the reports' list, then
-- rfm per customer, one fit of each model over all of them, and cv, the rows
-- of customer_value (its clv in a subquery that is not pulled up, OFFSET 0,
-- so that using it twice computes it once; columns a query does not use are
-- not computed).
CREATE FUNCTION @extschema@._value_with(p_as_of date DEFAULT NULL) RETURNS text
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
COMMENT ON FUNCTION @extschema@._value_with(date) IS
    'internal: the reports'' WITH list with RFM per customer, the fitted models and the rows of customer_value (cv)';

CREATE FUNCTION @extschema@._customer_value(id anyelement)
RETURNS TABLE (customer_id anyelement, segment text, first_order date, last_order date, orders int8,
               frequency int8, recency_days float8, age_days float8, monetary float8, p_alive float8,
               expected_purchases_365 float8, clv float8, acquisition_cost float8, clv_to_cac float8)
LANGUAGE plpgsql STABLE PARALLEL SAFE SET search_path = pg_catalog, pg_temp
    SET DateStyle = 'ISO, YMD' SET extra_float_digits = 1 SET jit = off AS $$
BEGIN
    RETURN QUERY EXECUTE @extschema@._value_with() || format($q$
SELECT cv.customer_id::%1$s, cv.segment, cv.first_order, cv.last_order, cv.orders, cv.frequency,
       cv.recency_days, cv.age_days, cv.monetary, cv.p_alive, cv.expected_purchases_365, cv.clv,
       cv.acquisition_cost, CASE WHEN cv.acquisition_cost > 0 THEN cv.clv / cv.acquisition_cost END
FROM cv $q$, @extschema@._type_name(pg_typeof(id)));
END $$;
COMMENT ON FUNCTION @extschema@._customer_value(anyelement) IS
    'internal: the rows of the view ror.customer_value, with customer_id of the type of the argument';

-- _build_id_view(view, comment, columns): (re)creates the view ror.<view> as
-- SELECT * FROM ror._<view>(NULL::<id type>) when the type of customer_id the
-- bindings use differs from the view's, with its comments (columns: pairs of
-- column name and comment) and grant, keeping it a member of the extension
CREATE FUNCTION @extschema@._build_id_view(p_view text, p_comment text, p_columns text[]) RETURNS void
LANGUAGE plpgsql VOLATILE SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    rel regclass := to_regclass(format('@extschema@.%I', p_view));
    want text := @extschema@._id_type();
    have text := (SELECT @extschema@._type_name(a.atttypid) FROM pg_attribute a
                  WHERE a.attrelid = rel AND a.attname = 'customer_id');
    member boolean := false;
BEGIN
    IF have IS NOT DISTINCT FROM want THEN
        RETURN;
    END IF;
    IF rel IS NOT NULL THEN
        member := EXISTS (SELECT 1 FROM pg_depend d
                          WHERE d.classid = 'pg_class'::regclass AND d.objid = rel
                            AND d.refclassid = 'pg_extension'::regclass AND d.deptype = 'e');
        IF member THEN
            EXECUTE format('ALTER EXTENSION ror DROP VIEW %s', rel);
        END IF;
        EXECUTE format('DROP VIEW %s', rel);
    END IF;
    EXECUTE format('CREATE VIEW @extschema@.%I WITH (security_invoker = true) AS SELECT * FROM @extschema@.%I(NULL::%s)',
                   p_view, '_' || p_view, want);
    EXECUTE format('COMMENT ON VIEW @extschema@.%I IS %L', p_view, p_comment);
    FOR i IN 1 .. array_length(p_columns, 1) LOOP
        EXECUTE format('COMMENT ON COLUMN @extschema@.%I.%I IS %L', p_view, p_columns[i][1], p_columns[i][2]);
    END LOOP;
    EXECUTE format('GRANT SELECT ON @extschema@.%I TO PUBLIC', p_view);
    IF member THEN
        EXECUTE format('ALTER EXTENSION ror ADD VIEW @extschema@.%I', p_view);
    END IF;
END $$;
COMMENT ON FUNCTION @extschema@._build_id_view(text, text, text[]) IS
    'internal: (re)creates a view whose customer_id has the type of the bindings'' customer_id';

CREATE FUNCTION @extschema@._build_customer_value() RETURNS void
LANGUAGE sql VOLATILE SET search_path = pg_catalog, pg_temp AS $$
SELECT @extschema@._build_id_view('customer_value',
    'value of each customer with orders up to as_of: RFM, BG/NBD P(alive) and expected purchases, Gamma-Gamma spend, CLV over clv_periods periods at discount_rate, and CLV to acquisition cost',
    ARRAY[['customer_id', 'the customer, in the type of customer_id of the bound sources'],
          ['segment', 'customer segment (NULL: no segment, or not a bound customer)'],
          ['first_order', 'day of the first order (local date)'],
          ['last_order', 'day of the last order up to as_of (local date)'],
          ['orders', 'order rows up to as_of (count)'],
          ['frequency', 'repeat purchase days: distinct order days - 1 (as ror.rfm_agg)'],
          ['recency_days', 'days from the first to the last order day (as ror.rfm_agg)'],
          ['age_days', 'days from the first order day to as_of (as ror.rfm_agg)'],
          ['monetary', 'mean amount of the repeat order days, the first day left out; 0 without repeats (as ror.rfm_agg)'],
          ['p_alive', 'probability the customer is still active (BG/NBD), 0-1'],
          ['expected_purchases_365', 'expected purchase days in the next 365 days (BG/NBD)'],
          ['clv', 'expected value of the next clv_periods periods, discounted at discount_rate per period (BG/NBD with Gamma-Gamma; NULL without a spend model)'],
          ['acquisition_cost', 'acquisition cost of the customer, from the customers binding (money)'],
          ['clv_to_cac', 'clv / acquisition_cost (NULL when the cost is NULL or 0)']])
$$;
COMMENT ON FUNCTION @extschema@._build_customer_value() IS
    'internal: (re)creates the view ror.customer_value for the customer_id type of the bindings';
SELECT @extschema@._build_customer_value();

-- ---------------------------------------------------------------------------
-- model_fit
-- ---------------------------------------------------------------------------
CREATE FUNCTION @extschema@._model_fit()
RETURNS TABLE (model text, parameter text, value float8, customers int8, as_of date, converged boolean)
LANGUAGE plpgsql STABLE PARALLEL SAFE SET search_path = pg_catalog, pg_temp
    SET DateStyle = 'ISO, YMD' SET extra_float_digits = 1 SET jit = off AS $$
BEGIN
    RETURN QUERY EXECUTE @extschema@._value_with() || $q$
, j AS (SELECT 'bgnbd' AS model, m.bg::jsonb AS j, ARRAY['r', 'alpha', 'a', 'b'] AS names FROM models m WHERE m.bg IS NOT NULL
        UNION ALL
        SELECT 'gamma_gamma', m.gg::jsonb, ARRAY['p', 'q', 'gamma'] FROM models m WHERE m.gg IS NOT NULL)
SELECT j.model, n.name, (j.j ->> n.name)::float8, (j.j ->> 'customers')::int8, st.as_of, (j.j ->> 'converged')::boolean
FROM j CROSS JOIN st CROSS JOIN LATERAL unnest(j.names) WITH ORDINALITY n(name, i)
ORDER BY 1, n.i $q$;
END $$;
COMMENT ON FUNCTION @extschema@._model_fit() IS 'internal: the rows of the view ror.model_fit';

CREATE VIEW @extschema@.model_fit WITH (security_invoker = true) AS
SELECT * FROM @extschema@._model_fit();
COMMENT ON VIEW @extschema@.model_fit IS
    'the BG/NBD and Gamma-Gamma parameters behind ror.customer_value, fitted on all customers with orders up to as_of (time in days)';
COMMENT ON COLUMN @extschema@.model_fit.model IS 'bgnbd (purchases) or gamma_gamma (spend)';
COMMENT ON COLUMN @extschema@.model_fit.parameter IS 'r, alpha, a, b (bgnbd; alpha in days) or p, q, gamma (gamma_gamma)';
COMMENT ON COLUMN @extschema@.model_fit.value IS 'the estimate';
COMMENT ON COLUMN @extschema@.model_fit.customers IS 'customers the model was fitted on (count; gamma_gamma: those with repeat purchases)';
COMMENT ON COLUMN @extschema@.model_fit.as_of IS 'the as_of date of the fit';
COMMENT ON COLUMN @extschema@.model_fit.converged IS 'whether the maximum-likelihood fit converged';
GRANT SELECT ON @extschema@.model_fit TO PUBLIC;
