/*
 * optimize.c: ror_minimize(), Nelder-Mead with restarts, then a damped
 * Newton polish (see optimize.h for why this combination); and
 * ror_hessian(), which bgnbd_fit.c's stricter Newton shares.
 */
#include "postgres.h"

#include "optimize.h"

#include <math.h>

#include "miscadmin.h"

#define NM_MAX_ITER		5000	/* per Nelder-Mead run */
#define NM_MAX_RUNS		12		/* first run + restarts */
#define NM_FTOL			1e-15	/* relative spread of the simplex values */
#define NM_XTOL			1e-10	/* simplex size */
#define NEWTON_MAX		50
#define HESS_H			1e-3	/* step of the Hessian's differences of the gradient */
/*
 * Converged: |gradient| <= CONV_GRAD and the Newton step, the estimated
 * distance to the minimum, <= CONV_STEP in every coordinate.  On log
 * parameters that is 1e-4 relative: a finite-difference Hessian of a sum of
 * thousands of rounded terms cannot certify much less in a flat direction
 * (the fit usually gets much closer).
 */
#define CONV_GRAD		1e-5
#define CONV_STEP		1e-4

typedef struct Counter
{
	RorObjective f;
	void	   *arg;
	int			evals;
} Counter;

/* the objective through a Counter (arg): counted, and cancellable */
static double
counted(const double *theta, double *grad, void *arg)
{
	Counter    *c = arg;

	CHECK_FOR_INTERRUPTS();
	c->evals++;
	return c->f(theta, grad, c->arg);
}

/* f, with NaN mapped to +Inf so that comparisons order it last */
static double
feval(Counter *c, const double *x)
{
	double		v = counted(x, NULL, c);

	return isnan(v) ? INFINITY : v;
}

/* one Nelder-Mead run from x with the given simplex edge; returns iterations */
static int
nelder_mead(Counter *c, int n, double *x, double step, double *fx)
{
	double		s[ROR_MAXDIM + 1][ROR_MAXDIM];
	double		fs[ROR_MAXDIM + 1];
	double		cen[ROR_MAXDIM],
				xr[ROR_MAXDIM],
				xe[ROR_MAXDIM];
	int			iter;

	for (int i = 0; i <= n; i++)
	{
		for (int j = 0; j < n; j++)
			s[i][j] = x[j] + (i == j + 1 ? step : 0.0);
		fs[i] = feval(c, s[i]);
	}

	for (iter = 0; iter < NM_MAX_ITER; iter++)
	{
		int			lo = 0,
					hi = 0,
					nh = 0;
		double		size = 0.0,
					fr;

		for (int i = 1; i <= n; i++)
		{
			if (fs[i] < fs[lo])
				lo = i;
			if (fs[i] > fs[hi])
				hi = i;
		}
		nh = (hi == 0) ? 1 : 0;
		for (int i = 0; i <= n; i++)
			if (i != hi && fs[i] > fs[nh])
				nh = i;
		for (int i = 0; i <= n; i++)
			for (int j = 0; j < n; j++)
				size = fmax(size, fabs(s[i][j] - s[lo][j]));
		if (isfinite(fs[hi]) &&
			fs[hi] - fs[lo] <= NM_FTOL * (fabs(fs[lo]) + 1e-300) && size <= NM_XTOL)
			break;
		if (size <= NM_XTOL * 1e-3)
			break;				/* collapsed: no further progress possible */

		for (int j = 0; j < n; j++)
		{
			cen[j] = 0.0;
			for (int i = 0; i <= n; i++)
				if (i != hi)
					cen[j] += s[i][j];
			cen[j] /= n;
		}
		for (int j = 0; j < n; j++)
			xr[j] = cen[j] + (cen[j] - s[hi][j]);
		fr = feval(c, xr);
		if (fr < fs[lo])
		{
			double		fe;

			for (int j = 0; j < n; j++)
				xe[j] = cen[j] + 2.0 * (cen[j] - s[hi][j]);
			fe = feval(c, xe);
			if (fe < fr)
			{
				memcpy(s[hi], xe, sizeof(double) * n);
				fs[hi] = fe;
			}
			else
			{
				memcpy(s[hi], xr, sizeof(double) * n);
				fs[hi] = fr;
			}
		}
		else if (fr < fs[nh])
		{
			memcpy(s[hi], xr, sizeof(double) * n);
			fs[hi] = fr;
		}
		else
		{
			/* contract towards the better of the worst point and its reflection */
			bool		outside = fr < fs[hi];
			double		fc;

			for (int j = 0; j < n; j++)
				xe[j] = outside ? cen[j] + 0.5 * (xr[j] - cen[j])
					: cen[j] + 0.5 * (s[hi][j] - cen[j]);
			fc = feval(c, xe);
			if (fc < (outside ? fr : fs[hi]))
			{
				memcpy(s[hi], xe, sizeof(double) * n);
				fs[hi] = fc;
			}
			else
			{
				/* shrink towards the best point */
				for (int i = 0; i <= n; i++)
				{
					if (i == lo)
						continue;
					for (int j = 0; j < n; j++)
						s[i][j] = s[lo][j] + 0.5 * (s[i][j] - s[lo][j]);
					fs[i] = feval(c, s[i]);
				}
			}
		}
	}

	{
		int			lo = 0;

		for (int i = 1; i <= n; i++)
			if (fs[i] < fs[lo])
				lo = i;
		memcpy(x, s[lo], sizeof(double) * n);
		*fx = fs[lo];
	}
	return iter;
}

