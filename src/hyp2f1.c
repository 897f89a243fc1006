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
 *    recurrence.  The distance to 1 is carried as w = alpha/(alpha+t),
 *    never as 1 - z: z rounds to 1 once t/alpha exceeds about 2^53 (a very
 *    long horizon, or an ordinary one with a tiny alpha) while G is still
 *    finite, and 1 - z loses the digits of w long before that.
 *
 * Everything that can run long (the series, the continuation steps, the
 * horizons of a CLV) checks for interrupts, so a statement timeout or a
 * cancel stops it.
 */
#include "postgres.h"

#include "bgnbd.h"

#include <math.h>

#include "miscadmin.h"

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
		if ((n & 0xFFFFF) == 0)
			CHECK_FOR_INTERRUPTS();
	}
	return false;
}

/*
 * S(z) by Taylor steps of its differential equation from (z0, S, S') to
 * z = 1 - w.  The distance to 1 is carried as wc = 1 - zc and the target as
 * w = alpha/(alpha+t), both exact: z itself rounds to 1.0 once t/alpha
 * exceeds about 2^53, although S and G are still finite there.
 */
static double
hyp_continue(double A, double B, double C, double z0, double S, double dS, double w)
{
	double		wc = 1.0 - z0;
	double		Q1 = A + B + 1.0;
	double		lim0 = 2.0 / (fabs(C) + 2.0);
	double		lim1 = 2.0 / (fabs(C - A - B) + 2.0);
	int			steps = 0;

	while (wc > w)
	{
		double		zc = 1.0 - wc;
		double		h = fmin(0.5, lim1) * wc;
		double		P0 = zc * wc;
		double		P1 = wc - zc;	/* 1 - 2 zc */
		double		Q0 = C - Q1 * zc;
		double		dk;			/* d_k = c_k h^k: scaled, so nothing overflows */
		double		dk1;		/* d_{k+1} */
		double		s;
		double		ds;
		bool		last;
		int			small = 0;

		/* up to 5000 terms per step and 10^6 steps: let a cancel through */
		CHECK_FOR_INTERRUPTS();
		h = fmin(h, lim0 * zc);
		last = (h >= wc - w);
		if (last)
			h = wc - w;
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
		wc = last ? w : wc - h;
		if (++steps > 1000000 || !isfinite(S))
			return get_float8_nan();
	}
	return S;
}

#define HYP_Z0 0.5				/* where the continuation starts */

/*
 * S(z) for 0 <= z < 1, w = 1 - z computed without rounding through z.  When
 * the continuation is needed, S and S' at z0 come from *S0 / *dS0 if *have0,
 * else are computed and stored there (the horizons of one CLV share them).
 */
static double
hyp_S(double A, double eps, double C, double z, double w,
	  bool *have0, double *S0, double *dS0)
{
	double		S;

	if (z <= HYP_Z0)
	{
		if (hyp_series(A, eps, C, z, 10000000L, &S, NULL))
			return S;
		return get_float8_nan();
	}
	if (hyp_series(A, eps, C, z, 4000L, &S, NULL))
		return S;
	if (!*have0)
	{
		if (!hyp_series(A, eps, C, HYP_Z0, 10000000L, S0, dS0))
			return get_float8_nan();
		*have0 = true;
	}
	return hyp_continue(A, eps, C, HYP_Z0, *S0, *dS0, w);
}

/* G from S and u = ln(1-z): C L - (1-z)^eps S */
static double
hyp_g_from_s(double C, double eps, double u, double S)
{
	double		e = eps * u;
	double		ew = exp(e);	/* (1-z)^eps */
	/* (1 - (1-z)^eps)/eps, with expm1 where the difference cancels */
	double		L = (eps == 0.0) ? -u : (fabs(e) < 0.5 ? -expm1(e) / eps : (1.0 - ew) / eps);

	return C * L - ew * S;
}

/* G at one horizon t > 0, with the z0 cache of hyp_S */
static double
hyp_g_one(double A, double eps, double C, double alpha, double t,
		  bool *have0, double *S0, double *dS0)
{
	double		z = t / (alpha + t);
	double		w = alpha / (alpha + t);	/* 1 - z, > 0 even where z rounds to 1 */
	double		u = log(alpha) - log(alpha + t);	/* ln(1 - z) */

	if (!(w > 0.0) || !(z >= 0.0))
		return get_float8_nan();
	return hyp_g_from_s(C, eps, u, hyp_S(A, eps, C, z, w, have0, S0, dS0));
}

double
bgnbd_hyp_g(double r, double alpha, double a, double b, double t)
{
	bool		have0 = false;
	double		S0;
	double		dS0;

	if (t <= 0.0)
		return 0.0;
	return hyp_g_one(a + b - 1.0 - r, a - 1.0, a + b - 1.0, alpha, t, &have0, &S0, &dS0);
}

