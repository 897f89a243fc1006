/*
 * optimize.h: unconstrained minimisation of a smooth function of a few
 * variables (the log-parameters of a model), for maximum-likelihood fits.
 *
 * ror_minimize() runs Nelder-Mead from the start point, restarts it from its
 * best point until a restart no longer improves the value, then polishes with
 * damped Newton steps on the exact gradient when one is given (else central
 * differences) and a finite-difference Hessian.  Why both:
 * Nelder-Mead needs no derivatives and does not diverge from a poor start on
 * a likelihood that is flat in some directions (Gamma-Gamma's q and gamma are
 * strongly correlated), but it converges slowly and its stopping rule says
 * nothing about optimality; Newton converges quadratically from close by and
 * its gradient and Hessian give an honest convergence test.  The objective
 * may return +Inf or NaN where it is undefined; both count as "worse than
 * anything finite".
 */
#ifndef ROR_OPTIMIZE_H
#define ROR_OPTIMIZE_H

#include "compat.h"

#define ROR_OPT_MAXDIM 8

typedef double (*RorObjective) (const double *theta, void *arg);

/*
 * The gradient of the objective at theta into g; false where it is not
 * finite.  Optional: without it the gradient comes from central differences,
 * whose rounding noise limits the fit's precision in flat directions to
 * about 1e-6 relative.
 */
typedef bool (*RorGradient) (const double *theta, void *arg, double *g);

typedef struct RorOptResult
{
	double		fmin;			/* objective at the returned point */
	double		grad_inf;		/* max |gradient| there (finite differences) */
	double		step_inf;		/* max |Newton step| there; Inf when the Hessian is not positive definite */
	int			iterations;		/* Nelder-Mead iterations + Newton steps */
	int			evaluations;	/* objective evaluations */
	bool		converged;		/* gradient and Newton step below tolerance, Hessian positive definite */
} RorOptResult;

/*
 * Minimise f over R^n (n <= ROR_OPT_MAXDIM) from theta, which receives the
 * best point found.  step: the initial simplex edge.  bound: |theta_i| above
 * it counts as divergence (not converged).  grad: the exact gradient of f,
 * or NULL.
 */
extern void ror_minimize(RorObjective f, RorGradient grad, void *arg, int n, double *theta,
						 double step, double bound, RorOptResult *result);

/*
 * The Newton polish and convergence test of ror_minimize() alone, from a
 * theta already close to the minimum (e.g. the minimum of the same
 * objective on a subsample of the data).
 */
extern void ror_polish(RorObjective f, RorGradient grad, void *arg, int n, double *theta,
					   double bound, RorOptResult *result);

#endif							/* ROR_OPTIMIZE_H */
