-- ============================================================================
-- CLV, RFM: per-customer (frequency, recency, age, monetary) summaries as the
-- CDNOW summary is derived, the input of the BG/NBD and Gamma-Gamma fits.
-- ============================================================================

CREATE TYPE @extschema@.rfm AS (
    frequency bigint,
    recency double precision,
    age double precision,
    monetary double precision
);
COMMENT ON TYPE @extschema@.rfm IS
    'RFM summary of one customer, time in days: frequency = purchase days - 1, recency = last - first day, age = observation end - first day, monetary = mean of the repeat days'' amounts';

-- the state: distinct purchase days with summed amounts, and the observation end
CREATE TYPE @extschema@.rfm_state;
CREATE FUNCTION @extschema@.rfm_state_in(cstring) RETURNS @extschema@.rfm_state
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.rfm_state_out(@extschema@.rfm_state) RETURNS cstring
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.rfm_state_recv(internal) RETURNS @extschema@.rfm_state
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.rfm_state_send(@extschema@.rfm_state) RETURNS bytea
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE TYPE @extschema@.rfm_state (
    INPUT = @extschema@.rfm_state_in,
    OUTPUT = @extschema@.rfm_state_out,
    RECEIVE = @extschema@.rfm_state_recv,
    SEND = @extschema@.rfm_state_send,
    INTERNALLENGTH = VARIABLE,
    ALIGNMENT = double,
    STORAGE = extended
);
COMMENT ON TYPE @extschema@.rfm_state IS
    'state of ror.rfm_agg: the observation end and the distinct purchase days on or before it with summed amounts; mergeable, exact text form';
COMMENT ON FUNCTION @extschema@.rfm_state_in(cstring) IS 'text input of ror.rfm_state';
COMMENT ON FUNCTION @extschema@.rfm_state_out(@extschema@.rfm_state) IS 'text output of ror.rfm_state (ISO dates, shortest exact amounts)';
COMMENT ON FUNCTION @extschema@.rfm_state_recv(internal) IS 'binary input of ror.rfm_state';
COMMENT ON FUNCTION @extschema@.rfm_state_send(@extschema@.rfm_state) IS 'binary output of ror.rfm_state';

CREATE FUNCTION @extschema@.rfm_state_eq(@extschema@.rfm_state, @extschema@.rfm_state) RETURNS boolean
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.rfm_state_ne(@extschema@.rfm_state, @extschema@.rfm_state) RETURNS boolean
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE OPERATOR @extschema@.= (
    LEFTARG = @extschema@.rfm_state, RIGHTARG = @extschema@.rfm_state,
    FUNCTION = @extschema@.rfm_state_eq,
    COMMUTATOR = OPERATOR(@extschema@.=), NEGATOR = OPERATOR(@extschema@.<>),
    RESTRICT = eqsel, JOIN = eqjoinsel,
    HASHES
);
CREATE OPERATOR @extschema@.<> (
    LEFTARG = @extschema@.rfm_state, RIGHTARG = @extschema@.rfm_state,
    FUNCTION = @extschema@.rfm_state_ne,
    COMMUTATOR = OPERATOR(@extschema@.<>), NEGATOR = OPERATOR(@extschema@.=),
    RESTRICT = neqsel, JOIN = neqjoinsel
);
COMMENT ON FUNCTION @extschema@.rfm_state_eq(@extschema@.rfm_state, @extschema@.rfm_state) IS 'true when two RFM states hold the same observation end, days and amounts, bit for bit';
COMMENT ON FUNCTION @extschema@.rfm_state_ne(@extschema@.rfm_state, @extschema@.rfm_state) IS 'true when two RFM states differ';
COMMENT ON OPERATOR @extschema@.= (@extschema@.rfm_state, @extschema@.rfm_state) IS 'identical RFM states';
COMMENT ON OPERATOR @extschema@.<> (@extschema@.rfm_state, @extschema@.rfm_state) IS 'different RFM states';
-- hashing, consistent with "=": GROUP BY, DISTINCT, UNION and hash joins on rfm_state values
CREATE FUNCTION @extschema@.rfm_state_hash(@extschema@.rfm_state) RETURNS integer
    AS 'MODULE_PATHNAME', 'rfm_state_hash' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.rfm_state_hash(@extschema@.rfm_state) IS 'hash of a rfm_state value: equal values (by =) hash equal';
CREATE OPERATOR CLASS @extschema@.rfm_state_hash_ops DEFAULT FOR TYPE @extschema@.rfm_state USING hash AS
    OPERATOR 1 @extschema@.= (@extschema@.rfm_state, @extschema@.rfm_state),
    FUNCTION 1 @extschema@.rfm_state_hash(@extschema@.rfm_state);
COMMENT ON OPERATOR CLASS @extschema@.rfm_state_hash_ops USING hash IS 'equality by hashing of RFM states';

