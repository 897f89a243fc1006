-- ror 1.0.0 -> 1.1.0: ALTER EXTENSION ror UPDATE TO '1.1.0'.
--
-- 1.1.0 adds subscriptions: the shifted-beta-geometric model (type ror.sbg,
-- ror.sbg_fit from a survival state or a cohort's survivors, and the
-- projections sbg_survival, sbg_retention, sbg_expected_lifetime, sbg_derl,
-- sbg_clv).  Nothing of 1.0.0 changes.  The same words as sql/install/50_sbg.sql.
\echo Use "ALTER EXTENSION ror UPDATE TO '1.1.0'" to load this file. \quit

-- ============================================================================
-- Subscriptions: the shifted-beta-geometric model of retention (Fader &
-- Hardie 2007, "How to project customer retention"; 2010, "Customer-base
-- valuation in a contractual setting").  ror.sbg (alpha, beta + fit
-- diagnostics), its fits from a survival state or a cohort's survivors, and
-- the projections: survival, retention, expected lifetime, DERL, CLV.
-- ============================================================================

CREATE TYPE @extschema@.sbg;

CREATE FUNCTION @extschema@.sbg_in(cstring) RETURNS @extschema@.sbg
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.sbg_out(@extschema@.sbg) RETURNS cstring
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.sbg_recv(internal) RETURNS @extschema@.sbg
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.sbg_send(@extschema@.sbg) RETURNS bytea
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE TYPE @extschema@.sbg (
    INPUT = @extschema@.sbg_in,
    OUTPUT = @extschema@.sbg_out,
    RECEIVE = @extschema@.sbg_recv,
    SEND = @extschema@.sbg_send,
    INTERNALLENGTH = 72,
    ALIGNMENT = double,
    STORAGE = plain
);
COMMENT ON TYPE @extschema@.sbg IS
    'shifted-beta-geometric retention model (Fader & Hardie 2007): alpha, beta, the diagnostics of the fit (customers, periods, loglik, iterations, converged) and standard errors se_alpha, se_beta';
COMMENT ON FUNCTION @extschema@.sbg_in(cstring) IS 'text input of ror.sbg';
COMMENT ON FUNCTION @extschema@.sbg_out(@extschema@.sbg) IS 'text output of ror.sbg (shortest exact floats)';
COMMENT ON FUNCTION @extschema@.sbg_recv(internal) IS 'binary input of ror.sbg';
COMMENT ON FUNCTION @extschema@.sbg_send(@extschema@.sbg) IS 'binary output of ror.sbg';

CREATE FUNCTION @extschema@.sbg_eq(@extschema@.sbg, @extschema@.sbg) RETURNS boolean
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.sbg_ne(@extschema@.sbg, @extschema@.sbg) RETURNS boolean
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE OPERATOR @extschema@.= (
    LEFTARG = @extschema@.sbg, RIGHTARG = @extschema@.sbg,
    FUNCTION = @extschema@.sbg_eq,
    COMMUTATOR = OPERATOR(@extschema@.=), NEGATOR = OPERATOR(@extschema@.<>),
    RESTRICT = eqsel, JOIN = eqjoinsel,
    HASHES
);
CREATE OPERATOR @extschema@.<> (
    LEFTARG = @extschema@.sbg, RIGHTARG = @extschema@.sbg,
    FUNCTION = @extschema@.sbg_ne,
    COMMUTATOR = OPERATOR(@extschema@.<>), NEGATOR = OPERATOR(@extschema@.=),
    RESTRICT = neqsel, JOIN = neqjoinsel
);
COMMENT ON FUNCTION @extschema@.sbg_eq(@extschema@.sbg, @extschema@.sbg) IS 'true when two sBG models are identical bit for bit';
COMMENT ON FUNCTION @extschema@.sbg_ne(@extschema@.sbg, @extschema@.sbg) IS 'true when two sBG models differ';
COMMENT ON OPERATOR @extschema@.= (@extschema@.sbg, @extschema@.sbg) IS 'identical sBG models';
COMMENT ON OPERATOR @extschema@.<> (@extschema@.sbg, @extschema@.sbg) IS 'different sBG models';
-- hashing, consistent with "=": GROUP BY, DISTINCT, UNION and hash joins on sbg values
CREATE FUNCTION @extschema@.sbg_hash(@extschema@.sbg) RETURNS integer
    AS 'MODULE_PATHNAME', 'sbg_hash' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.sbg_hash(@extschema@.sbg) IS 'hash of a sbg value: equal values (by =) hash equal';
CREATE OPERATOR CLASS @extschema@.sbg_hash_ops DEFAULT FOR TYPE @extschema@.sbg USING hash AS
    OPERATOR 1 @extschema@.= (@extschema@.sbg, @extschema@.sbg),
    FUNCTION 1 @extschema@.sbg_hash(@extschema@.sbg);
