/*
 * hyp2f1.c: the Gauss hypergeometric function in the one form the BG/NBD
 * predictions need,
 *
 *   G(r, alpha, a, b, t) = (a+b-1)/(a-1) * [1 - (1-z)^r * 2F1(r, b; a+b-1; z)],
 *   z = t/(alpha+t),
 *
 * E[X(t)] of a new customer (Fader, Hardie & Lee 2005, eq. 9); with
 * (r+x, alpha+T, a, b+x) it is the numerator of the conditional expectation
 * (eq. 10).  Written naively it fails three ways: a = 1 divides 0 by 0 (the
 * singularity is removable), 1 - (1-z)^r 2F1 cancels, and for z near 1 (a
 * horizon t much longer than alpha + T) the series converges like z^n, i.e.
 * needs about 40/(1-z) terms.
 *
 * 1. Euler's transformation (Abramowitz & Stegun 15.3.3),
 *    2F1(r, b; C; z) = (1-z)^(C-r-b) 2F1(C-r, C-b; C; z), with C = a+b-1,
 *    C - b = a - 1 =: eps and A := C - r, gives
 *      (1-z)^r 2F1(r, b; C; z) = (1-z)^eps 2F1(A, eps; C; z)
 *    and since (eps)_n / (C)_n = eps (1+eps)_{n-1} / (C (C+1)_{n-1}),
 *      2F1(A, eps; C; z) = 1 + (eps/C) S(z),
 *      S(z) = sum_{n>=1} (A)_n (1+eps)_{n-1} / ((C+1)_{n-1} n!) z^n,
 *    hence, exactly,
 *      G = C * L - (1-z)^eps * S(z),   L = (1 - (1-z)^eps)/eps = -expm1(eps*u)/eps,
 *    with u = ln(1-z) = ln(alpha) - ln(alpha+t).  Nothing divides by eps any
 *    more: at eps = 0 (a = 1) L = -u, the limit, and S is regular.  The
 *    leading terms cancel only as far as G ~ r z for small z, a loss of
 *    about log10(C/r) digits.
 *
 * 2. S is summed directly when its series converges within a few thousand
 *    terms (z <= 1/2, or large parameters).  Otherwise S is continued
 *    analytically from z0 = 1/2 along [z0, z] by Taylor steps of the
 *    differential equation it satisfies.  2F1(A, B; C; z) solves Gauss's
 *    equation z(1-z)w'' + [C - (A+B+1)z]w' - AB w = 0; substituting
 *    w = 1 + (B/C) S with B = eps gives, for S,
 *      z(1-z)S'' + [C - (A+B+1)z]S' - AB S = A C,
 *    regular at eps = 0 as well.  Around z0, S(z0+h) = sum c_k h^k with
 *    c_0 = S(z0), c_1 = S'(z0) and, from the coefficient of h^k,
 *      c_{k+2} = [A C [k=0] + (k+A)(k+B) c_k - (k+1)(P1 k + Q0) c_{k+1}]
 *                / (P0 (k+1)(k+2)),
 *    P0 = z0(1-z0), P1 = 1-2 z0, Q0 = C - (A+B+1) z0.  The only singular
 *    points are 0 and 1, so a step of h <= (1-z0)/2 converges like 2^-k; the
 *    steps halve the distance to 1, so reaching 1 - 1e-12 takes about 40
 *    steps.  Steps are further limited to about z0/|C| and
 *    (1-z0)/|C-A-B|: the other solutions of the equation (z^(1-C) and
 *    (1-z)^(C-A-B)) would otherwise amplify rounding errors in the
 *    recurrence.
 */
#include "bgnbd.h"

#include <math.h>

#define HYP_EPS 1e-17			/* relative size of the last term kept */

/*
 * S(z) and, when dS is not NULL, S'(z) by the power series.  Returns false
 * when the series did not converge within maxterms terms.
 */
