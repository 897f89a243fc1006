/*
 * optimize.c: Nelder-Mead and BFGS (see optimize.h).
 *
 * Why two methods: likelihoods of mixture models such as the BG/NBD are
 * smooth but can be very flat far from the optimum (and overflow there), so
 * a gradient method started far away may take huge or useless steps.
 * Nelder-Mead uses only comparisons of f, so it moves reliably towards the
 * optimum from a rough start, but it converges slowly and stops with a
 * simplex, not a precise point.  BFGS with an analytic gradient then
 * converges superlinearly, and its stopping test is on the gradient, which
 * stays meaningful where differences of f are lost in rounding.
 */
#include "optimize.h"

#include <math.h>

#include "miscadmin.h"

/* f with non-numbers mapped to +Inf, so comparisons order them last */
static double
eval(opt_objective f, void *arg, const double *x, double *grad)
{
	double		v = f(x, grad, arg);

	return isnan(v) ? get_float8_infinity() : v;
}

int
opt_nelder_mead(opt_objective f, void *arg, int n, double *x,
				const double *step, double ftol, int maxiter, double *fx)
{
	double		simplex[OPT_MAXDIM + 1][OPT_MAXDIM];
	double		fv[OPT_MAXDIM + 1];
	double		centroid[OPT_MAXDIM];
	double		xr[OPT_MAXDIM];
	double		xe[OPT_MAXDIM];
	int			iter;

	if (n < 1 || n > OPT_MAXDIM)
		elog(ERROR, "opt_nelder_mead: bad dimension %d", n);
	for (int i = 0; i <= n; i++)
	{
		for (int j = 0; j < n; j++)
			simplex[i][j] = x[j] + (i == j + 1 ? step[j] : 0.0);
		fv[i] = eval(f, arg, simplex[i], NULL);
	}

	for (iter = 0; iter < maxiter; iter++)
	{
		int			lo = 0,
					hi = 0,
					nh = 0;
		double		fr;

		CHECK_FOR_INTERRUPTS();
		/* best, worst and second worst vertices */
		for (int i = 1; i <= n; i++)
		{
			if (fv[i] < fv[lo])
				lo = i;
			if (fv[i] > fv[hi])
				hi = i;
		}
		nh = (hi == 0) ? 1 : 0;
		for (int i = 0; i <= n; i++)
			if (i != hi && fv[i] > fv[nh])
				nh = i;
		if (isfinite(fv[hi]) && fv[hi] - fv[lo] <= ftol)
			break;

		for (int j = 0; j < n; j++)
		{
			centroid[j] = 0.0;
			for (int i = 0; i <= n; i++)
				if (i != hi)
					centroid[j] += simplex[i][j];
			centroid[j] /= n;
		}
		/* reflect */
		for (int j = 0; j < n; j++)
			xr[j] = centroid[j] + (centroid[j] - simplex[hi][j]);
		fr = eval(f, arg, xr, NULL);
		if (fr < fv[lo])
		{
			/* expand */
			double		fe;

			for (int j = 0; j < n; j++)
				xe[j] = centroid[j] + 2.0 * (centroid[j] - simplex[hi][j]);
			fe = eval(f, arg, xe, NULL);
			if (fe < fr)
			{
				memcpy(simplex[hi], xe, n * sizeof(double));
				fv[hi] = fe;
			}
			else
			{
				memcpy(simplex[hi], xr, n * sizeof(double));
				fv[hi] = fr;
			}
		}
		else if (fr < fv[nh])
		{
			memcpy(simplex[hi], xr, n * sizeof(double));
			fv[hi] = fr;
		}
		else
		{
			/* contract, outside when the reflection helped a little */
			double		fc;
			bool		outside = fr < fv[hi];

			for (int j = 0; j < n; j++)
				xe[j] = outside ? centroid[j] + 0.5 * (xr[j] - centroid[j])
					: centroid[j] + 0.5 * (simplex[hi][j] - centroid[j]);
			fc = eval(f, arg, xe, NULL);
			if (fc < (outside ? fr : fv[hi]))
			{
				memcpy(simplex[hi], xe, n * sizeof(double));
				fv[hi] = fc;
			}
			else
			{
				/* shrink towards the best vertex */
				for (int i = 0; i <= n; i++)
				{
					if (i == lo)
						continue;
					for (int j = 0; j < n; j++)
						simplex[i][j] = simplex[lo][j] + 0.5 * (simplex[i][j] - simplex[lo][j]);
					fv[i] = eval(f, arg, simplex[i], NULL);
				}
			}
		}
	}

	{
		int			lo = 0;

		for (int i = 1; i <= n; i++)
			if (fv[i] < fv[lo])
				lo = i;
		memcpy(x, simplex[lo], n * sizeof(double));
		*fx = fv[lo];
	}
	return iter;
}

