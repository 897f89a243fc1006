-- ============================================================================
-- The ROR score over the bound sources: each customer's components (value,
-- loyalty, advocacy, referral, engagement) as of as_of, the score and band
-- (ror.customer_relationship), the brand scorecard per segment
-- (ror.scorecard), and snapshots of it kept for a line chart
-- (ror.scorecard_history).  The scalar functions are in 35_score_functions.
-- ============================================================================

-- _relationship_with(as_of): customer_value's WITH list, then rel: one row
-- per customer (scored or not) with the components, the score and its coverage.
-- The customers are those of the customers binding; without a usable one,
-- every customer_id with an order, a response or an interaction up to as_of.
-- Advocacy, referral and engagement count the days (as_of - window, as_of].
CREATE FUNCTION @extschema@._relationship_with(p_as_of date DEFAULT NULL) RETURNS text
LANGUAGE plpgsql STABLE PARALLEL SAFE SET search_path = pg_catalog, pg_temp
    SET DateStyle = 'ISO, YMD' SET extra_float_digits = 1 AS $$
DECLARE
    -- a broken binding (ror.data_issues names it) counts as unbound
    has_customers boolean := @extschema@._source_usable('customers');
    has_interactions boolean := @extschema@._source_usable('interactions');
BEGIN
    RETURN @extschema@._value_with(p_as_of) || format($q$
, people AS (%1$s),
-- every clv in ascending order: a customer's rank among them (cume_dist())
-- is width_bucket(clv, clvs) / their number, a binary search.  Read through
-- uncorrelated subqueries, computed once and only if a customer needs them
-- (joined, the array would be copied into every joined row)
clvs AS (SELECT array_agg(cv.clv ORDER BY cv.clv) AS a, count(*) AS n FROM cv WHERE cv.clv IS NOT NULL),
-- the score of the latest response in the window, the larger of a day's: by
-- one hash aggregate of day * 16 + score (days counted from the window's
-- start are >= 1, scores 0-10 fit in 4 bits)
latest AS (
    SELECT r.customer_id, max((r.responded_on - (st.as_of - st.window_days))::int8 * 16 + r.score) %% 16 AS score
    FROM responses r CROSS JOIN st
    WHERE r.responded_on > st.as_of - st.window_days
    GROUP BY 1),
acts AS (
    SELECT i.customer_id, count(*) FILTER (WHERE i.kind = 'referral') AS referrals,
           count(*) FILTER (WHERE i.kind <> 'referral') AS others
    FROM interactions i CROSS JOIN st
    WHERE i.occurred_on > st.as_of - st.window_days
    GROUP BY 1),
-- engagement saturates at the median activity of the customers with any (1 without)
half AS (SELECT coalesce(percentile_cont(0.5) WITHIN GROUP (ORDER BY a.others) FILTER (WHERE a.others >= 1), 1) AS h
         FROM acts a JOIN people p ON p.customer_id = a.customer_id),
parts AS (
    SELECT p.customer_id, p.segment, v.clv, p.acquisition_cost,
           CASE WHEN v.customer_id IS NULL THEN NULL                      -- no orders
                WHEN p.acquisition_cost IS NOT NULL THEN @extschema@.value_component(v.clv, p.acquisition_cost)
                WHEN v.clv IS NOT NULL THEN width_bucket(v.clv, (SELECT clvs.a FROM clvs))::float8 / (SELECT clvs.n FROM clvs)
           END AS value,
           CASE WHEN v.customer_id IS NOT NULL THEN v.p_alive
                WHEN p.known THEN CASE WHEN p.churned_on IS NULL THEN 1.0 ELSE 0.0 END
           END::float8 AS loyalty,
           @extschema@.advocacy(l.score::int) AS advocacy,
           CASE WHEN %2$L::boolean THEN @extschema@.saturate(coalesce(a.referrals, 0), 1) END AS referral,
           CASE WHEN %2$L::boolean THEN @extschema@.saturate(coalesce(a.others, 0), half.h) END AS engagement
    FROM people p CROSS JOIN half
    LEFT JOIN cv v ON v.customer_id = p.customer_id
    LEFT JOIN latest l ON l.customer_id = p.customer_id
    LEFT JOIN acts a ON a.customer_id = p.customer_id),
rel AS (
    SELECT x.*, @extschema@.ror_band(x.ror_score) AS band
    FROM (SELECT parts.*,
                 @extschema@.ror_score(parts.value, parts.loyalty, parts.advocacy, parts.referral, parts.engagement, st.weights) AS ror_score,
                 @extschema@.ror_coverage(parts.value, parts.loyalty, parts.advocacy, parts.referral, parts.engagement, st.weights) AS coverage
          FROM parts CROSS JOIN st) x)
$q$,
        CASE WHEN has_customers
             THEN 'SELECT c.customer_id, c.segment, c.acquisition_cost, c.churned_on, true AS known FROM customers c'
             ELSE 'SELECT u.customer_id, NULL::text AS segment, NULL::float8 AS acquisition_cost, NULL::date AS churned_on, false AS known
                   FROM (SELECT cv.customer_id FROM cv UNION SELECT r.customer_id FROM responses r
                         UNION SELECT i.customer_id FROM interactions i) u' END,
        has_interactions);
