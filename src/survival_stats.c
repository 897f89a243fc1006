/*
 * survival_stats.c: Kaplan-Meier read-outs of a ror.survival list.
 *
 * Kaplan & Meier (1958): S(t) = prod over event times t_i <= t of
 * (1 - d_i / n_i), where d_i subjects churned at t_i and n_i were at risk
 * just before it: everyone whose duration is >= t_i.  Subjects censored at
 * an event time count as at risk there (censoring follows the events at a
 * tie), as in R's survival package.
 *
 * Greenwood (1926): Var S(t) = S(t)^2 * sum d_i / (n_i (n_i - d_i)).
 * The confidence interval is the log-log one (Kalbfleisch & Prentice 1980;
 * R survfit conf.type = "log-log", the default of SAS PROC LIFETEST):
 * with V = sum d_i / (n_i (n_i - d_i)) and sigma = sqrt(V) / |log S|,
 * [S^exp(z sigma), S^exp(-z sigma)], which stays inside (0, 1).  It is
 * undefined (NULL) where S = 0.
 */
#include "postgres.h"

#include "survival.h"

#include <math.h>

#include "access/htup_details.h"
#include "funcapi.h"
#include "normal.h"

/* a walk over the event times of a canonical list */
typedef struct KmWalk
{
	const Survival *s;
	int32		next;			/* next entry to look at */
	int64		at_risk;		/* subjects with duration >= e[next].time */
	double		surv;			/* S just before e[next].time */
	double		greenwood;		/* sum d / (n (n - d)) so far; inf once S = 0 */
} KmWalk;

static void
km_start(KmWalk *w, const Survival *s)
{
	w->s = s;
	w->next = 0;
	w->at_risk = survival_total(s);
	w->surv = 1.0;
	w->greenwood = 0.0;
}

/*
 * Step to the next event time no later than limit; false when there is none.
 * On true, *e is that entry and *n its number at risk; surv and greenwood
 * include it.
 */
static bool
km_step(KmWalk *w, double limit, const SurvivalEntry **e, int64 *n)
{
	while (w->next < w->s->nused)
	{
		const SurvivalEntry *x = &w->s->e[w->next];
		int64		risk = w->at_risk;

		if (x->time > limit)
			return false;
		w->next++;
		w->at_risk -= x->events + x->censored;
		if (x->events == 0)
			continue;
		w->surv *= 1.0 - (double) x->events / (double) risk;
		if (x->events >= risk)
			w->greenwood = get_float8_infinity();
		else
			w->greenwood += (double) x->events / ((double) risk * (double) (risk - x->events));
		*e = x;
		*n = risk;
		return true;
	}
	return false;
}

static double
check_time(double t)
{
	if (isnan(t))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("time NaN is invalid"),
				 errdetail("The time must be a number.")));
	return t;
}

/*
 * Walk the list of argument 0 up to the time of argument 1 (both SQL
 * arguments of survival_at and survival_stderr); false for an empty list.
 */
static bool
km_walk_to_arg(FunctionCallInfo fcinfo, KmWalk *w)
{
	const Survival *s = survival_canonical(PG_GETARG_SURVIVAL_P(0));
	double		t = check_time(PG_GETARG_FLOAT8(1));
	const SurvivalEntry *e;
	int64		n;

	if (s->nused == 0)
		return false;
	km_start(w, s);
	while (km_step(w, t, &e, &n))
		;
	return true;
}

/* S(t); 1 before the first event, NULL for an empty list */
PG_FUNCTION_INFO_V1(survival_at);
Datum
survival_at(PG_FUNCTION_ARGS)
{
	KmWalk		w;

	if (!km_walk_to_arg(fcinfo, &w))
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(w.surv);
}

/* Greenwood standard error of S(t); 0 before the first event, NULL once S = 0 */
PG_FUNCTION_INFO_V1(survival_stderr);
Datum
survival_stderr(PG_FUNCTION_ARGS)
{
	KmWalk		w;

	if (!km_walk_to_arg(fcinfo, &w) || isinf(w.greenwood))
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(w.surv * sqrt(w.greenwood));
}

/*
 * The smallest event time with S(t) <= 0.5; NULL when S stays above 0.5.
 * S within 1e-12 of 0.5 counts as 0.5: a product of rounded factors may
 * miss an exact half by an ulp.
 */
PG_FUNCTION_INFO_V1(survival_median);
Datum
survival_median(PG_FUNCTION_ARGS)
{
	const Survival *s = survival_canonical(PG_GETARG_SURVIVAL_P(0));
	KmWalk		w;
	const SurvivalEntry *e;
	int64		n;

	km_start(&w, s);
	while (km_step(&w, get_float8_infinity(), &e, &n))
		if (w.surv <= 0.5 + 1e-12)
			PG_RETURN_FLOAT8(e->time);
	PG_RETURN_NULL();
}

/* number of subjects (events + censored) */
PG_FUNCTION_INFO_V1(survival_subjects);
Datum
survival_subjects(PG_FUNCTION_ARGS)
{
	/* canonical: a raw transition state counts whole durations in its dense block */
	const Survival *s = survival_canonical(PG_GETARG_SURVIVAL_P(0));

	PG_RETURN_INT64(survival_total(s));
}

typedef struct CurveState
{
	KmWalk		w;
	double		z;
	TupleDesc	desc;
} CurveState;

/*
 * survival_curve(s, confidence): one row per event time (censor-only
 * durations give no row): time, at_risk, events, survival, ci_low, ci_high.
 */
PG_FUNCTION_INFO_V1(survival_curve);
Datum
survival_curve(PG_FUNCTION_ARGS)
{
	FuncCallContext *fctx;
	CurveState *cs;
	const SurvivalEntry *e;
	int64		n;

	if (SRF_IS_FIRSTCALL())
	{
		MemoryContext old;
		double		confidence = PG_GETARG_FLOAT8(1);
		TupleDesc	desc;

		check_confidence(confidence);
		fctx = SRF_FIRSTCALL_INIT();
		old = MemoryContextSwitchTo(fctx->multi_call_memory_ctx);
		if (get_call_result_type(fcinfo, NULL, &desc) != TYPEFUNC_COMPOSITE)
			elog(ERROR, "survival_curve must return a composite type");
		cs = palloc(sizeof(CurveState));
		cs->desc = BlessTupleDesc(desc);
		cs->z = normal_two_sided_z(confidence);
		km_start(&cs->w, survival_canonical(PG_GETARG_SURVIVAL_P(0)));
		fctx->user_fctx = cs;
		MemoryContextSwitchTo(old);
	}
	fctx = SRF_PERCALL_SETUP();
	cs = (CurveState *) fctx->user_fctx;
	if (km_step(&cs->w, get_float8_infinity(), &e, &n))
	{
		Datum		values[6];
		bool		nulls[6] = {false, false, false, false, false, false};
		double		S = cs->w.surv;

		values[0] = Float8GetDatum(e->time);
		values[1] = Int64GetDatum(n);
		values[2] = Int64GetDatum(e->events);
		values[3] = Float8GetDatum(S);
		if (S > 0.0 && !isinf(cs->w.greenwood))
		{
			double		sigma = sqrt(cs->w.greenwood) / fabs(log(S));

			values[4] = Float8GetDatum(pow(S, exp(cs->z * sigma)));
			values[5] = Float8GetDatum(pow(S, exp(-cs->z * sigma)));
		}
		else
			nulls[4] = nulls[5] = true;
		SRF_RETURN_NEXT(fctx, HeapTupleGetDatum(heap_form_tuple(cs->desc, values, nulls)));
	}
	SRF_RETURN_DONE(fctx);
}
