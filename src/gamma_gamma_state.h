/*
 * gamma_gamma_state.h: ror.gamma_gamma_state, the state of gamma_gamma_fit:
 * a histogram of the distinct (x, m_x) patterns of the usable customers with
 * their summed weights, plus counts.  The likelihood is a sum over customers
 * of terms that depend only on (x, m_x), so a fit costs O(distinct patterns)
 * per evaluation and partial states merge by adding weights.
 */
#ifndef ROR_GAMMA_GAMMA_STATE_H
#define ROR_GAMMA_GAMMA_STATE_H

#include "gamma_gamma.h"
#include "rorhist.h"

typedef struct GgEntry
{
	double		x;				/* repeat transactions, > 0 */
	double		m;				/* mean spend of the repeat transactions, > 0 */
	double		w;				/* summed weight of the customers with this (x, m) */
} GgEntry;

typedef struct GgState
{
	RorHistHeader hist;			/* varlena header, entry counts (rorhist.h) */
	int64		customers;		/* rows with x > 0 and m > 0 */
	int64		excluded;		/* rows with x > 0 and m <= 0 */
	GgEntry		entries[FLEXIBLE_ARRAY_MEMBER];
} GgState;

#define GG_STATE_VERSION 1
#define GG_STATE_TYPNAME "ror.gamma_gamma_state"

#define DatumGetGgStateP(X)		((GgState *) PG_DETOAST_DATUM(X))
#define PG_GETARG_GG_STATE_P(n)	DatumGetGgStateP(PG_GETARG_DATUM(n))

/* a compacted (sorted, distinct, no spare capacity) copy in the current context */
extern GgState *gg_state_compacted_copy(const GgState *s);

#endif							/* ROR_GAMMA_GAMMA_STATE_H */
