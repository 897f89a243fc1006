-- ============================================================================
-- CLV, spend: the Gamma-Gamma model (Fader, Hardie & Lee 2005, "RFM and CLV").
-- ror.gamma_gamma (p, q, gamma + fit diagnostics), its fit aggregate and
-- expected_avg_value.
-- ============================================================================

CREATE TYPE @extschema@.gamma_gamma;

CREATE FUNCTION @extschema@.gamma_gamma_in(cstring) RETURNS @extschema@.gamma_gamma
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.gamma_gamma_out(@extschema@.gamma_gamma) RETURNS cstring
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.gamma_gamma_recv(internal) RETURNS @extschema@.gamma_gamma
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.gamma_gamma_send(@extschema@.gamma_gamma) RETURNS bytea
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE TYPE @extschema@.gamma_gamma (
    INPUT = @extschema@.gamma_gamma_in,
    OUTPUT = @extschema@.gamma_gamma_out,
    RECEIVE = @extschema@.gamma_gamma_recv,
    SEND = @extschema@.gamma_gamma_send,
    INTERNALLENGTH = 80,
    ALIGNMENT = double,
    STORAGE = plain
);
COMMENT ON TYPE @extschema@.gamma_gamma IS
    'Gamma-Gamma spend model (Fader, Hardie & Lee 2005): p, q, gamma and the diagnostics of the fit (customers, weight, loglik, iterations, converged, excluded)';
COMMENT ON FUNCTION @extschema@.gamma_gamma_in(cstring) IS 'text input of ror.gamma_gamma';
COMMENT ON FUNCTION @extschema@.gamma_gamma_out(@extschema@.gamma_gamma) IS 'text output of ror.gamma_gamma (shortest exact floats)';
COMMENT ON FUNCTION @extschema@.gamma_gamma_recv(internal) IS 'binary input of ror.gamma_gamma';
COMMENT ON FUNCTION @extschema@.gamma_gamma_send(@extschema@.gamma_gamma) IS 'binary output of ror.gamma_gamma';

CREATE FUNCTION @extschema@.gamma_gamma_eq(@extschema@.gamma_gamma, @extschema@.gamma_gamma) RETURNS boolean
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.gamma_gamma_ne(@extschema@.gamma_gamma, @extschema@.gamma_gamma) RETURNS boolean
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE OPERATOR @extschema@.= (
    LEFTARG = @extschema@.gamma_gamma, RIGHTARG = @extschema@.gamma_gamma,
    FUNCTION = @extschema@.gamma_gamma_eq,
    COMMUTATOR = OPERATOR(@extschema@.=), NEGATOR = OPERATOR(@extschema@.<>),
    RESTRICT = eqsel, JOIN = eqjoinsel,
    HASHES
);
CREATE OPERATOR @extschema@.<> (
    LEFTARG = @extschema@.gamma_gamma, RIGHTARG = @extschema@.gamma_gamma,
    FUNCTION = @extschema@.gamma_gamma_ne,
    COMMUTATOR = OPERATOR(@extschema@.<>), NEGATOR = OPERATOR(@extschema@.=),
    RESTRICT = neqsel, JOIN = neqjoinsel
);
COMMENT ON FUNCTION @extschema@.gamma_gamma_eq(@extschema@.gamma_gamma, @extschema@.gamma_gamma) IS 'true when two Gamma-Gamma models are identical bit for bit';
COMMENT ON FUNCTION @extschema@.gamma_gamma_ne(@extschema@.gamma_gamma, @extschema@.gamma_gamma) IS 'true when two Gamma-Gamma models differ';
COMMENT ON OPERATOR @extschema@.= (@extschema@.gamma_gamma, @extschema@.gamma_gamma) IS 'identical Gamma-Gamma models';
COMMENT ON OPERATOR @extschema@.<> (@extschema@.gamma_gamma, @extschema@.gamma_gamma) IS 'different Gamma-Gamma models';
-- hashing, consistent with "=": GROUP BY, DISTINCT, UNION and hash joins on gamma_gamma values
CREATE FUNCTION @extschema@.gamma_gamma_hash(@extschema@.gamma_gamma) RETURNS integer
    AS 'MODULE_PATHNAME', 'gamma_gamma_hash' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.gamma_gamma_hash(@extschema@.gamma_gamma) IS 'hash of a gamma_gamma value: equal values (by =) hash equal';
CREATE OPERATOR CLASS @extschema@.gamma_gamma_hash_ops DEFAULT FOR TYPE @extschema@.gamma_gamma USING hash AS
    OPERATOR 1 @extschema@.= (@extschema@.gamma_gamma, @extschema@.gamma_gamma),
    FUNCTION 1 @extschema@.gamma_gamma_hash(@extschema@.gamma_gamma);
