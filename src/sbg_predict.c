/*
 * sbg_predict.c: what an sBG model (sbg.h) says about the future: the
 * survival and retention curves, the expected (discounted) lifetime of a new
 * customer and the discounted expected residual lifetime (DERL) of one who
 * has renewed, and the CLV built on it (Fader & Hardie 2010).
 *
 * Both lifetimes are sums of S(t) x^t, x = 1/(1 + d), that reduce to
 *   F(B; C; x) = 2F1(1, B; C; x) = sum_{j>=0} (B)_j / (C)_j x^j,   C > B > 0:
 *   expected lifetime   = sum_{t>=0} S(t) x^t            = F(beta; alpha + beta; x)
 *   DERL(n = renewals + 1) = sum_{t>=n} S(t)/S(n-1) x^(t-n)
 *                       = (beta+n-1)/(alpha+beta+n-1) F(beta+n; alpha+beta+n; x).
 * Its terms fall at least as fast as x^j, so after the term T_j the rest is
 * below T_(j+1) / (1 - x): the sum stops when that is below 1e-17 of it.
 * At d = 0 (x = 1) F = (C - 1)/(C - B - 1) when alpha > 1 and diverges
 * otherwise (NULL).  A rate so close to 0 that the series would need more
 * than SBG_MAX_TERMS terms is refused.
 */
#include "postgres.h"

#include "sbg.h"

#include <math.h>

#include "miscadmin.h"
#include "utils/builtins.h"

#define SBG_MAX_TERMS	INT64CONST(100000000)
/* up to this many periods S(t) is the product of its factors, beyond from ln Gamma */
#define SBG_PRODUCT_MAX 100000

static double
survival_at(const Sbg *m, int64 t)
{
	double		s = m->alpha + m->beta;

	if (t <= SBG_PRODUCT_MAX)
	{
		double		p = 1.0;

		for (int64 k = 1; k <= t; k++)
			p *= (m->beta + (double) (k - 1)) / (s + (double) (k - 1));
		return p;
	}
	return exp(lgamma(m->beta + (double) t) - lgamma(m->beta) -
			   lgamma(s + (double) t) + lgamma(s));
}

ror_noreturn static void
bad_argument(const char *fname, const char *what, const char *rule)
{
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("%s: %s", fname, what),
			 errdetail("%s", rule)));
}

/* ror.sbg_survival(m, t): S(t), the share of a cohort still active after t periods */
PG_FUNCTION_INFO_V1(sbg_survival);
Datum
sbg_survival(PG_FUNCTION_ARGS)
{
	const Sbg  *m = PG_GETARG_SBG_P(0);
	int32		t = PG_GETARG_INT32(1);

	if (t < 0)
		bad_argument("sbg_survival", psprintf("period %d is negative", t), "t counts whole periods from 0.");
	PG_RETURN_FLOAT8(survival_at(m, t));
}

/* ror.sbg_retention(m, t): r(t), the share of those active after t - 1 periods who renew in period t */
PG_FUNCTION_INFO_V1(sbg_retention);
Datum
sbg_retention(PG_FUNCTION_ARGS)
{
	const Sbg  *m = PG_GETARG_SBG_P(0);
	int32		t = PG_GETARG_INT32(1);

	if (t < 1)
		bad_argument("sbg_retention", psprintf("period %d is below 1", t),
					 "The retention rate of period t is defined for t = 1, 2, ...");
	PG_RETURN_FLOAT8((m->beta + (double) (t - 1)) / (m->alpha + m->beta + (double) (t - 1)));
}

/* x = 1/(1 + d) for a valid per-period discount rate d >= 0 */
static double
discount_factor(const char *fname, double d)
{
	if (!(d >= 0.0) || isinf(d))
		bad_argument(fname, psprintf("discount rate %g is invalid", d),
					 "The discount rate per period is a finite number >= 0 (0.01 is 1 % per period).");
	return 1.0 / (1.0 + d);
}

