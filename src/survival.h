/*
 * survival.h: the Kaplan-Meier state, a list of distinct durations with the
 * number of events (churned) and of censored observations at each.
 *
 * The list holds distinct durations, not rows, so it merges exactly and its
 * size grows with the distinct durations.  The transition function keeps
 * the durations in the order first seen, with an open-addressing hash index
 * of them after the entries, so each row costs one hash probe.  Whole-number
 * durations below densesize (days, months: the common case) are counted in a
 * dense block instead, addressed by the duration itself: one load per row,
 * with no hash and no dependent load.  Its counters are 32-bit, so the block
 * of 1500 days fits a 12 kB slice of the L1 cache; a count past 2^32 - 1
 * goes on in a listed entry of the same duration, which the sorted list
 * adds up.  Text output, equality and every reader work on the sorted
 * (canonical) list, without spare room, index or dense block.
 *
 * A transition state starts small and doubles: up to 8 kB its size is a
 * power of 2 (it fills its palloc chunk), with two index slots per entry,
 * so a group of 50 rows takes 2 kB; a larger state has eight slots per
 * entry, as each slot a probe must step over costs a mispredicted branch on
 * every row that lands there (durations that are not whole numbers probe
 * on every row).
 */
#ifndef ROR_SURVIVAL_H
#define ROR_SURVIVAL_H

#include "compat.h"
#include "fmgr.h"
#include "utils/memutils.h"
#include "rorhist.h"

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
	int32		nused;			/* e[nsorted .. nused): unsorted tail, may repeat
								 * unless indexed */
	int32		capacity;		/* entries allocated */
	int32		hashsize;		/* slots of the index after e[capacity], a power
								 * of 2 above capacity, at most
								 * SURVIVAL_SLOTS_MAX per entry; 0 = no index */
	int32		densesize;		/* whole durations [0, densesize) are counted in
								 * the dense block (and in e[] past its counters'
								 * range); 0 without an index (and in every
								 * stored value) */
	SurvivalEntry e[FLEXIBLE_ARRAY_MEMBER];
	/*
	 * With an index (hashsize > 0, transition states only):
	 * int32 slots[hashsize]: entry numbers, -1 for free;
	 * uint32 dense[2 * densesize]: events at 2d, censored at 2d + 1 for the
	 * duration d, never wrapping (they stop at PG_UINT32_MAX).
	 *
	 * No count wraps either: listed counts are added with overflow checks, and
	 * the total is checked whenever the list is made canonical.
	 */
} Survival;

#define SURVIVAL_VERSION 1		/* first byte of the binary form */

#define SURVIVAL_SIZE(cap, hsize) \
	(offsetof(Survival, e) + (Size) (cap) * sizeof(SurvivalEntry) + (Size) (hsize) * sizeof(int32))
#define SURVIVAL_INDEXED_SIZE(cap, hsize, dsize) \
	(SURVIVAL_SIZE(cap, hsize) + (Size) (dsize) * 2 * sizeof(uint32))
#define SURVIVAL_SLOTS(s) ((int32 *) ((s)->e + (s)->capacity))
/* the dense block of an indexed state: events, censored of 0, 1, ... */
#define SURVIVAL_DENSE(s) ((uint32 *) (SURVIVAL_SLOTS(s) + (s)->hashsize))
/* the largest dense block: 2^16 whole durations (512 kB), e.g. 179 years of days */
#define SURVIVAL_DENSE_MAX 65536
/* the most index slots per entry (those of a large state) */
#define SURVIVAL_SLOTS_MAX 8
/* the most entries a state (under MaxAllocSize) can hold */
#define SURVIVAL_MAX_ENTRIES ((int32) ((MaxAllocSize - offsetof(Survival, e)) / sizeof(SurvivalEntry)))
#define DatumGetSurvivalP(X)	((Survival *) PG_DETOAST_DATUM(X))
#define PG_GETARG_SURVIVAL_P(n)	DatumGetSurvivalP(PG_GETARG_DATUM(n))

/*
 * The slot of duration t (never NaN, never -0) in an index of hashsize
 * slots: Fibonacci hashing, the high half of t's bits times 2^64 / phi,
 * scaled to hashsize.  The high bits of the product depend on every bit of
 * t, so whole numbers (which differ only in their high bits) spread as well
 * as fractions do; two multiplications, where murmur's finalizer takes five
 * dependent steps on a path every row with a fractional duration takes.
 */
static inline uint32
survival_hash(double t, int32 hashsize)
{
	uint64		b;

	memcpy(&b, &t, sizeof(b));
	return (uint32) ((((b * UINT64CONST(0x9E3779B97F4A7C15)) >> 32) * (uint64) (uint32) hashsize) >> 32);
}

/* d when t (>= 0, not NaN) is a whole number below limit, else -1 */
static inline int32
survival_whole_below(double t, int32 limit)
{
	int32		d;

	if (!(t < (double) limit))
		return -1;
	d = (int32) t;
	return ((double) d == t) ? d : -1;
}

/* ERROR (data corrupted), naming the header's fields */
ror_noreturn extern void survival_corrupt(const Survival *s);

/*
 * ERROR (data corrupted) unless the header of s describes its own size:
 * counts in range, the index a power of 2 larger than the entries, no dense
 * block without an index.  Every reader checks it before touching the
 * entries; inline, as the transition function checks it on every row.
 */
static inline void
survival_check_header(const Survival *s)
{
	bool		ok;

	ok = s->nsorted >= 0 && s->nused >= s->nsorted && s->capacity >= s->nused &&
		s->capacity <= SURVIVAL_MAX_ENTRIES && s->hashsize >= 0 &&
		s->densesize >= 0 && s->densesize <= SURVIVAL_DENSE_MAX;
	if (ok && s->hashsize == 0)
		ok = s->densesize == 0 && VARSIZE(s) == SURVIVAL_SIZE(s->capacity, 0);
	else if (ok)
		ok = (s->hashsize & (s->hashsize - 1)) == 0 && s->hashsize > s->capacity &&
			(int64) s->hashsize <= SURVIVAL_SLOTS_MAX * (int64) s->capacity &&
			VARSIZE(s) == SURVIVAL_INDEXED_SIZE(s->capacity, s->hashsize, s->densesize);
	if (unlikely(!ok))
		survival_corrupt(s);
}

/* events + censored over all entries; ERROR 22003 when out of range */
extern int64 survival_total(const Survival *s);

/* a new empty state with room for cap entries, zeroed, in CurrentMemoryContext */
extern Survival *survival_alloc(int32 cap);

/*
 * A copy of s with an index, room for twice its listed entries (for
 * min_room at least), and a dense block as large as the whole durations
 * seen so far, with pending (the duration about to be added, or -1), fill
 * densely enough (at least s's own).
 */
extern Survival *survival_grow(const Survival *s, double pending, int32 min_room);

/* merge sorted distinct a[na] and b[nb] into out[], adding the counts of equal times */
extern int32 survival_merge_lists(const SurvivalEntry *a, int32 na, const SurvivalEntry *b, int32 nb,
								  SurvivalEntry *out);

/* sort the tail into the list, in place (dropping the index) */
extern void survival_compact(Survival *s);

/* s itself when already compact and tight, else a compacted tight copy */
extern const Survival *survival_canonical(const Survival *s);

/* ERROR unless a canonical list some rows could have produced */
extern void survival_validate(const Survival *s, const char *source, int code);

#endif							/* ROR_SURVIVAL_H */
