/*
 * clv_simple.c: the closed-form customer lifetime value of a retention
 * model (Gupta & Lehmann 2003, "Customers as Assets", Journal of Interactive
 * Marketing 17(1); Gupta & Lehmann 2005, "Managing Customers as
 * Investments"): a margin m received at the end of every period the customer
 * is retained, retention r per period, discount rate d per period.
 *
 *     infinite horizon:  CLV = sum_{t>=1} m r^t / (1+d)^t = m r / (1 + d - r)
 *     n periods:         CLV = sum_{t=1..n} m r^t / (1+d)^t
 */
#include "postgres.h"

#include "compat.h"

#include <math.h>

#include "fmgr.h"

/* ERROR unless m finite, 0 <= r <= 1, d finite and > -1 */
static void
clv_check(double m, double r, double d)
{
	if (isnan(m) || isinf(m))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("clv margin %g is not finite", m)));
	if (!(r >= 0.0 && r <= 1.0))
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("clv retention %g is out of range", r),
				 errdetail("Retention is a probability per period, from 0 to 1.")));
	if (!(d > -1.0) || isinf(d))
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("clv discount rate %g is out of range", d),
				 errdetail("The discount rate per period must be finite and greater than -1.")));
}

/* ror.clv(margin, retention, discount) = m r / (1 + d - r) */
PG_FUNCTION_INFO_V1(clv_simple);
Datum
clv_simple(PG_FUNCTION_ARGS)
{
	double		m = PG_GETARG_FLOAT8(0);
	double		r = PG_GETARG_FLOAT8(1);
	double		d = PG_GETARG_FLOAT8(2);
	double		v;

	clv_check(m, r, d);
	if (!(r < 1.0 + d))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("clv does not converge for retention %g and discount rate %g", r, d),
				 errdetail("The infinite sum m*r/(1+d-r) is finite only when retention < 1 + discount rate."),
				 errhint("Use ror.clv(margin, retention, discount, periods) for a finite horizon.")));
	v = m * r / ((1.0 + d) - r);
	if (isinf(v))
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("clv out of range for margin %g, retention %g and discount rate %g", m, r, d)));
	PG_RETURN_FLOAT8(v);
}

/*
 * ror.clv(margin, retention, discount, periods): the finite geometric sum
 * m a (1 - a^n) / (1 - a) with a = r / (1 + d), written with expm1 so that
 * a close to 1 keeps its precision; m n when a = 1, 0 when n = 0.
 */
PG_FUNCTION_INFO_V1(clv_simple_periods);
Datum
clv_simple_periods(PG_FUNCTION_ARGS)
{
	double		m = PG_GETARG_FLOAT8(0);
	double		r = PG_GETARG_FLOAT8(1);
	double		d = PG_GETARG_FLOAT8(2);
	int32		n = PG_GETARG_INT32(3);
	double		a,
				v;

	clv_check(m, r, d);
	if (n < 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("clv periods %d is negative", n),
				 errdetail("The number of periods must be 0 or more.")));
	if (n == 0 || r == 0.0 || m == 0.0)
		PG_RETURN_FLOAT8(0.0);
	a = r / (1.0 + d);
	if (a == 1.0)
		v = m * n;
	else
	{
		double		la = log(a);

		/* sum_{t=1..n} a^t = a (a^n - 1) / (a - 1) = a expm1(n la) / expm1(la) */
		v = m * (a * (expm1(n * la) / expm1(la)));
	}
	if (isinf(v) || isnan(v))
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("clv out of range for margin %g, retention %g, discount rate %g and %d periods", m, r, d, n)));
	PG_RETURN_FLOAT8(v);
}