COMMENT ON OPERATOR CLASS @extschema@.gamma_gamma_hash_ops USING hash IS 'equality by hashing of Gamma-Gamma models';

CREATE FUNCTION @extschema@.gamma_gamma(p double precision, q double precision, gamma double precision)
    RETURNS @extschema@.gamma_gamma
    AS 'MODULE_PATHNAME', 'gamma_gamma_make' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.gamma_gamma(double precision, double precision, double precision) IS
    'Gamma-Gamma model with given p, q, gamma (all > 0); its fit diagnostics are 0 (jsonb: "fitted": false, diagnostics null)';

CREATE FUNCTION @extschema@.gamma_gamma_to_jsonb(@extschema@.gamma_gamma) RETURNS jsonb
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.gamma_gamma_to_jsonb(@extschema@.gamma_gamma) IS
    'ror.gamma_gamma as jsonb: p, q, gamma, fitted and the diagnostics customers, weight, loglik, iterations, converged, excluded';
CREATE CAST (@extschema@.gamma_gamma AS jsonb) WITH FUNCTION @extschema@.gamma_gamma_to_jsonb(@extschema@.gamma_gamma);
COMMENT ON CAST (@extschema@.gamma_gamma AS jsonb) IS 'Gamma-Gamma model as jsonb (keys p, q, gamma and the fit diagnostics)';

CREATE FUNCTION @extschema@.expected_avg_value(m @extschema@.gamma_gamma, frequency double precision, monetary double precision)
    RETURNS double precision
    AS 'MODULE_PATHNAME', 'gamma_gamma_expected_avg_value_sql' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.expected_avg_value(@extschema@.gamma_gamma, double precision, double precision) IS
    'Gamma-Gamma conditional expected mean transaction value p*(gamma + x*m)/(p*x + q - 1) (Fader, Hardie & Lee 2005, eq. 5)';

-- the fit's state: a histogram of distinct (frequency, monetary) patterns with weights
CREATE TYPE @extschema@.gamma_gamma_state;
CREATE FUNCTION @extschema@.gamma_gamma_state_in(cstring) RETURNS @extschema@.gamma_gamma_state
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.gamma_gamma_state_out(@extschema@.gamma_gamma_state) RETURNS cstring
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.gamma_gamma_state_recv(internal) RETURNS @extschema@.gamma_gamma_state
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.gamma_gamma_state_send(@extschema@.gamma_gamma_state) RETURNS bytea
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE TYPE @extschema@.gamma_gamma_state (
    INPUT = @extschema@.gamma_gamma_state_in,
    OUTPUT = @extschema@.gamma_gamma_state_out,
    RECEIVE = @extschema@.gamma_gamma_state_recv,
    SEND = @extschema@.gamma_gamma_state_send,
    INTERNALLENGTH = VARIABLE,
    ALIGNMENT = double,
    STORAGE = extended
);
COMMENT ON TYPE @extschema@.gamma_gamma_state IS
    'state of ror.gamma_gamma_fit: customers, excluded count and the distinct (frequency, monetary) patterns with summed weights; mergeable, exact text form';
COMMENT ON FUNCTION @extschema@.gamma_gamma_state_in(cstring) IS 'text input of ror.gamma_gamma_state';
COMMENT ON FUNCTION @extschema@.gamma_gamma_state_out(@extschema@.gamma_gamma_state) IS 'text output of ror.gamma_gamma_state (sorted patterns, shortest exact floats)';
COMMENT ON FUNCTION @extschema@.gamma_gamma_state_recv(internal) IS 'binary input of ror.gamma_gamma_state';
COMMENT ON FUNCTION @extschema@.gamma_gamma_state_send(@extschema@.gamma_gamma_state) IS 'binary output of ror.gamma_gamma_state';

