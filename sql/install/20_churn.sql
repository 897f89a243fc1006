-- ============================================================================
-- Churn and retention (loyalty): the ror.churn_summary type, the churn
-- aggregates for daterange and tstzrange, accessors and rate conversions.
-- Lifetime and period are always of the same range kind: there is no
-- overload that mixes daterange and tstzrange.
-- ============================================================================

CREATE TYPE @extschema@.churn_summary;

CREATE FUNCTION @extschema@.churn_summary_in(cstring) RETURNS @extschema@.churn_summary
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.churn_summary_out(@extschema@.churn_summary) RETURNS cstring
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.churn_summary_recv(internal) RETURNS @extschema@.churn_summary
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.churn_summary_send(@extschema@.churn_summary) RETURNS bytea
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE TYPE @extschema@.churn_summary (
    INPUT = @extschema@.churn_summary_in,
    OUTPUT = @extschema@.churn_summary_out,
    RECEIVE = @extschema@.churn_summary_recv,
    SEND = @extschema@.churn_summary_send,
    INTERNALLENGTH = 64,
    ALIGNMENT = double,
    STORAGE = plain
);
COMMENT ON TYPE @extschema@.churn_summary IS
    'churn summary for one period: customers at start, churned from start, new, churned new, customer time; mergeable state of the churn aggregates';
COMMENT ON FUNCTION @extschema@.churn_summary_in(cstring) IS 'text input of ror.churn_summary';
COMMENT ON FUNCTION @extschema@.churn_summary_out(@extschema@.churn_summary) IS 'text output of ror.churn_summary (ISO period bounds in UTC, exact customer time)';
COMMENT ON FUNCTION @extschema@.churn_summary_recv(internal) IS 'binary input of ror.churn_summary';
COMMENT ON FUNCTION @extschema@.churn_summary_send(@extschema@.churn_summary) IS 'binary output of ror.churn_summary';

-- equality: bit for bit, so s::text::ror.churn_summary = s tests the round trip
CREATE FUNCTION @extschema@.churn_summary_eq(@extschema@.churn_summary, @extschema@.churn_summary) RETURNS boolean
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.churn_summary_ne(@extschema@.churn_summary, @extschema@.churn_summary) RETURNS boolean
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE OPERATOR @extschema@.= (
    LEFTARG = @extschema@.churn_summary, RIGHTARG = @extschema@.churn_summary,
    FUNCTION = @extschema@.churn_summary_eq,
    COMMUTATOR = OPERATOR(@extschema@.=), NEGATOR = OPERATOR(@extschema@.<>),
    RESTRICT = eqsel, JOIN = eqjoinsel,
    HASHES
);
CREATE OPERATOR @extschema@.<> (
    LEFTARG = @extschema@.churn_summary, RIGHTARG = @extschema@.churn_summary,
    FUNCTION = @extschema@.churn_summary_ne,
    COMMUTATOR = OPERATOR(@extschema@.<>), NEGATOR = OPERATOR(@extschema@.=),
    RESTRICT = neqsel, JOIN = neqjoinsel
);
COMMENT ON FUNCTION @extschema@.churn_summary_eq(@extschema@.churn_summary, @extschema@.churn_summary) IS 'true when two churn summaries are identical bit for bit';
COMMENT ON FUNCTION @extschema@.churn_summary_ne(@extschema@.churn_summary, @extschema@.churn_summary) IS 'true when two churn summaries differ';
COMMENT ON OPERATOR @extschema@.= (@extschema@.churn_summary, @extschema@.churn_summary) IS 'identical churn summaries';
COMMENT ON OPERATOR @extschema@.<> (@extschema@.churn_summary, @extschema@.churn_summary) IS 'different churn summaries';
-- hashing, consistent with "=": GROUP BY, DISTINCT, UNION and hash joins on churn_summary values
CREATE FUNCTION @extschema@.churn_summary_hash(@extschema@.churn_summary) RETURNS integer
    AS 'MODULE_PATHNAME', 'churn_summary_hash' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.churn_summary_hash(@extschema@.churn_summary) IS 'hash of a churn_summary value: equal values (by =) hash equal';
