/*
 * rfm_agg.c: transition, combine and final functions of ror.rfm_agg.
 *
 * The summary is derived exactly as the published CDNOW summary is (see
 * doc/clv.md): purchases on or before the observation end, grouped by
 * calendar day (amounts summed); with D distinct days d_1 < ... < d_D,
 *
 *     frequency = D - 1
 *     recency   = d_D - d_1                      (days)
 *     age       = observation_end - d_1          (days)
 *     monetary  = (sum of the amounts of days d_2..d_D) / (D - 1), 0 if D = 1
 */
#include "postgres.h"

#include "rfm.h"

#include <math.h>

#include "access/htup_details.h"
#include "funcapi.h"
#include "utils/builtins.h"
#include "utils/timestamp.h"
#include "rorhist.h"
#include "roragg.h"
#include "rorresult.h"

/*
 * A new state has room for the rows per group the planner expects, up to
 * this many days (a 512-byte state): a customer's orders then mostly fit in
 * the first allocation, and a wrong estimate wastes little per group.
 */
#define RFM_FIRST_MAX 30

/* the state to update: the existing one, or a fresh empty one */
static RfmState *
rfm_state_get(FunctionCallInfo fcinfo, DateADT end, const char *fname)
{
	RfmState   *s;

	ror_require_aggregate_once(fcinfo, fname);
	if (PG_ARGISNULL(0))
	{
		s = ror_hist_alloc(&rfm_hist, ror_hist_capacity(&rfm_hist, (int64) Min(ror_agg_rows_per_group(fcinfo, NULL), RFM_FIRST_MAX)));
		s->observation_end = end;
		return s;
	}
	s = PG_GETARG_RFM_STATE_P(0);
	if (s->observation_end != end)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("rfm_agg got observation end %s after %s",
						DatumGetCString(DirectFunctionCall1(date_out, DateADTGetDatum(end))),
						DatumGetCString(DirectFunctionCall1(date_out, DateADTGetDatum(s->observation_end)))),
				 errdetail("Every row of one rfm_agg group must carry the same observation end."),
				 errhint("Pass a constant, e.g. rfm_agg(ordered_on, amount, DATE '1997-09-30').")));
	return s;
}

static Datum
rfm_accum_day(FunctionCallInfo fcinfo, DateADT day, double amount, DateADT end)
{
	RfmState   *s;
	RfmEntry	e;

	if (!rfm_day_is_finite(end))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("rfm_agg observation end %s is not a finite date",
						DatumGetCString(DirectFunctionCall1(date_out, DateADTGetDatum(end))))));
	if (!rfm_day_is_finite(day) || isnan(amount) || isinf(amount))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("rfm_agg got purchase day %s with amount %g",
						DatumGetCString(DirectFunctionCall1(date_out, DateADTGetDatum(day))), amount),
				 errdetail("The purchase day must be a finite date and the amount a finite number.")));
	s = rfm_state_get(fcinfo, end, "rfm_agg");
	if (day > end)
		PG_RETURN_POINTER(s);	/* after the observation period: not counted */
	/*
	 * A day of a sorted prefix without gaps (one state over many customers'
	 * orders) is found by its position; any other goes the general way.
	 */
	e.day = day;
	e.pad = 0;
	e.amount = amount;
	if (s->hist.nsorted > 0)
	{
		int64		k = (int64) day - s->entries[0].day;

		if (k >= 0 && k < s->hist.nsorted && s->entries[k].day == day)
		{
			rfm_hist.add(&s->entries[k], &e);
			PG_RETURN_POINTER(s);
		}
	}
	s = ror_hist_append(&rfm_hist, s, &e);
	PG_RETURN_POINTER(s);
}

/* rfm_accum(state, occurred_on date, amount, observation_end) */
PG_FUNCTION_INFO_V1(rfm_accum);
Datum
rfm_accum(PG_FUNCTION_ARGS)
{
	if (PG_ARGISNULL(1) || PG_ARGISNULL(2) || PG_ARGISNULL(3))
	{
		if (PG_ARGISNULL(0))
			PG_RETURN_NULL();
		PG_RETURN_DATUM(PG_GETARG_DATUM(0));
	}
	return rfm_accum_day(fcinfo, PG_GETARG_DATEADT(1), PG_GETARG_FLOAT8(2), PG_GETARG_DATEADT(3));
}

