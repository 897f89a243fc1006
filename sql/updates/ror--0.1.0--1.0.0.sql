-- ror 0.1.0 -> 1.0.0: ALTER EXTENSION ror UPDATE TO '1.0.0'.
--
-- 0.1.0 was the development version on main before the first release.  1.0.0
-- changes no type, aggregate or view; it makes every SQL function resolve the
-- names it calls when it is installed, never in the caller's search_path
-- (objects planted in public or pg_temp that shadow built-ins change nothing):
-- the small inlined SQL functions get SQL-standard bodies, the demo's Gamma
-- draw gets SET search_path like every other PL/pgSQL function.  And the
-- event trigger that refuses to drop a bound table no longer fails every DROP
-- by a role without USAGE on schema ror.  customer_value (and what reads it:
-- customer_relationship, the scorecard) predicts only from fits that
-- converged (NULL otherwise, where an extreme non-converged fit used to stop
-- the view with an error), and the scorecard's means and standard error are
-- the same to the last digit whatever the plan.  Concurrent snapshots of one
-- date take turns (two at once failed on scorecard_snapshot_key).
--
-- Every update script: only CREATE OR REPLACE / ALTER what changed, in the
-- words of sql/install/ (test/shell/upgrade.sh compares the catalog of an
-- updated database with a fresh install, and fails on any difference).  When
-- an update changes what the views ror.customer_value or
-- ror.customer_relationship return, end it with
-- SELECT @extschema@._build_customer_value(), @extschema@._build_customer_relationship();
-- after dropping them, so they are rebuilt for the bound customer_id type.
\echo Use "ALTER EXTENSION ror UPDATE TO '1.0.0'" to load this file. \quit