COMMENT ON OPERATOR CLASS @extschema@.sbg_hash_ops USING hash IS 'equality by hashing of sBG models';

CREATE FUNCTION @extschema@.sbg(alpha double precision, beta double precision)
    RETURNS @extschema@.sbg
    AS 'MODULE_PATHNAME', 'sbg_make' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.sbg(double precision, double precision) IS
    'sBG model with given alpha, beta (both finite and > 0); its fit diagnostics are 0 (jsonb: "fitted": false, diagnostics null)';

CREATE FUNCTION @extschema@.sbg_to_jsonb(@extschema@.sbg) RETURNS jsonb
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.sbg_to_jsonb(@extschema@.sbg) IS
    'ror.sbg as jsonb: alpha, beta, fitted and the diagnostics customers, periods, loglik, iterations, converged, se_alpha, se_beta';
CREATE CAST (@extschema@.sbg AS jsonb) WITH FUNCTION @extschema@.sbg_to_jsonb(@extschema@.sbg);
COMMENT ON CAST (@extschema@.sbg AS jsonb) IS 'sBG model as jsonb (keys alpha, beta and the fit diagnostics)';

-- ---------------------------------------------------------------------------
-- fits (maximum likelihood, Newton on ln alpha, ln beta; cancellable)
-- ---------------------------------------------------------------------------
CREATE FUNCTION @extschema@.sbg_fit(s @extschema@.survival) RETURNS @extschema@.sbg
    AS 'MODULE_PATHNAME', 'sbg_fit_survival' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.sbg_fit(@extschema@.survival) IS
    'sBG fitted to a survival state of whole periods of service (survival_agg(periods, churned): churned in period t, or active after t periods); NULL when no customer was observed for a period';
CREATE FUNCTION @extschema@.sbg_fit(survivors bigint[]) RETURNS @extschema@.sbg
    AS 'MODULE_PATHNAME', 'sbg_fit_survivors' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.sbg_fit(bigint[]) IS
    'sBG fitted to one cohort''s survivor counts n0 >= n1 >= ... (n0 the cohort size, then after each period); NULL for a cohort of 0';

-- ---------------------------------------------------------------------------
-- projections
-- ---------------------------------------------------------------------------
CREATE FUNCTION @extschema@.sbg_survival(m @extschema@.sbg, t integer) RETURNS double precision
    AS 'MODULE_PATHNAME', 'sbg_survival' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.sbg_survival(@extschema@.sbg, integer) IS
    'S(t) = B(alpha, beta + t) / B(alpha, beta): the share of a cohort still active after t periods (t >= 0)';
CREATE FUNCTION @extschema@.sbg_retention(m @extschema@.sbg, t integer) RETURNS double precision
    AS 'MODULE_PATHNAME', 'sbg_retention' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.sbg_retention(@extschema@.sbg, integer) IS
    'r(t) = (beta + t - 1) / (alpha + beta + t - 1): the share of the customers active after t - 1 periods who renew in period t (t >= 1)';
CREATE FUNCTION @extschema@.sbg_expected_lifetime(m @extschema@.sbg, discount double precision DEFAULT 0)
    RETURNS double precision
    AS 'MODULE_PATHNAME', 'sbg_expected_lifetime' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.sbg_expected_lifetime(@extschema@.sbg, double precision) IS
    'expected discounted lifetime of a new customer in periods, sum over t >= 0 of S(t) / (1 + discount)^t; NULL when it diverges (discount 0 and alpha <= 1)';
CREATE FUNCTION @extschema@.sbg_derl(m @extschema@.sbg, discount double precision, renewals integer DEFAULT 0)
    RETURNS double precision
    AS 'MODULE_PATHNAME', 'sbg_derl' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.sbg_derl(@extschema@.sbg, double precision, integer) IS
    'discounted expected residual lifetime in periods (Fader & Hardie 2010) of a customer who has made `renewals` renewals and is about to decide the next: (beta+n-1)/(alpha+beta+n-1) 2F1(1, beta+n; alpha+beta+n; 1/(1+discount)), n = renewals + 1; NULL when it diverges';
CREATE FUNCTION @extschema@.sbg_clv(m @extschema@.sbg, margin double precision, discount double precision,
                                   renewals integer DEFAULT 0)
    RETURNS double precision
    AS 'MODULE_PATHNAME', 'sbg_clv' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.sbg_clv(@extschema@.sbg, double precision, double precision, integer) IS
    'residual value of a subscriber: margin per period times sbg_derl(m, discount, renewals); NULL when the DERL diverges';