/*
 * F(B; C; x) (top of the file); false when it diverges (x = 1, alpha <= 1).
 * C - B = alpha in every use.
 */
static bool
f21_one(const char *fname, double B, double C, double alpha, double x, double d, double *result)
{
	double		sum = 1.0,
				comp = 0.0,		/* Neumaier's compensation */
				term = 1.0;

	if (d == 0.0)
	{
		if (!(alpha > 1.0))
			return false;
		*result = (C - 1.0) / (alpha - 1.0);
		return true;
	}
	for (int64 j = 0;; j++)
	{
		double		next;

		if (j >= SBG_MAX_TERMS)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("%s: discount rate %g is too close to 0", fname, d),
					 errdetail("The discounted sum did not converge within " INT64_FORMAT " periods.", SBG_MAX_TERMS),
					 errhint("Give a larger rate, or 0 for no discounting (finite when alpha > 1).")));
		if ((j & 0xFFFFF) == 0)
			CHECK_FOR_INTERRUPTS();
		term *= (B + (double) j) / (C + (double) j) * x;
		next = sum + term;
		comp += fabs(sum) >= fabs(term) ? (sum - next) + term : (term - next) + sum;
		sum = next;
		if (term <= 1e-17 * (1.0 - x) * sum)
			break;
	}
	*result = sum + comp;
	return true;
}

/* ror.sbg_expected_lifetime(m, discount): sum_{t>=0} S(t) / (1 + d)^t, NULL when it diverges */
PG_FUNCTION_INFO_V1(sbg_expected_lifetime);
Datum
sbg_expected_lifetime(PG_FUNCTION_ARGS)
{
	const Sbg  *m = PG_GETARG_SBG_P(0);
	double		d = PG_GETARG_FLOAT8(1);
	double		x = discount_factor("sbg_expected_lifetime", d),
				v;

	if (!f21_one("sbg_expected_lifetime", m->beta, m->alpha + m->beta, m->alpha, x, d, &v))
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(v);
}

/* DERL of a customer after `renewals` renewals; false when it diverges */
static bool
derl(const Sbg *m, double d, int32 renewals, const char *fname, double *result)
{
	double		x = discount_factor(fname, d),
				n,
				f;

	if (renewals < 0)
		bad_argument(fname, psprintf("renewals %d is negative", renewals),
					 "renewals counts the renewals a customer has made: 0 for one in the first period.");
	n = (double) renewals + 1.0;
	if (!f21_one(fname, m->beta + n, m->alpha + m->beta + n, m->alpha, x, d, &f))
		return false;
	*result = (m->beta + n - 1.0) / (m->alpha + m->beta + n - 1.0) * f;
	return true;
}

/*
 * ror.sbg_derl(m, discount, renewals): the discounted expected residual
 * lifetime, in periods, of a customer who has made `renewals` renewals and
 * is about to decide the next; NULL when it diverges
 */
PG_FUNCTION_INFO_V1(sbg_derl);
Datum
sbg_derl(PG_FUNCTION_ARGS)
{
	double		v;

	if (!derl(PG_GETARG_SBG_P(0), PG_GETARG_FLOAT8(1), PG_GETARG_INT32(2), "sbg_derl", &v))
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(v);
}

/* ror.sbg_clv(m, margin, discount, renewals): margin per period times the DERL */
PG_FUNCTION_INFO_V1(sbg_clv);
Datum
sbg_clv(PG_FUNCTION_ARGS)
{
	double		margin = PG_GETARG_FLOAT8(1),
				v;

	if (!isfinite(margin))
		bad_argument("sbg_clv", psprintf("margin %g is not finite", margin),
					 "The margin is what a customer brings per period, a finite number.");
	if (!derl(PG_GETARG_SBG_P(0), PG_GETARG_FLOAT8(2), PG_GETARG_INT32(3), "sbg_clv", &v))
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(margin * v);
}
