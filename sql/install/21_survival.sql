-- ============================================================================
-- Kaplan-Meier survival (loyalty): the ror.survival type, its aggregate and
-- the curve read-outs.
-- ============================================================================

CREATE TYPE @extschema@.survival;

CREATE FUNCTION @extschema@.survival_in(cstring) RETURNS @extschema@.survival
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.survival_out(@extschema@.survival) RETURNS cstring
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.survival_recv(internal) RETURNS @extschema@.survival
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.survival_send(@extschema@.survival) RETURNS bytea
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE TYPE @extschema@.survival (
    INPUT = @extschema@.survival_in,
    OUTPUT = @extschema@.survival_out,
    RECEIVE = @extschema@.survival_recv,
    SEND = @extschema@.survival_send,
    INTERNALLENGTH = VARIABLE,
    ALIGNMENT = double,
    STORAGE = extended
);
COMMENT ON TYPE @extschema@.survival IS
    'Kaplan-Meier state: distinct durations with their numbers of events (churned) and censored subjects; mergeable';
COMMENT ON FUNCTION @extschema@.survival_in(cstring) IS 'text input of ror.survival: {(time,events,censored),...}';
COMMENT ON FUNCTION @extschema@.survival_out(@extschema@.survival) IS 'text output of ror.survival (sorted, shortest exact times)';
COMMENT ON FUNCTION @extschema@.survival_recv(internal) IS 'binary input of ror.survival';
COMMENT ON FUNCTION @extschema@.survival_send(@extschema@.survival) IS 'binary output of ror.survival';

CREATE FUNCTION @extschema@.survival_eq(@extschema@.survival, @extschema@.survival) RETURNS boolean
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.survival_ne(@extschema@.survival, @extschema@.survival) RETURNS boolean
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE OPERATOR @extschema@.= (
    LEFTARG = @extschema@.survival, RIGHTARG = @extschema@.survival,
    FUNCTION = @extschema@.survival_eq,
    COMMUTATOR = OPERATOR(@extschema@.=), NEGATOR = OPERATOR(@extschema@.<>),
    RESTRICT = eqsel, JOIN = eqjoinsel,
    HASHES
);
CREATE OPERATOR @extschema@.<> (
    LEFTARG = @extschema@.survival, RIGHTARG = @extschema@.survival,
    FUNCTION = @extschema@.survival_ne,
    COMMUTATOR = OPERATOR(@extschema@.<>), NEGATOR = OPERATOR(@extschema@.=),
    RESTRICT = neqsel, JOIN = neqjoinsel
);
COMMENT ON FUNCTION @extschema@.survival_eq(@extschema@.survival, @extschema@.survival) IS 'true when two survival states hold the same durations and counts, bit for bit';
COMMENT ON FUNCTION @extschema@.survival_ne(@extschema@.survival, @extschema@.survival) IS 'true when two survival states differ';
COMMENT ON OPERATOR @extschema@.= (@extschema@.survival, @extschema@.survival) IS 'identical survival states';
COMMENT ON OPERATOR @extschema@.<> (@extschema@.survival, @extschema@.survival) IS 'different survival states';
-- hashing, consistent with "=": GROUP BY, DISTINCT, UNION and hash joins on survival values
CREATE FUNCTION @extschema@.survival_hash(@extschema@.survival) RETURNS integer
    AS 'MODULE_PATHNAME', 'survival_hash_value' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.survival_hash(@extschema@.survival) IS 'hash of a survival value: equal values (by =) hash equal';
CREATE OPERATOR CLASS @extschema@.survival_hash_ops DEFAULT FOR TYPE @extschema@.survival USING hash AS
    OPERATOR 1 @extschema@.= (@extschema@.survival, @extschema@.survival),
    FUNCTION 1 @extschema@.survival_hash(@extschema@.survival);
COMMENT ON OPERATOR CLASS @extschema@.survival_hash_ops USING hash IS 'equality by hashing of survival states';

CREATE FUNCTION @extschema@.survival_accum(@extschema@.survival, double precision, boolean) RETURNS @extschema@.survival
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
CREATE FUNCTION @extschema@.survival_combine(@extschema@.survival, @extschema@.survival) RETURNS @extschema@.survival
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
CREATE FUNCTION @extschema@.survival_final(@extschema@.survival) RETURNS @extschema@.survival
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.survival_accum(@extschema@.survival, double precision, boolean) IS 'transition function of ror.survival_agg: adds one subject, churned (event) or censored';
COMMENT ON FUNCTION @extschema@.survival_combine(@extschema@.survival, @extschema@.survival) IS 'merges two survival states (combine function of the survival aggregates)';
COMMENT ON FUNCTION @extschema@.survival_final(@extschema@.survival) IS 'final function of the survival aggregates: the compact sorted list';

CREATE AGGREGATE @extschema@.survival_agg(duration double precision, churned boolean) (
    SFUNC = @extschema@.survival_accum, STYPE = @extschema@.survival,
    FINALFUNC = @extschema@.survival_final, COMBINEFUNC = @extschema@.survival_combine,
    PARALLEL = SAFE
);
CREATE AGGREGATE @extschema@.survival_agg(summary @extschema@.survival) (
    SFUNC = @extschema@.survival_combine, STYPE = @extschema@.survival,
    FINALFUNC = @extschema@.survival_final, COMBINEFUNC = @extschema@.survival_combine,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.survival_agg(double precision, boolean) IS 'Kaplan-Meier state of durations, churned = true for an event, false for right-censored';
COMMENT ON AGGREGATE @extschema@.survival_agg(@extschema@.survival) IS 'merges (rolls up) stored survival states';

CREATE FUNCTION @extschema@.survival_at(summary @extschema@.survival, t double precision) RETURNS double precision
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.survival_stderr(summary @extschema@.survival, t double precision) RETURNS double precision
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.median_lifetime(summary @extschema@.survival) RETURNS double precision
    AS 'MODULE_PATHNAME', 'survival_median' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.survival_subjects(summary @extschema@.survival) RETURNS bigint
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.survival_curve(summary @extschema@.survival, confidence double precision DEFAULT 0.95,
    OUT "time" double precision, OUT at_risk bigint, OUT events bigint, OUT survival double precision,
    OUT ci_low double precision, OUT ci_high double precision)
    RETURNS SETOF record
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE ROWS 100;
COMMENT ON FUNCTION @extschema@.survival_at(@extschema@.survival, double precision) IS 'Kaplan-Meier survival S(t): product of (1 - d/n) over event times <= t';
COMMENT ON FUNCTION @extschema@.survival_stderr(@extschema@.survival, double precision) IS 'Greenwood standard error of S(t): S(t)*sqrt(sum d/(n(n-d))); NULL once S = 0';
COMMENT ON FUNCTION @extschema@.median_lifetime(@extschema@.survival) IS 'median lifetime: the smallest event time with S(t) <= 0.5; NULL when S stays above 0.5';
COMMENT ON FUNCTION @extschema@.survival_subjects(@extschema@.survival) IS 'number of subjects (events plus censored) in a survival state';
COMMENT ON FUNCTION @extschema@.survival_curve(@extschema@.survival, double precision) IS 'Kaplan-Meier curve, one row per event time: at risk, events, S(t), log-log Greenwood confidence interval';
