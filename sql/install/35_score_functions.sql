-- ============================================================================
-- The ROR score's scalar functions: the weighted score of five components
-- (value, loyalty, advocacy, referral, engagement, each a share 0-1) and its
-- coverage, the maps from raw measures to components, and the score's band.
-- ============================================================================

-- NULL components are the normal case (not measured), so the score and the
-- coverage are CALLED ON NULL INPUT; a NULL weights array gives NULL.
CREATE FUNCTION @extschema@.ror_score(value double precision, loyalty double precision, advocacy double precision,
                                      referral double precision, engagement double precision)
    RETURNS double precision
    AS 'MODULE_PATHNAME', 'ror_score' LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
CREATE FUNCTION @extschema@.ror_score(value double precision, loyalty double precision, advocacy double precision,
                                      referral double precision, engagement double precision, weights double precision[])
    RETURNS double precision
    AS 'MODULE_PATHNAME', 'ror_score' LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
CREATE FUNCTION @extschema@.ror_coverage(value double precision, loyalty double precision, advocacy double precision,
                                         referral double precision, engagement double precision)
    RETURNS double precision
    AS 'MODULE_PATHNAME', 'ror_coverage' LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
CREATE FUNCTION @extschema@.ror_coverage(value double precision, loyalty double precision, advocacy double precision,
                                         referral double precision, engagement double precision, weights double precision[])
    RETURNS double precision
    AS 'MODULE_PATHNAME', 'ror_coverage' LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;

CREATE FUNCTION @extschema@.advocacy(score integer) RETURNS double precision
    AS 'MODULE_PATHNAME', 'ror_advocacy' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.saturate(count double precision, half double precision DEFAULT 1)
    RETURNS double precision
    AS 'MODULE_PATHNAME', 'ror_saturate' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.value_component(clv double precision, cac double precision) RETURNS double precision
    AS 'MODULE_PATHNAME', 'ror_value_component' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.ror_band(score double precision) RETURNS text
    AS 'MODULE_PATHNAME', 'ror_band' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION @extschema@.ror_score(double precision, double precision, double precision, double precision, double precision) IS
    'ROR score 0-100: 100 * mean of the non-NULL components (each 0-1), equal weights; NULL when fewer than half of them (2.5 of 5) are present';
COMMENT ON FUNCTION @extschema@.ror_score(double precision, double precision, double precision, double precision, double precision, double precision[]) IS
    'ROR score 0-100: 100 * sum(w*c)/sum(w) over the non-NULL components (each 0-1), weights w of 5 elements >= 0; NULL when the present weight is less than half of all the weight, or the weights are NULL';
COMMENT ON FUNCTION @extschema@.ror_coverage(double precision, double precision, double precision, double precision, double precision) IS
    'coverage of the ROR score, 0-1: the share of the 5 components that are not NULL (equal weights)';
COMMENT ON FUNCTION @extschema@.ror_coverage(double precision, double precision, double precision, double precision, double precision, double precision[]) IS
    'coverage of the ROR score, 0-1: the weight of the non-NULL components / the weight of all; NULL when the weights are NULL';
COMMENT ON FUNCTION @extschema@.advocacy(integer) IS
    'advocacy component 0-1 of an NPS answer 0-10: 0 for 0-6 (detractor), 0.5 for 7-8 (passive), 1 for 9-10 (promoter)';
COMMENT ON FUNCTION @extschema@.saturate(double precision, double precision) IS
    'component 0-1 from a count: 1 - 2^(-count/half), 0.5 at count = half (default 1); 1 at count = Infinity, 0 at half = Infinity';
COMMENT ON FUNCTION @extschema@.value_component(double precision, double precision) IS
    'value component 0-1: clv / (3 * cac) clipped to [0, 1]; with cac = 0, 1 when clv > 0 else 0';
COMMENT ON FUNCTION @extschema@.ror_band(double precision) IS
    'band of a ROR score 0-100: red below 50, yellow 50-75 inclusive, green above 75';