static bool
hyp_series(double A, double eps, double C, double z, long maxterms,
		   double *S, double *dS)
{
	double		term = A * z;	/* n = 1 */
	double		sum = 0.0;
	double		dsum = 0.0;
	long		n;

	for (n = 1; n <= maxterms; n++)
	{
		double		ratio;
		double		next;
		double		rho;
		double		tail;

		sum += term;
		dsum += (double) n * term;
		ratio = (A + n) * (eps + n) / ((C + n) * (n + 1.0)) * z;
		next = term * ratio;
		if (next == 0.0)
		{
			/* A or eps is a non-positive integer: the series ends here */
			*S = sum;
			if (dS)
				*dS = z > 0.0 ? dsum / z : A;
			return true;
		}
		/*
		 * The ratio of consecutive terms tends to z; once A + n and eps + n
		 * are positive the terms keep their sign, and max(ratio, z) bounds
		 * the later ratios closely enough for a geometric tail bound.
		 */
		rho = fmax(fabs(ratio), z);
		if (rho < 1.0 && A + n > 0.0 && eps + n > 0.0)
		{
			tail = fabs(next) / (1.0 - rho);
			if (tail <= HYP_EPS * fabs(sum) &&
				(dS == NULL || tail * (n + 1.0) / (1.0 - rho) <= HYP_EPS * fabs(dsum)))
			{
				*S = sum + next;
				if (dS)
					*dS = (dsum + (n + 1.0) * next) / z;
				return true;
			}
		}
		term = next;
	}
	return false;
}

/* S(z) by Taylor steps of its differential equation from (z0, S, S') */
static double
hyp_continue(double A, double B, double C, double z0, double S, double dS, double z)
{
	double		zc = z0;
	double		Q1 = A + B + 1.0;
	double		lim0 = 2.0 / (fabs(C) + 2.0);
	double		lim1 = 2.0 / (fabs(C - A - B) + 2.0);
	int			steps = 0;

	while (zc < z)
	{
		double		h = fmin(0.5, lim1) * (1.0 - zc);
		double		P0 = zc * (1.0 - zc);
		double		P1 = 1.0 - 2.0 * zc;
		double		Q0 = C - Q1 * zc;
		double		dk;			/* d_k = c_k h^k: scaled, so nothing overflows */
		double		dk1;		/* d_{k+1} */
		double		s;
		double		ds;
		bool		last;
		int			small = 0;

		h = fmin(h, lim0 * zc);
		last = (h >= z - zc);
		if (last)
			h = z - zc;
		dk = S;
		dk1 = dS * h;
		s = dk + dk1;
		ds = dk1;				/* h S'(zc + h), scaled back below */
		for (int k = 0; k < 5000; k++)
		{
			double		d2 = ((k == 0 ? A * C * h * h : 0.0) + (k + A) * (k + B) * h * h * dk
							  - (k + 1.0) * (P1 * k + Q0) * h * dk1) / (P0 * (k + 1.0) * (k + 2.0));
			double		dd2 = (k + 2.0) * d2;

			s += d2;
			ds += dd2;
			if (fabs(d2) <= HYP_EPS * fabs(s) && fabs(dd2) <= HYP_EPS * fabs(ds))
			{
				if (++small >= 2)
					break;
			}
			else
				small = 0;
			dk = dk1;
			dk1 = d2;
		}
		ds /= h;
		S = s;
		dS = ds;
		zc = last ? z : zc + h;
		if (++steps > 1000000 || !isfinite(S))
			return get_float8_nan();
	}
	return S;
}

/* S(z) for 0 <= z < 1 */
static double
hyp_S(double A, double eps, double C, double z)
{
	double		S;
	double		dS;
	double		z0 = 0.5;

	if (z <= z0)
	{
		if (hyp_series(A, eps, C, z, 10000000L, &S, NULL))
			return S;
		return get_float8_nan();
	}
	if (hyp_series(A, eps, C, z, 4000L, &S, NULL))
		return S;
	if (!hyp_series(A, eps, C, z0, 10000000L, &S, &dS))
		return get_float8_nan();
	return hyp_continue(A, eps, C, z0, S, dS, z);
}