CREATE FUNCTION @extschema@.gamma_gamma_state_eq(@extschema@.gamma_gamma_state, @extschema@.gamma_gamma_state) RETURNS boolean
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.gamma_gamma_state_ne(@extschema@.gamma_gamma_state, @extschema@.gamma_gamma_state) RETURNS boolean
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE OPERATOR @extschema@.= (
    LEFTARG = @extschema@.gamma_gamma_state, RIGHTARG = @extschema@.gamma_gamma_state,
    FUNCTION = @extschema@.gamma_gamma_state_eq,
    COMMUTATOR = OPERATOR(@extschema@.=), NEGATOR = OPERATOR(@extschema@.<>),
    RESTRICT = eqsel, JOIN = eqjoinsel,
    HASHES
);
CREATE OPERATOR @extschema@.<> (
    LEFTARG = @extschema@.gamma_gamma_state, RIGHTARG = @extschema@.gamma_gamma_state,
    FUNCTION = @extschema@.gamma_gamma_state_ne,
    COMMUTATOR = OPERATOR(@extschema@.<>), NEGATOR = OPERATOR(@extschema@.=),
    RESTRICT = neqsel, JOIN = neqjoinsel
);
COMMENT ON FUNCTION @extschema@.gamma_gamma_state_eq(@extschema@.gamma_gamma_state, @extschema@.gamma_gamma_state) IS 'true when two Gamma-Gamma states hold the same counts and patterns, bit for bit';
COMMENT ON FUNCTION @extschema@.gamma_gamma_state_ne(@extschema@.gamma_gamma_state, @extschema@.gamma_gamma_state) IS 'true when two Gamma-Gamma states differ';
COMMENT ON OPERATOR @extschema@.= (@extschema@.gamma_gamma_state, @extschema@.gamma_gamma_state) IS 'identical Gamma-Gamma states';
COMMENT ON OPERATOR @extschema@.<> (@extschema@.gamma_gamma_state, @extschema@.gamma_gamma_state) IS 'different Gamma-Gamma states';
-- hashing, consistent with "=": GROUP BY, DISTINCT, UNION and hash joins on gamma_gamma_state values
CREATE FUNCTION @extschema@.gamma_gamma_state_hash(@extschema@.gamma_gamma_state) RETURNS integer
    AS 'MODULE_PATHNAME', 'gamma_gamma_state_hash' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.gamma_gamma_state_hash(@extschema@.gamma_gamma_state) IS 'hash of a gamma_gamma_state value: equal values (by =) hash equal';
CREATE OPERATOR CLASS @extschema@.gamma_gamma_state_hash_ops DEFAULT FOR TYPE @extschema@.gamma_gamma_state USING hash AS
    OPERATOR 1 @extschema@.= (@extschema@.gamma_gamma_state, @extschema@.gamma_gamma_state),
    FUNCTION 1 @extschema@.gamma_gamma_state_hash(@extschema@.gamma_gamma_state);
COMMENT ON OPERATOR CLASS @extschema@.gamma_gamma_state_hash_ops USING hash IS 'equality by hashing of Gamma-Gamma states';

CREATE FUNCTION @extschema@.gamma_gamma_accum(@extschema@.gamma_gamma_state, double precision, double precision)
    RETURNS @extschema@.gamma_gamma_state
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
CREATE FUNCTION @extschema@.gamma_gamma_accum_weighted(@extschema@.gamma_gamma_state, double precision, double precision, double precision)
    RETURNS @extschema@.gamma_gamma_state
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
CREATE FUNCTION @extschema@.gamma_gamma_accum_rfm(@extschema@.gamma_gamma_state, @extschema@.rfm)
    RETURNS @extschema@.gamma_gamma_state
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
CREATE FUNCTION @extschema@.gamma_gamma_combine(@extschema@.gamma_gamma_state, @extschema@.gamma_gamma_state)
    RETURNS @extschema@.gamma_gamma_state
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
CREATE FUNCTION @extschema@.gamma_gamma_state_final(@extschema@.gamma_gamma_state)
    RETURNS @extschema@.gamma_gamma_state
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.gamma_gamma_fit_final(@extschema@.gamma_gamma_state)
    RETURNS @extschema@.gamma_gamma
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.gamma_gamma_accum(@extschema@.gamma_gamma_state, double precision, double precision) IS 'transition function of ror.gamma_gamma_fit(frequency, monetary)';
COMMENT ON FUNCTION @extschema@.gamma_gamma_accum_weighted(@extschema@.gamma_gamma_state, double precision, double precision, double precision) IS 'transition function of ror.gamma_gamma_fit(frequency, monetary, weight)';
COMMENT ON FUNCTION @extschema@.gamma_gamma_accum_rfm(@extschema@.gamma_gamma_state, @extschema@.rfm) IS 'transition function of ror.gamma_gamma_fit(ror.rfm): uses its frequency and monetary';
COMMENT ON FUNCTION @extschema@.gamma_gamma_combine(@extschema@.gamma_gamma_state, @extschema@.gamma_gamma_state) IS 'merges two Gamma-Gamma states (combine function of the Gamma-Gamma aggregates)';
COMMENT ON FUNCTION @extschema@.gamma_gamma_state_final(@extschema@.gamma_gamma_state) IS 'final function of ror.gamma_gamma_state_agg: the state compacted';
COMMENT ON FUNCTION @extschema@.gamma_gamma_fit_final(@extschema@.gamma_gamma_state) IS 'final function of ror.gamma_gamma_fit: maximum-likelihood Gamma-Gamma model of a state';

