/*
 * optimize.h: unconstrained minimisation of a smooth function of a few
 * variables (the log-parameters of a model), for maximum-likelihood fits.
 *
 * Two optimizers, one per likelihood, each matched to its shape:
 *
 * ror_minimize() (optimize.c, Gamma-Gamma) runs Nelder-Mead from the start
 * point, restarts it from its best point until a restart no longer improves
 * the value, then polishes with damped Newton steps on the exact gradient
 * and a finite-difference Hessian.  Nelder-Mead does not diverge from a poor
 * start on a likelihood that is flat in some directions (Gamma-Gamma's q and
 * gamma are strongly correlated), but it converges slowly and its stopping
 * rule says nothing about optimality; Newton converges quadratically from
 * close by and its gradient and Hessian give an honest convergence test.
 *
 * ror_bfgs() (optimize_bfgs.c, BG/NBD) is quasi-Newton on the exact
 * gradient, its steps capped at one unit per coordinate so a poor start
 * cannot jump to where the likelihood overflows.  The BG/NBD gradient costs
 * about as much as its likelihood, so a gradient method pays where
 * Nelder-Mead would spend hundreds of evaluations, and BFGS reached the
 * optimum from the default start on every data set tried (bgnbd_fit.c).
 * Its caller polishes with its own stricter Newton (Newton step <= 1e-9,
 * and the inverse Hessian for standard errors).
 * Gamma-Gamma affords Nelder-Mead because its search runs on a subsample of
 * 2000 patterns.
 *
 * Either optimizer could serve both fits, but not with the same results:
 * the search path, and so the last bits of the fitted parameters, would
 * change.
 *
 * The objective may return +Inf or NaN where it is undefined; both count as
 * "worse than anything finite".
 */
#ifndef ROR_OPTIMIZE_H
#define ROR_OPTIMIZE_H

#include "compat.h"
#include "rorlinalg.h"

/*
 * The objective at theta; when grad is not NULL, also its gradient there
 * (any component not finite where it cannot be computed).
 */
typedef double (*RorObjective) (const double *theta, double *grad, void *arg);

typedef struct RorOptResult
{
	double		fmin;			/* objective at the returned point */
	double		grad_inf;		/* max |gradient| there */
	double		step_inf;		/* max |Newton step| there; Inf when the Hessian is not positive definite */
	int			iterations;		/* Nelder-Mead iterations + Newton steps */
	int			evaluations;	/* objective evaluations */
	bool		converged;		/* gradient and Newton step below tolerance, Hessian positive definite */
} RorOptResult;

/*
 * Minimise f over R^n (n <= ROR_MAXDIM) from theta, which receives the best
 * point found.  step: the initial simplex edge.  bound: |theta_i| above it
 * counts as divergence (not converged).
 */
extern void ror_minimize(RorObjective f, void *arg, int n, double *theta,
						 double step, double bound, RorOptResult *result);

/*
 * The Newton polish and convergence test of ror_minimize() alone, from a
 * theta already close to the minimum (e.g. the minimum of the same
 * objective on a subsample of the data).
 */
extern void ror_polish(RorObjective f, void *arg, int n, double *theta,
					   double bound, RorOptResult *result);

/*
 * BFGS with a backtracking (Armijo) line search from theta.  Stops with
 * *converged = true when max |gradient| <= gtol, or when the quasi-Newton
 * step moves no coordinate by more than xtol while max |gradient| <=
 * 1000 gtol (f no longer resolves the last decrease), or with false after
 * maxiter iterations, when the line search finds no lower point, or when a
 * coordinate leaves [-bound, bound].  fx and grad (if not NULL) receive f
 * and its gradient at the returned theta.  Returns the iterations used.
 */
extern int	ror_bfgs(RorObjective f, void *arg, int n, double *theta, double gtol, double xtol,
					 int maxiter, double bound, double *fx, double *grad, bool *converged);

/*
 * The Hessian of f at theta by central differences (step h) of its
 * gradient, symmetrised; false when f or its gradient is not finite at a
 * probe point.
 */
extern bool ror_hessian(RorObjective f, void *arg, int n, const double *theta, double h,
						double H[][ROR_MAXDIM]);

#endif							/* ROR_OPTIMIZE_H */
