/*
 * sbg_fit.c: maximum-likelihood fit of the sBG model (sbg.h) to the tenures
 * of a set of customers: for each whole number of periods t, lost(t)
 * customers churned in period t and censored(t) are still active after t
 * periods.  The log-likelihood (Fader & Hardie 2007, eq. 6 with censoring)
 *
 *   LL = sum_t lost(t) ln P(T = t) + censored(t) ln S(t)
 *
 * needs neither special functions nor a sum over customers: with
 * s = alpha + beta, ln S(t) = sum_{k=1..t} ln((beta + k - 1)/(s + k - 1)) and
 * ln P(T = t) = ln alpha - ln(s + t - 1) + ln S(t - 1), accumulated along the
 * distinct tenures in ascending order.  A gap of more than SBG_GAP periods
 * between two tenures is crossed in one step with ln Gamma, digamma and
 * trigamma differences, so a tenure of a billion periods costs no more
 * than one of ten.  The gradient and Hessian are accumulated alongside.
 *
 * Newton's method on theta = (ln alpha, ln beta) with the exact Hessian,
 * damped (Levenberg) where it is not positive definite, steps capped at one
 * unit and halved until the likelihood rises; converged when the Newton step
 * moves neither log-parameter by more than SBG_XTOL with a positive definite
 * Hessian.  Standard errors: the inverse of the observed information in
 * (alpha, beta).  The fit is a deterministic function of the distinct
 * tenures and their counts, so fits of merged, parallel or re-read states
 * equal the serial one bit for bit.
 */
#include "postgres.h"

#include "sbg.h"

#include <math.h>

#include "catalog/pg_type.h"
#include "miscadmin.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "utils/float.h"
#include "rorlinalg.h"
#include "rormath.h"
#include "survival.h"

#define SBG_GAP			16		/* longer gaps: Gamma-function differences */
#define SBG_XTOL		1e-10	/* converged: Newton step in theta */
#define SBG_MAXITER		200
#define SBG_LOG_BOUND	30.0	/* |theta| beyond: the data do not identify the model */
#define SBG_MAX_PERIODS	INT64CONST(2147483647)

typedef struct SbgData
{
	int			n;				/* distinct tenures */
	int64	   *t;				/* ascending, >= 0 */
	double	   *lost;			/* churned in period t (t >= 1) */
	double	   *censored;		/* still active after t periods */
	int64		customers;
	int64		periods;		/* the longest tenure */
} SbgData;

/* a log-likelihood term and its derivatives in (alpha, beta) */
typedef struct SbgTerm
{
	double		f,
				ga,
				gb,
				haa,
				hab,
				hbb;
} SbgTerm;

static void
term_add(SbgTerm *acc, const SbgTerm *x, double w)
{
	acc->f += w * x->f;
	acc->ga += w * x->ga;
	acc->gb += w * x->gb;
	acc->haa += w * x->haa;
	acc->hab += w * x->hab;
	acc->hbb += w * x->hbb;
}

/* ln S from tenure u to tenure v > u: add the factors of periods u + 1 .. v */
static void
advance(SbgTerm *lnS, double a, double b, int64 u, int64 v)
{
	double		s = a + b;

	if (v - u <= SBG_GAP)
	{
		for (int64 k = u + 1; k <= v; k++)
		{
			double		x = b + (double) (k - 1),
						y = s + (double) (k - 1);

			lnS->f += log(x / y);
			lnS->ga -= 1.0 / y;
			lnS->gb += 1.0 / x - 1.0 / y;
			lnS->haa += 1.0 / (y * y);
			lnS->hab += 1.0 / (y * y);
			lnS->hbb += 1.0 / (y * y) - 1.0 / (x * x);
		}
	}
	else
	{
		double		bu = b + (double) u,
					bv = b + (double) v,
					su = s + (double) u,
					sv = s + (double) v,
					dy = ror_digamma(sv) - ror_digamma(su),
					ty = ror_trigamma(su) - ror_trigamma(sv);

		lnS->f += (lgamma(bv) - lgamma(bu)) - (lgamma(sv) - lgamma(su));
		lnS->ga -= dy;
		lnS->gb += ror_digamma(bv) - ror_digamma(bu) - dy;
		lnS->haa += ty;
		lnS->hab += ty;
		lnS->hbb += ty - (ror_trigamma(bu) - ror_trigamma(bv));
	}
}

