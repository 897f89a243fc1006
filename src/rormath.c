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

/*
 * psi'(x), for x > 0: the recurrence psi'(x) = psi'(x + 1) + 1/x^2 up to
 * x >= 15, then the asymptotic series 1/x + 1/(2x^2) + sum B_2k / x^(2k+1)
 * (Abramowitz & Stegun 6.4.12) to B_10; the first omitted term,
 * 691 / (2730 x^13), is below 2e-15 relative there.
 */
double
ror_trigamma(double x)
{
	double		r = 0.0,
				x2;

	while (x < 15.0)
	{
		r += 1.0 / (x * x);
		x += 1.0;
	}
	x2 = 1.0 / (x * x);
	return r + 1.0 / x + 0.5 * x2
		+ x2 / x * (1.0 / 6 - x2 * (1.0 / 30 - x2 * (1.0 / 42 - x2 * (1.0 / 30 - x2 * (5.0 / 66)))));
}
