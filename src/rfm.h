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
#include "rorhist.h"

typedef struct RfmEntry
{
	DateADT		day;			/* purchase day, <= observation_end */
	int32		pad;			/* zero */
	double		amount;			/* sum of the day's amounts */
} RfmEntry;

typedef struct RfmState
{
	RorHistHeader hist;			/* varlena header, entry counts (rorhist.h) */
	DateADT		observation_end;	/* last day counted, inclusive */
	int32		pad;			/* zero */
	RfmEntry	entries[FLEXIBLE_ARRAY_MEMBER];
} RfmState;

#define RFM_STATE_VERSION 1
#define RFM_STATE_TYPNAME "ror.rfm_state"

#define DatumGetRfmStateP(X)	((RfmState *) PG_DETOAST_DATUM(X))
#define PG_GETARG_RFM_STATE_P(n) DatumGetRfmStateP(PG_GETARG_DATUM(n))

/* the histogram layout of ror.rfm_state (rorhist.h) */
extern const RorHistType rfm_hist;

/* a finite date in PostgreSQL's range */
extern bool rfm_day_is_finite(DateADT d);

#endif							/* ROR_RFM_H */