/* the gradient at x; all Inf when a component is not finite */
static void
gradient(Counter *c, int n, const double *x, double *g)
{
	(void) counted(x, g, c);
	for (int i = 0; i < n; i++)
		if (!isfinite(g[i]))
		{
			for (int k = 0; k < n; k++)
				g[k] = INFINITY;
			break;
		}
}

bool
ror_hessian(RorObjective f, void *arg, int n, const double *theta, double h,
			double H[][ROR_MAXDIM])
{
	double		y[ROR_MAXDIM],
				gp[ROR_MAXDIM],
				gm[ROR_MAXDIM];

	memcpy(y, theta, sizeof(double) * n);
	for (int j = 0; j < n; j++)
	{
		bool		finite;

		y[j] = theta[j] + h;
		finite = isfinite(f(y, gp, arg));
		y[j] = theta[j] - h;
		finite = isfinite(f(y, gm, arg)) && finite;
		y[j] = theta[j];
		for (int i = 0; i < n; i++)
		{
			finite = finite && isfinite(gp[i]) && isfinite(gm[i]);
			H[i][j] = (gp[i] - gm[i]) / (2.0 * h);
		}
		if (!finite)
			return false;
	}
	for (int i = 0; i < n; i++)
		for (int j = i + 1; j < n; j++)
			H[i][j] = H[j][i] = 0.5 * (H[i][j] + H[j][i]);
	return true;
}

/* the gradient g and Hessian H at x; H all NaN where not finite */
static void
derivatives(Counter *c, int n, const double *x, double *g, double H[][ROR_MAXDIM])
{
	gradient(c, n, x, g);
	if (!ror_hessian(counted, c, n, x, HESS_H, H))
		for (int i = 0; i < n; i++)
			for (int j = 0; j < n; j++)
				H[i][j] = NAN;
}

/* solve (H + lambda I) d = -g; false when not finite or not positive definite */
static bool
newton_step(int n, double H[][ROR_MAXDIM], const double *g, double lambda, double *d)
{
	double		L[ROR_MAXDIM][ROR_MAXDIM];
	double		b[ROR_MAXDIM];

	for (int i = 0; i < n; i++)
	{
		if (!isfinite(g[i]))
			return false;
		b[i] = -g[i];
	}
	if (!ror_cholesky(n, H, lambda, L))
		return false;
	ror_cholesky_solve(n, L, b, d);
	return true;
}

/*
 * Newton's method from theta (f there: fx), then the convergence test;
 * iters: the iterations spent before, counted on into result
 */
