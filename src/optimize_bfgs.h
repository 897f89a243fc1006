/*
 * optimize_bfgs.h: BFGS for smooth objectives with an analytic gradient
 * (n <= 8 variables), for maximum-likelihood fits on log-parameters.
 * Written for ror; no external library.
 */
#ifndef ROR_OPTIMIZE_BFGS_H
#define ROR_OPTIMIZE_BFGS_H

#include "compat.h"

#define OPT_BFGS_MAXDIM 8

/*
 * The objective: returns f(x) and, when grad is not NULL, stores the
 * gradient there.  It may return +Inf or NaN for points it cannot evaluate
 * (treated as worse than any finite value).
 */
typedef double (*opt_objective) (const double *x, double *grad, void *arg);

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

#endif							/* ROR_OPTIMIZE_BFGS_H */