double
bgnbd_hyp_g(double r, double alpha, double a, double b, double t)
{
	double		C = a + b - 1.0;
	double		eps = a - 1.0;
	double		A = C - r;
	double		u;
	double		z;
	double		L;
	double		S;
	double		g;
	double		ew;

	if (t <= 0.0)
		return 0.0;
	z = t / (alpha + t);
	u = log(alpha) - log(alpha + t);	/* ln(1 - z), accurate for z near 1 */
	if (z >= 1.0)
		return get_float8_nan();
	ew = exp(eps * u);			/* (1-z)^eps */
	L = (eps == 0.0) ? -u : (fabs(eps * u) < 0.5 ? -expm1(eps * u) / eps : (1.0 - ew) / eps);
	S = hyp_S(A, eps, C, z);
	g = C * L - ew * S;
	return g;
}

/*
 * G at several increasing horizons t[0..n-1] with the same parameters (the periods of
 * a CLV sum).  The coefficients of S do not depend on z, so when every z
 * is at most 1/2 one pass of the series serves all horizons; otherwise each
 * horizon goes through bgnbd_hyp_g.
 */
void
bgnbd_hyp_g_multi(double r, double alpha, double a, double b,
				  const double *t, int n, double *out)
{
	double		C = a + b - 1.0;
	double		eps = a - 1.0;
	double		A = C - r;
	double		zbuf[16];
	double		sbuf[16];
	double		pbuf[16];
	double	   *z = n <= 16 ? zbuf : palloc(sizeof(double) * n);
	double	   *sum = n <= 16 ? sbuf : palloc(sizeof(double) * n);
	double	   *zn = n <= 16 ? pbuf : palloc(sizeof(double) * n);
	double		zmax = 0.0;
	double		coef = A;		/* (A)_n (1+eps)_{n-1} / ((C+1)_{n-1} n!) at n = 1 */
	double		lalpha;
	bool		done = false;

	for (int i = 0; i < n; i++)
	{
		z[i] = t[i] > 0.0 ? t[i] / (alpha + t[i]) : 0.0;
		zmax = fmax(zmax, z[i]);
		sum[i] = 0.0;
		zn[i] = z[i];
	}
	if (zmax > 0.5)
	{
		for (int i = 0; i < n; i++)
			out[i] = bgnbd_hyp_g(r, alpha, a, b, t[i]);
		return;
	}
	for (long k = 1; k <= 10000000L && !done; k++)
	{
		double		ratio = (A + k) * (eps + k) / ((C + k) * (k + 1.0));

		for (int i = 0; i < n; i++)
		{
			sum[i] += coef * zn[i];
			zn[i] *= z[i];
		}
		coef *= ratio;
		if (coef == 0.0)
			done = true;
		else if (A + k > 0.0 && eps + k > 0.0 && fabs(ratio) * zmax < 1.0)
		{
			/*
			 * The horizons come in increasing order; the relative tail is
			 * checked at the shortest and the longest, which bound the
			 * others once the terms keep their sign.
			 */
			double		rho = fmax(fabs(ratio) * zmax, zmax);

			done = fabs(coef * zn[n - 1]) / (1.0 - rho) <= HYP_EPS * fabs(sum[n - 1]) &&
				fabs(coef * zn[0]) / (1.0 - rho) <= HYP_EPS * fabs(sum[0]);
		}
	}
	lalpha = log(alpha);
	for (int i = 0; i < n; i++)
	{
		double		u;
		double		e;
		double		ew;
		double		L;

		if (t[i] <= 0.0)
		{
			out[i] = 0.0;
			continue;
		}
		if (!done)
		{
			out[i] = get_float8_nan();
			continue;
		}
		u = lalpha - log(alpha + t[i]);
		e = eps * u;
		ew = exp(e);			/* (1-z)^eps */
		/* (1 - (1-z)^eps)/eps, with expm1 where the difference cancels */
		L = (eps == 0.0) ? -u : (fabs(e) < 0.5 ? -expm1(e) / eps : (1.0 - ew) / eps);
		out[i] = C * L - ew * sum[i];
	}
}