END $$;
COMMENT ON FUNCTION @extschema@._relationship_with(date) IS
    'internal: customer_value''s WITH list with rel, the ROR score components of each customer';

-- ---------------------------------------------------------------------------
-- customer_relationship
-- ---------------------------------------------------------------------------
CREATE FUNCTION @extschema@._customer_relationship(id anyelement)
RETURNS TABLE (customer_id anyelement, segment text, value float8, loyalty float8, advocacy float8,
               referral float8, engagement float8, ror_score float8, coverage float8, band text)
LANGUAGE plpgsql STABLE PARALLEL SAFE SET search_path = pg_catalog, pg_temp
    SET DateStyle = 'ISO, YMD' SET extra_float_digits = 1 SET jit = off AS $$
BEGIN
    RETURN QUERY EXECUTE @extschema@._relationship_with() || format($q$
SELECT rel.customer_id::%1$s, rel.segment, rel.value, rel.loyalty, rel.advocacy, rel.referral, rel.engagement,
       rel.ror_score, rel.coverage, rel.band
FROM rel $q$, @extschema@._type_name(pg_typeof(id)));
END $$;
COMMENT ON FUNCTION @extschema@._customer_relationship(anyelement) IS
    'internal: the rows of the view ror.customer_relationship, with customer_id of the type of the argument';

CREATE FUNCTION @extschema@._build_customer_relationship() RETURNS void
LANGUAGE sql VOLATILE SET search_path = pg_catalog, pg_temp AS $$
SELECT @extschema@._build_id_view('customer_relationship',
    'the ROR score of each customer as of as_of: its five components (0-1), the weighted score (0-100), the share of the weights it rests on, and its band (settings: score_weights, score_window_days)',
    ARRAY[['customer_id', 'the customer, in the type of customer_id of the bound sources'],
          ['segment', 'customer segment (NULL: no segment, or not a bound customer)'],
          ['value', 'value component, 0-1: ror.value_component(clv, acquisition_cost), or the rank (cume_dist) of the clv among all customers with one when the cost is unknown; NULL without orders or without a clv'],
          ['loyalty', 'loyalty component, 0-1: P(alive) (BG/NBD; NULL when no model could be fitted); without orders 1 if active at as_of, 0 if churned; NULL without orders and not a bound customer'],
          ['advocacy', 'advocacy component: ror.advocacy of the latest response in the score window (0, 0.5 or 1); NULL without one'],
          ['referral', 'referral component, 0-1: ror.saturate(interactions of kind referral in the score window); NULL when interactions are unbound'],
          ['engagement', 'engagement component, 0-1: ror.saturate(other interactions in the score window, their median over the customers with any); NULL when interactions are unbound'],
          ['ror_score', 'ROR score, 0-100: ror.ror_score of the components with the score_weights setting; NULL when the present components carry less than half the weight'],
          ['coverage', 'share of the weights carried by the components present, fraction 0-1 (ror.ror_coverage)'],
          ['band', 'ror.ror_band(ror_score): red below 50, yellow 50-75, green above 75']])