CREATE FUNCTION @extschema@.rfm_accum(@extschema@.rfm_state, date, double precision, date)
    RETURNS @extschema@.rfm_state
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
-- STABLE: the day of a timestamptz depends on the session time zone
CREATE FUNCTION @extschema@.rfm_accum(@extschema@.rfm_state, timestamp with time zone, double precision, date)
    RETURNS @extschema@.rfm_state
    AS 'MODULE_PATHNAME', 'rfm_accum_tz' LANGUAGE C STABLE CALLED ON NULL INPUT PARALLEL SAFE;
CREATE FUNCTION @extschema@.rfm_combine(@extschema@.rfm_state, @extschema@.rfm_state)
    RETURNS @extschema@.rfm_state
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
CREATE FUNCTION @extschema@.rfm_state_final(@extschema@.rfm_state)
    RETURNS @extschema@.rfm_state
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.rfm_final(@extschema@.rfm_state)
    RETURNS @extschema@.rfm
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.rfm_accum(@extschema@.rfm_state, date, double precision, date) IS 'transition function of ror.rfm_agg(date, amount, observation_end)';
COMMENT ON FUNCTION @extschema@.rfm_accum(@extschema@.rfm_state, timestamp with time zone, double precision, date) IS 'transition function of ror.rfm_agg(timestamptz, amount, observation_end): the day in the session time zone';
COMMENT ON FUNCTION @extschema@.rfm_combine(@extschema@.rfm_state, @extschema@.rfm_state) IS 'merges two RFM states with the same observation end (combine function of the RFM aggregates)';
COMMENT ON FUNCTION @extschema@.rfm_state_final(@extschema@.rfm_state) IS 'final function of ror.rfm_state_agg: the state compacted';
COMMENT ON FUNCTION @extschema@.rfm_final(@extschema@.rfm_state) IS 'final function of ror.rfm_agg: frequency, recency, age, monetary of a state';

CREATE AGGREGATE @extschema@.rfm_agg(occurred_on date, amount double precision, observation_end date) (
    SFUNC = @extschema@.rfm_accum, STYPE = @extschema@.rfm_state,
    FINALFUNC = @extschema@.rfm_final, COMBINEFUNC = @extschema@.rfm_combine,
    PARALLEL = SAFE);
CREATE AGGREGATE @extschema@.rfm_agg(occurred_at timestamp with time zone, amount double precision, observation_end date) (
    SFUNC = @extschema@.rfm_accum, STYPE = @extschema@.rfm_state,
    FINALFUNC = @extschema@.rfm_final, COMBINEFUNC = @extschema@.rfm_combine,
    PARALLEL = SAFE);
CREATE AGGREGATE @extschema@.rfm_agg(state @extschema@.rfm_state) (
    SFUNC = @extschema@.rfm_combine, STYPE = @extschema@.rfm_state,
    FINALFUNC = @extschema@.rfm_final, COMBINEFUNC = @extschema@.rfm_combine,
    PARALLEL = SAFE);
CREATE AGGREGATE @extschema@.rfm_state_agg(occurred_on date, amount double precision, observation_end date) (
    SFUNC = @extschema@.rfm_accum, STYPE = @extschema@.rfm_state,
    FINALFUNC = @extschema@.rfm_state_final, COMBINEFUNC = @extschema@.rfm_combine,
    PARALLEL = SAFE);
CREATE AGGREGATE @extschema@.rfm_state_agg(occurred_at timestamp with time zone, amount double precision, observation_end date) (
    SFUNC = @extschema@.rfm_accum, STYPE = @extschema@.rfm_state,
    FINALFUNC = @extschema@.rfm_state_final, COMBINEFUNC = @extschema@.rfm_combine,
    PARALLEL = SAFE);
CREATE AGGREGATE @extschema@.rfm_state_agg(state @extschema@.rfm_state) (
    SFUNC = @extschema@.rfm_combine, STYPE = @extschema@.rfm_state,
    FINALFUNC = @extschema@.rfm_state_final, COMBINEFUNC = @extschema@.rfm_combine,
    PARALLEL = SAFE);
COMMENT ON AGGREGATE @extschema@.rfm_agg(date, double precision, date) IS
    'RFM summary of one customer''s purchases (days): frequency = purchase days - 1, recency = last - first day, age = observation_end - first day, monetary = mean of repeat days'' summed amounts; purchases after observation_end ignored';
COMMENT ON AGGREGATE @extschema@.rfm_agg(timestamp with time zone, double precision, date) IS
    'RFM summary of one customer''s purchases, grouped by day in the session time zone';
COMMENT ON AGGREGATE @extschema@.rfm_agg(@extschema@.rfm_state) IS 'RFM summary of stored RFM states merged';
COMMENT ON AGGREGATE @extschema@.rfm_state_agg(date, double precision, date) IS 'RFM state (ror.rfm_state) of one customer''s purchases';
COMMENT ON AGGREGATE @extschema@.rfm_state_agg(timestamp with time zone, double precision, date) IS 'RFM state (ror.rfm_state) of one customer''s purchases, days in the session time zone';
COMMENT ON AGGREGATE @extschema@.rfm_state_agg(@extschema@.rfm_state) IS 'merges (rolls up) stored RFM states';
