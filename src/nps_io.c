/*
 * nps_io.c: ror.nps_summary text and binary I/O, equality, validation.
 */
#include "postgres.h"

#include "nps.h"

#include <float.h>
#include <math.h>

#include "common/int.h"
#include "common/hashfn.h"
#include "libpq/pqformat.h"
#include "rorbinary.h"

#define NPS_TYPNAME "ror.nps_summary"

/* the text form's fields, in print order */
static void
nps_fields(NpsSummary *s, RorField *f)
{
	f[0] = (RorField) {"responses", ROR_FIELD_INT64, &s->responses};
	f[1] = (RorField) {"promoters", ROR_FIELD_FLOAT8, &s->weight[NPS_PROMOTERS]};
	f[2] = (RorField) {"passives", ROR_FIELD_FLOAT8, &s->weight[NPS_PASSIVES]};
	f[3] = (RorField) {"detractors", ROR_FIELD_FLOAT8, &s->weight[NPS_DETRACTORS]};
	f[4] = (RorField) {"sum_w2", ROR_FIELD_FLOAT8, &s->sum_w2};
}
#define NPS_NFIELDS 5

void
nps_score_error(int32 score)
{
	ereport(ERROR,
			(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
			 errmsg("NPS score %d is out of range", score),
			 errdetail("A score must be an integer from 0 to 10."),
			 errhint("Filter or fix the row, e.g. WHERE score BETWEEN 0 AND 10.")));
	pg_unreachable();
}

static void
check_weight_sum(const char *name, double v, const char *source, int code)
{
	if (isnan(v) || signbit(v))
		ereport(ERROR,
				(errcode(code),
				 errmsg("invalid %s: %s is %s", source, name, isnan(v) ? "NaN" : "negative"),
				 errdetail("Weight sums must be finite and not negative.")));
	if (isinf(v))
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("invalid %s: %s is infinite", source, name),
				 errdetail("Weight sums must be finite and not negative.")));
}

/*
 * Checks that hold for every summary the aggregates can build.  code is
 * 22P02 for text input, 22P03 for binary input.
 */
static void
nps_validate_code(const NpsSummary *s, const char *source, int code)
{
	double		total;

	if (s->responses < 0)
		ereport(ERROR,
				(errcode(code),
				 errmsg("invalid %s: responses is negative (" INT64_FORMAT ")", source, s->responses)));
	check_weight_sum("promoters", s->weight[NPS_PROMOTERS], source, code);
	check_weight_sum("passives", s->weight[NPS_PASSIVES], source, code);
	check_weight_sum("detractors", s->weight[NPS_DETRACTORS], source, code);
	check_weight_sum("sum_w2", s->sum_w2, source, code);

	total = nps_total_weight(s);
	if (isinf(total))
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("invalid %s: the total weight overflows", source)));
	if (s->responses == 0 && (total != 0.0 || s->sum_w2 != 0.0))
		ereport(ERROR,
				(errcode(code),
				 errmsg("invalid %s: weights without responses", source),
				 errdetail("A summary of 0 responses has all weight sums 0.")));

	/*
	 * With non-negative weights, (sum w)^2 / n <= sum w^2 <= (sum w)^2.  The
	 * slack covers rounding in sums built by the aggregates.
	 */
	if (s->responses > 0)
	{
		double		sq = total * total;
		/* relative slack for rounding, absolute for (hand-made) underflowed squares */
		double		slack = 1e-9 * sq + (double) s->responses * DBL_MIN;

		if (s->sum_w2 > sq + slack || s->sum_w2 < sq / (double) s->responses - slack)
			ereport(ERROR,
					(errcode(code),
					 errmsg("invalid %s: sum_w2 is inconsistent with the weight sums", source),
					 errdetail("With %s responses of total weight %g, sum_w2 must lie between %g and %g, but it is %g.",
							   psprintf(INT64_FORMAT, s->responses), total,
							   sq / (double) s->responses, sq, s->sum_w2)));
	}
}