CREATE OPERATOR CLASS @extschema@.churn_summary_hash_ops DEFAULT FOR TYPE @extschema@.churn_summary USING hash AS
    OPERATOR 1 @extschema@.= (@extschema@.churn_summary, @extschema@.churn_summary),
    FUNCTION 1 @extschema@.churn_summary_hash(@extschema@.churn_summary);
COMMENT ON OPERATOR CLASS @extschema@.churn_summary_hash_ops USING hash IS 'equality by hashing of churn summaries';

-- the test of the aggregates' fast range decoder against the range API (see churn_agg.c)
CREATE FUNCTION @extschema@._churn_range_decoders_agree(anyrange) RETURNS boolean
    AS 'MODULE_PATHNAME', 'churn_range_decoders_agree' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@._churn_range_decoders_agree(anyrange) IS 'internal, for the tests: whether the churn aggregates'' in-place decoder reads this daterange or tstzrange as the range API does (NULL when it leaves the value to the API)';

-- transition, combine and final functions
CREATE FUNCTION @extschema@.churn_accum(@extschema@.churn_summary, daterange, daterange) RETURNS @extschema@.churn_summary
    AS 'MODULE_PATHNAME', 'churn_accum_date' LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
CREATE FUNCTION @extschema@.churn_accum(@extschema@.churn_summary, tstzrange, tstzrange) RETURNS @extschema@.churn_summary
    AS 'MODULE_PATHNAME', 'churn_accum_tstz' LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
CREATE FUNCTION @extschema@.churn_accum(@extschema@.churn_summary, daterange, daterange, text) RETURNS @extschema@.churn_summary
    AS 'MODULE_PATHNAME', 'churn_accum_date_method' LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
CREATE FUNCTION @extschema@.churn_accum(@extschema@.churn_summary, tstzrange, tstzrange, text) RETURNS @extschema@.churn_summary
    AS 'MODULE_PATHNAME', 'churn_accum_tstz_method' LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
CREATE FUNCTION @extschema@.churn_combine(@extschema@.churn_summary, @extschema@.churn_summary) RETURNS @extschema@.churn_summary
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
CREATE FUNCTION @extschema@.churn_final_standard(@extschema@.churn_summary) RETURNS double precision
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.churn_final_method(@extschema@.churn_summary) RETURNS double precision
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.churn_accum(@extschema@.churn_summary, daterange, daterange) IS 'transition function of the daterange churn aggregates: counts one lifetime in the period';
COMMENT ON FUNCTION @extschema@.churn_accum(@extschema@.churn_summary, tstzrange, tstzrange) IS 'transition function of the tstzrange churn aggregates: counts one lifetime in the period';
COMMENT ON FUNCTION @extschema@.churn_accum(@extschema@.churn_summary, daterange, daterange, text) IS 'transition function of ror.churn_rate(daterange, daterange, method): counts one lifetime, records the method';
COMMENT ON FUNCTION @extschema@.churn_accum(@extschema@.churn_summary, tstzrange, tstzrange, text) IS 'transition function of ror.churn_rate(tstzrange, tstzrange, method): counts one lifetime, records the method';
COMMENT ON FUNCTION @extschema@.churn_combine(@extschema@.churn_summary, @extschema@.churn_summary) IS 'merges two churn summaries of the same period (combine function of every churn aggregate)';
COMMENT ON FUNCTION @extschema@.churn_final_standard(@extschema@.churn_summary) IS 'final function of ror.churn_rate(lifetime, period): standard churn';
COMMENT ON FUNCTION @extschema@.churn_final_method(@extschema@.churn_summary) IS 'final function of ror.churn_rate(lifetime, period, method): churn by the recorded method';