/*
 * G at many increasing horizons with the same parameters (the periods of a
 * CLV sum), evaluated chunk by chunk so memory does not grow with their
 * number.  The coefficients of S do not depend on z, so when every z is at
 * most 1/2 one series serves all horizons: bgnbd_hyp_multi_init finds, from
 * the shortest and the longest horizon, how many terms it needs (the tail
 * test at those two bounds the others once the terms keep their sign), and
 * bgnbd_hyp_multi_eval sums exactly that many for each horizon of a chunk,
 * so a horizon's value does not depend on how the horizons are chunked.
 * Otherwise each horizon is evaluated on its own, sharing S at z0.
 */
void
bgnbd_hyp_multi_init(BgnbdHypMulti *p, double r, double alpha, double a, double b,
					 double tfirst, double tlast)
{
	double		z[2];
	double		sum[2] = {0.0, 0.0};
	double		zn[2];
	double		zmax;
	double		coef;
	bool		done = false;
	long		k;

	p->alpha = alpha;
	p->C = a + b - 1.0;
	p->eps = a - 1.0;
	p->A = p->C - r;
	p->have0 = false;
	p->S0 = p->dS0 = 0.0;
	p->nterms = 0;
	p->converged = false;
	z[0] = tfirst > 0.0 ? tfirst / (alpha + tfirst) : 0.0;
	z[1] = tlast > 0.0 ? tlast / (alpha + tlast) : 0.0;
	zmax = fmax(z[0], z[1]);
	p->shared = !(zmax > HYP_Z0);
	if (!p->shared)
		return;
	zn[0] = z[0];
	zn[1] = z[1];
	coef = p->A;				/* (A)_n (1+eps)_{n-1} / ((C+1)_{n-1} n!) at n = 1 */
	for (k = 1; k <= 10000000L && !done; k++)
	{
		double		ratio = (p->A + k) * (p->eps + k) / ((p->C + k) * (k + 1.0));

		for (int i = 0; i < 2; i++)
		{
			sum[i] += coef * zn[i];
			zn[i] *= z[i];
		}
		coef *= ratio;
		if (coef == 0.0)
			done = true;
		else if (p->A + k > 0.0 && p->eps + k > 0.0 && fabs(ratio) * zmax < 1.0)
		{
			double		rho = fmax(fabs(ratio) * zmax, zmax);

			done = fabs(coef * zn[1]) / (1.0 - rho) <= HYP_EPS * fabs(sum[1]) &&
				fabs(coef * zn[0]) / (1.0 - rho) <= HYP_EPS * fabs(sum[0]);
		}
		if ((k & 0xFFFFF) == 0)
			CHECK_FOR_INTERRUPTS();
	}
	p->nterms = k - 1;
	p->converged = done;
}

void
bgnbd_hyp_multi_eval(BgnbdHypMulti *p, const double *t, int n, double *out)
{
	double		z[BGNBD_HYP_CHUNK];
	double		sum[BGNBD_HYP_CHUNK];
	double		zn[BGNBD_HYP_CHUNK];
	double		coef = p->A;
	double		lalpha;

	if (n > BGNBD_HYP_CHUNK)
		elog(ERROR, "bgnbd_hyp_multi_eval: %d horizons in one chunk", n);
	CHECK_FOR_INTERRUPTS();
	if (!p->shared)
	{
		for (int i = 0; i < n; i++)
			out[i] = t[i] > 0.0 ?
				hyp_g_one(p->A, p->eps, p->C, p->alpha, t[i], &p->have0, &p->S0, &p->dS0) : 0.0;
		return;
	}
	for (int i = 0; i < n; i++)
	{
		z[i] = t[i] > 0.0 ? t[i] / (p->alpha + t[i]) : 0.0;
		sum[i] = 0.0;
		zn[i] = z[i];
	}
	for (long k = 1; k <= p->nterms; k++)
	{
		double		ratio = (p->A + k) * (p->eps + k) / ((p->C + k) * (k + 1.0));

		for (int i = 0; i < n; i++)
		{
			sum[i] += coef * zn[i];
			zn[i] *= z[i];
		}
		coef *= ratio;
		if ((k & 0xFFFF) == 0)
			CHECK_FOR_INTERRUPTS();
	}
	lalpha = log(p->alpha);
	for (int i = 0; i < n; i++)
	{
		if (t[i] <= 0.0)
			out[i] = 0.0;
		else if (!p->converged)
			out[i] = get_float8_nan();
		else
			out[i] = hyp_g_from_s(p->C, p->eps, lalpha - log(p->alpha + t[i]), sum[i]);
	}
}