/* the log-likelihood at (a, b) with its gradient and Hessian */
static SbgTerm
loglik(const SbgData *d, double a, double b)
{
	SbgTerm		ll = {0},
				lnS = {0};
	int64		at = 0;
	double		s = a + b;

	for (int i = 0; i < d->n; i++)
	{
		int64		t = d->t[i];

		if (d->lost[i] > 0.0)
		{
			double		y = s + (double) (t - 1);
			SbgTerm		p;

			if (t - 1 > at)
				advance(&lnS, a, b, at, t - 1);
			at = t - 1;
			p = lnS;
			p.f += log(a / y);
			p.ga += 1.0 / a - 1.0 / y;
			p.gb -= 1.0 / y;
			p.haa += 1.0 / (y * y) - 1.0 / (a * a);
			p.hab += 1.0 / (y * y);
			p.hbb += 1.0 / (y * y);
			term_add(&ll, &p, d->lost[i]);
		}
		if (d->censored[i] > 0.0)
		{
			if (t > at)
				advance(&lnS, a, b, at, t);
			at = t;
			term_add(&ll, &lnS, d->censored[i]);
		}
	}
	return ll;
}

/*
 * The mean negative log-likelihood at theta = (ln alpha, ln beta), its
 * gradient g and Hessian H in theta.
 */
static double
objective(const SbgData *d, const double *theta, double *g, double H[][ROR_MAXDIM])
{
	double		a = exp(theta[0]),
				b = exp(theta[1]),
				n = (double) d->customers;
	SbgTerm		ll = loglik(d, a, b);

	g[0] = -ll.ga * a / n;
	g[1] = -ll.gb * b / n;
	H[0][0] = -(ll.haa * a * a + ll.ga * a) / n;
	H[0][1] = H[1][0] = -ll.hab * a * b / n;
	H[1][1] = -(ll.hbb * b * b + ll.gb * b) / n;
	return -ll.f / n;
}

static double
max_abs2(const double *v)
{
	return fmax(fabs(v[0]), fabs(v[1]));
}

static bool
finite2(double f, const double *g, double H[][ROR_MAXDIM])
{
	return isfinite(f) && isfinite(g[0]) && isfinite(g[1]) &&
		isfinite(H[0][0]) && isfinite(H[0][1]) && isfinite(H[1][1]);
}

/* Newton from theta (see the top of the file); true when converged */
static bool
newton(const SbgData *d, double *theta, int64 *iterations)
{
	double		g[2],
				H[ROR_MAXDIM][ROR_MAXDIM];
	double		f = objective(d, theta, g, H);

	for (int it = 0; it < SBG_MAXITER; it++)
	{
		double		L[ROR_MAXDIM][ROR_MAXDIM],
					p[2],
					lambda = 0.0,
					step = 1.0;
		bool		moved = false;

		CHECK_FOR_INTERRUPTS();
		(*iterations)++;
		if (!finite2(f, g, H))
			return false;
		/* damp an indefinite Hessian until it is positive definite */
		while (!ror_cholesky(2, H, lambda, L))
		{
			lambda = lambda == 0.0 ? 1e-6 * (1.0 + fabs(H[0][0]) + fabs(H[1][1])) : 10.0 * lambda;
			if (!isfinite(lambda))
				return false;
		}
		ror_cholesky_solve(2, L, g, p);
		p[0] = -p[0];
		p[1] = -p[1];
		if (lambda == 0.0 && max_abs2(p) <= SBG_XTOL)
			return true;
		if (max_abs2(p) > 1.0)
			step = 1.0 / max_abs2(p);
		for (int ls = 0; ls < 60 && !moved; ls++, step *= 0.5)
		{
			double		tn[2] = {theta[0] + step * p[0], theta[1] + step * p[1]},
						gn[2],
						Hn[ROR_MAXDIM][ROR_MAXDIM],
						fn;

			CHECK_FOR_INTERRUPTS();	/* a pass over a million tenures takes tens of ms */
			fn = objective(d, tn, gn, Hn);

			if (fn < f || (fn <= f + 1e-14 * (1.0 + fabs(f)) && max_abs2(gn) < max_abs2(g)))
			{
				theta[0] = tn[0];
				theta[1] = tn[1];
				g[0] = gn[0];
				g[1] = gn[1];
				memcpy(H, Hn, sizeof(Hn));
				f = fn;
				moved = true;
			}
		}
		if (fabs(theta[0]) > SBG_LOG_BOUND || fabs(theta[1]) > SBG_LOG_BOUND)
			return false;
		/* no lower point along the step: at the optimum within rounding? */
		if (!moved)
			return lambda == 0.0 && max_abs2(p) <= 1e3 * SBG_XTOL;
	}
	return false;
}