-- the aggregates
CREATE AGGREGATE @extschema@.churn_rate(lifetime daterange, period daterange) (
    SFUNC = @extschema@.churn_accum, STYPE = @extschema@.churn_summary,
    FINALFUNC = @extschema@.churn_final_standard, COMBINEFUNC = @extschema@.churn_combine,
    PARALLEL = SAFE
);
CREATE AGGREGATE @extschema@.churn_rate(lifetime tstzrange, period tstzrange) (
    SFUNC = @extschema@.churn_accum, STYPE = @extschema@.churn_summary,
    FINALFUNC = @extschema@.churn_final_standard, COMBINEFUNC = @extschema@.churn_combine,
    PARALLEL = SAFE
);
CREATE AGGREGATE @extschema@.churn_rate(lifetime daterange, period daterange, method text) (
    SFUNC = @extschema@.churn_accum, STYPE = @extschema@.churn_summary,
    FINALFUNC = @extschema@.churn_final_method, COMBINEFUNC = @extschema@.churn_combine,
    PARALLEL = SAFE
);
CREATE AGGREGATE @extschema@.churn_rate(lifetime tstzrange, period tstzrange, method text) (
    SFUNC = @extschema@.churn_accum, STYPE = @extschema@.churn_summary,
    FINALFUNC = @extschema@.churn_final_method, COMBINEFUNC = @extschema@.churn_combine,
    PARALLEL = SAFE
);
CREATE AGGREGATE @extschema@.churn_summary_agg(lifetime daterange, period daterange) (
    SFUNC = @extschema@.churn_accum, STYPE = @extschema@.churn_summary,
    COMBINEFUNC = @extschema@.churn_combine, PARALLEL = SAFE
);
CREATE AGGREGATE @extschema@.churn_summary_agg(lifetime tstzrange, period tstzrange) (
    SFUNC = @extschema@.churn_accum, STYPE = @extschema@.churn_summary,
    COMBINEFUNC = @extschema@.churn_combine, PARALLEL = SAFE
);
CREATE AGGREGATE @extschema@.churn_summary_agg(summary @extschema@.churn_summary) (
    SFUNC = @extschema@.churn_combine, STYPE = @extschema@.churn_summary,
    COMBINEFUNC = @extschema@.churn_combine, PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.churn_rate(daterange, daterange) IS 'standard churn rate of the period: churned_from_start / at_start (ChartMogul)';
COMMENT ON AGGREGATE @extschema@.churn_rate(tstzrange, tstzrange) IS 'standard churn rate of the period: churned_from_start / at_start (ChartMogul)';
COMMENT ON AGGREGATE @extschema@.churn_rate(daterange, daterange, text) IS 'churn rate of the period by method: standard, include_new (Stripe) or customer_days (Shopify)';
COMMENT ON AGGREGATE @extschema@.churn_rate(tstzrange, tstzrange, text) IS 'churn rate of the period by method: standard, include_new (Stripe) or customer_days (Shopify)';
COMMENT ON AGGREGATE @extschema@.churn_summary_agg(daterange, daterange) IS 'churn summary (ror.churn_summary) of customer lifetimes for a period';
COMMENT ON AGGREGATE @extschema@.churn_summary_agg(tstzrange, tstzrange) IS 'churn summary (ror.churn_summary) of customer lifetimes for a period';
COMMENT ON AGGREGATE @extschema@.churn_summary_agg(@extschema@.churn_summary) IS 'merges (rolls up) stored churn summaries of the same period';

-- accessors
CREATE FUNCTION @extschema@.churn_rate(summary @extschema@.churn_summary) RETURNS double precision
    AS 'MODULE_PATHNAME', 'churn_summary_rate' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.churn_rate(summary @extschema@.churn_summary, method text) RETURNS double precision
    AS 'MODULE_PATHNAME', 'churn_summary_rate_method' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.retention_rate(summary @extschema@.churn_summary) RETURNS double precision
    AS 'MODULE_PATHNAME', 'churn_summary_retention' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.at_start(summary @extschema@.churn_summary) RETURNS bigint
    AS 'MODULE_PATHNAME', 'churn_summary_at_start' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.churned_from_start(summary @extschema@.churn_summary) RETURNS bigint
    AS 'MODULE_PATHNAME', 'churn_summary_churned_from_start' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.new_customers(summary @extschema@.churn_summary) RETURNS bigint
    AS 'MODULE_PATHNAME', 'churn_summary_new' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.churned_new(summary @extschema@.churn_summary) RETURNS bigint
    AS 'MODULE_PATHNAME', 'churn_summary_churned_new' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.churned(summary @extschema@.churn_summary) RETURNS bigint
    AS 'MODULE_PATHNAME', 'churn_summary_churned' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.customer_days(summary @extschema@.churn_summary) RETURNS double precision
    AS 'MODULE_PATHNAME', 'churn_summary_customer_days' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.period_days(summary @extschema@.churn_summary) RETURNS double precision
    AS 'MODULE_PATHNAME', 'churn_summary_period_days' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.churn_rate(@extschema@.churn_summary) IS 'standard churn rate churned_from_start / at_start of a summary; NULL when at_start = 0';
COMMENT ON FUNCTION @extschema@.churn_rate(@extschema@.churn_summary, text) IS 'churn rate of a summary by method: standard, include_new, customer_days; NULL when the denominator is 0';
COMMENT ON FUNCTION @extschema@.retention_rate(@extschema@.churn_summary) IS 'retention 1 - standard churn: share of the customers at start still active at the end';
COMMENT ON FUNCTION @extschema@.at_start(@extschema@.churn_summary) IS 'customers at the start of the period (their lifetime contains the start)';
COMMENT ON FUNCTION @extschema@.churned_from_start(@extschema@.churn_summary) IS 'customers at start who churned in the period';
COMMENT ON FUNCTION @extschema@.new_customers(@extschema@.churn_summary) IS 'customers acquired inside the period (after its start)';
COMMENT ON FUNCTION @extschema@.churned_new(@extschema@.churn_summary) IS 'new customers who churned in the same period';
COMMENT ON FUNCTION @extschema@.churned(@extschema@.churn_summary) IS 'all customers who churned in the period: churned_from_start + churned_new';
COMMENT ON FUNCTION @extschema@.customer_days(@extschema@.churn_summary) IS 'customer-days: the lengths of lifetime intersect period, summed, in days of 24 hours';
COMMENT ON FUNCTION @extschema@.period_days(@extschema@.churn_summary) IS 'length of the period the summary was built for, in days of 24 hours';

-- rate conversions
CREATE FUNCTION @extschema@.annualize_rate(rate double precision, periods_per_year double precision DEFAULT 12) RETURNS double precision
    AS 'MODULE_PATHNAME', 'churn_annualize_rate' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.periodize_rate(annual double precision, periods_per_year double precision DEFAULT 12) RETURNS double precision
    AS 'MODULE_PATHNAME', 'churn_periodize_rate' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.annualize_rate(double precision, double precision) IS 'yearly churn from a periodic rate: 1 - (1 - rate)^periods_per_year';
COMMENT ON FUNCTION @extschema@.periodize_rate(double precision, double precision) IS 'periodic churn from a yearly rate: 1 - (1 - annual)^(1/periods_per_year), the inverse of annualize_rate';

-- non-contractual lifetimes
CREATE FUNCTION @extschema@.activity_lifetime(first timestamptz, last timestamptz, inactivity interval, as_of timestamptz) RETURNS tstzrange
    AS 'MODULE_PATHNAME', 'churn_activity_lifetime_tstz' LANGUAGE C STABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.activity_lifetime(first date, last date, inactivity_days integer, as_of date) RETURNS daterange
    AS 'MODULE_PATHNAME', 'churn_activity_lifetime_date' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.activity_lifetime(timestamptz, timestamptz, interval, timestamptz) IS 'lifetime of a non-contractual customer: [first, last + inactivity) if that end is <= as_of, else [first, infinity)';
COMMENT ON FUNCTION @extschema@.activity_lifetime(date, date, integer, date) IS 'lifetime of a non-contractual customer: [first, last + inactivity_days) if that end is <= as_of, else [first, infinity)';
