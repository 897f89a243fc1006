/*
 * churn_stats.c: what can be read off a churn summary (rates by method,
 * retention, counts, customer-days), rate conversions between period
 * lengths, and the activity lifetime of non-contractual customers.
 */
#include "postgres.h"

#include "churn.h"

#include <math.h>

#include "catalog/pg_type.h"
#include "utils/builtins.h"
#include "utils/date.h"
#include "utils/rangetypes.h"
#include "utils/timestamp.h"
#include "utils/typcache.h"

PG_FUNCTION_INFO_V1(churn_summary_rate);
Datum
churn_summary_rate(PG_FUNCTION_ARGS)
{
	double		rate;

	if (!churn_rate_value(PG_GETARG_CHURN_P(0), CHURN_METHOD_STANDARD, &rate))
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(rate);
}

PG_FUNCTION_INFO_V1(churn_summary_rate_method);
Datum
churn_summary_rate_method(PG_FUNCTION_ARGS)
{
	int			method = churn_method_from_name(text_to_cstring(PG_GETARG_TEXT_PP(1)));
	double		rate;

	if (!churn_rate_value(PG_GETARG_CHURN_P(0), method, &rate))
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(rate);
}

/* 1 - standard churn: the share of the customers at start still there at the end */
PG_FUNCTION_INFO_V1(churn_summary_retention);
Datum
churn_summary_retention(PG_FUNCTION_ARGS)
{
	ChurnSummary *s = PG_GETARG_CHURN_P(0);

	if (s->at_start == 0)
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8((double) (s->at_start - s->churned_from_start) / (double) s->at_start);
}

PG_FUNCTION_INFO_V1(churn_summary_at_start);
Datum
churn_summary_at_start(PG_FUNCTION_ARGS)
{
	PG_RETURN_INT64(PG_GETARG_CHURN_P(0)->at_start);
}

PG_FUNCTION_INFO_V1(churn_summary_churned_from_start);
Datum
churn_summary_churned_from_start(PG_FUNCTION_ARGS)
{
	PG_RETURN_INT64(PG_GETARG_CHURN_P(0)->churned_from_start);
}

PG_FUNCTION_INFO_V1(churn_summary_new);
Datum
churn_summary_new(PG_FUNCTION_ARGS)
{
	PG_RETURN_INT64(PG_GETARG_CHURN_P(0)->new_customers);
}

PG_FUNCTION_INFO_V1(churn_summary_churned_new);
Datum
churn_summary_churned_new(PG_FUNCTION_ARGS)
{
	PG_RETURN_INT64(PG_GETARG_CHURN_P(0)->churned_new);
}

/* churned_from_start + churned_new; cannot overflow for a valid summary
 * only in theory, so check */
PG_FUNCTION_INFO_V1(churn_summary_churned);
Datum
churn_summary_churned(PG_FUNCTION_ARGS)
{
	ChurnSummary *s = PG_GETARG_CHURN_P(0);

	if (s->churned_from_start > PG_INT64_MAX - s->churned_new)
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("churned count out of range")));
	PG_RETURN_INT64(s->churned_from_start + s->churned_new);
}

PG_FUNCTION_INFO_V1(churn_summary_customer_days);
Datum
churn_summary_customer_days(PG_FUNCTION_ARGS)
{
	PG_RETURN_FLOAT8(churn_customer_days(PG_GETARG_CHURN_P(0)));
}

PG_FUNCTION_INFO_V1(churn_summary_period_days);
Datum
churn_summary_period_days(PG_FUNCTION_ARGS)
{
	PG_RETURN_FLOAT8(churn_period_days(PG_GETARG_CHURN_P(0)));
}

/* ---- rate conversions ---- */

static void
check_rate(double rate, const char *what)
{
	if (isnan(rate) || rate < 0.0 || rate > 1.0)
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("%s %g is out of range", what, rate),
				 errdetail("A rate is a share from 0 to 1."),
				 errhint("Pass 0.05 for 5 %%.")));
}

static void
check_periods(double n)
{
	if (!(n > 0.0) || isinf(n))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("periods per year %g is invalid", n),
				 errdetail("The number of periods per year must be a finite number greater than 0."),
				 errhint("Pass 12 for monthly, 52 for weekly, 4 for quarterly rates.")));
}

/* 1 - (1 - rate)^n: the yearly rate of n periods at the periodic rate */
PG_FUNCTION_INFO_V1(churn_annualize_rate);
Datum
churn_annualize_rate(PG_FUNCTION_ARGS)
{
	double		rate = PG_GETARG_FLOAT8(0);
	double		n = PG_GETARG_FLOAT8(1);

	check_rate(rate, "churn rate");
	check_periods(n);
	PG_RETURN_FLOAT8(-expm1(n * log1p(-rate)));
}

