/*
 * gamma_gamma.h: the Gamma-Gamma spend model (Fader, Hardie & Lee 2005,
 * "RFM and CLV: Using Iso-Value Curves for Customer Base Analysis", Journal
 * of Marketing Research 42(4), 415-430, section "Adding monetary value").
 *
 * A customer's transaction values z_1..z_x are i.i.d. gamma(p, nu) (shape p,
 * rate nu); nu varies across customers as gamma(q, gamma) (shape q, rate
 * gamma).  The model is fitted to each repeat customer's number of repeat
 * transactions x > 0 and mean repeat spend m_x > 0.
 *
 * ror.gamma_gamma holds p, q, gamma and the diagnostics of the fit that
 * produced it.  This header is the interface other concerns (the model-based
 * ror.clv(bg, gg, ...)) include: the struct, its fmgr macros and
 * gamma_gamma_expected_avg_value().
 */
#ifndef ROR_GAMMA_GAMMA_H
#define ROR_GAMMA_GAMMA_H

#include "compat.h"
#include "fmgr.h"

typedef struct GammaGamma
{
	double		p;				/* shape of the transaction values, > 0 */
	double		q;				/* shape of the rate's mixing gamma, > 0 */
	double		gamma;			/* rate (scale of spend) of the mixing gamma, > 0 */
	/* diagnostics of the fit; all 0 for a model built by ror.gamma_gamma(p, q, gamma) */
	int64		customers;		/* customers (rows) the likelihood was fitted to */
	double		weight;			/* their total weight; = customers when unweighted */
	double		loglik;			/* sum of weight * log f(m_x | x) at (p, q, gamma) */
	int64		iterations;		/* optimizer iterations (Nelder-Mead + Newton steps) */
	int64		converged;		/* 1 when the optimizer met its convergence test, else 0 */
	int64		excluded;		/* rows with x > 0 but mean spend <= 0, left out */
	int64		reserved;		/* always 0; pads to the type's INTERNALLENGTH */
} GammaGamma;					/* 80 bytes, fixed length, double aligned */

/*
 * The type is declared INTERNALLENGTH = 80, so the server copies and stores 80
 * bytes of every value.  Before 1.0.0 the struct had 72: 8 bytes past each
 * palloc were stored with it.  Equality and hashing therefore look only at the
 * bytes before reserved, so values stored by 0.1.0 still compare and group.
 */
StaticAssertDecl(sizeof(GammaGamma) == 80, "ror.gamma_gamma is INTERNALLENGTH = 80");
#define GAMMA_GAMMA_COMPARED_BYTES offsetof(GammaGamma, reserved)

#define GAMMA_GAMMA_VERSION 1	/* first byte of the binary form */
#define GAMMA_GAMMA_TYPNAME "ror.gamma_gamma"

#define DatumGetGammaGammaP(X)	((GammaGamma *) DatumGetPointer(X))
#define PG_GETARG_GAMMA_GAMMA_P(n)	DatumGetGammaGammaP(PG_GETARG_DATUM(n))
#define PG_RETURN_GAMMA_GAMMA_P(x)	PG_RETURN_POINTER(x)

/* true when the model came from a fit (customers > 0), false when constructed */
static inline bool
gamma_gamma_is_fitted(const GammaGamma *m)
{
	return m->customers > 0;
}

/*
 * E(M | p, q, gamma, x, m_x): the expected mean transaction value of a
 * customer with x repeat transactions of mean value m_x (Fader, Hardie & Lee
 * 2005, eq. 5; lifetimes' conditional_expected_average_profit):
 *
 *     (p * (gamma + x * m_x)) / (p * x + q - 1)
 *
 * a weighted mean of the population mean p*gamma/(q-1) and m_x.  With x = 0
 * it is the population mean, defined only for q > 1.  Raises ERROR 22023
 * naming the values for x < 0, non-finite input, m_x < 0, or
 * p*x + q - 1 <= 0 (no finite expectation).
 */
extern double gamma_gamma_expected_avg_value(const GammaGamma *m, double x, double mx);

#endif							/* ROR_GAMMA_GAMMA_H */