static void
polish(Counter *c, int n, double *theta, double fx, int iters, double bound, RorOptResult *result)
{
	double		g[ROR_MAXDIM],
				H[ROR_MAXDIM][ROR_MAXDIM],
				d[ROR_MAXDIM];
	bool		pd = false;

	/* damped Newton polish, accepting only steps that decrease f */
	for (int it = 0; it < NEWTON_MAX && isfinite(fx); it++)
	{
		double		lambda = 0.0;
		double		t = 1.0,
					dmax = 0.0;
		bool		moved = false,
					solved;

		/* d is written only by a successful solve: never step along stale values */
		memset(d, 0, sizeof(d));
		derivatives(c, n, theta, g, H);
		pd = newton_step(n, H, g, 0.0, d);
		solved = pd;
		for (int k = 0; !solved && k < 30; k++)
		{
			lambda = (lambda == 0.0) ? 1e-6 : lambda * 10.0;
			solved = newton_step(n, H, g, lambda, d);
		}
		if (!solved)
			break;				/* non-finite gradient or Hessian: no step to take */
		for (int i = 0; i < n; i++)
			dmax = fmax(dmax, fabs(d[i]));
		if (!isfinite(dmax))
			break;
		if (pd && dmax <= CONV_STEP * 1e-3)
			break;				/* already at the minimum to rounding */
		iters++;
		for (int k = 0; k < 40; k++, t *= 0.5)
		{
			double		y[ROR_MAXDIM],
						fy;

			for (int i = 0; i < n; i++)
				y[i] = theta[i] + t * d[i];
			fy = feval(c, y);
			/* strictly lower only: an equal value proves nothing about y */
			if (fy < fx)
			{
				moved = true;
				memcpy(theta, y, sizeof(double) * n);
				fx = fy;
				break;
			}
		}
		if (!moved)
			break;
	}

	/*
	 * Finish with full Newton steps while they make the gradient smaller: within a few steps of the minimum f changes by
	 * less than its own rounding noise, so "strictly lower" can no longer
	 * tell a better point, while the gradient still can.  Only a solved step
	 * (positive definite Hessian), already below the convergence tolerance,
	 * that does not raise f beyond rounding is taken.
	 */
	for (int it = 0; it < 5 && isfinite(fx); it++)
	{
		double		y[ROR_MAXDIM],
					gy[ROR_MAXDIM],
					fy,
					dmax = 0.0,
					gx_inf = 0.0,
					gy_inf = 0.0;

		memset(d, 0, sizeof(d));
		derivatives(c, n, theta, g, H);
		if (!newton_step(n, H, g, 0.0, d))
			break;
		for (int i = 0; i < n; i++)
		{
			dmax = fmax(dmax, fabs(d[i]));
			gx_inf = fmax(gx_inf, fabs(g[i]));
			y[i] = theta[i] + d[i];
		}
		if (!(dmax <= CONV_STEP) || dmax == 0.0)
			break;
		fy = feval(c, y);
		gradient(c, n, y, gy);
		for (int i = 0; i < n; i++)
			gy_inf = fmax(gy_inf, fabs(gy[i]));
		if (!(fy <= fx + 1e-12 * (fabs(fx) + 1.0)) || !(gy_inf < gx_inf))
			break;
		memcpy(theta, y, sizeof(double) * n);
		fx = fy;
		iters++;
	}

	/* final convergence test at the returned point */
	result->grad_inf = INFINITY;
	result->step_inf = INFINITY;
	if (isfinite(fx))
	{
		double		gmax = 0.0,
					dmax = 0.0;

		derivatives(c, n, theta, g, H);
		for (int i = 0; i < n; i++)
			gmax = fmax(gmax, fabs(g[i]));
		result->grad_inf = gmax;
		pd = newton_step(n, H, g, 0.0, d);
		if (pd)
		{
			for (int i = 0; i < n; i++)
				dmax = fmax(dmax, fabs(d[i]));
			result->step_inf = dmax;
		}
	}
	result->converged = isfinite(fx) && pd &&
		result->grad_inf <= CONV_GRAD && result->step_inf <= CONV_STEP;
	for (int i = 0; i < n; i++)
		if (!(fabs(theta[i]) <= bound))
			result->converged = false;
	result->fmin = fx;
	result->iterations = iters;
	result->evaluations = c->evals;
}

void
ror_minimize(RorObjective f, void *arg, int n, double *theta,
			 double step, double bound, RorOptResult *result)
{
	Counter		c = {f, arg, 0};
	double		fx;
	int			iters = 0;

	if (n < 1 || n > ROR_MAXDIM)
		elog(ERROR, "ror_minimize: dimension %d out of range", n);

	/* Nelder-Mead, restarted from its best point with a smaller simplex */
	iters += nelder_mead(&c, n, theta, step, &fx);
	for (int run = 1; run < NM_MAX_RUNS; run++)
	{
		double		before = fx;

		iters += nelder_mead(&c, n, theta, step * pow(0.3, run), &fx);
		if (!(fx < before - 1e-14 * (fabs(before) + 1e-300)))
			break;
	}
	polish(&c, n, theta, fx, iters, bound, result);
}

void
ror_polish(RorObjective f, void *arg, int n, double *theta,
		   double bound, RorOptResult *result)
{
	Counter		c = {f, arg, 0};

	if (n < 1 || n > ROR_MAXDIM)
		elog(ERROR, "ror_polish: dimension %d out of range", n);
	polish(&c, n, theta, feval(&c, theta), 0, bound, result);
}
