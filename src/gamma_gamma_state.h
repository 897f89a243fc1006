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
#include "utils/memutils.h"

typedef struct GgEntry
{
	double		x;				/* repeat transactions, > 0 */
	double		m;				/* mean spend of the repeat transactions, > 0 */
	double		w;				/* summed weight of the customers with this (x, m) */
} GgEntry;

typedef struct GgState
{
	int32		vl_len_;		/* varlena header; covers the whole capacity */
	int32		nsorted;		/* entries[0, nsorted) sorted by (x, m), distinct */
	int32		n;				/* entries in use */
	int32		capacity;		/* entries allocated */
	int64		customers;		/* rows with x > 0 and m > 0 */
	int64		excluded;		/* rows with x > 0 and m <= 0 */
	GgEntry		entries[FLEXIBLE_ARRAY_MEMBER];
} GgState;

#define GG_STATE_VERSION 1
#define GG_STATE_TYPNAME "ror.gamma_gamma_state"
#define GG_STATE_SIZE(cap) (offsetof(GgState, entries) + (size_t) (cap) * sizeof(GgEntry))
#define GG_STATE_MAX ((int32) ((MaxAllocSize - offsetof(GgState, entries)) / sizeof(GgEntry)))

#define DatumGetGgStateP(X)		((GgState *) PG_DETOAST_DATUM(X))
#define PG_GETARG_GG_STATE_P(n)	DatumGetGgStateP(PG_GETARG_DATUM(n))

/* a compacted (sorted, distinct, no spare capacity) copy in the current context */
extern GgState *gg_state_compacted_copy(const GgState *s);

#endif							/* ROR_GAMMA_GAMMA_STATE_H */