/* 1 - (1 - annual)^(1/n): the inverse of annualize_rate */
PG_FUNCTION_INFO_V1(churn_periodize_rate);
Datum
churn_periodize_rate(PG_FUNCTION_ARGS)
{
	double		annual = PG_GETARG_FLOAT8(0);
	double		n = PG_GETARG_FLOAT8(1);

	check_rate(annual, "annual churn rate");
	check_periods(n);
	PG_RETURN_FLOAT8(-expm1(log1p(-annual) / n));
}

/* ---- activity lifetimes ---- */

static TypeCacheEntry *
range_typcache(FunctionCallInfo fcinfo, Oid rangetype)
{
	TypeCacheEntry *tc = (TypeCacheEntry *) fcinfo->flinfo->fn_extra;

	if (tc == NULL || tc->type_id != rangetype)
	{
		tc = lookup_type_cache(rangetype, TYPECACHE_RANGE_INFO);
		fcinfo->flinfo->fn_extra = tc;
	}
	return tc;
}

ror_noreturn static void
last_before_first(const char *first, const char *last)
{
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("last activity %s is before first activity %s", last, first),
			 errhint("Swap the arguments: activity_lifetime(first, last, inactivity, as_of).")));
}

/*
 * [first, last + inactivity) when that end has passed by as_of (churned:
 * no activity for the inactivity window), else [first, infinity).
 */
PG_FUNCTION_INFO_V1(churn_activity_lifetime_tstz);
Datum
churn_activity_lifetime_tstz(PG_FUNCTION_ARGS)
{
	TimestampTz first = PG_GETARG_TIMESTAMPTZ(0);
	TimestampTz last = PG_GETARG_TIMESTAMPTZ(1);
	Interval   *inactivity = PG_GETARG_INTERVAL_P(2);
	TimestampTz as_of = PG_GETARG_TIMESTAMPTZ(3);
	TypeCacheEntry *tc = range_typcache(fcinfo, TSTZRANGEOID);
	Interval	zero = {0};
	TimestampTz end;
	RangeBound	lo,
				hi;

	if (last < first)
		last_before_first(DatumGetCString(DirectFunctionCall1(timestamptz_out, TimestampTzGetDatum(first))),
						  DatumGetCString(DirectFunctionCall1(timestamptz_out, TimestampTzGetDatum(last))));
	if (DatumGetBool(DirectFunctionCall2(interval_le, IntervalPGetDatum(inactivity), IntervalPGetDatum(&zero))))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("inactivity %s is not positive",
						DatumGetCString(DirectFunctionCall1(interval_out, IntervalPGetDatum(inactivity)))),
				 errdetail("A customer churns after a positive time without activity."),
				 errhint("Pass an interval such as '90 days'.")));
	end = DatumGetTimestampTz(DirectFunctionCall2(timestamptz_pl_interval, TimestampTzGetDatum(last),
												  IntervalPGetDatum(inactivity)));
	lo.val = TimestampTzGetDatum(first);
	lo.infinite = false;
	lo.inclusive = true;
	lo.lower = true;
	hi.val = TimestampTzGetDatum(end);
	hi.infinite = !(end <= as_of);
	hi.inclusive = false;
	hi.lower = false;
	PG_RETURN_RANGE_P(ror_make_range(tc, &lo, &hi, false));
}

/* the date form: [first, last + inactivity days) or [first, infinity) */
PG_FUNCTION_INFO_V1(churn_activity_lifetime_date);
Datum
churn_activity_lifetime_date(PG_FUNCTION_ARGS)
{
	DateADT		first = PG_GETARG_DATEADT(0);
	DateADT		last = PG_GETARG_DATEADT(1);
	int32		inactivity = PG_GETARG_INT32(2);
	DateADT		as_of = PG_GETARG_DATEADT(3);
	TypeCacheEntry *tc = range_typcache(fcinfo, DATERANGEOID);
	DateADT		end;
	RangeBound	lo,
				hi;

	if (last < first)
		last_before_first(DatumGetCString(DirectFunctionCall1(date_out, DateADTGetDatum(first))),
						  DatumGetCString(DirectFunctionCall1(date_out, DateADTGetDatum(last))));
	if (inactivity <= 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("inactivity of %d days is not positive", inactivity),
				 errdetail("A customer churns after a positive number of days without activity."),
				 errhint("Pass a number of days such as 90.")));
	/* date + integer, with its range checks */
	end = DatumGetDateADT(DirectFunctionCall2(date_pli, DateADTGetDatum(last), Int32GetDatum(inactivity)));
	lo.val = DateADTGetDatum(first);
	lo.infinite = false;
	lo.inclusive = true;
	lo.lower = true;
	hi.val = DateADTGetDatum(end);
	hi.infinite = !(end <= as_of);
	hi.inclusive = false;
	hi.lower = false;
	PG_RETURN_RANGE_P(ror_make_range(tc, &lo, &hi, false));
}
