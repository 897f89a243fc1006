/*
 * sbg.h: the shifted-beta-geometric model of contractual retention (Fader &
 * Hardie 2007, "How to project customer retention", Journal of Interactive
 * Marketing 21(1); Fader & Hardie 2010, "Customer-base valuation in a
 * contractual setting", Marketing Science 29(1)).
 *
 * A customer churns at the end of each period with probability theta,
 * constant for that customer; theta ~ beta(alpha, beta) across customers.
 * For whole periods t >= 1:
 *   P(T = t) = B(alpha + 1, beta + t - 1) / B(alpha, beta),
 *   S(t) = B(alpha, beta + t) / B(alpha, beta)
 *        = prod_{k=1..t} (beta + k - 1) / (alpha + beta + k - 1),
 *   r(t) = S(t) / S(t - 1) = (beta + t - 1) / (alpha + beta + t - 1).
 */
#ifndef ROR_SBG_H
#define ROR_SBG_H

#include "compat.h"
#include "fmgr.h"

typedef struct Sbg
{
	double		alpha;			/* beta shape 1 of the churn probability, > 0 */
	double		beta;			/* beta shape 2 of the churn probability, > 0 */
	/* diagnostics of the fit; all 0 for a model built by ror.sbg(alpha, beta) */
	int64		customers;		/* customers the likelihood was fitted to */
	int64		periods;		/* the longest tenure observed, in periods */
	double		loglik;			/* log-likelihood at (alpha, beta) */
	int64		iterations;		/* Newton iterations */
	int64		converged;		/* 1 when the fit met its convergence test, else 0 */
	/* asymptotic standard errors from the observed information (NaN if singular) */
	double		se_alpha;
	double		se_beta;
} Sbg;							/* 72 bytes, fixed length, double aligned */
StaticAssertDecl(sizeof(Sbg) == 72, "Sbg is INTERNALLENGTH = 72");

#define SBG_VERSION 1			/* first byte of the binary form */
#define SBG_TYPNAME "ror.sbg"

#define DatumGetSbgP(X)		((Sbg *) DatumGetPointer(X))
#define PG_GETARG_SBG_P(n)	DatumGetSbgP(PG_GETARG_DATUM(n))
#define PG_RETURN_SBG_P(x)	PG_RETURN_POINTER(x)

/* ERROR 22023 unless alpha and beta are finite and > 0 */
extern void sbg_check_params(double alpha, double beta);

#endif							/* ROR_SBG_H */