CREATE AGGREGATE @extschema@.gamma_gamma_fit(frequency double precision, monetary double precision) (
    SFUNC = @extschema@.gamma_gamma_accum, STYPE = @extschema@.gamma_gamma_state,
    FINALFUNC = @extschema@.gamma_gamma_fit_final, COMBINEFUNC = @extschema@.gamma_gamma_combine,
    PARALLEL = SAFE);
CREATE AGGREGATE @extschema@.gamma_gamma_fit(frequency double precision, monetary double precision, weight double precision) (
    SFUNC = @extschema@.gamma_gamma_accum_weighted, STYPE = @extschema@.gamma_gamma_state,
    FINALFUNC = @extschema@.gamma_gamma_fit_final, COMBINEFUNC = @extschema@.gamma_gamma_combine,
    PARALLEL = SAFE);
CREATE AGGREGATE @extschema@.gamma_gamma_fit(summary @extschema@.rfm) (
    SFUNC = @extschema@.gamma_gamma_accum_rfm, STYPE = @extschema@.gamma_gamma_state,
    FINALFUNC = @extschema@.gamma_gamma_fit_final, COMBINEFUNC = @extschema@.gamma_gamma_combine,
    PARALLEL = SAFE);
CREATE AGGREGATE @extschema@.gamma_gamma_fit(state @extschema@.gamma_gamma_state) (
    SFUNC = @extschema@.gamma_gamma_combine, STYPE = @extschema@.gamma_gamma_state,
    FINALFUNC = @extschema@.gamma_gamma_fit_final, COMBINEFUNC = @extschema@.gamma_gamma_combine,
    PARALLEL = SAFE);
CREATE AGGREGATE @extschema@.gamma_gamma_state_agg(frequency double precision, monetary double precision) (
    SFUNC = @extschema@.gamma_gamma_accum, STYPE = @extschema@.gamma_gamma_state,
    FINALFUNC = @extschema@.gamma_gamma_state_final, COMBINEFUNC = @extschema@.gamma_gamma_combine,
    PARALLEL = SAFE);
CREATE AGGREGATE @extschema@.gamma_gamma_state_agg(frequency double precision, monetary double precision, weight double precision) (
    SFUNC = @extschema@.gamma_gamma_accum_weighted, STYPE = @extschema@.gamma_gamma_state,
    FINALFUNC = @extschema@.gamma_gamma_state_final, COMBINEFUNC = @extschema@.gamma_gamma_combine,
    PARALLEL = SAFE);
CREATE AGGREGATE @extschema@.gamma_gamma_state_agg(state @extschema@.gamma_gamma_state) (
    SFUNC = @extschema@.gamma_gamma_combine, STYPE = @extschema@.gamma_gamma_state,
    FINALFUNC = @extschema@.gamma_gamma_state_final, COMBINEFUNC = @extschema@.gamma_gamma_combine,
    PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.gamma_gamma_fit(double precision, double precision) IS
    'maximum-likelihood Gamma-Gamma spend model over customers (frequency = repeat transactions, monetary = their mean value); frequency 0 skipped, monetary <= 0 excluded and counted';
COMMENT ON AGGREGATE @extschema@.gamma_gamma_fit(double precision, double precision, double precision) IS
    'weighted maximum-likelihood Gamma-Gamma spend model (weight = customers the row stands for)';
COMMENT ON AGGREGATE @extschema@.gamma_gamma_fit(@extschema@.rfm) IS
    'maximum-likelihood Gamma-Gamma spend model over ror.rfm summaries (their frequency and monetary)';
COMMENT ON AGGREGATE @extschema@.gamma_gamma_fit(@extschema@.gamma_gamma_state) IS
    'maximum-likelihood Gamma-Gamma spend model of stored states merged';
COMMENT ON AGGREGATE @extschema@.gamma_gamma_state_agg(double precision, double precision) IS
    'Gamma-Gamma fit state (ror.gamma_gamma_state) of (frequency, monetary) rows';
COMMENT ON AGGREGATE @extschema@.gamma_gamma_state_agg(double precision, double precision, double precision) IS
    'weighted Gamma-Gamma fit state (ror.gamma_gamma_state) of (frequency, monetary, weight) rows';
COMMENT ON AGGREGATE @extschema@.gamma_gamma_state_agg(@extschema@.gamma_gamma_state) IS
    'merges (rolls up) stored Gamma-Gamma fit states';
