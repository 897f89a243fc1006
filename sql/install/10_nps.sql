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
