/*
 * rfm.h: ror.rfm_state, the state of ror.rfm_agg: one customer's distinct
 * purchase days (on or before the observation end) with the day's summed
 * amount, and the observation end itself.  Keeping every day (not just
 * first, last, count and sums) is what makes the state mergeable in any
 * order: the first day, which monetary leaves out, is known only at the end.
 */
#ifndef ROR_RFM_H
#define ROR_RFM_H

#include "compat.h"
#include "fmgr.h"
#include "utils/date.h"
#include "utils/memutils.h"

typedef struct RfmEntry
{
	DateADT		day;			/* purchase day, <= observation_end */
	int32		pad;			/* zero */
	double		amount;			/* sum of the day's amounts */
} RfmEntry;

typedef struct RfmState
{
	int32		vl_len_;		/* varlena header; covers the whole capacity */
	int32		nsorted;		/* entries[0, nsorted) sorted by day, distinct */
	int32		n;				/* entries in use */
	int32		capacity;		/* entries allocated */
	DateADT		observation_end;	/* last day counted, inclusive */
	int32		pad;			/* zero */
	RfmEntry	entries[FLEXIBLE_ARRAY_MEMBER];
} RfmState;

#define RFM_STATE_VERSION 1
#define RFM_STATE_TYPNAME "ror.rfm_state"
#define RFM_STATE_SIZE(cap) (offsetof(RfmState, entries) + (size_t) (cap) * sizeof(RfmEntry))
#define RFM_STATE_MAX ((int32) ((MaxAllocSize - offsetof(RfmState, entries)) / sizeof(RfmEntry)))

#define DatumGetRfmStateP(X)	((RfmState *) PG_DETOAST_DATUM(X))
#define PG_GETARG_RFM_STATE_P(n) DatumGetRfmStateP(PG_GETARG_DATUM(n))

extern RfmState *rfm_state_alloc(int32 capacity);
extern void rfm_state_compact(RfmState *s);
/* a compacted copy without spare room, in the current memory context */
extern RfmState *rfm_state_compacted_copy(const RfmState *s);
/* a finite date in PostgreSQL's range */
extern bool rfm_day_is_finite(DateADT d);
extern int	rfm_entry_cmp(const void *a, const void *b);
extern void rfm_entry_add(void *dst, const void *src);

#endif							/* ROR_RFM_H */
