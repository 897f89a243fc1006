-- ---------------------------------------------------------------------------
-- retention_projection: cohort retention observed and projected by the sBG
-- model (the rules of the report views: security_invoker, the bound sources
-- as of as_of, the settings in force; see 42_reports.sql)
-- ---------------------------------------------------------------------------
CREATE FUNCTION @extschema@._sbg_fit_quiet(s @extschema@.survival) RETURNS @extschema@.sbg
    AS 'MODULE_PATHNAME', 'sbg_fit_survival_quiet' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@._sbg_fit_quiet(@extschema@.survival) IS
    'internal: ror.sbg_fit(survival) without the WARNING when the fit does not converge (for ror.retention_projection, whose rows show it)';

-- The periods of service of a member, as sBG counts them: lost at cell n of
-- cohort_retention (churned on or before the first day of period n + 1) is
-- "churned in period n + 1"; a member not lost in the cohort's K complete
-- periods is active after K periods (censored at K).  A cohort with at least
-- 3 complete periods is fitted on its own; a younger one on all cohorts of
-- its segment (their survival states merged).  A fit that did not converge
-- still projects: the search only runs off to a boundary the data point to
-- (alpha and beta without bound at a fixed ratio: every customer churns with
-- the same probability, the geometric model; alpha to 0: nobody churns; beta
-- to 0: everybody churns at once), and its S(t) is what the data say there.
CREATE FUNCTION @extschema@._retention_projection()
RETURNS TABLE (cohort_start date, segment text, period_number int4, cohort_size int8,
               observed_retention float8, projected_retention float8, is_projected boolean,
               fitted_on text, converged boolean, alpha float8, beta float8)
LANGUAGE plpgsql STABLE PARALLEL SAFE SET search_path = pg_catalog, pg_temp
    SET DateStyle = 'ISO, YMD' SET extra_float_digits = 1 SET jit = off AS $$
BEGIN
    RETURN QUERY EXECUTE @extschema@._report_with() || $q$
, members AS (
    SELECT m.cohort, m.segment, @extschema@._period_index(m.cohort, st.as_of + 1, st.period) AS complete,
           CASE WHEN m.churned_on IS NOT NULL
                THEN greatest(@extschema@._period_index(m.cohort, m.churned_on - 1, st.period), 0) END AS lost_at
    FROM (SELECT @extschema@._period_start(c.acquired_on, st.period) AS cohort, c.segment, c.churned_on
          FROM customers c CROSS JOIN st) m CROSS JOIN st),
cohorts AS (
    SELECT m.cohort, m.segment, min(m.complete) AS complete, count(*) AS size,
           @extschema@.survival_agg(CASE WHEN m.lost_at < m.complete THEN m.lost_at + 1 ELSE m.complete END::float8,
                                    coalesce(m.lost_at < m.complete, false)) AS state
    FROM members m GROUP BY 1, 2),
lost AS (
    SELECT m.cohort, m.segment, m.lost_at AS at, count(*) AS k
    FROM members m WHERE m.lost_at < m.complete GROUP BY 1, 2, 3),
segments AS (
    SELECT co.segment, @extschema@._sbg_fit_quiet(@extschema@.survival_agg(co.state)) AS m
    FROM cohorts co GROUP BY 1),
fits AS (
    SELECT co.cohort, co.segment, co.complete, co.size,
           CASE WHEN co.complete >= 3 THEN 'cohort' ELSE 'segment' END AS fitted_on,
           CASE WHEN co.complete >= 3 THEN @extschema@._sbg_fit_quiet(co.state) ELSE sg.m END AS m
    FROM cohorts co
    JOIN segments sg ON sg.segment IS NOT DISTINCT FROM co.segment),
cells AS (
    SELECT f.*, g.n, (f.m::jsonb->>'converged')::boolean AS converged,
           sum(coalesce(l.k, 0)) OVER (PARTITION BY f.cohort, f.segment ORDER BY g.n) AS lost
    FROM fits f
    CROSS JOIN generate_series(0, f.complete + 11) AS g(n)
    LEFT JOIN lost l ON l.cohort = f.cohort AND l.segment IS NOT DISTINCT FROM f.segment AND l.at = g.n)
SELECT c.cohort, c.segment, c.n, c.size,
       CASE WHEN c.n < c.complete THEN (c.size - c.lost)::float8 / c.size END,
       @extschema@.sbg_survival(c.m, c.n + 1),
       c.n >= c.complete,
       CASE WHEN c.m IS NOT NULL THEN c.fitted_on END,
       c.converged,
       (c.m::jsonb->>'alpha')::float8,
       (c.m::jsonb->>'beta')::float8
FROM cells c
ORDER BY 1, 2 NULLS FIRST, 3 $q$;
END $$;
COMMENT ON FUNCTION @extschema@._retention_projection() IS 'internal: the rows of the view ror.retention_projection';

CREATE VIEW @extschema@.retention_projection WITH (security_invoker = true) AS
SELECT * FROM @extschema@._retention_projection();
COMMENT ON VIEW @extschema@.retention_projection IS
    'retention of each acquisition cohort and segment, observed where known and projected by the sBG model for 12 periods beyond the last complete one';
COMMENT ON COLUMN @extschema@.retention_projection.cohort_start IS 'first day of the acquisition period (local date in time_zone)';
COMMENT ON COLUMN @extschema@.retention_projection.segment IS 'customer segment (NULL: no segment)';
COMMENT ON COLUMN @extschema@.retention_projection.period_number IS 'periods since acquisition: 0 is the acquisition period';
COMMENT ON COLUMN @extschema@.retention_projection.cohort_size IS 'customers acquired in the cohort''s period (count)';
COMMENT ON COLUMN @extschema@.retention_projection.observed_retention IS 'share of the cohort still active on the first day of period period_number + 1, fraction 0-1, as in ror.cohort_retention (NULL for periods not complete by as_of)';
COMMENT ON COLUMN @extschema@.retention_projection.projected_retention IS 'the same share by the sBG model, S(period_number + 1), fraction 0-1 (NULL when there is no data to fit)';
COMMENT ON COLUMN @extschema@.retention_projection.is_projected IS 'true for periods not complete by as_of (only the model speaks for them)';
COMMENT ON COLUMN @extschema@.retention_projection.fitted_on IS '''cohort'': the model is fitted on this cohort (3 complete periods or more); ''segment'': on all cohorts of its segment (a younger cohort); NULL: nothing to fit';
COMMENT ON COLUMN @extschema@.retention_projection.converged IS 'whether the fit met its convergence test; false when the data point to a boundary of the model (e.g. the same churn probability for every customer: alpha and beta grow without bound, the projection is then geometric)';
COMMENT ON COLUMN @extschema@.retention_projection.alpha IS 'alpha of the sBG model used';
COMMENT ON COLUMN @extschema@.retention_projection.beta IS 'beta of the sBG model used';
GRANT SELECT ON @extschema@.retention_projection TO PUBLIC;
