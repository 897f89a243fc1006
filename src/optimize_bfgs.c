/*
 * optimize_bfgs.c: ror_bfgs(), BFGS with an analytic gradient (see
 * optimize.h).
 *
 * For likelihoods whose gradient is cheap to compute exactly (the BG/NBD's
 * costs about as much as the likelihood itself), BFGS converges
 * superlinearly and its stopping test is on the gradient, which stays
 * meaningful where differences of f are lost in rounding.  The step is
 * capped at one unit per coordinate (on log-parameters: a factor e), so a
 * poor start cannot jump into a region where the likelihood overflows; a
 * non-descent direction restarts from steepest descent.
 */
#include "postgres.h"

#include "optimize.h"

#include <math.h>

#include "miscadmin.h"

/* f with non-numbers mapped to +Inf, so comparisons order them last */
static double
eval(RorObjective f, void *arg, const double *x, double *grad)
{
	double		v = f(x, grad, arg);

	return isnan(v) ? get_float8_infinity() : v;
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
ror_bfgs(RorObjective f, void *arg, int n, double *x, double gtol, double xtol,
		 int maxiter, double bound, double *fx, double *grad, bool *converged)
{
	double		H[ROR_MAXDIM][ROR_MAXDIM];	/* inverse Hessian approximation */
	double		g[ROR_MAXDIM];
	double		gn[ROR_MAXDIM];
	double		xn[ROR_MAXDIM];
	double		p[ROR_MAXDIM];
	double		s[ROR_MAXDIM];
	double		y[ROR_MAXDIM];
	double		fcur;
	int			iter;

	if (n < 1 || n > ROR_MAXDIM)
		elog(ERROR, "ror_bfgs: dimension %d out of range", n);
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
			double		Hy[ROR_MAXDIM];
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