static double
max_abs(const double *v, int n)
{
	double		m = 0.0;

	for (int i = 0; i < n; i++)
		m = fmax(m, fabs(v[i]));
	return m;
}

int
opt_bfgs(opt_objective f, void *arg, int n, double *x, double gtol, double xtol,
		 int maxiter, double bound, double *fx, double *grad, bool *converged)
{
	double		H[OPT_MAXDIM][OPT_MAXDIM];	/* inverse Hessian approximation */
	double		g[OPT_MAXDIM];
	double		gn[OPT_MAXDIM];
	double		xn[OPT_MAXDIM];
	double		p[OPT_MAXDIM];
	double		s[OPT_MAXDIM];
	double		y[OPT_MAXDIM];
	double		fcur;
	int			iter;

	if (n < 1 || n > OPT_MAXDIM)
		elog(ERROR, "opt_bfgs: bad dimension %d", n);
	*converged = false;
	for (int i = 0; i < n; i++)
		for (int j = 0; j < n; j++)
			H[i][j] = (i == j) ? 1.0 : 0.0;
	fcur = eval(f, arg, x, g);

	for (iter = 0; iter < maxiter; iter++)
	{
		double		slope = 0.0;
		double		step = 1.0;
		double		fnew = 0.0;
		double		sy = 0.0;
		bool		found = false;

		CHECK_FOR_INTERRUPTS();
		if (!isfinite(fcur))
			break;
		if (max_abs(g, n) <= gtol)
		{
			*converged = true;
			break;
		}
		if (max_abs(x, n) > bound)
			break;

		for (int i = 0; i < n; i++)
		{
			p[i] = 0.0;
			for (int j = 0; j < n; j++)
				p[i] -= H[i][j] * g[j];
			slope += p[i] * g[i];
		}
		/*
		 * Near the optimum of a sum over many terms, f stops resolving the
		 * remaining decrease (g' H g is below its rounding) before the
		 * gradient reaches gtol.  A quasi-Newton step that would move no
		 * coordinate by more than xtol, with a gradient near gtol, is
		 * convergence too.
		 */
		if (slope < 0.0 && max_abs(p, n) <= xtol && max_abs(g, n) <= gtol * 1000.0)
		{
			*converged = true;
			break;
		}
		if (!(slope < 0.0))
		{
			/* not a descent direction: restart from steepest descent */
			for (int i = 0; i < n; i++)
			{
				for (int j = 0; j < n; j++)
					H[i][j] = (i == j) ? 1.0 : 0.0;
				p[i] = -g[i];
			}
			slope = 0.0;
			for (int i = 0; i < n; i++)
				slope -= g[i] * g[i];
		}
		/* keep the first trial step within one unit of log-parameter */
		{
			double		pm = max_abs(p, n);

			if (pm > 1.0)
				step = 1.0 / pm;
		}
		for (int ls = 0; ls < 60; ls++)
		{
			for (int i = 0; i < n; i++)
				xn[i] = x[i] + step * p[i];
			fnew = eval(f, arg, xn, gn);
			if (fnew <= fcur + 1e-4 * step * slope)
			{
				found = true;
				break;
			}
			step *= 0.5;
		}
		if (!found)
		{
			/*
			 * No lower point along p: near the optimum the decrease is lost
			 * in the rounding of f.  The gradient test decides convergence.
			 */
			if (max_abs(g, n) <= gtol * 1000.0)
				*converged = true;
			break;
		}

		for (int i = 0; i < n; i++)
		{
			s[i] = xn[i] - x[i];
			y[i] = gn[i] - g[i];
			sy += s[i] * y[i];
		}
		if (sy > 1e-300)
		{
			/* H <- (I - rho s y') H (I - rho y s') + rho s s' */
			double		rho = 1.0 / sy;
			double		Hy[OPT_MAXDIM];
			double		yHy = 0.0;

			for (int i = 0; i < n; i++)
			{
				Hy[i] = 0.0;
				for (int j = 0; j < n; j++)
					Hy[i] += H[i][j] * y[j];
				yHy += y[i] * Hy[i];
			}
			for (int i = 0; i < n; i++)
				for (int j = 0; j < n; j++)
					H[i][j] += (1.0 + rho * yHy) * rho * s[i] * s[j]
						- rho * (Hy[i] * s[j] + s[i] * Hy[j]);
		}
		memcpy(x, xn, n * sizeof(double));
		memcpy(g, gn, n * sizeof(double));
		fcur = fnew;
	}
	*fx = fcur;
	if (grad)
		memcpy(grad, g, n * sizeof(double));
	return iter;
}
