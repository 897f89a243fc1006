/*
 * normal.c: standard normal CDF and quantile.
 *
 * The quantile starts from Acklam's rational approximation (relative error
 * about 1e-9) and takes one Halley step against erfc from libm, which brings
 * it to full double precision.
 */
#include "postgres.h"

#include "compat.h"

#include <math.h>

#include "normal.h"

double
normal_cdf(double x)
{
	return 0.5 * erfc(-x / M_SQRT2);
}

static double
acklam(double p)
{
	static const double a[] = {-3.969683028665376e+01, 2.209460984245205e+02,
		-2.759285104469687e+02, 1.383577518672690e+02,
	-3.066479806614716e+01, 2.506628277459239e+00};
	static const double b[] = {-5.447609879822406e+01, 1.615858368580409e+02,
		-1.556989798598866e+02, 6.680131188771972e+01,
	-1.328068155288572e+01};
	static const double c[] = {-7.784894002430293e-03, -3.223964580411365e-01,
		-2.400758277161838e+00, -2.549732539343734e+00,
	4.374664141464968e+00, 2.938163982698783e+00};
	static const double d[] = {7.784695709041462e-03, 3.224671290700398e-01,
	2.445134137142996e+00, 3.754408661907416e+00};
	const double p_low = 0.02425;
	double		q,
				r;

	if (p < p_low)
	{
		q = sqrt(-2.0 * log(p));
		return (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) /
			((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1.0);
	}
	if (p > 1.0 - p_low)
	{
		q = sqrt(-2.0 * log1p(-p));
		return -(((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) /
			((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1.0);
	}
	q = p - 0.5;
	r = q * q;
	return (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q /
		(((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1.0);
}

double
normal_quantile(double p)
{
	double		x = acklam(p);
	double		e = normal_cdf(x) - p;
	double		u = e * sqrt(2.0 * M_PI) * exp(0.5 * x * x);

	return x - u / (1.0 + 0.5 * x * u);
}

double
normal_two_sided_z(double confidence)
{
	/* upper tail (1 - c)/2, negated: keeps precision for c close to 1 */
	return -normal_quantile(0.5 * (1.0 - confidence));
}

void
check_confidence(double confidence)
{
	if (!(confidence > 0.0 && confidence < 1.0))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("confidence %g is out of range", confidence),
				 errdetail("The confidence level must lie strictly between 0 and 1."),
				 errhint("Use e.g. 0.95 for a 95%% interval.")));
}
