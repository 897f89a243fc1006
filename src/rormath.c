/*
 * rormath.c: special functions the model fits share (see rormath.h).
 */
#include "postgres.h"

#include "rormath.h"

#include <math.h>

/*
 * The recurrence psi(x) = psi(x + 1) - 1/x up to x >= 15, then the
 * asymptotic series ln x - 1/(2x) - sum B_2k / (2k x^2k) (Abramowitz &
 * Stegun 6.3.18) to k = 5; the first omitted term, 691 / (32760 x^12), is
 * below 2e-16 there (from 10 it would be 2e-14).
 */
double
ror_digamma(double x)
{
	double		r = 0.0,
				x2;

	while (x < 15.0)
	{
		r -= 1.0 / x;
		x += 1.0;
	}
	x2 = 1.0 / (x * x);
	return r + log(x) - 0.5 / x
		- x2 * (1.0 / 12 - x2 * (1.0 / 120 - x2 * (1.0 / 252 - x2 * (1.0 / 240 - x2 * (1.0 / 132)))));
}
