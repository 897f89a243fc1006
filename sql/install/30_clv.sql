-- ============================================================================
-- CLV, simple: the retention-model margin multiple (Gupta & Lehmann).
-- ============================================================================

CREATE FUNCTION @extschema@.clv(margin double precision, retention double precision, discount double precision)
    RETURNS double precision
    AS 'MODULE_PATHNAME', 'clv_simple' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.clv(margin double precision, retention double precision, discount double precision, periods integer)
    RETURNS double precision
    AS 'MODULE_PATHNAME', 'clv_simple_periods' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.clv(double precision, double precision, double precision) IS
    'customer lifetime value m*r/(1+d-r): margin m at the end of each period, retention r, discount rate d per period (Gupta & Lehmann margin multiple)';
COMMENT ON FUNCTION @extschema@.clv(double precision, double precision, double precision, integer) IS
    'customer lifetime value over n periods: sum over t = 1..n of m*r^t/(1+d)^t';