void
nps_summary_add(NpsSummary *a, const NpsSummary *b)
{
	if (pg_add_s64_overflow(a->responses, b->responses, &a->responses))
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("nps_summary response count out of range")));
	for (int i = 0; i < 3; i++)
		a->weight[i] += b->weight[i];
	a->sum_w2 += b->sum_w2;
	if (isinf(nps_total_weight(a)) || isinf(a->sum_w2))
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("nps_summary weight sum out of range")));
}

PG_FUNCTION_INFO_V1(nps_summary_in);
Datum
nps_summary_in(PG_FUNCTION_ARGS)
{
	char	   *input = PG_GETARG_CSTRING(0);
	NpsSummary *s = palloc0(sizeof(NpsSummary));
	RorField	f[NPS_NFIELDS];

	nps_fields(s, f);
	ror_text_parse(NPS_TYPNAME, input, f, NPS_NFIELDS);
	nps_validate_code(s, NPS_TYPNAME, ERRCODE_INVALID_TEXT_REPRESENTATION);
	PG_RETURN_NPS_P(s);
}

PG_FUNCTION_INFO_V1(nps_summary_out);
Datum
nps_summary_out(PG_FUNCTION_ARGS)
{
	NpsSummary	copy = *PG_GETARG_NPS_P(0);
	RorField	f[NPS_NFIELDS];
	StringInfoData buf;

	initStringInfo(&buf);
	nps_fields(&copy, f);
	ror_text_format(&buf, f, NPS_NFIELDS);
	PG_RETURN_CSTRING(buf.data);
}

PG_FUNCTION_INFO_V1(nps_summary_recv);
Datum
nps_summary_recv(PG_FUNCTION_ARGS)
{
	StringInfo	msg = (StringInfo) PG_GETARG_POINTER(0);
	NpsSummary *s = palloc0(sizeof(NpsSummary));
	RorField	f[NPS_NFIELDS];

	ror_binary_check_version(msg, NPS_TYPNAME, NPS_SUMMARY_VERSION);
	nps_fields(s, f);
	ror_binary_recv_fields(msg, f, NPS_NFIELDS);
	nps_validate_code(s, NPS_TYPNAME, ERRCODE_INVALID_BINARY_REPRESENTATION);
	PG_RETURN_NPS_P(s);
}

PG_FUNCTION_INFO_V1(nps_summary_send);
Datum
nps_summary_send(PG_FUNCTION_ARGS)
{
	NpsSummary	copy = *PG_GETARG_NPS_P(0);
	RorField	f[NPS_NFIELDS];
	StringInfoData buf;

	pq_begintypsend(&buf);
	nps_fields(&copy, f);
	ror_binary_send_fields(&buf, NPS_SUMMARY_VERSION, f, NPS_NFIELDS);
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

/* bitwise equality: the text round trip must preserve every bit */
PG_FUNCTION_INFO_V1(nps_summary_eq);
Datum
nps_summary_eq(PG_FUNCTION_ARGS)
{
	NpsSummary *a = PG_GETARG_NPS_P(0);
	NpsSummary *b = PG_GETARG_NPS_P(1);

	PG_RETURN_BOOL(memcmp(a, b, sizeof(NpsSummary)) == 0);
}

PG_FUNCTION_INFO_V1(nps_summary_ne);
Datum
nps_summary_ne(PG_FUNCTION_ARGS)
{
	NpsSummary *a = PG_GETARG_NPS_P(0);
	NpsSummary *b = PG_GETARG_NPS_P(1);

	PG_RETURN_BOOL(memcmp(a, b, sizeof(NpsSummary)) != 0);
}

/* hash of the bytes equality compares: for GROUP BY, DISTINCT, UNION, hash joins */
PG_FUNCTION_INFO_V1(nps_summary_hash);
Datum
nps_summary_hash(PG_FUNCTION_ARGS)
{
	return hash_any((const unsigned char *) PG_GETARG_NPS_P(0), sizeof(NpsSummary));
}