CREATE OR REPLACE FUNCTION @extschema@._accepts_text(accepts text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE
RETURN CASE accepts
        WHEN 'id' THEN 'a type with equality (bigint, integer, text, uuid, ...)'
        WHEN 'time' THEN 'date, timestamp or timestamptz'
        WHEN 'label' THEN 'text, varchar, char or an enum'
        WHEN 'number' THEN 'a numeric type (smallint, integer, bigint, numeric, real, double precision)'
        WHEN 'integer' THEN 'smallint, integer or bigint'
    END;

CREATE OR REPLACE FUNCTION @extschema@._period_start(d date, period text) RETURNS date
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
RETURN date_trunc(period, d::timestamp)::date;

CREATE OR REPLACE FUNCTION @extschema@._period_step(period text) RETURNS interval
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
RETURN CASE period WHEN 'week' THEN interval '1 week' WHEN 'month' THEN interval '1 month'
                   WHEN 'quarter' THEN interval '3 months' END;

CREATE OR REPLACE FUNCTION @extschema@._period_index(start date, d date, period text) RETURNS int
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
RETURN CASE period
        WHEN 'week' THEN ((@extschema@._period_start(d, 'week') - start) / 7)
        ELSE ((extract(year FROM d)::int * 12 + extract(month FROM d)::int)
              - (extract(year FROM start)::int * 12 + extract(month FROM start)::int)
              - CASE WHEN period = 'quarter' THEN (extract(month FROM d)::int - 1) % 3 ELSE 0 END)
             / CASE WHEN period = 'quarter' THEN 3 ELSE 1 END
    END;

CREATE OR REPLACE FUNCTION @extschema@._demo_normal() RETURNS float8
LANGUAGE sql VOLATILE PARALLEL RESTRICTED
RETURN sqrt(-2 * ln(1 - random())) * cos(2 * pi() * random());

ALTER FUNCTION @extschema@._demo_gamma(float8, float8) SET search_path = pg_catalog, pg_temp;

CREATE OR REPLACE FUNCTION @extschema@._guard_bound_drop() RETURNS event_trigger
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
DECLARE hit record;
BEGIN
    -- one test per statement: PL/pgSQL parses a statement (and looks up the
    -- names in it, needing USAGE) only when it reaches it
    IF NOT has_schema_privilege('@extschema@', 'USAGE') THEN
        RETURN;
    END IF;
    IF to_regclass('@extschema@.source_binding') IS NULL THEN
        RETURN;
    END IF;
    IF NOT has_table_privilege('@extschema@.source_binding', 'SELECT')
       OR EXISTS (SELECT 1 FROM pg_event_trigger_dropped_objects() o
                  WHERE o.classid = 'pg_class'::regclass AND o.objid = '@extschema@.source_binding'::regclass) THEN
        RETURN;
    END IF;
    SELECT b.kind, o.object_identity, o.objsubid INTO hit
    FROM pg_event_trigger_dropped_objects() o
    JOIN @extschema@.source_binding b ON o.classid = 'pg_class'::regclass AND o.objid = b.relation::oid
    WHERE o.objsubid = 0
       OR o.objsubid IN (SELECT (v ->> 'attnum')::int FROM jsonb_each(b.columns) AS e(k, v))
    LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION '% is bound as the ror % source', hit.object_identity, hit.kind
            USING ERRCODE = 'dependent_objects_still_exist',
                  HINT = format('unbind it first: SELECT ror.unbind_source(%L)', hit.kind);
    END IF;
END $$;

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
-- numbers nobody should use or an error that breaks the view
usable AS (
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

CREATE OR REPLACE FUNCTION @extschema@._scorecard(p_as_of date DEFAULT NULL)
RETURNS TABLE (segment text, is_total boolean, customers int8, scored_customers int8, mean_ror_score float8,
               ror_score_stderr float8, red_share float8, yellow_share float8, green_share float8,
               nps float8, nps_low float8, nps_high float8, churn_rate float8, mean_clv float8,
               mean_acquisition_cost float8, clv_to_cac float8)
LANGUAGE plpgsql STABLE PARALLEL SAFE SET search_path = pg_catalog, pg_temp
    SET DateStyle = 'ISO, YMD' SET extra_float_digits = 1 SET jit = off AS $$
BEGIN
    RETURN QUERY EXECUTE @extschema@._relationship_with(p_as_of) || $q$
-- float means and deviations over sorted inputs: the same digits whatever the
-- plan (a float sum depends on the order of its terms, and snapshots are
-- compared with later answers)
, sc AS (
    SELECT rel.segment, grouping(rel.segment) = 1 AS is_total, count(*) AS customers, count(rel.ror_score) AS scored,
           avg(rel.ror_score ORDER BY rel.ror_score) AS mean_score,
           stddev_samp(rel.ror_score ORDER BY rel.ror_score) / sqrt(count(rel.ror_score)) AS se,
           count(*) FILTER (WHERE rel.band = 'red') AS red, count(*) FILTER (WHERE rel.band = 'yellow') AS yellow,
           count(*) FILTER (WHERE rel.band = 'green') AS green,
           avg(rel.clv ORDER BY rel.clv) AS mean_clv, avg(rel.acquisition_cost ORDER BY rel.acquisition_cost) AS mean_cac
    FROM rel GROUP BY GROUPING SETS ((rel.segment), ()) HAVING count(*) > 0),
np AS (
    SELECT c.segment, grouping(c.segment) = 1 AS is_total, @extschema@.nps_summary_agg(r.score) AS s
    FROM responses r CROSS JOIN st LEFT JOIN customers c ON c.customer_id = r.customer_id
    WHERE r.responded_on > st.as_of - st.window_days
    GROUP BY GROUPING SETS ((c.segment), ())),
-- the last complete period [s, e): the one holding as_of when as_of is its last day, else the one before
lastp AS (
    SELECT x.s, (x.s + @extschema@._period_step(st.period))::date AS e
    FROM st CROSS JOIN LATERAL (
        SELECT CASE WHEN (@extschema@._period_start(st.as_of, st.period) + @extschema@._period_step(st.period))::date - 1 = st.as_of
                    THEN @extschema@._period_start(st.as_of, st.period)
                    ELSE (@extschema@._period_start(st.as_of, st.period) - @extschema@._period_step(st.period))::date END AS s) x),
-- lifetime [a, b): at start when a <= s < b; churned from start when also b - 1 in [s, e)
ch AS (
    SELECT c.segment, grouping(c.segment) = 1 AS is_total,
           count(*) FILTER (WHERE c.acquired_on <= lp.s AND (c.churned_on IS NULL OR c.churned_on > lp.s)) AS at_start,
           count(*) FILTER (WHERE c.acquired_on <= lp.s AND c.churned_on > lp.s AND c.churned_on <= lp.e) AS churned
    FROM customers c CROSS JOIN lastp lp
    GROUP BY GROUPING SETS ((c.segment), ()))
SELECT sc.segment, sc.is_total, sc.customers, sc.scored, sc.mean_score, sc.se,
       sc.red::float8 / nullif(sc.scored, 0), sc.yellow::float8 / nullif(sc.scored, 0), sc.green::float8 / nullif(sc.scored, 0),
       @extschema@.nps(np.s), (ci).low, (ci).high,
       ch.churned::float8 / nullif(ch.at_start, 0),
       sc.mean_clv, sc.mean_cac, sc.mean_clv / nullif(sc.mean_cac, 0)
FROM sc
LEFT JOIN np ON np.is_total = sc.is_total AND np.segment IS NOT DISTINCT FROM sc.segment
LEFT JOIN ch ON ch.is_total = sc.is_total AND ch.segment IS NOT DISTINCT FROM sc.segment
CROSS JOIN LATERAL (SELECT @extschema@.nps_ci(np.s) AS ci) l
ORDER BY sc.is_total, sc.segment NULLS FIRST $q$;
END $$;

CREATE OR REPLACE FUNCTION @extschema@.snapshot_scorecard(as_of date DEFAULT NULL) RETURNS date
LANGUAGE plpgsql VOLATILE SET search_path = pg_catalog, pg_temp AS $$
DECLARE d date := coalesce(snapshot_scorecard.as_of, (@extschema@.current_settings()).as_of);
BEGIN
    IF NOT isfinite(d) THEN
        RAISE EXCEPTION 'snapshot_scorecard needs a finite date, not %', d USING ERRCODE = 'invalid_parameter_value';
    END IF;
    -- snapshots of one date take turns, until commit: the DELETE below then starts after an
    -- earlier one committed and sees its rows (under READ COMMITTED, each statement its own
    -- snapshot).  Without the lock two at once both found nothing to delete, and the second
    -- INSERT failed on scorecard_snapshot_key (23505; bench/load/snapshot_race.sql)
    PERFORM pg_advisory_xact_lock('@extschema@.scorecard_snapshot'::regclass::oid::int4, d - date '2000-01-01');
    DELETE FROM @extschema@.scorecard_snapshot s WHERE s.as_of = d;
    INSERT INTO @extschema@.scorecard_snapshot
        (as_of, segment, is_total, customers, scored_customers, mean_ror_score, ror_score_stderr, red_share,
         yellow_share, green_share, nps, nps_low, nps_high, churn_rate, mean_clv, mean_acquisition_cost, clv_to_cac)
    SELECT d, c.* FROM @extschema@._scorecard(d) c;
    RETURN d;
END $$;
