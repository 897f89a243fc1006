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
    RESTRICT = eqsel, JOIN = eqjoinsel
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