/*
 * rfm_accum_tz(state, occurred_at timestamptz, amount, observation_end):
 * the purchase's calendar day in the session time zone, as occurred_at::date.
 */
PG_FUNCTION_INFO_V1(rfm_accum_tz);
Datum
rfm_accum_tz(PG_FUNCTION_ARGS)
{
	TimestampTz ts;

	if (PG_ARGISNULL(1) || PG_ARGISNULL(2) || PG_ARGISNULL(3))
	{
		if (PG_ARGISNULL(0))
			PG_RETURN_NULL();
		PG_RETURN_DATUM(PG_GETARG_DATUM(0));
	}
	ts = PG_GETARG_TIMESTAMPTZ(1);
	if (TIMESTAMP_NOT_FINITE(ts))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("rfm_agg got purchase time %s with amount %g",
						DatumGetCString(DirectFunctionCall1(timestamptz_out, TimestampTzGetDatum(ts))),
						PG_GETARG_FLOAT8(2)),
				 errdetail("The purchase time must be finite.")));
	return rfm_accum_day(fcinfo,
						 DatumGetDateADT(DirectFunctionCall1(timestamptz_date, TimestampTzGetDatum(ts))),
						 PG_GETARG_FLOAT8(2), PG_GETARG_DATEADT(3));
}

/*
 * rfm_combine(a, b): merge two states with the same observation end
 * (combine function, and transition function of the aggregates over stored
 * states).  Returns a new state, never b itself.
 */
PG_FUNCTION_INFO_V1(rfm_combine);
Datum
rfm_combine(PG_FUNCTION_ARGS)
{
	RfmState   *a,
			   *b,
			   *out;

	if (PG_ARGISNULL(1))
	{
		if (PG_ARGISNULL(0))
			PG_RETURN_NULL();
		PG_RETURN_DATUM(PG_GETARG_DATUM(0));
	}
	b = ror_hist_compacted_copy(&rfm_hist, PG_GETARG_RFM_STATE_P(1));
	if (PG_ARGISNULL(0))
	{
		ror_require_aggregate(fcinfo, "rfm_combine");
		PG_RETURN_POINTER(b);
	}
	a = rfm_state_get(fcinfo, b->observation_end, "rfm_combine");
	out = ror_hist_merge_states(&rfm_hist, a, b);	/* a is ours: in the aggregate context */
	PG_RETURN_POINTER(out);
}

/* final function of rfm_state_agg: the compacted state without spare room */
PG_FUNCTION_INFO_V1(rfm_state_final);
Datum
rfm_state_final(PG_FUNCTION_ARGS)
{
	PG_RETURN_POINTER(ror_hist_compacted_copy(&rfm_hist, PG_GETARG_RFM_STATE_P(0)));
}

/* rfm_final(state): the ror.rfm composite, NULL when no purchase was on or before the end */
PG_FUNCTION_INFO_V1(rfm_final);
Datum
rfm_final(PG_FUNCTION_ARGS)
{
	RfmState   *s = ror_hist_compacted_copy(&rfm_hist, PG_GETARG_RFM_STATE_P(0));
	TupleDesc	tupdesc = ror_result_tupdesc(fcinfo, "rfm_final");
	Datum		values[4];
	bool		nulls[4] = {false, false, false, false};
	double		sum = 0.0;

	if (s->hist.n == 0)
		PG_RETURN_NULL();
	for (int i = 1; i < s->hist.n; i++)
		sum += s->entries[i].amount;
	if (isinf(sum) || isinf(s->entries[0].amount) || isnan(sum))
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("rfm_agg amount sum out of range")));
	values[0] = Int64GetDatum((int64) s->hist.n - 1);
	values[1] = Float8GetDatum((double) s->entries[s->hist.n - 1].day - (double) s->entries[0].day);
	values[2] = Float8GetDatum((double) s->observation_end - (double) s->entries[0].day);
	values[3] = Float8GetDatum(s->hist.n > 1 ? sum / (double) (s->hist.n - 1) : 0.0);
	PG_RETURN_DATUM(HeapTupleGetDatum(heap_form_tuple(tupdesc, values, nulls)));
}