/* the model fitted to d (d->customers > 0, d->periods > 0); warn: a WARNING when it did not converge */
static Sbg *
sbg_fit_data(const SbgData *d, bool warn)
{
	Sbg		   *m = palloc0(sizeof(Sbg));
	double		theta[2] = {0.0, 0.0};
	bool		converged = newton(d, theta, &m->iterations);
	SbgTerm		ll;
	double		det;

	m->alpha = exp(theta[0]);
	m->beta = exp(theta[1]);
	m->customers = d->customers;
	m->periods = d->periods;
	m->converged = converged ? 1 : 0;
	if (!(m->alpha > 0.0) || !(m->beta > 0.0) || isinf(m->alpha) || isinf(m->beta))
	{
		/* the search left the representable range: report where it started */
		m->alpha = m->beta = 1.0;
		m->converged = 0;
	}
	ll = loglik(d, m->alpha, m->beta);
	m->loglik = isfinite(ll.f) && ll.f <= 0.0 ? ll.f : get_float8_nan();
	/* covariance = inverse of the observed information -Hessian */
	det = ll.haa * ll.hbb - ll.hab * ll.hab;
	if (converged && ll.haa < 0.0 && det > 0.0 && isfinite(det))
	{
		m->se_alpha = sqrt(-ll.hbb / det);
		m->se_beta = sqrt(-ll.haa / det);
	}
	else
		m->se_alpha = m->se_beta = get_float8_nan();
	if (!converged && warn)
		ereport(WARNING,
				(errmsg("sbg_fit did not converge"),
				 errdetail("The search stopped after " INT64_FORMAT " iterations at alpha=%g, beta=%g (log-likelihood %g) without meeting its convergence test.",
						   m->iterations, m->alpha, m->beta, m->loglik),
				 errhint("The data may not identify the model (for example no customer churned, or every customer churned in the first period); the result has converged = false.")));
	return m;
}

/*
 * ror.sbg_fit(survival): from a Kaplan-Meier state of whole periods of
 * service.  NULL when no customer was observed for a period or more.
 * ror._sbg_fit_quiet(survival), for the report view, says nothing when the
 * fit does not converge: its rows show it (the projection is NULL).
 */
