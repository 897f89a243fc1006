/*
 * survival.h: the Kaplan-Meier state, a list of distinct durations with the
 * number of events (churned) and of censored observations at each.
 *
 * The list holds distinct durations, not rows, so it merges exactly and its
 * size grows with the distinct durations.  The transition function appends
 * durations it has not seen to an unsorted tail and sorts the tail into the
 * list when it is full ("compaction"), so each row costs a binary search;
 * text output, equality and every reader work on the compacted (canonical)
 * list.
 */
#ifndef ROR_SURVIVAL_H
#define ROR_SURVIVAL_H

#include "compat.h"
#include "fmgr.h"

typedef struct SurvivalEntry
{
	double		time;			/* finite, >= 0, never -0 */
	int64		events;
	int64		censored;
} SurvivalEntry;

typedef struct Survival
{
	int32		vl_len_;		/* varlena header */
	int32		nsorted;		/* e[0 .. nsorted): sorted, distinct times */
	int32		nused;			/* e[nsorted .. nused): unsorted tail, may repeat */
	int32		capacity;		/* entries allocated */
	SurvivalEntry e[FLEXIBLE_ARRAY_MEMBER];
} Survival;

#define SURVIVAL_VERSION 1		/* first byte of the binary form */

#define SURVIVAL_SIZE(cap) (offsetof(Survival, e) + (Size) (cap) * sizeof(SurvivalEntry))
#define DatumGetSurvivalP(X)	((Survival *) PG_DETOAST_DATUM(X))
#define PG_GETARG_SURVIVAL_P(n)	DatumGetSurvivalP(PG_GETARG_DATUM(n))

/* a new empty state with room for cap entries, zeroed, in CurrentMemoryContext */
extern Survival *survival_alloc(int32 cap);

/* merge sorted distinct a[na] and b[nb] into out[], adding the counts of equal times */
extern int32 survival_merge_lists(const SurvivalEntry *a, int32 na, const SurvivalEntry *b, int32 nb,
								  SurvivalEntry *out);

/* sort the tail into the list, in place */
extern void survival_compact(Survival *s);

/* s itself when already compact and tight, else a compacted tight copy */
extern const Survival *survival_canonical(const Survival *s);

/* ERROR unless a canonical list some rows could have produced */
extern void survival_validate(const Survival *s, const char *source, int code);

#endif							/* ROR_SURVIVAL_H */
