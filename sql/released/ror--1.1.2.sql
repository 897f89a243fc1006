-- ror: Return on Relationship metrics.  Assembled by the Makefile from
-- sql/install/*.sql, one piece per concern, in name order.
\echo Use "CREATE EXTENSION ror" to load this file. \quit
-- ============================================================================
-- NPS (advocacy): the ror.nps_summary type, its aggregates and accessors.
-- ============================================================================

CREATE TYPE @extschema@.nps_summary;

CREATE FUNCTION @extschema@.nps_summary_in(cstring) RETURNS @extschema@.nps_summary
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.nps_summary_out(@extschema@.nps_summary) RETURNS cstring
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.nps_summary_recv(internal) RETURNS @extschema@.nps_summary
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.nps_summary_send(@extschema@.nps_summary) RETURNS bytea
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

CREATE TYPE @extschema@.nps_summary (
    INPUT = @extschema@.nps_summary_in,
    OUTPUT = @extschema@.nps_summary_out,
    RECEIVE = @extschema@.nps_summary_recv,
    SEND = @extschema@.nps_summary_send,
    INTERNALLENGTH = 40,
    ALIGNMENT = double,
    STORAGE = plain
);
COMMENT ON TYPE @extschema@.nps_summary IS
    'NPS summary: responses and weight sums of promoters (9-10), passives (7-8), detractors (0-6) and of squared weights; mergeable state of the NPS aggregates';
COMMENT ON FUNCTION @extschema@.nps_summary_in(cstring) IS 'text input of ror.nps_summary';
COMMENT ON FUNCTION @extschema@.nps_summary_out(@extschema@.nps_summary) IS 'text output of ror.nps_summary (shortest exact floats)';
COMMENT ON FUNCTION @extschema@.nps_summary_recv(internal) IS 'binary input of ror.nps_summary';
COMMENT ON FUNCTION @extschema@.nps_summary_send(@extschema@.nps_summary) IS 'binary output of ror.nps_summary';

-- equality: bit for bit, so s::text::ror.nps_summary = s tests the round trip
CREATE FUNCTION @extschema@.nps_summary_eq(@extschema@.nps_summary, @extschema@.nps_summary) RETURNS boolean
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.nps_summary_ne(@extschema@.nps_summary, @extschema@.nps_summary) RETURNS boolean
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE OPERATOR @extschema@.= (
    LEFTARG = @extschema@.nps_summary, RIGHTARG = @extschema@.nps_summary,
    FUNCTION = @extschema@.nps_summary_eq,
    COMMUTATOR = OPERATOR(@extschema@.=), NEGATOR = OPERATOR(@extschema@.<>),
    RESTRICT = eqsel, JOIN = eqjoinsel,
    HASHES
);
CREATE OPERATOR @extschema@.<> (
    LEFTARG = @extschema@.nps_summary, RIGHTARG = @extschema@.nps_summary,
    FUNCTION = @extschema@.nps_summary_ne,
    COMMUTATOR = OPERATOR(@extschema@.<>), NEGATOR = OPERATOR(@extschema@.=),
    RESTRICT = neqsel, JOIN = neqjoinsel
);
COMMENT ON FUNCTION @extschema@.nps_summary_eq(@extschema@.nps_summary, @extschema@.nps_summary) IS 'true when two NPS summaries are identical bit for bit';
COMMENT ON FUNCTION @extschema@.nps_summary_ne(@extschema@.nps_summary, @extschema@.nps_summary) IS 'true when two NPS summaries differ';
COMMENT ON OPERATOR @extschema@.= (@extschema@.nps_summary, @extschema@.nps_summary) IS 'identical NPS summaries';
COMMENT ON OPERATOR @extschema@.<> (@extschema@.nps_summary, @extschema@.nps_summary) IS 'different NPS summaries';
-- hashing, consistent with "=": GROUP BY, DISTINCT, UNION and hash joins on nps_summary values
CREATE FUNCTION @extschema@.nps_summary_hash(@extschema@.nps_summary) RETURNS integer
    AS 'MODULE_PATHNAME', 'nps_summary_hash' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.nps_summary_hash(@extschema@.nps_summary) IS 'hash of a nps_summary value: equal values (by =) hash equal';
CREATE OPERATOR CLASS @extschema@.nps_summary_hash_ops DEFAULT FOR TYPE @extschema@.nps_summary USING hash AS
    OPERATOR 1 @extschema@.= (@extschema@.nps_summary, @extschema@.nps_summary),
    FUNCTION 1 @extschema@.nps_summary_hash(@extschema@.nps_summary);
COMMENT ON OPERATOR CLASS @extschema@.nps_summary_hash_ops USING hash IS 'equality by hashing of NPS summaries';

-- transition, inverse, combine and final functions
CREATE FUNCTION @extschema@.nps_accum(@extschema@.nps_summary, integer) RETURNS @extschema@.nps_summary
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
-- moving-aggregate mode starts from an empty summary (MINITCOND) and skips
-- NULLs by strictness, since its transition function may never return NULL
CREATE FUNCTION @extschema@.nps_moving_accum(@extschema@.nps_summary, integer) RETURNS @extschema@.nps_summary
    AS 'MODULE_PATHNAME', 'nps_accum' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.nps_retract(@extschema@.nps_summary, integer) RETURNS @extschema@.nps_summary
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.nps_accum_weighted(@extschema@.nps_summary, integer, double precision) RETURNS @extschema@.nps_summary
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
CREATE FUNCTION @extschema@.nps_combine(@extschema@.nps_summary, @extschema@.nps_summary) RETURNS @extschema@.nps_summary
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE CALLED ON NULL INPUT PARALLEL SAFE;
CREATE FUNCTION @extschema@.nps_final(@extschema@.nps_summary) RETURNS double precision
    AS 'MODULE_PATHNAME' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.nps_accum(@extschema@.nps_summary, integer) IS 'transition function of ror.nps_agg and ror.nps_summary_agg: adds one score';
COMMENT ON FUNCTION @extschema@.nps_moving_accum(@extschema@.nps_summary, integer) IS 'forward transition function of ror.nps_agg(integer) in moving windows: adds one score';
COMMENT ON FUNCTION @extschema@.nps_retract(@extschema@.nps_summary, integer) IS 'inverse transition function of ror.nps_agg(integer) in moving windows: removes one score';
COMMENT ON FUNCTION @extschema@.nps_accum_weighted(@extschema@.nps_summary, integer, double precision) IS 'transition function of the weighted NPS aggregates: adds one score with its weight';
COMMENT ON FUNCTION @extschema@.nps_combine(@extschema@.nps_summary, @extschema@.nps_summary) IS 'merges two NPS summaries (combine function of every NPS aggregate)';
COMMENT ON FUNCTION @extschema@.nps_final(@extschema@.nps_summary) IS 'final function of ror.nps_agg: the NPS of a summary';

-- the aggregates
CREATE AGGREGATE @extschema@.nps_agg(score integer) (
    SFUNC = @extschema@.nps_accum,
    STYPE = @extschema@.nps_summary,
    FINALFUNC = @extschema@.nps_final,
    COMBINEFUNC = @extschema@.nps_combine,
    MSFUNC = @extschema@.nps_moving_accum,
    MINVFUNC = @extschema@.nps_retract,
    MSTYPE = @extschema@.nps_summary,
    MINITCOND = '(responses=0,promoters=0,passives=0,detractors=0,sum_w2=0)',
    MFINALFUNC = @extschema@.nps_final,
    PARALLEL = SAFE
);
CREATE AGGREGATE @extschema@.nps_agg(score integer, weight double precision) (
    SFUNC = @extschema@.nps_accum_weighted,
    STYPE = @extschema@.nps_summary,
    FINALFUNC = @extschema@.nps_final,
    COMBINEFUNC = @extschema@.nps_combine,
    PARALLEL = SAFE
);
CREATE AGGREGATE @extschema@.nps_agg(summary @extschema@.nps_summary) (
    SFUNC = @extschema@.nps_combine,
    STYPE = @extschema@.nps_summary,
    FINALFUNC = @extschema@.nps_final,
    COMBINEFUNC = @extschema@.nps_combine,
    PARALLEL = SAFE
);
CREATE AGGREGATE @extschema@.nps_summary_agg(score integer) (
    SFUNC = @extschema@.nps_accum,
    STYPE = @extschema@.nps_summary,
    COMBINEFUNC = @extschema@.nps_combine,
    PARALLEL = SAFE
);
CREATE AGGREGATE @extschema@.nps_summary_agg(score integer, weight double precision) (
    SFUNC = @extschema@.nps_accum_weighted,
    STYPE = @extschema@.nps_summary,
    COMBINEFUNC = @extschema@.nps_combine,
    PARALLEL = SAFE
);
CREATE AGGREGATE @extschema@.nps_summary_agg(summary @extschema@.nps_summary) (
    SFUNC = @extschema@.nps_combine,
    STYPE = @extschema@.nps_summary,
    COMBINEFUNC = @extschema@.nps_combine,
    PARALLEL = SAFE
);
COMMENT ON AGGREGATE @extschema@.nps_agg(integer) IS 'Net Promoter Score 100*(P-D)/n of scores 0-10 (NULLs skipped; usable in moving windows)';
COMMENT ON AGGREGATE @extschema@.nps_agg(integer, double precision) IS 'weighted Net Promoter Score 100*(wP-wD)/sum w of scores 0-10 with survey weights';
COMMENT ON AGGREGATE @extschema@.nps_agg(@extschema@.nps_summary) IS 'Net Promoter Score of stored NPS summaries merged';
COMMENT ON AGGREGATE @extschema@.nps_summary_agg(integer) IS 'NPS summary (ror.nps_summary) of scores 0-10';
COMMENT ON AGGREGATE @extschema@.nps_summary_agg(integer, double precision) IS 'weighted NPS summary (ror.nps_summary) of scores 0-10';
COMMENT ON AGGREGATE @extschema@.nps_summary_agg(@extschema@.nps_summary) IS 'merges (rolls up) stored NPS summaries';

-- accessors
CREATE FUNCTION @extschema@.nps(summary @extschema@.nps_summary) RETURNS double precision
    AS 'MODULE_PATHNAME', 'nps_summary_nps' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.promoters(summary @extschema@.nps_summary) RETURNS double precision
    AS 'MODULE_PATHNAME', 'nps_summary_promoters' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.passives(summary @extschema@.nps_summary) RETURNS double precision
    AS 'MODULE_PATHNAME', 'nps_summary_passives' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.detractors(summary @extschema@.nps_summary) RETURNS double precision
    AS 'MODULE_PATHNAME', 'nps_summary_detractors' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.responses(summary @extschema@.nps_summary) RETURNS bigint
    AS 'MODULE_PATHNAME', 'nps_summary_responses' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.nps_effective_n(summary @extschema@.nps_summary) RETURNS double precision
    AS 'MODULE_PATHNAME', 'nps_summary_effective_n' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.nps_stderr(summary @extschema@.nps_summary) RETURNS double precision
    AS 'MODULE_PATHNAME', 'nps_summary_stderr' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.nps_ci(summary @extschema@.nps_summary, confidence double precision DEFAULT 0.95,
                                   OUT low double precision, OUT high double precision)
    AS 'MODULE_PATHNAME', 'nps_summary_ci' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.nps_diff_test(a @extschema@.nps_summary, b @extschema@.nps_summary) RETURNS double precision
    AS 'MODULE_PATHNAME', 'nps_summary_diff_test' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
CREATE FUNCTION @extschema@.nps_category(score integer) RETURNS text
    AS 'MODULE_PATHNAME', 'nps_category' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;

COMMENT ON FUNCTION @extschema@.nps(@extschema@.nps_summary) IS 'Net Promoter Score 100*(P-D)/n of a summary; NULL when it holds no weight';
COMMENT ON FUNCTION @extschema@.promoters(@extschema@.nps_summary) IS 'promoters (scores 9-10) of an NPS summary: their count, or their weight sum when weighted';
COMMENT ON FUNCTION @extschema@.passives(@extschema@.nps_summary) IS 'passives (scores 7-8) of an NPS summary: their count, or their weight sum when weighted';
COMMENT ON FUNCTION @extschema@.detractors(@extschema@.nps_summary) IS 'detractors (scores 0-6) of an NPS summary: their count, or their weight sum when weighted';
COMMENT ON FUNCTION @extschema@.responses(@extschema@.nps_summary) IS 'number of responses (rows) in an NPS summary';
COMMENT ON FUNCTION @extschema@.nps_effective_n(@extschema@.nps_summary) IS 'Kish effective sample size (sum w)^2/sum w^2 of an NPS summary; the count when unweighted';
COMMENT ON FUNCTION @extschema@.nps_stderr(@extschema@.nps_summary) IS 'standard error of the NPS: 100*sqrt((p+d-(p-d)^2)/n)';
COMMENT ON FUNCTION @extschema@.nps_ci(@extschema@.nps_summary, double precision) IS 'adjusted-Wald confidence interval of the NPS (Rocks 2016), clipped to [-100, 100]';
COMMENT ON FUNCTION @extschema@.nps_diff_test(@extschema@.nps_summary, @extschema@.nps_summary) IS 'two-sided p-value of the adjusted-Wald z-test that two independent NPS differ';
COMMENT ON FUNCTION @extschema@.nps_category(integer) IS 'NPS category of a score 0-10: promoter, passive or detractor';
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
-- ============================================================================
-- CLV, model-based: BG/NBD purchases times Gamma-Gamma spend, discounted.
-- ============================================================================
CREATE FUNCTION @extschema@.clv(bg @extschema@.bgnbd, gg @extschema@.gamma_gamma, frequency double precision,
                                recency double precision, age double precision, monetary double precision,
                                periods integer, discount_rate double precision, period_length double precision)
    RETURNS double precision
    AS 'MODULE_PATHNAME', 'bgnbd_clv' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.clv(@extschema@.bgnbd, @extschema@.gamma_gamma, double precision, double precision, double precision, double precision, integer, double precision, double precision) IS
    'customer lifetime value sum_{k=1..periods} E[M] (E[Y(kL)] - E[Y((k-1)L)]) / (1+d)^k: BG/NBD conditional purchases times Gamma-Gamma expected spend, L = period_length in the BG/NBD time unit (lifetimes customer_lifetime_value)';
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
-- ============================================================================
-- Sources and settings: the user binds their own tables (or views) to the four
-- kinds of source the report views read, and sets how periods, time zone and
-- as-of date are read.  Both are rows of configuration tables that pg_dump
-- keeps (pg_extension_config_dump).  Nothing here copies the user's data.
-- ============================================================================

-- The canonical columns of each kind, what types they accept, and whether a
-- binding needs them.  Part of the extension, not configuration.
CREATE TABLE @extschema@.source_column (
    kind      text NOT NULL,
    name      text NOT NULL,
    accepts   text NOT NULL CHECK (accepts IN ('id', 'time', 'label', 'number', 'integer')),
    required  boolean NOT NULL,
    position  int NOT NULL,
    PRIMARY KEY (kind, name)
);
COMMENT ON TABLE @extschema@.source_column IS
    'the canonical columns of each kind of source (customers, orders, responses, interactions), the types each accepts and whether a binding needs it';
COMMENT ON COLUMN @extschema@.source_column.kind IS 'kind of source';
COMMENT ON COLUMN @extschema@.source_column.name IS 'canonical column name, the key in ror.bind_source''s column mapping';
COMMENT ON COLUMN @extschema@.source_column.accepts IS
    'id: any type with = ; time: date, timestamp, timestamptz; label: text, varchar, char, enum; number: any numeric type; integer: smallint, integer, bigint';
COMMENT ON COLUMN @extschema@.source_column.required IS 'false for the optional columns (segment, acquisition_cost of customers)';
COMMENT ON COLUMN @extschema@.source_column.position IS 'order of the column in its kind';
INSERT INTO @extschema@.source_column VALUES
    ('customers', 'customer_id', 'id', true, 1),
    ('customers', 'acquired_at', 'time', true, 2),
    ('customers', 'churned_at', 'time', true, 3),
    ('customers', 'segment', 'label', false, 4),
    ('customers', 'acquisition_cost', 'number', false, 5),
    ('orders', 'customer_id', 'id', true, 1),
    ('orders', 'ordered_at', 'time', true, 2),
    ('orders', 'amount', 'number', true, 3),
    ('responses', 'customer_id', 'id', true, 1),
    ('responses', 'responded_at', 'time', true, 2),
    ('responses', 'score', 'integer', true, 3),
    ('interactions', 'customer_id', 'id', true, 1),
    ('interactions', 'occurred_at', 'time', true, 2),
    ('interactions', 'kind', 'label', true, 3);
GRANT SELECT ON @extschema@.source_column TO PUBLIC;

-- One row per bound kind.  The relation is a regclass (an OID: a renamed table
-- stays bound) and each mapped column is kept by number as well as by name, so
-- renaming a column keeps the binding too.
CREATE TABLE @extschema@.source_binding (
    kind      text PRIMARY KEY CHECK (kind IN ('customers', 'orders', 'responses', 'interactions')),
    relation  regclass NOT NULL,
    columns   jsonb NOT NULL,
    bound_at  timestamptz NOT NULL DEFAULT now()
);
COMMENT ON TABLE @extschema@.source_binding IS
    'the user''s tables bound as ror sources (ror.bind_source); read through the view ror.sources';
COMMENT ON COLUMN @extschema@.source_binding.kind IS 'kind of source: customers, orders, responses or interactions';
COMMENT ON COLUMN @extschema@.source_binding.relation IS 'the bound table or view';
COMMENT ON COLUMN @extschema@.source_binding.columns IS
    'canonical column name -> {"attnum": column number in the relation}; optional columns not bound are absent';
COMMENT ON COLUMN @extschema@.source_binding.bound_at IS 'when the binding was made';
SELECT pg_catalog.pg_extension_config_dump('@extschema@.source_binding', '');

CREATE TABLE @extschema@.setting_value (
    name   text PRIMARY KEY,
    value  text NOT NULL
);
COMMENT ON TABLE @extschema@.setting_value IS
    'settings changed from their defaults (ror.set_setting); read through the view ror.settings';
COMMENT ON COLUMN @extschema@.setting_value.name IS 'setting name';
COMMENT ON COLUMN @extschema@.setting_value.value IS 'its value, as given to ror.set_setting after validation';
SELECT pg_catalog.pg_extension_config_dump('@extschema@.setting_value', '');

CREATE TABLE @extschema@.setting_definition (
    name         text PRIMARY KEY,
    default_text text NOT NULL,
    description  text NOT NULL,
    position     int NOT NULL
);
COMMENT ON TABLE @extschema@.setting_definition IS 'the settings ror knows, their defaults and meaning';
COMMENT ON COLUMN @extschema@.setting_definition.name IS 'setting name';
COMMENT ON COLUMN @extschema@.setting_definition.default_text IS 'the default, as text';
COMMENT ON COLUMN @extschema@.setting_definition.description IS 'what the setting changes';
COMMENT ON COLUMN @extschema@.setting_definition.position IS 'display order';
INSERT INTO @extschema@.setting_definition VALUES
    ('time_zone', 'UTC', 'timestamptz values become local dates in this zone; period boundaries are local', 1),
    ('period', 'month', 'period of the report views: week (ISO, starting Monday), month or quarter', 2),
    ('as_of', '(today in time_zone)', 'everything is computed as of the end of this date; later rows are ignored', 3),
    ('inactivity_days', '(off)', 'when set, a customer with no churned_at whose last order is older than this many days counts as churned at last order + inactivity_days', 4),
    ('discount_rate', '0.01', 'discount rate per period, for CLV', 5),
    ('clv_periods', '12', 'horizon of the CLV, in periods', 6),
    ('score_window_days', '365', 'the ROR score''s window: advocacy, referral and engagement count the days (as_of - score_window_days, as_of]', 7),
    ('score_weights', '{1,1,1,1,1}', 'weights of the ROR score''s components: value, loyalty, advocacy, referral, engagement', 8);
GRANT SELECT ON @extschema@.setting_definition TO PUBLIC;

-- ---------------------------------------------------------------------------
-- Settings
-- ---------------------------------------------------------------------------

-- _unknown_setting(name): the error for a name ror.setting_definition lacks
CREATE FUNCTION @extschema@._unknown_setting(p_name text) RETURNS void
LANGUAGE plpgsql STABLE PARALLEL SAFE SET search_path = pg_catalog, pg_temp AS $$
BEGIN
    RAISE EXCEPTION 'unknown ror setting "%"', p_name
        USING ERRCODE = 'invalid_parameter_value',
              HINT = 'the settings are ' || (SELECT string_agg(d.name, ', ' ORDER BY d.position)
                                             FROM @extschema@.setting_definition d);
END $$;
COMMENT ON FUNCTION @extschema@._unknown_setting(text) IS 'internal: raises 22023 for an unknown setting, listing the known ones';

-- _check_setting(name, value): the value in its canonical text form, or an
-- ERROR 22023 naming the setting and what it accepts.
CREATE FUNCTION @extschema@._check_setting(p_name text, p_value text) RETURNS text
LANGUAGE plpgsql STABLE PARALLEL SAFE SET search_path = pg_catalog, pg_temp
    -- dates and floats become text in literals and stored settings: the same in every session
    SET DateStyle = 'ISO, YMD' SET extra_float_digits = 1 AS $$
DECLARE
    d date; i bigint; f float8; w float8[]; top bigint; why text;
BEGIN
    IF p_value IS NULL THEN
        RAISE EXCEPTION 'ror setting "%" cannot be NULL', p_name
            USING ERRCODE = 'invalid_parameter_value', HINT = 'ror.reset_setting(name) restores the default';
    END IF;
    CASE p_name
    WHEN 'time_zone' THEN
        BEGIN
            PERFORM now() AT TIME ZONE p_value;
        EXCEPTION WHEN invalid_parameter_value OR feature_not_supported THEN
            RAISE EXCEPTION 'invalid value for ror setting "time_zone": "%"', p_value
                USING ERRCODE = 'invalid_parameter_value',
                      HINT = 'expected a time zone PostgreSQL knows, such as UTC, Europe/Berlin or America/New_York (see pg_timezone_names)';
        END;
        RETURN p_value;
    WHEN 'period' THEN
        IF p_value NOT IN ('week', 'month', 'quarter') THEN
            RAISE EXCEPTION 'invalid value for ror setting "period": "%"', p_value
                USING ERRCODE = 'invalid_parameter_value', HINT = 'expected week, month or quarter';
        END IF;
        RETURN p_value;
    WHEN 'as_of' THEN
        BEGIN
            d := p_value::date;
        EXCEPTION WHEN OTHERS THEN
            d := NULL;
        END;
        IF d IS NULL OR NOT isfinite(d) OR p_value !~ '^\s*\d{4,}-\d{1,2}-\d{1,2}\s*$' THEN
            RAISE EXCEPTION 'invalid value for ror setting "as_of": "%"', p_value
                USING ERRCODE = 'invalid_parameter_value', HINT = 'expected a date as YYYY-MM-DD; ror.reset_setting(''as_of'') follows today again';
        END IF;
        RETURN d::text;
    WHEN 'inactivity_days', 'clv_periods', 'score_window_days' THEN
        BEGIN
            i := p_value::bigint;
        EXCEPTION WHEN OTHERS THEN
            i := NULL;
        END;
        IF p_name = 'clv_periods' THEN
            top := 1200; why := 'expected a whole number of periods from 1 to 1200';
        ELSIF p_name = 'score_window_days' THEN
            top := 36500; why := 'expected a whole number of days from 1 to 36500';
        ELSE
            top := 36500; why := 'expected a whole number of days from 1 to 36500; ror.reset_setting(''inactivity_days'') turns the rule off';
        END IF;
        IF i IS NULL OR i < 1 OR i > top THEN
            RAISE EXCEPTION 'invalid value for ror setting "%": "%"', p_name, p_value
                USING ERRCODE = 'invalid_parameter_value', HINT = why;
        END IF;
        RETURN i::text;
    WHEN 'discount_rate' THEN
        BEGIN
            f := p_value::float8;
        EXCEPTION WHEN OTHERS THEN
            f := NULL;
        END;
        IF f IS NULL OR f <> f OR f < 0 OR f >= 1 THEN
            RAISE EXCEPTION 'invalid value for ror setting "discount_rate": "%"', p_value
                USING ERRCODE = 'invalid_parameter_value', HINT = 'expected a rate per period, at least 0 and below 1, such as 0.01';
        END IF;
        RETURN (f + 0)::text;   -- -0 is 0
    WHEN 'score_weights' THEN
        BEGIN
            w := p_value::float8[];
        EXCEPTION WHEN OTHERS THEN
            w := NULL;
        END;
        IF w IS NULL OR array_ndims(w) IS DISTINCT FROM 1 OR cardinality(w) <> 5 OR array_position(w, NULL) IS NOT NULL
           OR EXISTS (SELECT 1 FROM unnest(w) x WHERE x < 0 OR x >= 'Infinity')   -- NaN sorts above Infinity
           OR NOT EXISTS (SELECT 1 FROM unnest(w) x WHERE x > 0) THEN
            RAISE EXCEPTION 'invalid value for ror setting "score_weights": "%"', p_value
                USING ERRCODE = 'invalid_parameter_value',
                      HINT = 'expected five finite weights, each at least 0 and not all 0, for value, loyalty, advocacy, referral and engagement, such as {1,1,1,1,1}';
        END IF;
        RETURN (SELECT array_agg(u.x + 0 ORDER BY u.n) FROM unnest(w) WITH ORDINALITY u(x, n))::text;
    ELSE
        PERFORM @extschema@._unknown_setting(p_name);
    END CASE;
END $$;
COMMENT ON FUNCTION @extschema@._check_setting(text, text) IS
    'internal: validates a setting value and returns its canonical text, or raises 22023';

CREATE FUNCTION @extschema@.set_setting(name text, value text) RETURNS text
LANGUAGE plpgsql VOLATILE SET search_path = pg_catalog, pg_temp AS $$
DECLARE v text := @extschema@._check_setting(name, value);
BEGIN
    INSERT INTO @extschema@.setting_value AS s VALUES (set_setting.name, v)
        ON CONFLICT ON CONSTRAINT setting_value_pkey DO UPDATE SET value = excluded.value;
    RETURN v;
END $$;
COMMENT ON FUNCTION @extschema@.set_setting(text, text) IS
    'changes a ror setting (see ror.settings) and returns the value stored; 22023 for an unknown setting or a value it does not accept';

CREATE FUNCTION @extschema@.reset_setting(name text) RETURNS void
LANGUAGE plpgsql VOLATILE SET search_path = pg_catalog, pg_temp AS $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM @extschema@.setting_definition d WHERE d.name = reset_setting.name) THEN
        PERFORM @extschema@._unknown_setting(reset_setting.name);
    END IF;
    DELETE FROM @extschema@.setting_value s WHERE s.name = reset_setting.name;
END $$;
COMMENT ON FUNCTION @extschema@.reset_setting(text) IS 'restores a ror setting to its default';

-- The effective settings as typed values: one row, read by every report.
CREATE FUNCTION @extschema@.current_settings(
    OUT time_zone text, OUT period text, OUT as_of date, OUT inactivity_days int,
    OUT discount_rate float8, OUT clv_periods int, OUT score_window_days int, OUT score_weights float8[])
LANGUAGE plpgsql STABLE PARALLEL SAFE SET search_path = pg_catalog, pg_temp
    -- dates and floats become text in literals and stored settings: the same in every session
    SET DateStyle = 'ISO, YMD' SET extra_float_digits = 1 AS $$
DECLARE r record;
BEGIN
    time_zone := 'UTC'; period := 'month'; as_of := NULL; inactivity_days := NULL;
    discount_rate := 0.01; clv_periods := 12; score_window_days := 365; score_weights := '{1,1,1,1,1}';
    FOR r IN SELECT s.name, s.value FROM @extschema@.setting_value s LOOP
        CASE r.name
        WHEN 'time_zone' THEN time_zone := r.value;
        WHEN 'period' THEN period := r.value;
        WHEN 'as_of' THEN as_of := r.value::date;
        WHEN 'inactivity_days' THEN inactivity_days := r.value::int;
        WHEN 'discount_rate' THEN discount_rate := r.value::float8;
        WHEN 'clv_periods' THEN clv_periods := r.value::int;
        WHEN 'score_window_days' THEN score_window_days := r.value::int;
        WHEN 'score_weights' THEN score_weights := r.value::float8[];
        ELSE NULL;
        END CASE;
    END LOOP;
    IF as_of IS NULL THEN
        as_of := (now() AT TIME ZONE time_zone)::date;
    END IF;
END $$;
COMMENT ON FUNCTION @extschema@.current_settings() IS
    'the effective settings, typed: time_zone, period, as_of (today in time_zone unless set), inactivity_days (NULL: off), discount_rate, clv_periods, score_window_days, score_weights';

CREATE VIEW @extschema@.settings WITH (security_invoker = true) AS
SELECT d.name,
       CASE d.name
           WHEN 'as_of' THEN coalesce(v.value, c.as_of::text)
           ELSE coalesce(v.value, CASE WHEN d.default_text LIKE '(%' THEN NULL ELSE d.default_text END)
       END AS value,
       d.default_text AS "default",
       d.description
FROM @extschema@.setting_definition d
LEFT JOIN @extschema@.setting_value v ON v.name = d.name
CROSS JOIN @extschema@.current_settings() c
ORDER BY d.position;
COMMENT ON VIEW @extschema@.settings IS 'ror''s settings: the value in force, the default and what each changes (ror.set_setting, ror.reset_setting)';
COMMENT ON COLUMN @extschema@.settings.name IS 'setting name';
COMMENT ON COLUMN @extschema@.settings.value IS 'the value in force (as_of: the date used now; inactivity_days NULL: off)';
COMMENT ON COLUMN @extschema@.settings."default" IS 'the default';
COMMENT ON COLUMN @extschema@.settings.description IS 'what the setting changes';
GRANT SELECT ON @extschema@.settings TO PUBLIC;
GRANT SELECT ON @extschema@.setting_value TO PUBLIC;
-- ============================================================================
-- Bindings: ror.bind_source / ror.unbind_source, the view ror.sources, the
-- guard against dropping what is bound, and _source_sql, which turns a binding
-- into the SELECT the reports read (identifiers quoted, never pasted).
-- ============================================================================

-- The base type of a type (a domain's underlying type), for type checks.
CREATE FUNCTION @extschema@._base_type(t oid) RETURNS oid
LANGUAGE sql STABLE PARALLEL SAFE SET search_path = pg_catalog, pg_temp AS $$
    WITH RECURSIVE d(oid, base, typtype) AS (
        SELECT ty.oid, ty.typbasetype, ty.typtype FROM pg_type ty WHERE ty.oid = t
        UNION ALL
        SELECT ty.oid, ty.typbasetype, ty.typtype FROM pg_type ty JOIN d ON ty.oid = d.base WHERE d.typtype = 'd')
    SELECT oid FROM d WHERE typtype <> 'd'
$$;
COMMENT ON FUNCTION @extschema@._base_type(oid) IS 'internal: the type under any domains';

-- Whether a column type is usable for what a canonical column accepts.
CREATE FUNCTION @extschema@._type_accepted(accepts text, t oid) RETURNS boolean
LANGUAGE sql STABLE PARALLEL SAFE SET search_path = pg_catalog, pg_temp AS $$
    SELECT CASE accepts
        -- equality the planner can hash or sort on (varchar: text's, by a binary cast)
        WHEN 'id' THEN EXISTS (SELECT 1 FROM pg_opclass c JOIN pg_am a ON a.oid = c.opcmethod
                               WHERE a.amname IN ('btree', 'hash') AND c.opcdefault
                                 AND (c.opcintype = b
                                      OR EXISTS (SELECT 1 FROM pg_cast k WHERE k.castsource = b
                                                 AND k.casttarget = c.opcintype AND k.castmethod = 'b')))
        WHEN 'time' THEN b IN ('date'::regtype, 'timestamp'::regtype, 'timestamptz'::regtype)
        WHEN 'label' THEN b IN ('text'::regtype, 'varchar'::regtype, 'bpchar'::regtype, 'name'::regtype)
                          OR EXISTS (SELECT 1 FROM pg_type e WHERE e.oid = b AND e.typtype = 'e')
        WHEN 'number' THEN b IN ('int2'::regtype, 'int4'::regtype, 'int8'::regtype, 'numeric'::regtype,
                                 'float4'::regtype, 'float8'::regtype)
        WHEN 'integer' THEN b IN ('int2'::regtype, 'int4'::regtype, 'int8'::regtype)
    END
    FROM (SELECT @extschema@._base_type(t) AS b) x
$$;
COMMENT ON FUNCTION @extschema@._type_accepted(text, oid) IS 'internal: whether a column type suits a canonical column';

CREATE FUNCTION @extschema@._accepts_text(accepts text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE
RETURN CASE accepts
        WHEN 'id' THEN 'a type with equality (bigint, integer, text, uuid, ...)'
        WHEN 'time' THEN 'date, timestamp or timestamptz'
        WHEN 'label' THEN 'text, varchar, char or an enum'
        WHEN 'number' THEN 'a numeric type (smallint, integer, bigint, numeric, real, double precision)'
        WHEN 'integer' THEN 'smallint, integer or bigint'
    END;
COMMENT ON FUNCTION @extschema@._accepts_text(text) IS 'internal: the types a canonical column accepts, in words';

-- _check_kind(kind): 22023 unless kind is one of ror.source_column's kinds
CREATE FUNCTION @extschema@._check_kind(kind text) RETURNS void
LANGUAGE plpgsql STABLE PARALLEL SAFE SET search_path = pg_catalog, pg_temp AS $$
BEGIN
    IF kind IS NULL OR NOT EXISTS (SELECT 1 FROM @extschema@.source_column s WHERE s.kind = _check_kind.kind) THEN
        RAISE EXCEPTION 'unknown kind of ror source: %', coalesce('"' || kind || '"', 'NULL')
            USING ERRCODE = 'invalid_parameter_value', HINT = 'the kinds are customers, orders, responses, interactions';
    END IF;
END $$;
COMMENT ON FUNCTION @extschema@._check_kind(text) IS 'internal: raises 22023 for an unknown kind of source';

CREATE FUNCTION @extschema@.bind_source(kind text, relation regclass, columns jsonb DEFAULT '{}')
RETURNS void
LANGUAGE plpgsql VOLATILE SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    c record; k text; user_col text; att record; mapping jsonb := '{}'; id_type oid; other record;
BEGIN
    PERFORM @extschema@._check_kind(kind);
    IF relation IS NULL THEN
        RAISE EXCEPTION 'ror.bind_source(''%'', NULL): the relation to bind is NULL', kind
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    IF NOT EXISTS (SELECT 1 FROM pg_class r WHERE r.oid = relation AND r.relkind IN ('r', 'p', 'v', 'm', 'f')) THEN
        RAISE EXCEPTION '% cannot be bound as the % source: it is not a table or view', relation, kind
            USING ERRCODE = 'wrong_object_type';
    END IF;
    columns := coalesce(columns, '{}');
    IF jsonb_typeof(columns) <> 'object' THEN
        RAISE EXCEPTION 'the column mapping of ror.bind_source must be a JSON object, not %', columns
            USING ERRCODE = 'invalid_parameter_value',
                  HINT = 'e.g. {"customer_id": "buyer", "ordered_at": "created"}: canonical name -> your column';
    END IF;
    FOR k IN SELECT jsonb_object_keys(columns) LOOP
        IF NOT EXISTS (SELECT 1 FROM @extschema@.source_column s WHERE s.kind = bind_source.kind AND s.name = k) THEN
            RAISE EXCEPTION 'unknown column "%" in the mapping of the % source', k, kind
                USING ERRCODE = 'invalid_parameter_value',
                      HINT = 'its columns are ' || (SELECT string_agg(s.name, ', ' ORDER BY s.position)
                                                    FROM @extschema@.source_column s WHERE s.kind = bind_source.kind);
        END IF;
        IF jsonb_typeof(columns -> k) <> 'string' THEN
            RAISE EXCEPTION 'the mapping of "%" must name a column of % as a string, not %', k, relation, columns -> k
                USING ERRCODE = 'invalid_parameter_value';
        END IF;
    END LOOP;
    FOR c IN SELECT * FROM @extschema@.source_column s WHERE s.kind = bind_source.kind ORDER BY s.position LOOP
        user_col := coalesce(columns ->> c.name, c.name);
        SELECT a.attnum, a.atttypid INTO att FROM pg_attribute a
        WHERE a.attrelid = relation AND a.attname = user_col AND a.attnum > 0 AND NOT a.attisdropped;
        IF NOT FOUND THEN
            IF NOT c.required AND NOT columns ? c.name THEN
                CONTINUE;       -- optional and not there: left unbound
            END IF;
            RAISE EXCEPTION 'column "%" of relation % does not exist', user_col, relation
                USING ERRCODE = 'undefined_column',
                      HINT = format('the %s source needs a column for %s; map it with ror.bind_source(%L, %L, ''{"%s": "your_column"}'')',
                                    kind, c.name, kind, relation::text, c.name);
        END IF;
        IF NOT @extschema@._type_accepted(c.accepts, att.atttypid) THEN
            RAISE EXCEPTION 'column "%" of relation % has type %, which cannot serve as % of the % source',
                            user_col, relation, format_type(att.atttypid, NULL), c.name, kind
                USING ERRCODE = 'datatype_mismatch', HINT = c.name || ' accepts ' || @extschema@._accepts_text(c.accepts);
        END IF;
        IF c.name = 'customer_id' THEN id_type := att.atttypid; END IF;
        mapping := mapping || jsonb_build_object(c.name, jsonb_build_object('attnum', att.attnum));
    END LOOP;
    -- every bound source must name customers the same way, or the reports cannot join them
    FOR other IN
        SELECT b.kind, b.relation, a.atttypid FROM @extschema@.source_binding b
        JOIN pg_attribute a ON a.attrelid = b.relation AND a.attnum = (b.columns -> 'customer_id' ->> 'attnum')::int2
        WHERE b.kind <> bind_source.kind
    LOOP
        IF @extschema@._base_type(other.atttypid) <> @extschema@._base_type(id_type) THEN
            RAISE EXCEPTION 'customer_id of % is %, but the % source (%) has %',
                            relation, format_type(id_type, NULL), other.kind, other.relation, format_type(other.atttypid, NULL)
                USING ERRCODE = 'datatype_mismatch',
                      HINT = 'every bound source must use one type for customer_id; bind a view that casts it';
        END IF;
    END LOOP;
    INSERT INTO @extschema@.source_binding AS b (kind, relation, columns) VALUES (kind, relation, mapping)
        ON CONFLICT ON CONSTRAINT source_binding_pkey
        DO UPDATE SET relation = excluded.relation, columns = excluded.columns, bound_at = now();
END $$;
COMMENT ON FUNCTION @extschema@.bind_source(text, regclass, jsonb) IS
    'binds a table or view as a ror source (customers, orders, responses, interactions); columns maps canonical names to its columns (default: the same names); rebinding a kind replaces it';

CREATE FUNCTION @extschema@.unbind_source(kind text) RETURNS boolean
LANGUAGE plpgsql VOLATILE SET search_path = pg_catalog, pg_temp AS $$
BEGIN
    PERFORM @extschema@._check_kind(kind);
    DELETE FROM @extschema@.source_binding b WHERE b.kind = unbind_source.kind;
    RETURN FOUND;
END $$;
COMMENT ON FUNCTION @extschema@.unbind_source(text) IS
    'removes the binding of a kind of source (true if there was one); the views that read it become empty';

CREATE VIEW @extschema@.sources WITH (security_invoker = true) AS
SELECT b.kind, b.relation,
       (SELECT jsonb_object_agg(s.name, a.attname ORDER BY s.position)
        FROM @extschema@.source_column s
        JOIN pg_catalog.pg_attribute a ON a.attrelid = b.relation
             AND a.attnum = (b.columns -> s.name ->> 'attnum')::int2 AND NOT a.attisdropped
        WHERE s.kind = b.kind) AS column_mapping,
       b.bound_at
FROM @extschema@.source_binding b
JOIN @extschema@.source_column k ON k.kind = b.kind AND k.position = 1
ORDER BY CASE b.kind WHEN 'customers' THEN 1 WHEN 'orders' THEN 2 WHEN 'responses' THEN 3 ELSE 4 END;
COMMENT ON VIEW @extschema@.sources IS 'the bound sources: kind, relation and the column each canonical name reads';
COMMENT ON COLUMN @extschema@.sources.kind IS 'kind of source: customers, orders, responses or interactions';
COMMENT ON COLUMN @extschema@.sources.relation IS 'the bound table or view';
COMMENT ON COLUMN @extschema@.sources.column_mapping IS 'canonical column name -> the column of the relation it reads (now, after any renames)';
COMMENT ON COLUMN @extschema@.sources.bound_at IS 'when the binding was made';
GRANT SELECT ON @extschema@.sources TO PUBLIC;
GRANT SELECT ON @extschema@.source_binding TO PUBLIC;

-- Dropping a bound relation, or a bound column of it, is refused: the reports
-- would lose a source silently.  DROP EXTENSION and DROP SCHEMA ror pass.
-- The trigger runs as whoever drops anything in the database (it is not
-- SECURITY DEFINER): a role that cannot read the bindings (no USAGE on the
-- schema, no SELECT on the table) drops unhindered, and if it dropped a bound
-- relation the views say so (ror.data_issues, _source_broken).
CREATE FUNCTION @extschema@._guard_bound_drop() RETURNS event_trigger
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
DECLARE hit record;
BEGIN
    -- one test per statement: PL/pgSQL parses a statement (and looks up the
    -- names in it, needing USAGE) only when it reaches it
    IF NOT has_schema_privilege('@extschema@', 'USAGE') THEN
        RETURN;
    END IF;
    IF to_regclass('@extschema@.source_binding') IS NULL THEN
        RETURN;
    END IF;
    IF NOT has_table_privilege('@extschema@.source_binding', 'SELECT')
       OR EXISTS (SELECT 1 FROM pg_event_trigger_dropped_objects() o
                  WHERE o.classid = 'pg_class'::regclass AND o.objid = '@extschema@.source_binding'::regclass) THEN
        RETURN;
    END IF;
    SELECT b.kind, o.object_identity, o.objsubid INTO hit
    FROM pg_event_trigger_dropped_objects() o
    JOIN @extschema@.source_binding b ON o.classid = 'pg_class'::regclass AND o.objid = b.relation::oid
    WHERE o.objsubid = 0
       OR o.objsubid IN (SELECT (v ->> 'attnum')::int FROM jsonb_each(b.columns) AS e(k, v))
    LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION '% is bound as the ror % source', hit.object_identity, hit.kind
            USING ERRCODE = 'dependent_objects_still_exist',
                  HINT = format('unbind it first: SELECT ror.unbind_source(%L)', hit.kind);
    END IF;
END $$;
COMMENT ON FUNCTION @extschema@._guard_bound_drop() IS 'internal: refuses to drop a relation or column bound as a ror source';
CREATE EVENT TRIGGER ror_guard_bound_drop ON sql_drop EXECUTE FUNCTION @extschema@._guard_bound_drop();

-- _source_broken(kind, id type): why the binding of kind can no longer be
-- read (its relation or a column is gone, a column changed to a type it does
-- not accept, customer_id's type differs from the other sources'), or NULL
-- when it can be read or is not bound
CREATE FUNCTION @extschema@._source_broken(p_kind text, p_id_type text) RETURNS text
LANGUAGE plpgsql STABLE PARALLEL SAFE SET search_path = pg_catalog, pg_temp AS $$
DECLARE b record; c record; a record;
BEGIN
    SELECT * INTO b FROM @extschema@.source_binding sb WHERE sb.kind = p_kind;
    IF NOT FOUND THEN
        RETURN NULL;
    END IF;
    IF NOT EXISTS (SELECT 1 FROM pg_class r WHERE r.oid = b.relation) THEN
        RETURN format('the bound relation (oid %s) no longer exists: bind the %s source again', b.relation::oid, p_kind);
    END IF;
    FOR c IN SELECT * FROM @extschema@.source_column s WHERE s.kind = p_kind AND b.columns ? s.name ORDER BY s.position LOOP
        SELECT att.attname, att.atttypid INTO a FROM pg_attribute att
        WHERE att.attrelid = b.relation AND att.attnum = (b.columns -> c.name ->> 'attnum')::int2 AND NOT att.attisdropped;
        IF NOT FOUND THEN
            RETURN format('column %s of %s is gone: bind the %s source again', c.name, b.relation, p_kind);
        END IF;
        IF NOT @extschema@._type_accepted(c.accepts, a.atttypid) THEN
            RETURN format('column %I of %s now has type %s, which %s does not accept: bind the %s source again',
                          a.attname, b.relation, format_type(a.atttypid, NULL), c.name, p_kind);
        END IF;
        IF c.accepts = 'id' AND @extschema@._type_name(@extschema@._base_type(a.atttypid)) <> p_id_type THEN
            RETURN format('customer_id of %s is now %s, but the other sources use %s: bind the %s source again',
                          b.relation, format_type(a.atttypid, NULL), p_id_type, p_kind);
        END IF;
    END LOOP;
    RETURN NULL;
END $$;
COMMENT ON FUNCTION @extschema@._source_broken(text, text) IS
    'internal: why a binding can no longer be read, or NULL when it can (or is not bound)';

-- numeric::float8 for the report views: the same double, about eight times
-- faster, and NULL where the cast raises (a value outside float8's range), so
-- that such a row is counted in ror.data_issues instead of breaking the views
CREATE FUNCTION @extschema@._numeric_float8(numeric) RETURNS float8
    AS 'MODULE_PATHNAME', 'ror_numeric_float8' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@._numeric_float8(numeric) IS
    'internal: numeric::float8 (the same double), NULL where that cast raises: the value is out of float8''s range';

-- (ts AT TIME ZONE zone)::date for the report views: the same date, with the
-- zone looked up once per query instead of once per row
CREATE FUNCTION @extschema@._local_date(timestamptz, text) RETURNS date
    AS 'MODULE_PATHNAME', 'ror_local_date' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@._local_date(timestamptz, text) IS
    'internal: (ts AT TIME ZONE zone)::date, the zone looked up once per query';

-- _source_sql(kind, settings): a SELECT of the bound relation with the
-- canonical columns, times as local dates, plus a `problem` column (NULL for a
-- usable row, else why the reports leave it out).  An unbound kind, or a
-- broken binding (_source_broken), gives no rows (and for a broken binding
-- one row naming the problem, for ror.data_issues).
CREATE FUNCTION @extschema@._source_sql(p_kind text, p_time_zone text, p_id_type text)
RETURNS text
LANGUAGE plpgsql STABLE PARALLEL SAFE SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    b record; c record; a record; expr jsonb := '{}'; e text; sel text; problem text;
    broken text := @extschema@._source_broken(p_kind, p_id_type);
    id text := 'NULL::' || p_id_type; bound boolean;
    -- the problem checks read the raw columns: a conversion to a local date
    -- costs more than the check, and would run once per check.  A numeric becomes
    -- float8 by ror._numeric_float8, cheap, and NULL out of float8's range
    -- (numeric::float8 raises there): fin is then NULL, and rng tells the
    -- two apart (only for the rows that fail)
    raw jsonb := '{}'; fin jsonb := '{}'; rng jsonb := '{}'; is_numeric boolean;
BEGIN
    SELECT * INTO b FROM @extschema@.source_binding sb WHERE sb.kind = p_kind;
    bound := FOUND;
    IF bound AND broken IS NULL THEN
        FOR c IN SELECT * FROM @extschema@.source_column s WHERE s.kind = p_kind ORDER BY s.position LOOP
            IF NOT b.columns ? c.name THEN
                -- an optional column left unbound: a typed NULL
                expr := expr || jsonb_build_object(c.name, CASE c.accepts WHEN 'label' THEN 'NULL::text'
                                                                          WHEN 'number' THEN 'NULL::float8' END);
                raw := raw || jsonb_build_object(c.name, 'NULL');
                fin := fin || jsonb_build_object(c.name, 'true');
                rng := rng || jsonb_build_object(c.name, 'true');
                CONTINUE;
            END IF;
            -- there, and of an accepted type: _source_broken said so
            SELECT att.attname, att.atttypid INTO a FROM pg_attribute att
            WHERE att.attrelid = b.relation AND att.attnum = (b.columns -> c.name ->> 'attnum')::int2 AND NOT att.attisdropped;
            e := format('s.%I', a.attname);
            is_numeric := c.accepts = 'number' AND @extschema@._base_type(a.atttypid) = 'numeric'::regtype;
            raw := raw || jsonb_build_object(c.name, e);
            fin := fin || jsonb_build_object(c.name, CASE
                WHEN c.accepts = 'time' THEN format('isfinite(%s)', e)
                WHEN is_numeric THEN format('@extschema@._numeric_float8(%s) NOT IN (''NaN'', ''Infinity'', ''-Infinity'')', e)
                WHEN @extschema@._base_type(a.atttypid) IN ('float4'::regtype, 'float8'::regtype)
                THEN format('%s NOT IN (''NaN'', ''Infinity'', ''-Infinity'')', e)
                ELSE 'true' END);
            rng := rng || jsonb_build_object(c.name, CASE
                WHEN is_numeric THEN format('@extschema@._numeric_float8(%s) IS NOT NULL', e) ELSE 'true' END);
            IF c.accepts = 'time' THEN
                e := CASE @extschema@._base_type(a.atttypid)
                    WHEN 'timestamptz'::regtype THEN format('@extschema@._local_date(%s, %L)', e, p_time_zone)
                    WHEN 'timestamp'::regtype THEN format('(%s)::date', e)
                    ELSE format('(%s)::date', e) END;
            ELSIF c.accepts = 'label' THEN
                e := format('(%s)::text', e);
            ELSIF is_numeric THEN
                e := format('@extschema@._numeric_float8(%s)', e);
            ELSIF c.accepts IN ('number', 'integer') THEN
                e := format('(%s)::float8', e);
            END IF;     -- ids as they are: the bindings agree on their base type
            expr := expr || jsonb_build_object(c.name, e);
        END LOOP;
    END IF;
    IF NOT bound OR broken IS NOT NULL THEN
        -- no rows of the right shape; a broken binding says why in one row
        sel := CASE p_kind
            WHEN 'customers' THEN format('SELECT %s AS customer_id, NULL::date AS acquired_on, NULL::date AS churned_on, NULL::text AS segment, NULL::float8 AS acquisition_cost', id)
            WHEN 'orders' THEN format('SELECT %s AS customer_id, NULL::date AS ordered_on, NULL::float8 AS amount', id)
            WHEN 'responses' THEN format('SELECT %s AS customer_id, NULL::date AS responded_on, NULL::float8 AS score', id)
            ELSE format('SELECT %s AS customer_id, NULL::date AS occurred_on, NULL::text AS kind', id)
        END;
        RETURN sel || format(', %L::text AS problem WHERE %s', broken, CASE WHEN broken IS NULL THEN 'false' ELSE 'true' END);
    END IF;
    -- why a row is left out, in the order the checks are listed in ror.data_issues
    problem := CASE p_kind
        WHEN 'customers' THEN format($f$CASE
            WHEN %1$s IS NULL THEN 'customer_id is NULL'
            WHEN %2$s IS NULL THEN 'acquired_at is NULL'
            WHEN NOT %3$s THEN 'acquired_at is infinite'
            WHEN %4$s IS NOT NULL AND NOT %5$s THEN 'churned_at is infinite'
            WHEN %4$s IS NOT NULL AND %6$s < %7$s THEN 'churned before acquired'
            WHEN %8$s IS NOT NULL AND (%8$s < 0 OR NOT coalesce(%9$s, false))
            THEN CASE WHEN %10$s THEN 'acquisition_cost is negative or not finite'
                      ELSE 'acquisition_cost is out of range for float8' END
            END$f$, raw ->> 'customer_id', raw ->> 'acquired_at', fin ->> 'acquired_at', raw ->> 'churned_at',
            fin ->> 'churned_at', expr ->> 'churned_at', expr ->> 'acquired_at', raw ->> 'acquisition_cost',
            fin ->> 'acquisition_cost', rng ->> 'acquisition_cost')
        WHEN 'orders' THEN format($f$CASE
            WHEN %1$s IS NULL THEN 'customer_id is NULL'
            WHEN %2$s IS NULL THEN 'ordered_at is NULL'
            WHEN NOT %3$s THEN 'ordered_at is infinite'
            WHEN %4$s IS NULL THEN 'amount is NULL'
            -- a negative amount is a refund: kept, summed per day as ror.rfm_agg does
            WHEN NOT coalesce(%5$s, false)
            THEN CASE WHEN %6$s THEN 'amount is not finite' ELSE 'amount is out of range for float8' END
            END$f$, raw ->> 'customer_id', raw ->> 'ordered_at', fin ->> 'ordered_at', raw ->> 'amount', fin ->> 'amount',
            rng ->> 'amount')
        WHEN 'responses' THEN format($f$CASE
            WHEN %1$s IS NULL THEN 'customer_id is NULL'
            WHEN %2$s IS NULL THEN 'responded_at is NULL'
            WHEN NOT %3$s THEN 'responded_at is infinite'
            WHEN %4$s IS NULL THEN 'score is NULL'
            WHEN %4$s NOT BETWEEN 0 AND 10 THEN 'score outside 0-10'
            END$f$, raw ->> 'customer_id', raw ->> 'responded_at', fin ->> 'responded_at', raw ->> 'score')
        ELSE format($f$CASE
            WHEN %1$s IS NULL THEN 'customer_id is NULL'
            WHEN %2$s IS NULL THEN 'occurred_at is NULL'
            WHEN NOT %3$s THEN 'occurred_at is infinite'
            WHEN %4$s IS NULL THEN 'kind is NULL'
            END$f$, raw ->> 'customer_id', raw ->> 'occurred_at', fin ->> 'occurred_at', raw ->> 'kind')
    END;
    sel := CASE p_kind
        WHEN 'customers' THEN format('SELECT %s AS customer_id, %s AS acquired_on, %s AS churned_on, %s AS segment, %s AS acquisition_cost',
                                     expr ->> 'customer_id', expr ->> 'acquired_at', expr ->> 'churned_at', expr ->> 'segment', expr ->> 'acquisition_cost')
        WHEN 'orders' THEN format('SELECT %s AS customer_id, %s AS ordered_on, %s AS amount',
                                  expr ->> 'customer_id', expr ->> 'ordered_at', expr ->> 'amount')
        WHEN 'responses' THEN format('SELECT %s AS customer_id, %s AS responded_on, %s AS score',
                                     expr ->> 'customer_id', expr ->> 'responded_at', expr ->> 'score')
        ELSE format('SELECT %s AS customer_id, %s AS occurred_on, %s AS kind',
                    expr ->> 'customer_id', expr ->> 'occurred_at', expr ->> 'kind')
    END;
    RETURN format('%s, %s AS problem FROM %s AS s', sel, problem, b.relation);
END $$;
COMMENT ON FUNCTION @extschema@._source_sql(text, text, text) IS
    'internal: the SELECT that reads a bound source with canonical columns, local dates and a problem column';

-- A type's name for a cast that keeps every value: format_type says
-- "character" for bpchar, which as a cast means char(1).
CREATE FUNCTION @extschema@._type_name(t oid) RETURNS text
LANGUAGE sql STABLE PARALLEL SAFE SET search_path = pg_catalog, pg_temp AS $$
    SELECT CASE WHEN t = 'bpchar'::regtype THEN 'bpchar' ELSE format_type(t, NULL) END
$$;
COMMENT ON FUNCTION @extschema@._type_name(oid) IS 'internal: a type name that casts without truncating (bpchar, not character)';

-- The customer_id type the bindings agree on (bigint when nothing is bound).
CREATE FUNCTION @extschema@._id_type() RETURNS text
LANGUAGE sql STABLE PARALLEL SAFE SET search_path = pg_catalog, pg_temp AS $$
    SELECT coalesce(
        (SELECT @extschema@._type_name(@extschema@._base_type(a.atttypid))
         FROM @extschema@.source_binding b
         JOIN pg_attribute a ON a.attrelid = b.relation AND a.attnum = (b.columns -> 'customer_id' ->> 'attnum')::int2
                            AND NOT a.attisdropped
         ORDER BY b.kind LIMIT 1),
        'bigint')
$$;
COMMENT ON FUNCTION @extschema@._id_type() IS 'internal: the type of customer_id in the bound sources';

-- _source_usable(kind): bound, and its binding can be read
CREATE FUNCTION @extschema@._source_usable(p_kind text) RETURNS boolean
LANGUAGE sql STABLE PARALLEL SAFE SET search_path = pg_catalog, pg_temp AS $$
    SELECT EXISTS (SELECT 1 FROM @extschema@.source_binding b WHERE b.kind = p_kind)
       AND @extschema@._source_broken(p_kind, @extschema@._id_type()) IS NULL
$$;
COMMENT ON FUNCTION @extschema@._source_usable(text) IS 'internal: whether kind is bound and its binding can be read';

-- _customer_id_unique(): the bound customers relation holds at most one row
-- per customer_id, by a unique index the views can rely on: valid, checked at
-- once (not deferrable), on the customer_id column alone (no expression, no
-- predicate), with the type's default equality and the column's collation,
-- and covering every row the views read (no inheritance children outside it;
-- a partitioned table's index covers its partitions).  The views then skip
-- the DISTINCT ON, a sort of every customer, and the count of duplicates.
-- Read with the snapshot the rows are read with, so an index dropped and a
-- duplicate inserted since cannot be half seen.
CREATE FUNCTION @extschema@._customer_id_unique() RETURNS boolean
LANGUAGE sql STABLE PARALLEL SAFE SET search_path = pg_catalog, pg_temp AS $$
    SELECT EXISTS (
        SELECT 1
        FROM @extschema@.source_binding b
        JOIN pg_class r ON r.oid = b.relation
        JOIN pg_attribute a ON a.attrelid = b.relation AND NOT a.attisdropped
                           AND a.attnum = (b.columns -> 'customer_id' ->> 'attnum')::int2
        JOIN pg_index i ON i.indrelid = b.relation
        JOIN pg_opclass oc ON oc.oid = i.indclass[0]
        WHERE b.kind = 'customers'
          AND (r.relkind = 'p' OR (r.relkind IN ('r', 'm') AND NOT r.relhassubclass))
          AND i.indisunique AND i.indimmediate AND i.indisvalid
          AND i.indnkeyatts = 1 AND i.indkey[0] = a.attnum AND i.indexprs IS NULL AND i.indpred IS NULL
          AND oc.opcdefault AND i.indcollation[0] = a.attcollation)
$$;
COMMENT ON FUNCTION @extschema@._customer_id_unique() IS
    'internal: whether a unique index guarantees one row per customer_id in the bound customers relation';
-- ============================================================================
-- Report views for BI tools.  Each view is security_invoker and reads a
-- set-returning function that reads the bound sources in place, as the user
-- who queries (their privileges and row-level security apply), with the
-- settings in force.  Rows the reports cannot use are left out and counted in
-- ror.data_issues; an unbound source gives empty reports, never an error.
--
-- Every function that builds or runs a report query is declared with
--   SET DateStyle = 'ISO, YMD' SET extra_float_digits = 1: dates and floats
--     become text in the query's literals (and in ror.churn_summary text), so
--     the answer must not depend on the session's settings;
--   SET jit = off (the functions that run the query): the planner cannot
--     estimate these WITH lists (generated rows, CTEs), and its huge cost
--     guesses started JIT compilation that alone took 0.9 s of 1.1 s.
-- ============================================================================

-- Periods: week (ISO, starting Monday), month, quarter.  SQL-standard bodies
-- (RETURN ...): parsed once, at install, with pg_catalog first, so a caller's
-- search_path cannot change what they call; and still inlined into the
-- report queries (a SET search_path clause would stop that).
CREATE FUNCTION @extschema@._period_start(d date, period text) RETURNS date
LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE
RETURN date_trunc(period, d::timestamp)::date;
COMMENT ON FUNCTION @extschema@._period_start(date, text) IS 'internal: the first day of the period (week, month, quarter) holding d';

-- (not STRICT, so that it is inlined: see _period_index)
CREATE FUNCTION @extschema@._period_step(period text) RETURNS interval
LANGUAGE sql IMMUTABLE PARALLEL SAFE
RETURN CASE period WHEN 'week' THEN interval '1 week' WHEN 'month' THEN interval '1 month'
                   WHEN 'quarter' THEN interval '3 months' END;
COMMENT ON FUNCTION @extschema@._period_step(text) IS 'internal: the length of a period as an interval';

-- _period_index(start, d, period): how many periods the period of d lies after
-- the period starting at start (negative before it).  Not STRICT, and NULL for
-- a NULL argument all the same: a strict SQL function whose body is not
-- strict (a CASE) is not inlined, and called per row it cost 5 us a row (2 s
-- of cohort_retention at 1 M customers).  date_part, not extract: a float8
-- instead of a numeric
CREATE FUNCTION @extschema@._period_index(start date, d date, period text) RETURNS int
LANGUAGE sql IMMUTABLE PARALLEL SAFE
RETURN CASE period
        WHEN 'week' THEN ((@extschema@._period_start(d, 'week') - start) / 7)
        ELSE ((date_part('year', d)::int * 12 + date_part('month', d)::int)
              - (date_part('year', start)::int * 12 + date_part('month', start)::int)
              - CASE WHEN period = 'quarter' THEN (date_part('month', d)::int - 1) % 3 ELSE 0 END)
             / CASE period WHEN 'quarter' THEN 3 WHEN 'month' THEN 1 END
    END;
COMMENT ON FUNCTION @extschema@._period_index(date, date, text) IS
    'internal: the number of periods from the period starting at start to the period holding d';

-- _report_with(as_of): the sources and settings every report starts from, as
-- a WITH list: customers (one row per customer_id, the earliest acquired;
-- with the lifetime as of as_of), orders, responses and interactions up to
-- as_of.  as_of: the setting's when NULL (the scorecard's snapshots pass
-- their own).
CREATE FUNCTION @extschema@._report_with(p_as_of date DEFAULT NULL) RETURNS text
LANGUAGE plpgsql STABLE PARALLEL SAFE SET search_path = pg_catalog, pg_temp
    SET DateStyle = 'ISO, YMD' SET extra_float_digits = 1 AS $$
DECLARE st record; idt text := @extschema@._id_type(); uniq boolean := @extschema@._customer_id_unique();
BEGIN
    st := @extschema@.current_settings();
    RETURN format($q$
WITH st AS (SELECT %1$L::date AS as_of, %2$L::text AS period, %3$s::int AS inactivity_days,
                   %9$s::int AS window_days, %10$L::float8[] AS weights),
-- NOT MATERIALIZED: read where used; a CTE named twice in the query text is
-- stored whole (8.3 M order rows, a 282 MB temporary file at 1 M customers),
-- even when one of the two uses is never run (customer_duplicates, the
-- orders CTE without the inactivity rule)
customers_all AS NOT MATERIALIZED (%4$s),
orders_all AS NOT MATERIALIZED (%5$s),
responses_all AS NOT MATERIALIZED (%6$s),
interactions_all AS NOT MATERIALIZED (%7$s),
-- usable rows: WHERE CASE WHEN problem IS NULL THEN ... END, not problem IS
-- NULL AND ...: the planner cannot estimate the problem checks and guessed
-- that 0.5 %% of the rows pass (a CASE it takes as half), then sorted 840 k
-- orders for a GroupAggregate where hashing them was faster
orders AS (SELECT o.customer_id, o.ordered_on, o.amount FROM orders_all o, st
           WHERE CASE WHEN o.problem IS NULL THEN o.ordered_on <= st.as_of END),
responses AS (SELECT r.customer_id, r.responded_on, r.score::int AS score FROM responses_all r, st
              WHERE CASE WHEN r.problem IS NULL THEN r.responded_on <= st.as_of END),
interactions AS (SELECT i.customer_id, i.occurred_on, i.kind FROM interactions_all i, st
                 WHERE CASE WHEN i.problem IS NULL THEN i.occurred_on <= st.as_of END),
last_order AS (%8$s),
customers AS (
    SELECT c.customer_id, c.acquired_on, c.segment, c.acquisition_cost,
           -- as of as_of: a later churn is not known yet; the inactivity rule applies without one
           -- (counted from the last order, or from the acquisition when that came later)
           CASE WHEN c.churned_on <= st.as_of THEN c.churned_on
                WHEN st.inactivity_days IS NOT NULL AND l.last_on IS NOT NULL      -- no order: the rule has nothing to go by
                     AND greatest(l.last_on, c.acquired_on) + st.inactivity_days <= st.as_of
                THEN greatest(l.last_on, c.acquired_on) + st.inactivity_days
           END AS churned_on
    FROM (%11$s) c
    CROSS JOIN st
    %13$s
    WHERE c.acquired_on <= st.as_of),
-- the usable customer rows after the first of each customer_id (data_issues)
customer_duplicates AS (%12$s)
$q$, coalesce(p_as_of, st.as_of), st.period, coalesce(st.inactivity_days::text, 'NULL'),
        @extschema@._source_sql('customers', st.time_zone, idt),
        @extschema@._source_sql('orders', st.time_zone, idt),
        @extschema@._source_sql('responses', st.time_zone, idt),
        @extschema@._source_sql('interactions', st.time_zone, idt),
        -- the last orders only matter to the inactivity rule: not read without it,
        -- and orders not named a second time (PostgreSQL would store it whole)
        CASE WHEN st.inactivity_days IS NULL
             THEN format('SELECT NULL::%s AS customer_id, NULL::date AS last_on WHERE false', idt)
             ELSE 'SELECT o.customer_id, max(o.ordered_on) AS last_on FROM orders o GROUP BY 1' END,
        st.score_window_days, st.score_weights,
        -- one row per customer_id, the earliest acquired; a unique index
        -- saves sorting them all (or counting duplicates) to find out
        CASE WHEN uniq THEN 'SELECT x.* FROM customers_all x WHERE CASE WHEN x.problem IS NULL THEN true END'
             ELSE 'SELECT DISTINCT ON (x.customer_id) x.* FROM customers_all x
          WHERE CASE WHEN x.problem IS NULL THEN true END ORDER BY x.customer_id, x.acquired_on, x.churned_on' END,
        CASE WHEN uniq THEN format('SELECT NULL::%s AS customer_id WHERE false', idt)
             ELSE 'SELECT d.customer_id FROM (SELECT x.customer_id, row_number() OVER (PARTITION BY x.customer_id) AS rn
                    FROM customers_all x WHERE x.problem IS NULL) d WHERE d.rn > 1' END,
        -- without the inactivity rule no join at all: a join to the empty
        -- last_order is a nested loop that runs once per customer (churn_by_period
        -- 8-10 % slower at 1 M customers)
        CASE WHEN st.inactivity_days IS NULL THEN 'CROSS JOIN (SELECT NULL::date AS last_on) l'
             ELSE 'LEFT JOIN last_order l ON l.customer_id = c.customer_id' END);
END $$;
COMMENT ON FUNCTION @extschema@._report_with(date) IS
    'internal: the WITH list of sources as of as_of that every report query starts from';

-- ---------------------------------------------------------------------------
-- nps_by_period
-- ---------------------------------------------------------------------------
CREATE FUNCTION @extschema@._nps_by_period()
RETURNS TABLE (period_start date, segment text, responses int8, promoters int8, passives int8,
               detractors int8, nps float8, nps_low float8, nps_high float8, is_complete boolean)
LANGUAGE plpgsql STABLE PARALLEL SAFE SET search_path = pg_catalog, pg_temp
    SET DateStyle = 'ISO, YMD' SET extra_float_digits = 1 SET jit = off AS $$
BEGIN
    RETURN QUERY EXECUTE @extschema@._report_with() || $q$
, g AS (SELECT @extschema@._period_start(r.responded_on, st.period) AS p, c.segment,
               @extschema@.nps_summary_agg(r.score) AS s
        FROM responses r CROSS JOIN st LEFT JOIN customers c ON c.customer_id = r.customer_id
        GROUP BY 1, 2)
SELECT g.p, g.segment, @extschema@.responses(g.s), @extschema@.promoters(g.s)::int8,
       @extschema@.passives(g.s)::int8, @extschema@.detractors(g.s)::int8, @extschema@.nps(g.s),
       (ci).low, (ci).high, (g.p + @extschema@._period_step(st.period))::date - 1 <= st.as_of
FROM g CROSS JOIN st CROSS JOIN LATERAL (SELECT @extschema@.nps_ci(g.s) AS ci) l
ORDER BY 1, 2 NULLS FIRST $q$;
END $$;
COMMENT ON FUNCTION @extschema@._nps_by_period() IS 'internal: the rows of the view ror.nps_by_period';

CREATE VIEW @extschema@.nps_by_period WITH (security_invoker = true) AS
SELECT * FROM @extschema@._nps_by_period();
COMMENT ON VIEW @extschema@.nps_by_period IS
    'NPS per period and customer segment from the bound responses, as of as_of (settings: period, time_zone, as_of)';
COMMENT ON COLUMN @extschema@.nps_by_period.period_start IS 'first day of the period (local date in time_zone)';
COMMENT ON COLUMN @extschema@.nps_by_period.segment IS 'the responding customer''s segment (NULL: no segment, or not a bound customer)';
COMMENT ON COLUMN @extschema@.nps_by_period.responses IS 'number of responses (count)';
COMMENT ON COLUMN @extschema@.nps_by_period.promoters IS 'responses scoring 9 or 10 (count)';
COMMENT ON COLUMN @extschema@.nps_by_period.passives IS 'responses scoring 7 or 8 (count)';
COMMENT ON COLUMN @extschema@.nps_by_period.detractors IS 'responses scoring 0 to 6 (count)';
COMMENT ON COLUMN @extschema@.nps_by_period.nps IS 'Net Promoter Score, 100 * (promoters - detractors) / responses, from -100 to 100';
COMMENT ON COLUMN @extschema@.nps_by_period.nps_low IS 'lower end of the 95 % adjusted-Wald interval of the NPS (as ror.nps_ci)';
COMMENT ON COLUMN @extschema@.nps_by_period.nps_high IS 'upper end of the 95 % adjusted-Wald interval of the NPS (as ror.nps_ci)';
COMMENT ON COLUMN @extschema@.nps_by_period.is_complete IS 'true when the period ends on or before as_of';

-- ---------------------------------------------------------------------------
-- churn_by_period
-- ---------------------------------------------------------------------------
CREATE FUNCTION @extschema@._churn_by_period()
RETURNS TABLE (period_start date, segment text, customers_at_start int8, new_customers int8,
               churned_from_start int8, churned_new int8, customer_days int8, churn_rate float8,
               churn_rate_include_new float8, retention_rate float8, is_complete boolean)
LANGUAGE plpgsql STABLE PARALLEL SAFE SET search_path = pg_catalog, pg_temp
    SET DateStyle = 'ISO, YMD' SET extra_float_digits = 1 SET jit = off AS $$
BEGIN
    RETURN QUERY EXECUTE @extschema@._report_with() || $q$
, periods AS (
    SELECT p::date AS p,
           daterange(p::date, least((p + @extschema@._period_step(st.period))::date, st.as_of + 1)) AS r,
           (p + @extschema@._period_step(st.period))::date - 1 <= st.as_of AS complete
    FROM st, (SELECT min(acquired_on) AS first FROM customers) f,
         generate_series(@extschema@._period_start(f.first, st.period)::timestamp,
                         @extschema@._period_start(st.as_of, st.period)::timestamp,
                         @extschema@._period_step(st.period)) p),
segments AS (SELECT DISTINCT c.segment FROM customers c),
-- Counted from events, not from one row per customer and period (that grows
-- with customers x periods: 4.7 s for 100 k customers by week).  With
-- lifetime [a, b) and period [s, e):  at start = active on day s;  new =
-- acquired on a day in (s, e);  churned = b - 1 in [s, e);  churned new =
-- those also acquired in (s, e);  customer days = active customers summed
-- over the days of [s, e).  active(d) = #(a <= d) - #(b <= d).  The counts
-- then become a ror.churn_summary, whose accessors give the rates, so they
-- are those of ror.churn_summary_agg to the last bit.
lives AS (SELECT c.segment, c.acquired_on AS a, c.churned_on AS b FROM customers c
          WHERE c.churned_on IS NULL OR c.churned_on > c.acquired_on),
days AS (SELECT d::date AS d FROM periods, generate_series(lower(periods.r)::timestamp, upper(periods.r)::timestamp - interval '1 day', interval '1 day') d),
acquired AS (SELECT l.segment, l.a AS d, count(*) AS n FROM lives l GROUP BY 1, 2),
ended AS (SELECT l.segment, l.b AS d, count(*) AS n FROM lives l WHERE l.b IS NOT NULL GROUP BY 1, 2),
daily AS (
    SELECT dd.d, sg.segment, coalesce(ac.n, 0) AS acq,
           sum(coalesce(ac.n, 0) - coalesce(en.n, 0)) OVER (PARTITION BY sg.segment ORDER BY dd.d) AS active
    FROM days dd CROSS JOIN segments sg
    LEFT JOIN acquired ac ON ac.d = dd.d AND (ac.segment IS NULL) = (sg.segment IS NULL)
                         AND coalesce(ac.segment, '') = coalesce(sg.segment, '')
    LEFT JOIN ended en ON en.d = dd.d AND (en.segment IS NULL) = (sg.segment IS NULL)
                      AND coalesce(en.segment, '') = coalesce(sg.segment, '')),
by_period AS (
    SELECT x.p, x.segment,
           coalesce(sum(x.active) FILTER (WHERE x.d = x.p), 0) AS at_start,
           coalesce(sum(x.acq) FILTER (WHERE x.d > x.p), 0) AS new_customers,   -- none in a one-day period
           sum(x.active) AS customer_days
    FROM (SELECT @extschema@._period_start(daily.d, st.period) AS p, daily.* FROM daily CROSS JOIN st) x
    GROUP BY 1, 2),
churns AS (
    SELECT x.p, x.segment, count(*) AS churned, count(*) FILTER (WHERE x.a > x.p) AS churned_new
    FROM (SELECT @extschema@._period_start(l.b - 1, st.period) AS p, l.segment, l.a
          FROM lives l CROSS JOIN st WHERE l.b IS NOT NULL) x
    GROUP BY 1, 2),
g AS (
    SELECT periods.p, periods.complete, bp.segment,
           format('(period=[%s,%s),at_start=%s,churned_from_start=%s,new=%s,churned_new=%s,customer_days=%s)',
                  lower(periods.r), upper(periods.r), bp.at_start, coalesce(ch.churned - ch.churned_new, 0),
                  bp.new_customers, coalesce(ch.churned_new, 0), bp.customer_days)::@extschema@.churn_summary AS s
    FROM periods
    JOIN by_period bp ON bp.p = periods.p
    LEFT JOIN churns ch ON ch.p = periods.p AND (ch.segment IS NULL) = (bp.segment IS NULL)
                       AND coalesce(ch.segment, '') = coalesce(bp.segment, ''))
SELECT g.p, g.segment,
       coalesce(@extschema@.at_start(g.s), 0), coalesce(@extschema@.new_customers(g.s), 0),
       coalesce(@extschema@.churned_from_start(g.s), 0), coalesce(@extschema@.churned_new(g.s), 0),
       coalesce(@extschema@.customer_days(g.s), 0)::int8,
       @extschema@.churn_rate(g.s), @extschema@.churn_rate(g.s, 'include_new'), @extschema@.retention_rate(g.s),
       g.complete
FROM g ORDER BY 1, 2 NULLS FIRST $q$;
END $$;
COMMENT ON FUNCTION @extschema@._churn_by_period() IS 'internal: the rows of the view ror.churn_by_period';

CREATE VIEW @extschema@.churn_by_period WITH (security_invoker = true) AS
SELECT * FROM @extschema@._churn_by_period();
COMMENT ON VIEW @extschema@.churn_by_period IS
    'churn per period and segment from the bound customers (lifetime [acquired, churned) as of as_of; the same counts as ror.churn_summary_agg), every period from the first acquisition to as_of';
COMMENT ON COLUMN @extschema@.churn_by_period.period_start IS 'first day of the period (local date in time_zone)';
COMMENT ON COLUMN @extschema@.churn_by_period.segment IS 'customer segment (NULL: no segment)';
COMMENT ON COLUMN @extschema@.churn_by_period.customers_at_start IS 'customers active on the first day of the period (count)';
COMMENT ON COLUMN @extschema@.churn_by_period.new_customers IS 'customers acquired after the first day of the period (count)';
COMMENT ON COLUMN @extschema@.churn_by_period.churned_from_start IS 'customers at start who churned in the period (count)';
COMMENT ON COLUMN @extschema@.churn_by_period.churned_new IS 'new customers who churned in the period (count)';
COMMENT ON COLUMN @extschema@.churn_by_period.customer_days IS 'days customers were active in the period, summed (days)';
COMMENT ON COLUMN @extschema@.churn_by_period.churn_rate IS 'churned_from_start / customers_at_start, fraction 0-1 (NULL without customers at start)';
COMMENT ON COLUMN @extschema@.churn_by_period.churn_rate_include_new IS '(churned_from_start + churned_new) / (customers_at_start + new_customers), fraction 0-1';
COMMENT ON COLUMN @extschema@.churn_by_period.retention_rate IS '1 - churn_rate, fraction 0-1';
COMMENT ON COLUMN @extschema@.churn_by_period.is_complete IS 'true when the period ends on or before as_of (else it is counted up to the end of as_of)';

-- ---------------------------------------------------------------------------
-- cohort_retention
-- ---------------------------------------------------------------------------
CREATE FUNCTION @extschema@._cohort_retention()
RETURNS TABLE (cohort_start date, segment text, period_number int4, cohort_size int8, retained int8,
               retention_rate float8)
LANGUAGE plpgsql STABLE PARALLEL SAFE SET search_path = pg_catalog, pg_temp
    SET DateStyle = 'ISO, YMD' SET extra_float_digits = 1 SET jit = off AS $$
BEGIN
    RETURN QUERY EXECUTE @extschema@._report_with() || $q$
, members AS (
    SELECT @extschema@._period_start(c.acquired_on, st.period) AS cohort, c.segment, c.churned_on
    FROM customers c CROSS JOIN st),
-- a member is lost at cell n when churned on or before the first day of
-- period n + 1, i.e. when the day before the churn lies in period n or earlier
lost AS (
    SELECT m.cohort, m.segment, greatest(@extschema@._period_index(m.cohort, m.churned_on - 1, st.period), 0) AS at, count(*) AS k
    FROM members m CROSS JOIN st WHERE m.churned_on IS NOT NULL GROUP BY 1, 2, 3),
cohorts AS (SELECT m.cohort, m.segment, count(*) AS size FROM members m GROUP BY 1, 2),
cells AS (
    SELECT co.cohort, co.segment, co.size, n
    FROM cohorts co CROSS JOIN st,
         generate_series(0, @extschema@._period_index(co.cohort, st.as_of + 1, st.period) - 1) n),
-- retained at n: the cohort less those lost at or before n (a running sum)
counted AS (
    SELECT ce.cohort, ce.segment, ce.n, ce.size,
           sum(coalesce(l.k, 0)) OVER (PARTITION BY ce.cohort, ce.segment ORDER BY ce.n) AS lost
    FROM cells ce
    LEFT JOIN lost l ON l.cohort = ce.cohort AND l.at = ce.n AND (l.segment IS NULL) = (ce.segment IS NULL)
                    AND coalesce(l.segment, '') = coalesce(ce.segment, ''))
SELECT c.cohort, c.segment, c.n, c.size, c.size - c.lost::int8, (c.size - c.lost)::float8 / c.size
FROM counted c
ORDER BY 1, 2 NULLS FIRST, 3 $q$;
END $$;
COMMENT ON FUNCTION @extschema@._cohort_retention() IS 'internal: the rows of the view ror.cohort_retention';

CREATE VIEW @extschema@.cohort_retention WITH (security_invoker = true) AS
SELECT * FROM @extschema@._cohort_retention();
COMMENT ON VIEW @extschema@.cohort_retention IS
    'retention of each acquisition cohort (customers acquired in one period) and segment, period by period; only cells whose period ended by as_of';
COMMENT ON COLUMN @extschema@.cohort_retention.cohort_start IS 'first day of the acquisition period (local date in time_zone)';
COMMENT ON COLUMN @extschema@.cohort_retention.segment IS 'customer segment (NULL: no segment)';
COMMENT ON COLUMN @extschema@.cohort_retention.period_number IS 'periods since acquisition: 0 is the acquisition period';
COMMENT ON COLUMN @extschema@.cohort_retention.cohort_size IS 'customers acquired in the cohort''s period (count)';
COMMENT ON COLUMN @extschema@.cohort_retention.retained IS 'members still active on the first day of period period_number + 1 (count)';
COMMENT ON COLUMN @extschema@.cohort_retention.retention_rate IS 'retained / cohort_size, fraction 0-1';

-- ---------------------------------------------------------------------------
-- data_issues
-- ---------------------------------------------------------------------------
CREATE FUNCTION @extschema@._data_issues()
RETURNS TABLE (kind text, problem text, rows int8)
LANGUAGE plpgsql STABLE PARALLEL SAFE SET search_path = pg_catalog, pg_temp
    SET DateStyle = 'ISO, YMD' SET extra_float_digits = 1 SET jit = off AS $$
BEGIN
    RETURN QUERY EXECUTE @extschema@._report_with() || $q$
, issues AS (
    -- each source read once (see orders_all in _report_with)
    SELECT 'customers' AS kind, CASE WHEN x.problem IS NOT NULL THEN x.problem
               WHEN x.acquired_on > st.as_of THEN 'acquired after as_of (left out until as_of reaches it)' END AS problem
    FROM customers_all x, st
    UNION ALL SELECT 'orders', CASE WHEN x.problem IS NOT NULL THEN x.problem
                                    WHEN x.ordered_on > st.as_of THEN 'after as_of (left out until as_of reaches it)' END
              FROM orders_all x, st
    UNION ALL SELECT 'responses', CASE WHEN x.problem IS NOT NULL THEN x.problem
                                       WHEN x.responded_on > st.as_of THEN 'after as_of (left out until as_of reaches it)' END
              FROM responses_all x, st
    UNION ALL SELECT 'interactions', CASE WHEN x.problem IS NOT NULL THEN x.problem
                                          WHEN x.occurred_on > st.as_of THEN 'after as_of (left out until as_of reaches it)' END
              FROM interactions_all x, st
    UNION ALL SELECT 'customers', 'duplicate customer_id (the row acquired first is used)' FROM customer_duplicates
    UNION ALL SELECT 'customers', 'churned the day it was acquired (an empty lifetime: in no churn period)'
              FROM customers c WHERE c.churned_on = c.acquired_on)
SELECT i.kind, i.problem, count(*)::int8 FROM issues i WHERE i.problem IS NOT NULL GROUP BY 1, 2
ORDER BY CASE i.kind WHEN 'customers' THEN 1 WHEN 'orders' THEN 2 WHEN 'responses' THEN 3 ELSE 4 END, 2 $q$;
END $$;
COMMENT ON FUNCTION @extschema@._data_issues() IS 'internal: the rows of the view ror.data_issues';

CREATE VIEW @extschema@.data_issues WITH (security_invoker = true) AS
SELECT * FROM @extschema@._data_issues();
COMMENT ON VIEW @extschema@.data_issues IS
    'rows of the bound sources that the report views leave out, and why; a binding whose table or column is gone shows here as one row';
COMMENT ON COLUMN @extschema@.data_issues.kind IS 'kind of source: customers, orders, responses or interactions';
COMMENT ON COLUMN @extschema@.data_issues.problem IS 'why the rows are left out';
COMMENT ON COLUMN @extschema@.data_issues.rows IS 'number of rows left out for this reason (count)';

GRANT SELECT ON @extschema@.nps_by_period, @extschema@.churn_by_period, @extschema@.cohort_retention,
                @extschema@.data_issues TO PUBLIC;
-- ============================================================================
-- Customer value views: RFM per customer from the bound orders, the BG/NBD and
-- Gamma-Gamma models fitted on all customers with orders up to as_of (days),
-- and each customer's P(alive), expected purchases and CLV; model_fit shows
-- the fitted parameters.  customer_value carries customer_id in the type the
-- sources are bound with: the view is rebuilt when that type changes.
-- ============================================================================

-- _value_with(as_of): the WITH list of both views: the reports' list, then
-- rfm per customer, one fit of each model over all of them, and cv, the rows
-- of customer_value (its clv in a subquery that is not pulled up, OFFSET 0,
-- so that using it twice computes it once; columns a query does not use are
-- not computed).
CREATE FUNCTION @extschema@._value_with(p_as_of date DEFAULT NULL) RETURNS text
LANGUAGE plpgsql STABLE PARALLEL SAFE SET search_path = pg_catalog, pg_temp
    SET DateStyle = 'ISO, YMD' SET extra_float_digits = 1 AS $$
DECLARE st record;
BEGIN
    st := @extschema@.current_settings();
    RETURN @extschema@._report_with(p_as_of) || format($q$
, rfm AS (
    SELECT o.customer_id, min(o.ordered_on) AS first_order, max(o.ordered_on) AS last_order, count(*) AS orders,
           @extschema@.rfm_agg(o.ordered_on, o.amount, st.as_of) AS r
    FROM orders o CROSS JOIN st
    GROUP BY o.customer_id, st.as_of),
models AS (
    SELECT @extschema@.bgnbd_fit((rfm.r).frequency, (rfm.r).recency, (rfm.r).age) AS bg,
           @extschema@.gamma_gamma_fit((rfm.r).frequency, (rfm.r).monetary) AS gg
    FROM rfm),
-- predictions only from fits that converged: one that did not (model_fit
-- shows it) gives NULL p_alive, expected purchases and clv, rather than
-- numbers nobody should use or an error that breaks the view.  MATERIALIZED:
-- pulled up, the two CASEs (a cast of each model to jsonb) ran once per
-- customer and use, four times per row (1.1.0: 3.5-3.9 s instead of 1.25-1.5 s at 100 k)
usable AS MATERIALIZED (
    SELECT CASE WHEN (m.bg::jsonb ->> 'converged')::boolean THEN m.bg END AS bg,
           CASE WHEN (m.gg::jsonb ->> 'converged')::boolean THEN m.gg END AS gg
    FROM models m),
cv AS (
    SELECT rfm.customer_id, c.segment, rfm.first_order, rfm.last_order, rfm.orders,
           (rfm.r).frequency, (rfm.r).recency AS recency_days, (rfm.r).age AS age_days, (rfm.r).monetary,
           @extschema@.p_alive(m.bg, (rfm.r).frequency, (rfm.r).recency, (rfm.r).age) AS p_alive,
           @extschema@.expected_purchases(m.bg, 365, (rfm.r).frequency, (rfm.r).recency, (rfm.r).age) AS expected_purchases_365,
           v.clv, c.acquisition_cost
    FROM rfm CROSS JOIN usable m
    LEFT JOIN customers c ON c.customer_id = rfm.customer_id
    CROSS JOIN LATERAL (SELECT @extschema@.clv(m.bg, m.gg, (rfm.r).frequency, (rfm.r).recency, (rfm.r).age, (rfm.r).monetary,
                                               %1$s, %2$s, %3$s) AS clv OFFSET 0) v)
$q$, st.clv_periods, st.discount_rate,
     CASE st.period WHEN 'week' THEN '7' WHEN 'month' THEN '365.25 / 12' ELSE '365.25 / 4' END);
END $$;
COMMENT ON FUNCTION @extschema@._value_with(date) IS
    'internal: the reports'' WITH list with RFM per customer, the fitted models and the rows of customer_value (cv)';

CREATE FUNCTION @extschema@._customer_value(id anyelement)
RETURNS TABLE (customer_id anyelement, segment text, first_order date, last_order date, orders int8,
               frequency int8, recency_days float8, age_days float8, monetary float8, p_alive float8,
               expected_purchases_365 float8, clv float8, acquisition_cost float8, clv_to_cac float8)
LANGUAGE plpgsql STABLE PARALLEL SAFE SET search_path = pg_catalog, pg_temp
    SET DateStyle = 'ISO, YMD' SET extra_float_digits = 1 SET jit = off AS $$
BEGIN
    RETURN QUERY EXECUTE @extschema@._value_with() || format($q$
SELECT cv.customer_id::%1$s, cv.segment, cv.first_order, cv.last_order, cv.orders, cv.frequency,
       cv.recency_days, cv.age_days, cv.monetary, cv.p_alive, cv.expected_purchases_365, cv.clv,
       cv.acquisition_cost, CASE WHEN cv.acquisition_cost > 0 THEN cv.clv / cv.acquisition_cost END
FROM cv $q$, @extschema@._type_name(pg_typeof(id)));
END $$;
COMMENT ON FUNCTION @extschema@._customer_value(anyelement) IS
    'internal: the rows of the view ror.customer_value, with customer_id of the type of the argument';

-- _build_id_view(view, comment, columns): (re)creates the view ror.<view> as
-- SELECT * FROM ror._<view>(NULL::<id type>) when the type of customer_id the
-- bindings use differs from the view's, with its comments (columns: pairs of
-- column name and comment) and grant, keeping it a member of the extension
CREATE FUNCTION @extschema@._build_id_view(p_view text, p_comment text, p_columns text[]) RETURNS void
LANGUAGE plpgsql VOLATILE SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    rel regclass := to_regclass(format('@extschema@.%I', p_view));
    want text := @extschema@._id_type();
    have text := (SELECT @extschema@._type_name(a.atttypid) FROM pg_attribute a
                  WHERE a.attrelid = rel AND a.attname = 'customer_id');
    member boolean := false;
BEGIN
    IF have IS NOT DISTINCT FROM want THEN
        RETURN;
    END IF;
    IF rel IS NOT NULL THEN
        member := EXISTS (SELECT 1 FROM pg_depend d
                          WHERE d.classid = 'pg_class'::regclass AND d.objid = rel
                            AND d.refclassid = 'pg_extension'::regclass AND d.deptype = 'e');
        IF member THEN
            EXECUTE format('ALTER EXTENSION ror DROP VIEW %s', rel);
        END IF;
        EXECUTE format('DROP VIEW %s', rel);
    END IF;
    EXECUTE format('CREATE VIEW @extschema@.%I WITH (security_invoker = true) AS SELECT * FROM @extschema@.%I(NULL::%s)',
                   p_view, '_' || p_view, want);
    EXECUTE format('COMMENT ON VIEW @extschema@.%I IS %L', p_view, p_comment);
    FOR i IN 1 .. array_length(p_columns, 1) LOOP
        EXECUTE format('COMMENT ON COLUMN @extschema@.%I.%I IS %L', p_view, p_columns[i][1], p_columns[i][2]);
    END LOOP;
    EXECUTE format('GRANT SELECT ON @extschema@.%I TO PUBLIC', p_view);
    IF member THEN
        EXECUTE format('ALTER EXTENSION ror ADD VIEW @extschema@.%I', p_view);
    END IF;
END $$;
COMMENT ON FUNCTION @extschema@._build_id_view(text, text, text[]) IS
    'internal: (re)creates a view whose customer_id has the type of the bindings'' customer_id';

CREATE FUNCTION @extschema@._build_customer_value() RETURNS void
LANGUAGE sql VOLATILE SET search_path = pg_catalog, pg_temp AS $$
SELECT @extschema@._build_id_view('customer_value',
    'value of each customer with orders up to as_of: RFM, BG/NBD P(alive) and expected purchases, Gamma-Gamma spend, CLV over clv_periods periods at discount_rate, and CLV to acquisition cost',
    ARRAY[['customer_id', 'the customer, in the type of customer_id of the bound sources'],
          ['segment', 'customer segment (NULL: no segment, or not a bound customer)'],
          ['first_order', 'day of the first order (local date)'],
          ['last_order', 'day of the last order up to as_of (local date)'],
          ['orders', 'order rows up to as_of (count)'],
          ['frequency', 'repeat purchase days: distinct order days - 1 (as ror.rfm_agg)'],
          ['recency_days', 'days from the first to the last order day (as ror.rfm_agg)'],
          ['age_days', 'days from the first order day to as_of (as ror.rfm_agg)'],
          ['monetary', 'mean amount of the repeat order days, the first day left out; 0 without repeats (as ror.rfm_agg)'],
          ['p_alive', 'probability the customer is still active (BG/NBD), 0-1'],
          ['expected_purchases_365', 'expected purchase days in the next 365 days (BG/NBD)'],
          ['clv', 'expected value of the next clv_periods periods, discounted at discount_rate per period (BG/NBD with Gamma-Gamma; NULL without a spend model)'],
          ['acquisition_cost', 'acquisition cost of the customer, from the customers binding (money)'],
          ['clv_to_cac', 'clv / acquisition_cost (NULL when the cost is NULL or 0)']])
$$;
COMMENT ON FUNCTION @extschema@._build_customer_value() IS
    'internal: (re)creates the view ror.customer_value for the customer_id type of the bindings';
SELECT @extschema@._build_customer_value();

-- ---------------------------------------------------------------------------
-- model_fit
-- ---------------------------------------------------------------------------
CREATE FUNCTION @extschema@._model_fit()
RETURNS TABLE (model text, parameter text, value float8, customers int8, as_of date, converged boolean)
LANGUAGE plpgsql STABLE PARALLEL SAFE SET search_path = pg_catalog, pg_temp
    SET DateStyle = 'ISO, YMD' SET extra_float_digits = 1 SET jit = off AS $$
BEGIN
    RETURN QUERY EXECUTE @extschema@._value_with() || $q$
, j AS (SELECT 'bgnbd' AS model, m.bg::jsonb AS j, ARRAY['r', 'alpha', 'a', 'b'] AS names FROM models m WHERE m.bg IS NOT NULL
        UNION ALL
        SELECT 'gamma_gamma', m.gg::jsonb, ARRAY['p', 'q', 'gamma'] FROM models m WHERE m.gg IS NOT NULL)
SELECT j.model, n.name, (j.j ->> n.name)::float8, (j.j ->> 'customers')::int8, st.as_of, (j.j ->> 'converged')::boolean
FROM j CROSS JOIN st CROSS JOIN LATERAL unnest(j.names) WITH ORDINALITY n(name, i)
ORDER BY 1, n.i $q$;
END $$;
COMMENT ON FUNCTION @extschema@._model_fit() IS 'internal: the rows of the view ror.model_fit';

CREATE VIEW @extschema@.model_fit WITH (security_invoker = true) AS
SELECT * FROM @extschema@._model_fit();
COMMENT ON VIEW @extschema@.model_fit IS
    'the BG/NBD and Gamma-Gamma parameters behind ror.customer_value, fitted on all customers with orders up to as_of (time in days)';
COMMENT ON COLUMN @extschema@.model_fit.model IS 'bgnbd (purchases) or gamma_gamma (spend)';
COMMENT ON COLUMN @extschema@.model_fit.parameter IS 'r, alpha, a, b (bgnbd; alpha in days) or p, q, gamma (gamma_gamma)';
COMMENT ON COLUMN @extschema@.model_fit.value IS 'the estimate';
COMMENT ON COLUMN @extschema@.model_fit.customers IS 'customers the model was fitted on (count; gamma_gamma: those with repeat purchases)';
COMMENT ON COLUMN @extschema@.model_fit.as_of IS 'the as_of date of the fit';
COMMENT ON COLUMN @extschema@.model_fit.converged IS 'whether the maximum-likelihood fit converged';
GRANT SELECT ON @extschema@.model_fit TO PUBLIC;
-- ============================================================================
-- ror.generate_demo_data: realistic, reproducible demo tables bound as the four
-- sources.  Customers in three segments with acquisition costs; subscriptions
-- that churn with a monthly hazard per segment; orders from a BG/NBD process
-- with Gamma-Gamma spend while subscribed; NPS answers that go with activity;
-- interactions (referrals, shares, reviews, ...) that go with advocacy; and a
-- few bad rows, which ror.data_issues counts.  Data end on 2026-06-30.
-- ============================================================================

-- Random draws for the generator (random() after setseed: reproducible).  Like
-- every SQL function here they resolve names at install, not in the caller's
-- search_path: a SQL-standard body, or SET search_path.
CREATE FUNCTION @extschema@._demo_normal() RETURNS float8
LANGUAGE sql VOLATILE PARALLEL RESTRICTED
RETURN sqrt(-2 * ln(1 - random())) * cos(2 * pi() * random());
COMMENT ON FUNCTION @extschema@._demo_normal() IS 'internal: a standard normal draw (Box-Muller), for the demo data';

-- Gamma(shape, scale) by Marsaglia and Tsang (2000); shape < 1 boosted by U^(1/shape)
CREATE FUNCTION @extschema@._demo_gamma(shape float8, scale float8) RETURNS float8
LANGUAGE plpgsql VOLATILE PARALLEL RESTRICTED SET search_path = pg_catalog, pg_temp AS $$
DECLARE d float8; c float8; x float8; v float8; u float8; boost float8 := 1;
BEGIN
    IF shape < 1 THEN
        boost := (1 - random()) ^ (1 / shape);
        shape := shape + 1;
    END IF;
    d := shape - 1.0 / 3; c := 1 / sqrt(9 * d);
    LOOP
        x := @extschema@._demo_normal();
        v := (1 + c * x) ^ 3;
        CONTINUE WHEN v <= 0;
        u := 1 - random();
        EXIT WHEN ln(u) < 0.5 * x * x + d - d * v + d * ln(v);
    END LOOP;
    RETURN d * v * scale * boost;
END $$;
COMMENT ON FUNCTION @extschema@._demo_gamma(float8, float8) IS 'internal: a Gamma(shape, scale) draw (Marsaglia-Tsang), for the demo data';

CREATE FUNCTION @extschema@.generate_demo_data(schema name DEFAULT 'ror_demo', customers integer DEFAULT 10000,
                                               seed integer DEFAULT 1)
RETURNS TABLE (kind text, relation regclass, rows int8)
LANGUAGE plpgsql VOLATILE SET search_path = pg_catalog, pg_temp
    -- dates and floats become text in literals and stored settings: the same in every session
    SET DateStyle = 'ISO, YMD' SET extra_float_digits = 1 AS $$
DECLARE
    n int := customers;
    s text := quote_ident(schema);
    data_end constant date := date '2026-06-30';
    span constant int := 3 * 365;
    c record; t float8; horizon float8; lambda float8; p float8; nu float8;
    order_c bigint[] := '{}'; order_at timestamptz[] := '{}'; order_amt float8[] := '{}'; k int;
    flush text;
BEGIN
    IF n IS NULL OR n < 1 OR n > 10000000 THEN
        RAISE EXCEPTION 'ror.generate_demo_data: customers must be between 1 and 10000000, not %', n
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    IF schema IS NULL OR seed IS NULL THEN
        RAISE EXCEPTION 'ror.generate_demo_data: schema and seed must not be NULL'
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    PERFORM setseed(((seed::int8 % 2000003) / 2000003.0 * 2 - 1) * 0.999);
    -- a schema made by an earlier call goes, with the bindings of its tables
    PERFORM @extschema@.unbind_source(b.kind) FROM @extschema@.source_binding b
    JOIN pg_class r ON r.oid = b.relation JOIN pg_namespace ns ON ns.oid = r.relnamespace
    WHERE ns.nspname = schema;
    EXECUTE format('DROP SCHEMA IF EXISTS %s CASCADE', s);
    EXECUTE format('CREATE SCHEMA %s', s);
    EXECUTE format('COMMENT ON SCHEMA %s IS %L', s, 'demo data of the ror extension (ror.generate_demo_data)');
    EXECUTE format($t$
        CREATE TABLE %1$s.customers (customer_id bigint PRIMARY KEY, acquired_at timestamptz NOT NULL,
                                     churned_at timestamptz, segment text, acquisition_cost numeric(10, 2));
        CREATE TABLE %1$s.orders (order_id bigserial PRIMARY KEY, customer_id bigint, ordered_at timestamptz, amount numeric(10, 2));
        CREATE TABLE %1$s.responses (response_id bigserial PRIMARY KEY, customer_id bigint, responded_at timestamptz, score int);
        CREATE TABLE %1$s.interactions (interaction_id bigserial PRIMARY KEY, customer_id bigint, occurred_at timestamptz, kind text)
    $t$, s);

    -- customers: segment, acquisition uniform over three years, monthly churn hazard per segment
    EXECUTE format($t$
        INSERT INTO %1$s.customers
        SELECT i, %2$L::timestamptz - (random() * %3$s) * interval '1 day', NULL, seg,
               round((CASE seg WHEN 'basic' THEN 40 WHEN 'plus' THEN 90 ELSE 220 END
                      * exp(0.35 * @extschema@._demo_normal()))::numeric, 2)
        FROM (SELECT i, CASE WHEN u < 0.5 THEN 'basic' WHEN u < 0.8 THEN 'plus' ELSE 'pro' END AS seg
              FROM (SELECT i, random() AS u FROM generate_series(1, %4$s) i) x) y
    $t$, s, data_end + 1, span, n);
    EXECUTE format($t$
        UPDATE %1$s.customers
        SET churned_at = acquired_at + (ln(1 - random()) / ln(1 - CASE segment WHEN 'basic' THEN 0.06 WHEN 'plus' THEN 0.035 ELSE 0.02 END))
                                       * interval '30.44 days'
    $t$, s);
    EXECUTE format('UPDATE %1$s.customers SET churned_at = NULL WHERE churned_at > %2$L::timestamptz', s, data_end + 1);

    -- orders: BG/NBD while subscribed (first order at acquisition; lambda ~ Gamma(0.9, 1/20) a day,
    -- dropout after each purchase with p ~ Beta(0.5, 4)); spend Gamma(6, 1/nu), nu ~ Gamma(4, 1/15)
    -- orders go in by the 100,000 (one INSERT per customer made 1 M statements)
    flush := format('INSERT INTO %s.orders (customer_id, ordered_at, amount) SELECT * FROM unnest($1, $2, $3)', s);
    FOR c IN EXECUTE format('SELECT customer_id, acquired_at, churned_at FROM %s.customers ORDER BY customer_id', s) LOOP
        horizon := extract(epoch FROM (coalesce(c.churned_at, (data_end + 1)::timestamptz) - c.acquired_at)) / 86400;
        lambda := @extschema@._demo_gamma(0.9, 1.0 / 20);
        t := @extschema@._demo_gamma(0.5, 1); p := t / (t + @extschema@._demo_gamma(4, 1));
        nu := @extschema@._demo_gamma(4, 1.0 / 15);
        t := 0; k := 0;
        LOOP
            order_c := order_c || c.customer_id;
            order_at := order_at || (c.acquired_at + t * interval '1 day');
            order_amt := order_amt || round(@extschema@._demo_gamma(6, 1 / nu)::numeric, 2)::float8;
            k := k + 1;
            EXIT WHEN random() < p OR k >= 500;
            t := t - ln(1 - random()) / lambda;
            EXIT WHEN t >= horizon;
        END LOOP;
        IF cardinality(order_c) >= 100000 THEN
            EXECUTE flush USING order_c, order_at, order_amt;
            order_c := '{}'; order_at := '{}'; order_amt := '{}';
        END IF;
    END LOOP;
    EXECUTE flush USING order_c, order_at, order_amt;

    -- NPS: nine in ten customers answer one to three times while subscribed; those who
    -- buy more often, and are not about to churn, score higher
    EXECUTE format($t$
        INSERT INTO %1$s.responses (customer_id, responded_at, score)
        SELECT c.customer_id, at,
               least(10, greatest(0, round(7.2 + CASE c.segment WHEN 'pro' THEN 0.8 WHEN 'plus' THEN 0.3 ELSE -0.3 END
                                     + 0.6 * ln(1 + o.n) - CASE WHEN c.churned_at < at + interval '60 days' THEN 2.5 ELSE 0 END
                                     + 1.6 * @extschema@._demo_normal())))::int
        FROM %1$s.customers c
        JOIN (SELECT customer_id, count(*) AS n FROM %1$s.orders GROUP BY 1) o USING (customer_id)
        CROSS JOIN LATERAL (SELECT generate_series(1, 1 + floor(random() * 3)::int) WHERE c.customer_id IS NOT NULL) j
        CROSS JOIN LATERAL (SELECT c.acquired_at + random() * (coalesce(c.churned_at, %2$L::timestamptz) - c.acquired_at) AS at) w
        WHERE random() < 0.9
    $t$, s, data_end + 1);

    -- interactions: promoters refer, share and review more
    EXECUTE format($t$
        INSERT INTO %1$s.interactions (customer_id, occurred_at, kind)
        SELECT r.customer_id, r.responded_at + random() * interval '90 days',
               (ARRAY['referral', 'share', 'review', 'mention', 'follow'])[1 + floor(random() * 5)::int]
        FROM %1$s.responses r
        CROSS JOIN LATERAL generate_series(1, CASE WHEN r.score >= 9 THEN 3 WHEN r.score >= 7 THEN 1 ELSE 0 END) j
        WHERE random() < 0.5 AND r.responded_at + interval '90 days' < %2$L::timestamptz
    $t$, s, data_end + 1);

    -- a few bad rows, as real tables have them: the views leave them out and count them
    EXECUTE format($t$
        INSERT INTO %1$s.responses (customer_id, responded_at, score)
            VALUES (1, %2$L::timestamptz - interval '3 days', 11), (2, NULL, 8), (NULL, %2$L::timestamptz - interval '9 days', 10);
        INSERT INTO %1$s.orders (customer_id, ordered_at, amount) VALUES (3, %2$L::timestamptz - interval '5 days', NULL)
    $t$, s, data_end);

    EXECUTE format('ANALYZE %1$s.customers, %1$s.orders, %1$s.responses, %1$s.interactions', s);
    PERFORM @extschema@.bind_source('customers', format('%s.customers', s)::regclass);
    PERFORM @extschema@.bind_source('orders', format('%s.orders', s)::regclass);
    PERFORM @extschema@.bind_source('responses', format('%s.responses', s)::regclass);
    PERFORM @extschema@.bind_source('interactions', format('%s.interactions', s)::regclass);
    PERFORM @extschema@.set_setting('as_of', data_end::text);
    RETURN QUERY EXECUTE format($q$
        SELECT 'customers', %1$L::regclass, count(*) FROM %1$s
        UNION ALL SELECT 'orders', %2$L::regclass, count(*) FROM %2$s
        UNION ALL SELECT 'responses', %3$L::regclass, count(*) FROM %3$s
        UNION ALL SELECT 'interactions', %4$L::regclass, count(*) FROM %4$s $q$,
        s || '.customers', s || '.orders', s || '.responses', s || '.interactions');
END $$;
COMMENT ON FUNCTION @extschema@.generate_demo_data(name, integer, integer) IS
    'creates reproducible demo tables (customers, orders, responses, interactions, up to 2026-06-30) in the schema, binds them as the four sources and sets as_of to 2026-06-30';
-- ============================================================================
-- The ROR score over the bound sources: each customer's components (value,
-- loyalty, advocacy, referral, engagement) as of as_of, the score and band
-- (ror.customer_relationship), the brand scorecard per segment
-- (ror.scorecard), and snapshots of it kept for a line chart
-- (ror.scorecard_history).  The scalar functions are in 35_score_functions.
-- ============================================================================

-- _relationship_with(as_of): customer_value's WITH list, then rel: one row
-- per customer (scored or not) with the components, the score and its coverage.
-- The customers are those of the customers binding; without a usable one,
-- every customer_id with an order, a response or an interaction up to as_of.
-- Advocacy, referral and engagement count the days (as_of - window, as_of].
CREATE FUNCTION @extschema@._relationship_with(p_as_of date DEFAULT NULL) RETURNS text
LANGUAGE plpgsql STABLE PARALLEL SAFE SET search_path = pg_catalog, pg_temp
    SET DateStyle = 'ISO, YMD' SET extra_float_digits = 1 AS $$
DECLARE
    -- a broken binding (ror.data_issues names it) counts as unbound
    has_customers boolean := @extschema@._source_usable('customers');
    has_interactions boolean := @extschema@._source_usable('interactions');
BEGIN
    RETURN @extschema@._value_with(p_as_of) || format($q$
, people AS (%1$s),
-- every clv in ascending order: a customer's rank among them (cume_dist())
-- is width_bucket(clv, clvs) / their number, a binary search.  Read through
-- uncorrelated subqueries, computed once and only if a customer needs them
-- (joined, the array would be copied into every joined row)
clvs AS (SELECT array_agg(cv.clv ORDER BY cv.clv) AS a, count(*) AS n FROM cv WHERE cv.clv IS NOT NULL),
-- the score of the latest response in the window, the larger of a day's: by
-- one hash aggregate of day * 16 + score (days counted from the window's
-- start are >= 1, scores 0-10 fit in 4 bits)
latest AS (
    SELECT r.customer_id, max((r.responded_on - (st.as_of - st.window_days))::int8 * 16 + r.score) %% 16 AS score
    FROM responses r CROSS JOIN st
    WHERE r.responded_on > st.as_of - st.window_days
    GROUP BY 1),
acts AS (
    SELECT i.customer_id, count(*) FILTER (WHERE i.kind = 'referral') AS referrals,
           count(*) FILTER (WHERE i.kind <> 'referral') AS others
    FROM interactions i CROSS JOIN st
    WHERE i.occurred_on > st.as_of - st.window_days
    GROUP BY 1),
-- engagement saturates at the median activity of the customers with any (1 without)
half AS (SELECT coalesce(percentile_cont(0.5) WITHIN GROUP (ORDER BY a.others) FILTER (WHERE a.others >= 1), 1) AS h
         FROM acts a JOIN people p ON p.customer_id = a.customer_id),
parts AS (
    SELECT p.customer_id, p.segment, v.clv, p.acquisition_cost,
           CASE WHEN v.customer_id IS NULL THEN NULL                      -- no orders
                WHEN p.acquisition_cost IS NOT NULL THEN @extschema@.value_component(v.clv, p.acquisition_cost)
                WHEN v.clv IS NOT NULL THEN width_bucket(v.clv, (SELECT clvs.a FROM clvs))::float8 / (SELECT clvs.n FROM clvs)
           END AS value,
           CASE WHEN v.customer_id IS NOT NULL THEN v.p_alive
                WHEN p.known THEN CASE WHEN p.churned_on IS NULL THEN 1.0 ELSE 0.0 END
           END::float8 AS loyalty,
           @extschema@.advocacy(l.score::int) AS advocacy,
           CASE WHEN %2$L::boolean THEN @extschema@.saturate(coalesce(a.referrals, 0), 1) END AS referral,
           CASE WHEN %2$L::boolean THEN @extschema@.saturate(coalesce(a.others, 0), half.h) END AS engagement
    FROM people p CROSS JOIN half
    LEFT JOIN cv v ON v.customer_id = p.customer_id
    LEFT JOIN latest l ON l.customer_id = p.customer_id
    LEFT JOIN acts a ON a.customer_id = p.customer_id),
rel AS (
    SELECT x.*, @extschema@.ror_band(x.ror_score) AS band
    FROM (SELECT parts.*,
                 @extschema@.ror_score(parts.value, parts.loyalty, parts.advocacy, parts.referral, parts.engagement, st.weights) AS ror_score,
                 @extschema@.ror_coverage(parts.value, parts.loyalty, parts.advocacy, parts.referral, parts.engagement, st.weights) AS coverage
          FROM parts CROSS JOIN st) x)
$q$,
        CASE WHEN has_customers
             THEN 'SELECT c.customer_id, c.segment, c.acquisition_cost, c.churned_on, true AS known FROM customers c'
             ELSE 'SELECT u.customer_id, NULL::text AS segment, NULL::float8 AS acquisition_cost, NULL::date AS churned_on, false AS known
                   FROM (SELECT cv.customer_id FROM cv UNION SELECT r.customer_id FROM responses r
                         UNION SELECT i.customer_id FROM interactions i) u' END,
        has_interactions);
END $$;
COMMENT ON FUNCTION @extschema@._relationship_with(date) IS
    'internal: customer_value''s WITH list with rel, the ROR score components of each customer';

-- ---------------------------------------------------------------------------
-- customer_relationship
-- ---------------------------------------------------------------------------
CREATE FUNCTION @extschema@._customer_relationship(id anyelement)
RETURNS TABLE (customer_id anyelement, segment text, value float8, loyalty float8, advocacy float8,
               referral float8, engagement float8, ror_score float8, coverage float8, band text)
LANGUAGE plpgsql STABLE PARALLEL SAFE SET search_path = pg_catalog, pg_temp
    SET DateStyle = 'ISO, YMD' SET extra_float_digits = 1 SET jit = off AS $$
BEGIN
    RETURN QUERY EXECUTE @extschema@._relationship_with() || format($q$
SELECT rel.customer_id::%1$s, rel.segment, rel.value, rel.loyalty, rel.advocacy, rel.referral, rel.engagement,
       rel.ror_score, rel.coverage, rel.band
FROM rel $q$, @extschema@._type_name(pg_typeof(id)));
END $$;
COMMENT ON FUNCTION @extschema@._customer_relationship(anyelement) IS
    'internal: the rows of the view ror.customer_relationship, with customer_id of the type of the argument';

CREATE FUNCTION @extschema@._build_customer_relationship() RETURNS void
LANGUAGE sql VOLATILE SET search_path = pg_catalog, pg_temp AS $$
SELECT @extschema@._build_id_view('customer_relationship',
    'the ROR score of each customer as of as_of: its five components (0-1), the weighted score (0-100), the share of the weights it rests on, and its band (settings: score_weights, score_window_days)',
    ARRAY[['customer_id', 'the customer, in the type of customer_id of the bound sources'],
          ['segment', 'customer segment (NULL: no segment, or not a bound customer)'],
          ['value', 'value component, 0-1: ror.value_component(clv, acquisition_cost), or the rank (cume_dist) of the clv among all customers with one when the cost is unknown; NULL without orders or without a clv'],
          ['loyalty', 'loyalty component, 0-1: P(alive) (BG/NBD; NULL when no model could be fitted); without orders 1 if active at as_of, 0 if churned; NULL without orders and not a bound customer'],
          ['advocacy', 'advocacy component: ror.advocacy of the latest response in the score window (0, 0.5 or 1); NULL without one'],
          ['referral', 'referral component, 0-1: ror.saturate(interactions of kind referral in the score window); NULL when interactions are unbound'],
          ['engagement', 'engagement component, 0-1: ror.saturate(other interactions in the score window, their median over the customers with any); NULL when interactions are unbound'],
          ['ror_score', 'ROR score, 0-100: ror.ror_score of the components with the score_weights setting; NULL when the present components carry less than half the weight'],
          ['coverage', 'share of the weights carried by the components present, fraction 0-1 (ror.ror_coverage)'],
          ['band', 'ror.ror_band(ror_score): red below 50, yellow 50-75, green above 75']])
$$;
COMMENT ON FUNCTION @extschema@._build_customer_relationship() IS
    'internal: (re)creates the view ror.customer_relationship for the customer_id type of the bindings';
SELECT @extschema@._build_customer_relationship();

-- a binding that changes the customer_id type rebuilds the views that carry
-- it; so does a pg_restore, whose COPY of the bindings fires this too
CREATE FUNCTION @extschema@._bindings_changed() RETURNS trigger
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
BEGIN
    PERFORM @extschema@._build_customer_value();
    PERFORM @extschema@._build_customer_relationship();
    RETURN NULL;
END $$;
COMMENT ON FUNCTION @extschema@._bindings_changed() IS
    'internal: rebuilds ror.customer_value and ror.customer_relationship when the bindings change';
CREATE TRIGGER rebuild_id_views AFTER INSERT OR UPDATE OR DELETE ON @extschema@.source_binding
    FOR EACH STATEMENT EXECUTE FUNCTION @extschema@._bindings_changed();

-- ---------------------------------------------------------------------------
-- scorecard
-- ---------------------------------------------------------------------------
-- One row per segment and a total row, as of as_of (the setting's when NULL).
-- NPS: every valid response in the score window, in the segment of its
-- customer (NULL when unknown, as in nps_by_period).  churn_rate:
-- the last period that ended by as_of, standard method (churned from start /
-- at start), the counts churn_by_period gives for it.
CREATE FUNCTION @extschema@._scorecard(p_as_of date DEFAULT NULL)
RETURNS TABLE (segment text, is_total boolean, customers int8, scored_customers int8, mean_ror_score float8,
               ror_score_stderr float8, red_share float8, yellow_share float8, green_share float8,
               nps float8, nps_low float8, nps_high float8, churn_rate float8, mean_clv float8,
               mean_acquisition_cost float8, clv_to_cac float8)
LANGUAGE plpgsql STABLE PARALLEL SAFE SET search_path = pg_catalog, pg_temp
    SET DateStyle = 'ISO, YMD' SET extra_float_digits = 1 SET jit = off AS $$
BEGIN
    RETURN QUERY EXECUTE @extschema@._relationship_with(p_as_of) || $q$
-- float means and deviations over sorted inputs: the same digits whatever the
-- plan (a float sum depends on the order of its terms, and snapshots are
-- compared with later answers)
, sc AS (
    SELECT rel.segment, grouping(rel.segment) = 1 AS is_total, count(*) AS customers, count(rel.ror_score) AS scored,
           avg(rel.ror_score ORDER BY rel.ror_score) AS mean_score,
           stddev_samp(rel.ror_score ORDER BY rel.ror_score) / sqrt(count(rel.ror_score)) AS se,
           count(*) FILTER (WHERE rel.band = 'red') AS red, count(*) FILTER (WHERE rel.band = 'yellow') AS yellow,
           count(*) FILTER (WHERE rel.band = 'green') AS green,
           avg(rel.clv ORDER BY rel.clv) AS mean_clv, avg(rel.acquisition_cost ORDER BY rel.acquisition_cost) AS mean_cac
    FROM rel GROUP BY GROUPING SETS ((rel.segment), ()) HAVING count(*) > 0),
np AS (
    SELECT c.segment, grouping(c.segment) = 1 AS is_total, @extschema@.nps_summary_agg(r.score) AS s
    FROM responses r CROSS JOIN st LEFT JOIN customers c ON c.customer_id = r.customer_id
    WHERE r.responded_on > st.as_of - st.window_days
    GROUP BY GROUPING SETS ((c.segment), ())),
-- the last complete period [s, e): the one holding as_of when as_of is its last day, else the one before
lastp AS (
    SELECT x.s, (x.s + @extschema@._period_step(st.period))::date AS e
    FROM st CROSS JOIN LATERAL (
        SELECT CASE WHEN (@extschema@._period_start(st.as_of, st.period) + @extschema@._period_step(st.period))::date - 1 = st.as_of
                    THEN @extschema@._period_start(st.as_of, st.period)
                    ELSE (@extschema@._period_start(st.as_of, st.period) - @extschema@._period_step(st.period))::date END AS s) x),
-- lifetime [a, b): at start when a <= s < b; churned from start when also b - 1 in [s, e)
ch AS (
    SELECT c.segment, grouping(c.segment) = 1 AS is_total,
           count(*) FILTER (WHERE c.acquired_on <= lp.s AND (c.churned_on IS NULL OR c.churned_on > lp.s)) AS at_start,
           count(*) FILTER (WHERE c.acquired_on <= lp.s AND c.churned_on > lp.s AND c.churned_on <= lp.e) AS churned
    FROM customers c CROSS JOIN lastp lp
    GROUP BY GROUPING SETS ((c.segment), ()))
SELECT sc.segment, sc.is_total, sc.customers, sc.scored, sc.mean_score, sc.se,
       sc.red::float8 / nullif(sc.scored, 0), sc.yellow::float8 / nullif(sc.scored, 0), sc.green::float8 / nullif(sc.scored, 0),
       @extschema@.nps(np.s), (ci).low, (ci).high,
       ch.churned::float8 / nullif(ch.at_start, 0),
       sc.mean_clv, sc.mean_cac, sc.mean_clv / nullif(sc.mean_cac, 0)
FROM sc
LEFT JOIN np ON np.is_total = sc.is_total AND np.segment IS NOT DISTINCT FROM sc.segment
LEFT JOIN ch ON ch.is_total = sc.is_total AND ch.segment IS NOT DISTINCT FROM sc.segment
CROSS JOIN LATERAL (SELECT @extschema@.nps_ci(np.s) AS ci) l
ORDER BY sc.is_total, sc.segment NULLS FIRST $q$;
END $$;
COMMENT ON FUNCTION @extschema@._scorecard(date) IS
    'internal: the rows of the view ror.scorecard as of the date given (NULL: the as_of setting)';

CREATE VIEW @extschema@.scorecard WITH (security_invoker = true) AS
SELECT * FROM @extschema@._scorecard();
COMMENT ON VIEW @extschema@.scorecard IS
    'the brand scorecard as of as_of: the ROR score per customer segment and in total, with NPS, churn and CLV beside it';

-- ---------------------------------------------------------------------------
-- scorecard snapshots and their history
-- ---------------------------------------------------------------------------
CREATE TABLE @extschema@.scorecard_snapshot (
    as_of                 date NOT NULL,
    segment               text,
    is_total              boolean NOT NULL,
    customers             int8 NOT NULL,
    scored_customers      int8 NOT NULL,
    mean_ror_score        float8,
    ror_score_stderr      float8,
    red_share             float8,
    yellow_share          float8,
    green_share           float8,
    nps                   float8,
    nps_low               float8,
    nps_high              float8,
    churn_rate            float8,
    mean_clv              float8,
    mean_acquisition_cost float8,
    clv_to_cac            float8,
    taken_at              timestamptz NOT NULL DEFAULT now()
);
CREATE UNIQUE INDEX scorecard_snapshot_key ON @extschema@.scorecard_snapshot (as_of, is_total, coalesce(segment, ''), (segment IS NULL));
COMMENT ON TABLE @extschema@.scorecard_snapshot IS
    'the scorecard as of past dates (ror.snapshot_scorecard, ror.backfill_scorecard); read through the view ror.scorecard_history';
COMMENT ON COLUMN @extschema@.scorecard_snapshot.taken_at IS 'when the snapshot was computed';
SELECT pg_catalog.pg_extension_config_dump('@extschema@.scorecard_snapshot', '');

CREATE FUNCTION @extschema@.snapshot_scorecard(as_of date DEFAULT NULL) RETURNS date
LANGUAGE plpgsql VOLATILE SET search_path = pg_catalog, pg_temp AS $$
DECLARE d date := coalesce(snapshot_scorecard.as_of, (@extschema@.current_settings()).as_of);
BEGIN
    IF NOT isfinite(d) THEN
        RAISE EXCEPTION 'snapshot_scorecard needs a finite date, not %', d USING ERRCODE = 'invalid_parameter_value';
    END IF;
    -- snapshots of one date take turns, until commit: the DELETE below then starts after an
    -- earlier one committed and sees its rows (under READ COMMITTED, each statement its own
    -- snapshot).  Without the lock two at once both found nothing to delete, and the second
    -- INSERT failed on scorecard_snapshot_key (23505; bench/load/snapshot_race.sql)
    PERFORM pg_advisory_xact_lock('@extschema@.scorecard_snapshot'::regclass::oid::int4, d - date '2000-01-01');
    DELETE FROM @extschema@.scorecard_snapshot s WHERE s.as_of = d;
    INSERT INTO @extschema@.scorecard_snapshot
        (as_of, segment, is_total, customers, scored_customers, mean_ror_score, ror_score_stderr, red_share,
         yellow_share, green_share, nps, nps_low, nps_high, churn_rate, mean_clv, mean_acquisition_cost, clv_to_cac)
    SELECT d, c.* FROM @extschema@._scorecard(d) c;
    RETURN d;
END $$;
COMMENT ON FUNCTION @extschema@.snapshot_scorecard(date) IS
    'stores the scorecard as of the date (NULL: the as_of setting) in ror.scorecard_history, replacing a snapshot of the same date; returns the date';

CREATE FUNCTION @extschema@.backfill_scorecard("from" date, "to" date) RETURNS int
LANGUAGE plpgsql VOLATILE SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    period text := (@extschema@.current_settings()).period;
    step interval := @extschema@._period_step(period);
    e date;
    n int := 0;
BEGIN
    IF "from" IS NULL OR "to" IS NULL OR NOT isfinite("from") OR NOT isfinite("to") OR "from" > "to" THEN
        RAISE EXCEPTION 'backfill_scorecard needs two finite dates, from <= to, not % and %',
                        coalesce("from"::text, 'NULL'), coalesce("to"::text, 'NULL')
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    -- the last day of every period (the period setting) that ends within [from, to]
    e := (@extschema@._period_start("from", period) + step)::date - 1;
    WHILE e <= "to" LOOP
        IF e >= "from" THEN
            PERFORM @extschema@.snapshot_scorecard(e);
            n := n + 1;
        END IF;
        e := (@extschema@._period_start(e + 1, period) + step)::date - 1;
    END LOOP;
    RETURN n;
END $$;
COMMENT ON FUNCTION @extschema@.backfill_scorecard(date, date) IS
    'stores a scorecard snapshot as of the last day of every period (the period setting) that ends between from and to; returns how many';

CREATE VIEW @extschema@.scorecard_history WITH (security_invoker = true) AS
SELECT s.as_of, s.segment, s.is_total, s.customers, s.scored_customers, s.mean_ror_score, s.ror_score_stderr,
       s.red_share, s.yellow_share, s.green_share, s.nps, s.nps_low, s.nps_high, s.churn_rate, s.mean_clv,
       s.mean_acquisition_cost, s.clv_to_cac
FROM @extschema@.scorecard_snapshot s
ORDER BY s.as_of, s.is_total, s.segment NULLS FIRST;
COMMENT ON VIEW @extschema@.scorecard_history IS
    'the scorecard as it was at each stored date (ror.snapshot_scorecard, ror.backfill_scorecard), for a line chart of the relationships over time';

-- the column comments of both scorecard views
DO $$
DECLARE col record;
BEGIN
    FOR col IN SELECT * FROM (VALUES
        ('segment', 'customer segment (NULL: no segment; in the total row: all segments)'),
        ('is_total', 'true for the row over all customers'),
        ('customers', 'customers scored or not (count)'),
        ('scored_customers', 'customers with a ROR score (count)'),
        ('mean_ror_score', 'mean ROR score of the scored customers, 0-100'),
        ('ror_score_stderr', 'standard error of mean_ror_score (sample standard deviation / sqrt(scored_customers))'),
        ('red_share', 'share of the scored customers in band red (score below 50), fraction 0-1'),
        ('yellow_share', 'share of the scored customers in band yellow (50-75), fraction 0-1'),
        ('green_share', 'share of the scored customers in band green (above 75), fraction 0-1'),
        ('nps', 'Net Promoter Score of the valid responses in the score window (total row: all; segment rows: by the customer''s segment, NULL for unknown customers), -100 to 100'),
        ('nps_low', 'lower end of the 95 % adjusted-Wald interval of the NPS (as ror.nps_ci)'),
        ('nps_high', 'upper end of the 95 % adjusted-Wald interval of the NPS (as ror.nps_ci)'),
        ('churn_rate', 'churn rate of the last period that ended by as_of (churned from start / customers at start, as in churn_by_period), fraction 0-1'),
        ('mean_clv', 'mean CLV of the customers with one (money, as customer_value.clv)'),
        ('mean_acquisition_cost', 'mean acquisition cost of the customers with one (money)'),
        ('clv_to_cac', 'mean_clv / mean_acquisition_cost (NULL when the cost is unknown or 0)')) v(name, text)
    LOOP
        EXECUTE format('COMMENT ON COLUMN @extschema@.scorecard.%I IS %L', col.name, col.text);
        EXECUTE format('COMMENT ON COLUMN @extschema@.scorecard_history.%I IS %L', col.name, col.text);
        EXECUTE format('COMMENT ON COLUMN @extschema@.scorecard_snapshot.%I IS %L', col.name, col.text);
    END LOOP;
END $$;
COMMENT ON COLUMN @extschema@.scorecard_history.as_of IS 'the date the scorecard was computed as of';
COMMENT ON COLUMN @extschema@.scorecard_snapshot.as_of IS 'the date the scorecard was computed as of';

GRANT SELECT ON @extschema@.scorecard, @extschema@.scorecard_history TO PUBLIC;
-- the history is read as the reader (security_invoker) from ror's own table:
-- readable like the other views by every role with USAGE on schema ror; a DBA
-- who wants it narrower revokes this (pg_dump keeps the change)
GRANT SELECT ON @extschema@.scorecard_snapshot TO PUBLIC;
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
