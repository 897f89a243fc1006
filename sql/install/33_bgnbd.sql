-- ============================================================================
-- CLV, purchases: the BG/NBD model (Fader, Hardie & Lee 2005, "Counting your
-- customers the easy way").  ror.bgnbd (r, alpha, a, b + fit diagnostics),
-- ror.bgnbd_hist (the mergeable state of ror.bgnbd_fit), the fit aggregates,
-- the predictions and a simulator.
-- ============================================================================

CREATE TYPE @extschema@.bgnbd;

CREATE FUNCTION @extschema@.bgnbd_in(cstring) RETURNS @extschema@.bgnbd
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.bgnbd_out(@extschema@.bgnbd) RETURNS cstring
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.bgnbd_recv(internal) RETURNS @extschema@.bgnbd
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.bgnbd_send(@extschema@.bgnbd) RETURNS bytea
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE TYPE @extschema@.bgnbd (
    INPUT = @extschema@.bgnbd_in,
    OUTPUT = @extschema@.bgnbd_out,
    RECEIVE = @extschema@.bgnbd_recv,
    SEND = @extschema@.bgnbd_send,
    INTERNALLENGTH = 112,
    ALIGNMENT = double,
    STORAGE = plain
);
COMMENT ON TYPE @extschema@.bgnbd IS
    'BG/NBD purchase and dropout model (Fader, Hardie & Lee 2005): r, alpha, a, b, the diagnostics of the fit (customers, weight, loglik, iterations, converged, excluded) and standard errors se_r, se_alpha, se_a, se_b';
COMMENT ON FUNCTION @extschema@.bgnbd_in(cstring) IS 'text input of ror.bgnbd';
COMMENT ON FUNCTION @extschema@.bgnbd_out(@extschema@.bgnbd) IS 'text output of ror.bgnbd (shortest exact floats)';
COMMENT ON FUNCTION @extschema@.bgnbd_recv(internal) IS 'binary input of ror.bgnbd';
COMMENT ON FUNCTION @extschema@.bgnbd_send(@extschema@.bgnbd) IS 'binary output of ror.bgnbd';

CREATE FUNCTION @extschema@.bgnbd_eq(@extschema@.bgnbd, @extschema@.bgnbd) RETURNS boolean
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.bgnbd_ne(@extschema@.bgnbd, @extschema@.bgnbd) RETURNS boolean
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE OPERATOR @extschema@.= (
    LEFTARG = @extschema@.bgnbd, RIGHTARG = @extschema@.bgnbd,
    FUNCTION = @extschema@.bgnbd_eq,
    COMMUTATOR = OPERATOR(@extschema@.=), NEGATOR = OPERATOR(@extschema@.<>),
    RESTRICT = eqsel, JOIN = eqjoinsel,
    HASHES
);
CREATE OPERATOR @extschema@.<> (
    LEFTARG = @extschema@.bgnbd, RIGHTARG = @extschema@.bgnbd,
    FUNCTION = @extschema@.bgnbd_ne,
    COMMUTATOR = OPERATOR(@extschema@.<>), NEGATOR = OPERATOR(@extschema@.=),
    RESTRICT = neqsel, JOIN = neqjoinsel
);
COMMENT ON FUNCTION @extschema@.bgnbd_eq(@extschema@.bgnbd, @extschema@.bgnbd) IS 'true when two BG/NBD models are identical bit for bit';
COMMENT ON FUNCTION @extschema@.bgnbd_ne(@extschema@.bgnbd, @extschema@.bgnbd) IS 'true when two BG/NBD models differ';
COMMENT ON OPERATOR @extschema@.= (@extschema@.bgnbd, @extschema@.bgnbd) IS 'identical BG/NBD models';
COMMENT ON OPERATOR @extschema@.<> (@extschema@.bgnbd, @extschema@.bgnbd) IS 'different BG/NBD models';
-- hashing, consistent with "=": GROUP BY, DISTINCT, UNION and hash joins on bgnbd values
CREATE FUNCTION @extschema@.bgnbd_hash(@extschema@.bgnbd) RETURNS integer
    AS 'MODULE_PATHNAME', 'bgnbd_hash' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.bgnbd_hash(@extschema@.bgnbd) IS 'hash of a bgnbd value: equal values (by =) hash equal';
CREATE OPERATOR CLASS @extschema@.bgnbd_hash_ops DEFAULT FOR TYPE @extschema@.bgnbd USING hash AS
    OPERATOR 1 @extschema@.= (@extschema@.bgnbd, @extschema@.bgnbd),
    FUNCTION 1 @extschema@.bgnbd_hash(@extschema@.bgnbd);
COMMENT ON OPERATOR CLASS @extschema@.bgnbd_hash_ops USING hash IS 'equality by hashing of BG/NBD models';

CREATE FUNCTION @extschema@.bgnbd(r double precision, alpha double precision, a double precision, b double precision)
    RETURNS @extschema@.bgnbd
    AS 'MODULE_PATHNAME', 'bgnbd_make' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.bgnbd(double precision, double precision, double precision, double precision) IS
    'BG/NBD model with given r, alpha, a, b (all finite and > 0); its fit diagnostics are 0 (jsonb: "fitted": false, diagnostics null)';

CREATE FUNCTION @extschema@.bgnbd_to_jsonb(@extschema@.bgnbd) RETURNS jsonb
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.bgnbd_to_jsonb(@extschema@.bgnbd) IS
    'ror.bgnbd as jsonb: r, alpha, a, b, fitted and the diagnostics customers, weight, loglik, iterations, converged, excluded, se_r, se_alpha, se_a, se_b';
CREATE CAST (@extschema@.bgnbd AS jsonb) WITH FUNCTION @extschema@.bgnbd_to_jsonb(@extschema@.bgnbd);
COMMENT ON CAST (@extschema@.bgnbd AS jsonb) IS 'BG/NBD model as jsonb (keys r, alpha, a, b and the fit diagnostics)';

-- ---------------------------------------------------------------------------
-- the state: a histogram of distinct (frequency, recency, age) with weights
-- ---------------------------------------------------------------------------
CREATE TYPE @extschema@.bgnbd_hist;

CREATE FUNCTION @extschema@.bgnbd_hist_in(cstring) RETURNS @extschema@.bgnbd_hist
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.bgnbd_hist_out(@extschema@.bgnbd_hist) RETURNS cstring
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.bgnbd_hist_recv(internal) RETURNS @extschema@.bgnbd_hist
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.bgnbd_hist_send(@extschema@.bgnbd_hist) RETURNS bytea
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE TYPE @extschema@.bgnbd_hist (
    INPUT = @extschema@.bgnbd_hist_in,
    OUTPUT = @extschema@.bgnbd_hist_out,
    RECEIVE = @extschema@.bgnbd_hist_recv,
    SEND = @extschema@.bgnbd_hist_send,
    INTERNALLENGTH = VARIABLE,
    ALIGNMENT = double,
    STORAGE = extended
);
COMMENT ON TYPE @extschema@.bgnbd_hist IS
    'BG/NBD fit state: rows, excluded (weight 0) rows, total weight and the weight of each distinct (frequency, recency, age); mergeable, exact text round trip';
COMMENT ON FUNCTION @extschema@.bgnbd_hist_in(cstring) IS 'text input of ror.bgnbd_hist';
COMMENT ON FUNCTION @extschema@.bgnbd_hist_out(@extschema@.bgnbd_hist) IS 'text output of ror.bgnbd_hist (canonical: patterns sorted, shortest exact floats)';
COMMENT ON FUNCTION @extschema@.bgnbd_hist_recv(internal) IS 'binary input of ror.bgnbd_hist';
COMMENT ON FUNCTION @extschema@.bgnbd_hist_send(@extschema@.bgnbd_hist) IS 'binary output of ror.bgnbd_hist';

CREATE FUNCTION @extschema@.bgnbd_hist_eq(@extschema@.bgnbd_hist, @extschema@.bgnbd_hist) RETURNS boolean
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.bgnbd_hist_ne(@extschema@.bgnbd_hist, @extschema@.bgnbd_hist) RETURNS boolean
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE OPERATOR @extschema@.= (
    LEFTARG = @extschema@.bgnbd_hist, RIGHTARG = @extschema@.bgnbd_hist,
    FUNCTION = @extschema@.bgnbd_hist_eq,
    COMMUTATOR = OPERATOR(@extschema@.=), NEGATOR = OPERATOR(@extschema@.<>),
    RESTRICT = eqsel, JOIN = eqjoinsel,
    HASHES
);
CREATE OPERATOR @extschema@.<> (
    LEFTARG = @extschema@.bgnbd_hist, RIGHTARG = @extschema@.bgnbd_hist,
    FUNCTION = @extschema@.bgnbd_hist_ne,
    COMMUTATOR = OPERATOR(@extschema@.<>), NEGATOR = OPERATOR(@extschema@.=),
    RESTRICT = neqsel, JOIN = neqjoinsel
);
COMMENT ON FUNCTION @extschema@.bgnbd_hist_eq(@extschema@.bgnbd_hist, @extschema@.bgnbd_hist) IS 'true when two BG/NBD fit states are identical in canonical form, bit for bit';
COMMENT ON FUNCTION @extschema@.bgnbd_hist_ne(@extschema@.bgnbd_hist, @extschema@.bgnbd_hist) IS 'true when two BG/NBD fit states differ';
COMMENT ON OPERATOR @extschema@.= (@extschema@.bgnbd_hist, @extschema@.bgnbd_hist) IS 'identical BG/NBD fit states';
COMMENT ON OPERATOR @extschema@.<> (@extschema@.bgnbd_hist, @extschema@.bgnbd_hist) IS 'different BG/NBD fit states';
-- hashing, consistent with "=": GROUP BY, DISTINCT, UNION and hash joins on bgnbd_hist values
CREATE FUNCTION @extschema@.bgnbd_hist_hash(@extschema@.bgnbd_hist) RETURNS integer
    AS 'MODULE_PATHNAME', 'bgnbd_hist_hash' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.bgnbd_hist_hash(@extschema@.bgnbd_hist) IS 'hash of a bgnbd_hist value: equal values (by =) hash equal';
CREATE OPERATOR CLASS @extschema@.bgnbd_hist_hash_ops DEFAULT FOR TYPE @extschema@.bgnbd_hist USING hash AS
    OPERATOR 1 @extschema@.= (@extschema@.bgnbd_hist, @extschema@.bgnbd_hist),
    FUNCTION 1 @extschema@.bgnbd_hist_hash(@extschema@.bgnbd_hist);
COMMENT ON OPERATOR CLASS @extschema@.bgnbd_hist_hash_ops USING hash IS 'equality by hashing of BG/NBD fit states';

CREATE FUNCTION @extschema@.bgnbd_hist_accum(@extschema@.bgnbd_hist, double precision, double precision, double precision)
    RETURNS @extschema@.bgnbd_hist
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
CREATE FUNCTION @extschema@.bgnbd_hist_accum(@extschema@.bgnbd_hist, bigint, double precision, double precision)
    RETURNS @extschema@.bgnbd_hist
    AS 'MODULE_PATHNAME', 'bgnbd_hist_accum_int8' LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
CREATE FUNCTION @extschema@.bgnbd_hist_accum(@extschema@.bgnbd_hist, double precision, double precision, double precision, double precision)
    RETURNS @extschema@.bgnbd_hist
    AS 'MODULE_PATHNAME', 'bgnbd_hist_accum_weighted' LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
CREATE FUNCTION @extschema@.bgnbd_hist_accum(@extschema@.bgnbd_hist, bigint, double precision, double precision, double precision)
    RETURNS @extschema@.bgnbd_hist
    AS 'MODULE_PATHNAME', 'bgnbd_hist_accum_int8_weighted' LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
CREATE FUNCTION @extschema@.bgnbd_hist_combine(@extschema@.bgnbd_hist, @extschema@.bgnbd_hist)
    RETURNS @extschema@.bgnbd_hist
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
CREATE FUNCTION @extschema@.bgnbd_fit_final(@extschema@.bgnbd_hist) RETURNS @extschema@.bgnbd
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.bgnbd_hist_accum(@extschema@.bgnbd_hist, double precision, double precision, double precision) IS 'transition function of ror.bgnbd_fit: adds one customer (frequency, recency, age)';
COMMENT ON FUNCTION @extschema@.bgnbd_hist_accum(@extschema@.bgnbd_hist, bigint, double precision, double precision) IS 'transition function of ror.bgnbd_fit: adds one customer (integer frequency, recency, age)';
COMMENT ON FUNCTION @extschema@.bgnbd_hist_accum(@extschema@.bgnbd_hist, double precision, double precision, double precision, double precision) IS 'transition function of the weighted ror.bgnbd_fit: adds one customer with a weight';
COMMENT ON FUNCTION @extschema@.bgnbd_hist_accum(@extschema@.bgnbd_hist, bigint, double precision, double precision, double precision) IS 'transition function of the weighted ror.bgnbd_fit: adds one customer (integer frequency) with a weight';
COMMENT ON FUNCTION @extschema@.bgnbd_hist_combine(@extschema@.bgnbd_hist, @extschema@.bgnbd_hist) IS 'merges two BG/NBD fit states (combine function of every bgnbd aggregate)';
CREATE FUNCTION @extschema@.bgnbd_hist_final(@extschema@.bgnbd_hist) RETURNS @extschema@.bgnbd_hist
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.bgnbd_hist_final(@extschema@.bgnbd_hist) IS 'final function of ror.bgnbd_hist_agg: the state in canonical (sorted, compact) form';
COMMENT ON FUNCTION @extschema@.bgnbd_fit_final(@extschema@.bgnbd_hist) IS 'final function of ror.bgnbd_fit: maximum likelihood fit of the state; NULL when no row has weight';

CREATE AGGREGATE @extschema@.bgnbd_fit(frequency double precision, recency double precision, age double precision) (
    SFUNC = @extschema@.bgnbd_hist_accum, STYPE = @extschema@.bgnbd_hist,
    FINALFUNC = @extschema@.bgnbd_fit_final, COMBINEFUNC = @extschema@.bgnbd_hist_combine, PARALLEL = SAFE);
CREATE AGGREGATE @extschema@.bgnbd_fit(frequency bigint, recency double precision, age double precision) (
    SFUNC = @extschema@.bgnbd_hist_accum, STYPE = @extschema@.bgnbd_hist,
    FINALFUNC = @extschema@.bgnbd_fit_final, COMBINEFUNC = @extschema@.bgnbd_hist_combine, PARALLEL = SAFE);
CREATE AGGREGATE @extschema@.bgnbd_fit(frequency double precision, recency double precision, age double precision, weight double precision) (
    SFUNC = @extschema@.bgnbd_hist_accum, STYPE = @extschema@.bgnbd_hist,
    FINALFUNC = @extschema@.bgnbd_fit_final, COMBINEFUNC = @extschema@.bgnbd_hist_combine, PARALLEL = SAFE);
CREATE AGGREGATE @extschema@.bgnbd_fit(frequency bigint, recency double precision, age double precision, weight double precision) (
    SFUNC = @extschema@.bgnbd_hist_accum, STYPE = @extschema@.bgnbd_hist,
    FINALFUNC = @extschema@.bgnbd_fit_final, COMBINEFUNC = @extschema@.bgnbd_hist_combine, PARALLEL = SAFE);
CREATE AGGREGATE @extschema@.bgnbd_fit(state @extschema@.bgnbd_hist) (
    SFUNC = @extschema@.bgnbd_hist_combine, STYPE = @extschema@.bgnbd_hist,
    FINALFUNC = @extschema@.bgnbd_fit_final, COMBINEFUNC = @extschema@.bgnbd_hist_combine, PARALLEL = SAFE);
CREATE FUNCTION @extschema@.bgnbd_hist_accum(@extschema@.bgnbd_hist, @extschema@.rfm)
    RETURNS @extschema@.bgnbd_hist
    AS 'MODULE_PATHNAME', 'bgnbd_hist_accum_rfm' LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.bgnbd_hist_accum(@extschema@.bgnbd_hist, @extschema@.rfm) IS 'transition function of ror.bgnbd_fit(ror.rfm): adds one customer''s (frequency, recency, age)';
CREATE AGGREGATE @extschema@.bgnbd_fit(customer @extschema@.rfm) (
    SFUNC = @extschema@.bgnbd_hist_accum, STYPE = @extschema@.bgnbd_hist,
    FINALFUNC = @extschema@.bgnbd_fit_final, COMBINEFUNC = @extschema@.bgnbd_hist_combine, PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.bgnbd_fit(@extschema@.rfm) IS 'maximum likelihood BG/NBD fit of ror.rfm customer summaries (time in days)';
CREATE AGGREGATE @extschema@.bgnbd_hist_agg(frequency double precision, recency double precision, age double precision) (
    SFUNC = @extschema@.bgnbd_hist_accum, STYPE = @extschema@.bgnbd_hist,
    FINALFUNC = @extschema@.bgnbd_hist_final, COMBINEFUNC = @extschema@.bgnbd_hist_combine, PARALLEL = SAFE);
CREATE AGGREGATE @extschema@.bgnbd_hist_agg(frequency bigint, recency double precision, age double precision) (
    SFUNC = @extschema@.bgnbd_hist_accum, STYPE = @extschema@.bgnbd_hist,
    FINALFUNC = @extschema@.bgnbd_hist_final, COMBINEFUNC = @extschema@.bgnbd_hist_combine, PARALLEL = SAFE);
CREATE AGGREGATE @extschema@.bgnbd_hist_agg(frequency double precision, recency double precision, age double precision, weight double precision) (
    SFUNC = @extschema@.bgnbd_hist_accum, STYPE = @extschema@.bgnbd_hist,
    FINALFUNC = @extschema@.bgnbd_hist_final, COMBINEFUNC = @extschema@.bgnbd_hist_combine, PARALLEL = SAFE);
CREATE AGGREGATE @extschema@.bgnbd_hist_agg(frequency bigint, recency double precision, age double precision, weight double precision) (
    SFUNC = @extschema@.bgnbd_hist_accum, STYPE = @extschema@.bgnbd_hist,
    FINALFUNC = @extschema@.bgnbd_hist_final, COMBINEFUNC = @extschema@.bgnbd_hist_combine, PARALLEL = SAFE);
CREATE AGGREGATE @extschema@.bgnbd_hist_agg(state @extschema@.bgnbd_hist) (
    SFUNC = @extschema@.bgnbd_hist_combine, STYPE = @extschema@.bgnbd_hist,
    FINALFUNC = @extschema@.bgnbd_hist_final, COMBINEFUNC = @extschema@.bgnbd_hist_combine, PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.bgnbd_fit(double precision, double precision, double precision) IS 'maximum likelihood BG/NBD fit (Fader, Hardie & Lee 2005) of customers (frequency, recency, age), any time unit';
COMMENT ON AGGREGATE @extschema@.bgnbd_fit(bigint, double precision, double precision) IS 'maximum likelihood BG/NBD fit (Fader, Hardie & Lee 2005) of customers (frequency, recency, age), any time unit';
COMMENT ON AGGREGATE @extschema@.bgnbd_fit(double precision, double precision, double precision, double precision) IS 'weighted maximum likelihood BG/NBD fit: each customer counts weight times';
COMMENT ON AGGREGATE @extschema@.bgnbd_fit(bigint, double precision, double precision, double precision) IS 'weighted maximum likelihood BG/NBD fit: each customer counts weight times';
COMMENT ON AGGREGATE @extschema@.bgnbd_fit(@extschema@.bgnbd_hist) IS 'BG/NBD fit of stored fit states merged';
COMMENT ON AGGREGATE @extschema@.bgnbd_hist_agg(double precision, double precision, double precision) IS 'BG/NBD fit state (ror.bgnbd_hist) of customers (frequency, recency, age)';
COMMENT ON AGGREGATE @extschema@.bgnbd_hist_agg(bigint, double precision, double precision) IS 'BG/NBD fit state (ror.bgnbd_hist) of customers (frequency, recency, age)';
COMMENT ON AGGREGATE @extschema@.bgnbd_hist_agg(double precision, double precision, double precision, double precision) IS 'weighted BG/NBD fit state (ror.bgnbd_hist)';
COMMENT ON AGGREGATE @extschema@.bgnbd_hist_agg(bigint, double precision, double precision, double precision) IS 'weighted BG/NBD fit state (ror.bgnbd_hist)';
COMMENT ON AGGREGATE @extschema@.bgnbd_hist_agg(@extschema@.bgnbd_hist) IS 'merges (rolls up) stored BG/NBD fit states';

-- ---------------------------------------------------------------------------
-- predictions
-- ---------------------------------------------------------------------------
CREATE FUNCTION @extschema@.expected_purchases(m @extschema@.bgnbd, t double precision) RETURNS double precision
    AS 'MODULE_PATHNAME', 'bgnbd_expected_purchases' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.expected_purchases(@extschema@.bgnbd, double precision) IS
    'E[X(t)], purchases of a new customer in (0, t] (FHL 2005 eq. 9): (a+b-1)/(a-1) [1 - (alpha/(alpha+t))^r 2F1(r, b; a+b-1; t/(alpha+t))], its limit at a = 1';
CREATE FUNCTION @extschema@.expected_purchases(m @extschema@.bgnbd, t double precision, frequency double precision,
                                               recency double precision, age double precision) RETURNS double precision
    AS 'MODULE_PATHNAME', 'bgnbd_conditional_expected_purchases' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.expected_purchases(@extschema@.bgnbd, double precision, double precision, double precision, double precision) IS
    'E[Y(t) | x, t_x, T], purchases in the next t of a customer with frequency x, recency t_x and age T (FHL 2005 eq. 10)';
CREATE FUNCTION @extschema@.p_alive(m @extschema@.bgnbd, frequency double precision, recency double precision, age double precision)
    RETURNS double precision
    AS 'MODULE_PATHNAME', 'bgnbd_p_alive_sql' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.p_alive(@extschema@.bgnbd, double precision, double precision, double precision) IS
    'P(alive | x, t_x, T) = 1/(1 + [x>0] a/(b+x-1) ((alpha+T)/(alpha+t_x))^(r+x)) (FHL 2005 eq. 13); 1 when frequency = 0';
CREATE FUNCTION @extschema@.purchase_probability(m @extschema@.bgnbd, n integer, t double precision) RETURNS double precision
    AS 'MODULE_PATHNAME', 'bgnbd_purchase_probability' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.purchase_probability(@extschema@.bgnbd, integer, double precision) IS
    'P(X(t) = n), probability that a new customer makes n purchases in (0, t] (FHL 2005 eq. 8)';

CREATE FUNCTION @extschema@.bgnbd_simulate(m @extschema@.bgnbd, customers integer, min_age double precision,
                                           max_age double precision, seed integer)
    RETURNS TABLE (customer_id integer, frequency bigint, recency double precision, age double precision)
    AS 'MODULE_PATHNAME', 'bgnbd_simulate' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE ROWS 1000;
COMMENT ON FUNCTION @extschema@.bgnbd_simulate(@extschema@.bgnbd, integer, double precision, double precision, integer) IS
    'customers drawn from the BG/NBD process of m (age uniform on [min_age, max_age], lambda ~ gamma(r, alpha), p ~ beta(a, b)); deterministic for a seed (own xoshiro256** generator)';