$$;
COMMENT ON FUNCTION @extschema@._build_customer_relationship() IS
    'internal: (re)creates the view ror.customer_relationship for the customer_id type of the bindings';
SELECT @extschema@._build_customer_relationship();

-- a binding that changes the customer_id type rebuilds the views that carry
-- it; so does a pg_restore, whose COPY of the bindings fires this too
CREATE FUNCTION @extschema@._bindings_changed() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
BEGIN
    PERFORM @extschema@._build_customer_value();
    PERFORM @extschema@._build_customer_relationship();
    RETURN NULL;
END $$;
COMMENT ON FUNCTION @extschema@._bindings_changed() IS
    'internal: rebuilds ror.customer_value and ror.customer_relationship when the bindings change';
CREATE TRIGGER rebuild_id_views AFTER INSERT OR UPDATE OR DELETE ON @extschema@.source_binding
    FOR EACH STATEMENT EXECUTE FUNCTION @extschema@._bindings_changed();

-- ---------------------------------------------------------------------------
-- scorecard
-- ---------------------------------------------------------------------------
-- One row per segment and a total row, as of as_of (the setting's when NULL).
-- NPS: every valid response in the score window, in the segment of its
-- customer (NULL when unknown, as in nps_by_period).  churn_rate:
-- the last period that ended by as_of, standard method (churned from start /
-- at start), the counts churn_by_period gives for it.
CREATE FUNCTION @extschema@._scorecard(p_as_of date DEFAULT NULL)
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
COMMENT ON FUNCTION @extschema@._scorecard(date) IS
    'internal: the rows of the view ror.scorecard as of the date given (NULL: the as_of setting)';

CREATE VIEW @extschema@.scorecard WITH (security_invoker = true) AS
SELECT * FROM @extschema@._scorecard();
COMMENT ON VIEW @extschema@.scorecard IS
    'the brand scorecard as of as_of: the ROR score per customer segment and in total, with NPS, churn and CLV beside it';

-- ---------------------------------------------------------------------------
-- scorecard snapshots and their history
-- ---------------------------------------------------------------------------
CREATE TABLE @extschema@.scorecard_snapshot (
    as_of                 date NOT NULL,
    segment               text,
    is_total              boolean NOT NULL,
    customers             int8 NOT NULL,
    scored_customers      int8 NOT NULL,
    mean_ror_score        float8,
    ror_score_stderr      float8,
    red_share             float8,
    yellow_share          float8,
    green_share           float8,
    nps                   float8,
    nps_low               float8,
    nps_high              float8,
    churn_rate            float8,
    mean_clv              float8,
    mean_acquisition_cost float8,
    clv_to_cac            float8,
    taken_at              timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX scorecard_snapshot_key ON @extschema@.scorecard_snapshot (as_of, is_total, coalesce(segment, ''), (segment IS NULL));
COMMENT ON TABLE @extschema@.scorecard_snapshot IS
    'the scorecard as of past dates (ror.snapshot_scorecard, ror.backfill_scorecard); read through the view ror.scorecard_history';
COMMENT ON COLUMN @extschema@.scorecard_snapshot.taken_at IS 'when the snapshot was computed';
SELECT pg_catalog.pg_extension_config_dump('@extschema@.scorecard_snapshot', '');

CREATE FUNCTION @extschema@.snapshot_scorecard(as_of date DEFAULT NULL) RETURNS date
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
COMMENT ON FUNCTION @extschema@.snapshot_scorecard(date) IS
    'stores the scorecard as of the date (NULL: the as_of setting) in ror.scorecard_history, replacing a snapshot of the same date; returns the date';

CREATE FUNCTION @extschema@.backfill_scorecard("from" date, "to" date) RETURNS int
LANGUAGE plpgsql VOLATILE SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    period text := (@extschema@.current_settings()).period;
    step interval := @extschema@._period_step(period);
    e date;
    n int := 0;
BEGIN
    IF "from" IS NULL OR "to" IS NULL OR NOT isfinite("from") OR NOT isfinite("to") OR "from" > "to" THEN
        RAISE EXCEPTION 'backfill_scorecard needs two finite dates, from <= to, not % and %',
                        coalesce("from"::text, 'NULL'), coalesce("to"::text, 'NULL')
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    -- the last day of every period (the period setting) that ends within [from, to]
    e := (@extschema@._period_start("from", period) + step)::date - 1;
    WHILE e <= "to" LOOP
        IF e >= "from" THEN
            PERFORM @extschema@.snapshot_scorecard(e);
            n := n + 1;
        END IF;
        e := (@extschema@._period_start(e + 1, period) + step)::date - 1;
    END LOOP;
    RETURN n;
END $$;
COMMENT ON FUNCTION @extschema@.backfill_scorecard(date, date) IS
    'stores a scorecard snapshot as of the last day of every period (the period setting) that ends between from and to; returns how many';

CREATE VIEW @extschema@.scorecard_history WITH (security_invoker = true) AS
SELECT s.as_of, s.segment, s.is_total, s.customers, s.scored_customers, s.mean_ror_score, s.ror_score_stderr,
       s.red_share, s.yellow_share, s.green_share, s.nps, s.nps_low, s.nps_high, s.churn_rate, s.mean_clv,
       s.mean_acquisition_cost, s.clv_to_cac
FROM @extschema@.scorecard_snapshot s
ORDER BY s.as_of, s.is_total, s.segment NULLS FIRST;
COMMENT ON VIEW @extschema@.scorecard_history IS
    'the scorecard as it was at each stored date (ror.snapshot_scorecard, ror.backfill_scorecard), for a line chart of the relationships over time';

-- the column comments of both scorecard views
DO $$
DECLARE col record;
BEGIN
    FOR col IN SELECT * FROM (VALUES
        ('segment', 'customer segment (NULL: no segment; in the total row: all segments)'),
        ('is_total', 'true for the row over all customers'),
        ('customers', 'customers scored or not (count)'),
        ('scored_customers', 'customers with a ROR score (count)'),
        ('mean_ror_score', 'mean ROR score of the scored customers, 0-100'),
        ('ror_score_stderr', 'standard error of mean_ror_score (sample standard deviation / sqrt(scored_customers))'),
        ('red_share', 'share of the scored customers in band red (score below 50), fraction 0-1'),
        ('yellow_share', 'share of the scored customers in band yellow (50-75), fraction 0-1'),
        ('green_share', 'share of the scored customers in band green (above 75), fraction 0-1'),
        ('nps', 'Net Promoter Score of the valid responses in the score window (total row: all; segment rows: by the customer''s segment, NULL for unknown customers), -100 to 100'),
        ('nps_low', 'lower end of the 95 % adjusted-Wald interval of the NPS (as ror.nps_ci)'),
        ('nps_high', 'upper end of the 95 % adjusted-Wald interval of the NPS (as ror.nps_ci)'),
        ('churn_rate', 'churn rate of the last period that ended by as_of (churned from start / customers at start, as in churn_by_period), fraction 0-1'),
        ('mean_clv', 'mean CLV of the customers with one (money, as customer_value.clv)'),
        ('mean_acquisition_cost', 'mean acquisition cost of the customers with one (money)'),
        ('clv_to_cac', 'mean_clv / mean_acquisition_cost (NULL when the cost is unknown or 0)')) v(name, text)
    LOOP
        EXECUTE format('COMMENT ON COLUMN @extschema@.scorecard.%I IS %L', col.name, col.text);
        EXECUTE format('COMMENT ON COLUMN @extschema@.scorecard_history.%I IS %L', col.name, col.text);
        EXECUTE format('COMMENT ON COLUMN @extschema@.scorecard_snapshot.%I IS %L', col.name, col.text);
    END LOOP;
END $$;
COMMENT ON COLUMN @extschema@.scorecard_history.as_of IS 'the date the scorecard was computed as of';
COMMENT ON COLUMN @extschema@.scorecard_snapshot.as_of IS 'the date the scorecard was computed as of';

GRANT SELECT ON @extschema@.scorecard, @extschema@.scorecard_history TO PUBLIC;
-- the history is read as the reader (security_invoker) from ror's own table:
-- readable like the other views by every role with USAGE on schema ror; a DBA
-- who wants it narrower revokes this (pg_dump keeps the change)
GRANT SELECT ON @extschema@.scorecard_snapshot TO PUBLIC;
