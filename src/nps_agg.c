/*
 * nps_agg.c: transition, inverse, combine and final functions of the NPS
 * aggregates.  The state is a ror.nps_summary, created in the aggregate
 * context on the first non-NULL row and updated in place after that.
 */
#include "postgres.h"

#include "nps.h"

#include <math.h>

#include "utils/memutils.h"
#include "roragg.h"

/*
 * The state to update: the existing one, or a fresh zeroed one.  A fresh one
 * is allocated in the current (per-call) context: the executor copies any new
 * state pointer into the aggregate context itself, so allocating it there
 * too would leave a dead copy per group.
 */
static inline NpsSummary *
nps_state(FunctionCallInfo fcinfo, const char *fname)
{
	if (likely(!PG_ARGISNULL(0) && ror_aggregate_was_checked(fcinfo)))
		return PG_GETARG_NPS_P(0);
	ror_require_aggregate_once(fcinfo, fname);
	if (PG_ARGISNULL(0))
		return palloc0(sizeof(NpsSummary));
	return PG_GETARG_NPS_P(0);
}

/* nps_accum(state, score): count one unweighted answer */
PG_FUNCTION_INFO_V1(nps_accum);
Datum
nps_accum(PG_FUNCTION_ARGS)
{
	NpsSummary *s;
	int32		score;

	if (PG_ARGISNULL(1))
	{
		if (PG_ARGISNULL(0))
			PG_RETURN_NULL();
		PG_RETURN_DATUM(PG_GETARG_DATUM(0));
	}
	score = PG_GETARG_INT32(1);
	nps_check_score(score);

	s = nps_state(fcinfo, "nps_accum");
	s->responses++;
	s->weight[nps_category_index(score)] += 1.0;
	s->sum_w2 += 1.0;
	PG_RETURN_NPS_P(s);
}

/*
 * nps_retract(state, score): the inverse of nps_accum, for moving windows
 * (declared STRICT, with an empty summary as MINITCOND).  Weight sums of
 * unweighted rows are whole numbers, so subtraction is exact.
 */
PG_FUNCTION_INFO_V1(nps_retract);
Datum
nps_retract(PG_FUNCTION_ARGS)
{
	NpsSummary *s = nps_state(fcinfo, "nps_retract");
	int32		score = PG_GETARG_INT32(1);

	s->responses--;
	s->weight[nps_category_index(score)] -= 1.0;
	s->sum_w2 -= 1.0;
	PG_RETURN_NPS_P(s);
}

/* nps_accum_weighted(state, score, weight): count one weighted answer */
PG_FUNCTION_INFO_V1(nps_accum_weighted);
Datum
nps_accum_weighted(PG_FUNCTION_ARGS)
{
	NpsSummary *s;
	int32		score;
	double		w;
	double	   *cat;

	if (PG_ARGISNULL(1) || PG_ARGISNULL(2))
	{
		if (PG_ARGISNULL(0))
			PG_RETURN_NULL();
		PG_RETURN_DATUM(PG_GETARG_DATUM(0));
	}
	score = PG_GETARG_INT32(1);
	w = PG_GETARG_FLOAT8(2);
	nps_check_score(score);
	if (!(w >= 0.0) || isinf(w))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("NPS weight %g is invalid", w),
				 errdetail("A weight must be a finite number greater than or equal to 0."),
				 errhint("Skip the row with a NULL weight instead.")));
	/* Kish's n needs the squares: keep them clear of underflow and overflow */
	if (w != 0.0 && (w < NPS_WEIGHT_MIN || w > NPS_WEIGHT_MAX))
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("NPS weight %g is out of range", w),
				 errdetail("A weight must be 0 or between %g and %g, so that its square is exact enough for Kish's effective sample size.",
						   NPS_WEIGHT_MIN, NPS_WEIGHT_MAX),
				 errhint("Rescale the weights; the NPS and its interval do not depend on their scale.")));

	s = nps_state(fcinfo, "nps_accum_weighted");
	s->responses++;
	cat = &s->weight[nps_category_index(score)];
	*cat += w;
	s->sum_w2 += w * w;
	if (isinf(*cat) || isinf(s->sum_w2))
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("NPS weight sum out of range after weight %g", w)));
	PG_RETURN_NPS_P(s);
}

/*
 * nps_combine(a, b): merge two summaries.  Serves as the combine function of
 * every NPS aggregate and as the transition function of the merge
 * aggregates.  Never returns b itself: it lives outside the aggregate
 * context.
 */
PG_FUNCTION_INFO_V1(nps_combine);
Datum
nps_combine(PG_FUNCTION_ARGS)
{
	NpsSummary *s;

	if (PG_ARGISNULL(1))
	{
		if (PG_ARGISNULL(0))
			PG_RETURN_NULL();
		PG_RETURN_DATUM(PG_GETARG_DATUM(0));
	}
	s = nps_state(fcinfo, "nps_combine");
	nps_summary_add(s, PG_GETARG_NPS_P(1));
	PG_RETURN_NPS_P(s);
}

/* nps_final(state): the NPS, or NULL when there is no weight at all */
PG_FUNCTION_INFO_V1(nps_final);
Datum
nps_final(PG_FUNCTION_ARGS)
{
	NpsSummary *s = PG_GETARG_NPS_P(0);

	if (nps_total_weight(s) <= 0.0)
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(nps_value(s));
}
