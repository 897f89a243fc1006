/*
 * optimize.h: small unconstrained minimisers for the model fits (n <= 8
 * parameters): Nelder-Mead for a robust start, BFGS for a precise finish.
 * Written for ror; no external library.
 */
#ifndef ROR_OPTIMIZE_H
#define ROR_OPTIMIZE_H

#include "compat.h"

#define OPT_MAXDIM 8

/*
 * The objective: returns f(x) and, when grad is not NULL, stores the
 * gradient there.  It may return +Inf or NaN for points it cannot evaluate
 * (both minimisers treat them as worse than any finite value).
 */
typedef double (*opt_objective) (const double *x, double *grad, void *arg);

/*
 * Nelder-Mead (Nelder & Mead 1965, with the usual coefficients 1, 2, 1/2,
 * 1/2) from x with initial steps step[i]; stops when the spread of f over
 * the simplex is below ftol (absolute) or after maxiter iterations.  x
 * receives the best vertex, *fx its value.  Returns the iterations used.
 */
extern int	opt_nelder_mead(opt_objective f, void *arg, int n, double *x,
							const double *step, double ftol, int maxiter, double *fx);

/*
 * BFGS with a backtracking (Armijo) line search from x.  Stops with
 * *converged = true when max |gradient| <= gtol, or when the quasi-Newton
 * step moves no coordinate by more than xtol while max |gradient| <=
 * 1000 gtol (f no longer resolves the last decrease), or with false after
 * maxiter iterations, when the line search finds no lower point, or when a
 * coordinate leaves [-bound, bound].  Returns the iterations used.
 */
extern int	opt_bfgs(opt_objective f, void *arg, int n, double *x, double gtol, double xtol,
					 int maxiter, double bound, double *fx, double *grad, bool *converged);

#endif							/* ROR_OPTIMIZE_H */