static Datum
fit_survival(FunctionCallInfo fcinfo, bool warn)
{
	const Survival *s = survival_canonical(PG_GETARG_SURVIVAL_P(0));
	SbgData		d = {0};

	d.customers = survival_total(s);
	d.t = palloc(Max(s->nused, 1) * sizeof(int64));
	d.lost = palloc(Max(s->nused, 1) * sizeof(double));
	d.censored = palloc(Max(s->nused, 1) * sizeof(double));
	for (int32 i = 0; i < s->nused; i++)
	{
		const SurvivalEntry *e = &s->e[i];

		if (e->time != floor(e->time))
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("sbg_fit needs whole periods of service, not the duration %g", e->time),
					 errdetail("The sBG model counts periods: a customer who churned in period t has duration t, an active one who has completed t periods has duration t."),
					 errhint("Aggregate whole periods, e.g. survival_agg(floor(days / 30.0), churned).")));
		if (e->time > (double) SBG_MAX_PERIODS)
			ereport(ERROR,
					(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
					 errmsg("sbg_fit: duration %g is out of range", e->time),
					 errdetail("Tenures of at most " INT64_FORMAT " periods are accepted.", SBG_MAX_PERIODS)));
		if (e->time == 0.0 && e->events > 0)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("sbg_fit: churned customers with 0 periods of service (" INT64_FORMAT ")", e->events),
					 errdetail("In the sBG model a customer churns at the end of a period: a churned customer has duration 1 or more.")));
		d.t[d.n] = (int64) e->time;
		d.lost[d.n] = (double) e->events;
		d.censored[d.n] = (double) e->censored;
		d.periods = d.t[d.n];
		d.n++;
	}
	if (d.customers == 0 || d.periods == 0)
		PG_RETURN_NULL();
	PG_RETURN_SBG_P(sbg_fit_data(&d, warn));
}

PG_FUNCTION_INFO_V1(sbg_fit_survival);
Datum
sbg_fit_survival(PG_FUNCTION_ARGS)
{
	return fit_survival(fcinfo, true);
}

PG_FUNCTION_INFO_V1(sbg_fit_survival_quiet);
Datum
sbg_fit_survival_quiet(PG_FUNCTION_ARGS)
{
	return fit_survival(fcinfo, false);
}

ror_noreturn static void
bad_survivors(const char *what)
{
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("sbg_fit survivors %s", what),
			 errdetail("The survivors are one cohort's counts n0 >= n1 >= ... >= 0 at the start and after each period, n0 the cohort's size, at least two of them.")));
}

/*
 * ror.sbg_fit(survivors bigint[]): one cohort's survivor counts.  NULL for
 * a cohort of 0 customers.
 */
PG_FUNCTION_INFO_V1(sbg_fit_survivors);
Datum
sbg_fit_survivors(PG_FUNCTION_ARGS)
{
	ArrayType  *arr = PG_GETARG_ARRAYTYPE_P(0);
	Datum	   *elems;
	bool	   *nulls;
	int			n;
	SbgData		d = {0};

	if (ARR_NDIM(arr) > 1)
		bad_survivors(psprintf("must be a one-dimensional array, not %d-dimensional", ARR_NDIM(arr)));
	deconstruct_array(arr, INT8OID, sizeof(int64), FLOAT8PASSBYVAL, TYPALIGN_DOUBLE,
					  &elems, &nulls, &n);
	if (n < 2)
		bad_survivors(psprintf("have %d element%s, not at least 2", n, n == 1 ? "" : "s"));
	d.t = palloc(n * sizeof(int64));
	d.lost = palloc(n * sizeof(double));
	d.censored = palloc(n * sizeof(double));
	for (int i = 0; i < n; i++)
	{
		int64		v;

		if (nulls[i])
			bad_survivors(psprintf("hold a NULL (element %d)", i + 1));
		v = DatumGetInt64(elems[i]);
		if (v < 0)
			bad_survivors(psprintf("hold a negative count (element %d is " INT64_FORMAT ")", i + 1, v));
		if (i > 0 && v > DatumGetInt64(elems[i - 1]))
			bad_survivors(psprintf("increase (element %d is " INT64_FORMAT ", after " INT64_FORMAT ")",
								   i + 1, v, DatumGetInt64(elems[i - 1])));
		if (i > 0)
		{
			d.t[d.n] = i;
			d.lost[d.n] = (double) (DatumGetInt64(elems[i - 1]) - v);
			d.censored[d.n] = i == n - 1 ? (double) v : 0.0;
			d.n++;
		}
	}
	d.customers = DatumGetInt64(elems[0]);
	d.periods = n - 1;
	if (d.customers == 0)
		PG_RETURN_NULL();
	PG_RETURN_SBG_P(sbg_fit_data(&d, true));
}
