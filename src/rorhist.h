/*
 * rorhist.h: the sorted, de-duplicated entry arrays behind ror's histogram
 * states, and the hash their transition indexes share.
 *
 * All four histogram states (ror.rfm_state, ror.gamma_gamma_state,
 * ror.survival, ror.bgnbd_hist) are, once canonical, one sorted distinct
 * array.  The first three are sorted, folded and merged by the functions
 * below; bgnbd_hist has its own layouts (bgnbd.h).  They differ in how a
 * transition function finds a row's entry, because each has its own speed
 * target and key:
 * - rfm_state, gamma_gamma_state: one row per purchase (or customer): a
 *   key already in the sorted prefix is found there (rfm_agg first tries
 *   the position of a day in a prefix without gaps), any other is appended
 *   to an unsorted tail, compacted when full.
 * - survival: most durations repeat and are small whole numbers: a dense
 *   block addressed by the duration, a hash index (multiply-shift) for the
 *   rest.
 * - bgnbd_hist: (x, t_x, T) patterns span three numbers: whole-number
 *   patterns packed into one 64-bit key, appended and radix-sorted when
 *   full; others in an open-addressing table (ror_hash64).
 *
 * A state keeps its entries as a sorted distinct prefix [0, nsorted) and an
 * unsorted tail [nsorted, n) that transition functions append to in O(1).
 * ror_hist_compact() sorts the tail, folds equal keys together and merges it
 * into the prefix, so building a state of n rows costs O(n log n) in all and
 * the text form, equality and the fits see one canonical sorted array.
 */
#ifndef ROR_RORHIST_H
#define ROR_RORHIST_H

#include "compat.h"
#include "utils/memutils.h"
#include "rortoken.h"

/* murmur3's 64-bit finalizer: every input bit moves every output bit (the
 * whole-number doubles of durations and counts differ only in high bits) */
static inline uint64
ror_hash64(uint64 b)
{
	b ^= b >> 33;
	b *= UINT64CONST(0xff51afd7ed558ccd);
	b ^= b >> 33;
	b *= UINT64CONST(0xc4ceb9fe1a85ec53);
	b ^= b >> 33;
	return b;
}

/* compare the keys of two entries (qsort style) */
typedef int (*RorHistCmp) (const void *a, const void *b);

/* fold src into dst, whose key is equal */
typedef void (*RorHistAdd) (void *dst, const void *src);

/*
 * Make entries[0, n) sorted and distinct, given that [0, nsorted) already
 * is.  Equal keys are folded together; float sums may then differ in the
 * last bits with the order rows arrived in (as for sum(float8)), never in
 * anything else.
 * Returns the new entry count.  Uses palloc'd scratch in the current context.
 */
extern int	ror_hist_compact(void *entries, int nsorted, int n, size_t size,
							 RorHistCmp cmp, RorHistAdd add);

/*
 * Merge two sorted distinct arrays a[0, na) and b[0, nb) into out (room for
 * na + nb entries), folding equal keys (a's entry receives b's).  Returns the
 * entry count.
 */
extern int	ror_hist_merge(const void *a, int na, const void *b, int nb, void *out,
						   size_t size, RorHistCmp cmp, RorHistAdd add);


/*
 * Histogram states: a varlena whose first member is a RorHistHeader, then
 * type-specific fields, then the entry array at a fixed offset.  The
 * varlena size covers the whole capacity, because the executor copies a
 * transition value by its size when a transition function returns a new
 * one; a state is trimmed (capacity = n) when it leaves an aggregate.
 */
typedef struct RorHistHeader
{
	int32		vl_len_;		/* varlena header */
	int32		nsorted;		/* entries [0, nsorted) sorted and distinct */
	int32		n;				/* entries in use */
	int32		capacity;		/* entries allocated */
} RorHistHeader;

typedef struct RorHistType
{
	const char *what;			/* for messages, e.g. "rfm_agg state" */
	const char *unit;			/* what an entry is, e.g. "purchase days" */
	size_t		header;			/* offset of the entry array */
	size_t		entry;			/* size of one entry */
	RorHistCmp	cmp;
	RorHistAdd	add;
} RorHistType;

#define ROR_HIST_ENTRIES(t, s)	((void *) ((char *) (s) + (t)->header))
#define ROR_HIST_MAX(t)			((int32) Min((MaxAllocSize - (t)->header) / (t)->entry, (Size) PG_INT32_MAX / 2))

/*
 * The capacity to allocate for at least `entries` entries: rounded up so
 * that the varlena is a power of 2 bytes (palloc rounds a small chunk up to
 * one, and the executor copies a transition value by its varlena size).
 */
extern int32 ror_hist_capacity(const RorHistType *t, int64 entries);
/* a zeroed state with room for capacity entries, in the current context */
extern void *ror_hist_alloc(const RorHistType *t, int32 capacity);
/* make the entries sorted and distinct, in place */
extern void ror_hist_compact_state(const RorHistType *t, void *s);
/* a compacted copy with capacity = n, in the current context */
extern void *ror_hist_compacted_copy(const RorHistType *t, const void *s);
/* trim a compacted state's capacity (and varlena size) to n */
extern void ror_hist_trim(const RorHistType *t, void *s);

/*
 * s with room for one more entry: compacted in place when full, or a grown
 * copy (in the current context) when compacting freed less than half.
 */
extern void *ror_hist_room(const RorHistType *t, void *s);

/*
 * Add one entry to s (the caller's own state) and return the state, which
 * may be a grown copy (ror_hist_room).  An entry equal to the last one, or
 * to one of the sorted prefix (binary search), is folded into it, and one
 * above the last of a fully sorted state extends the sorted prefix, so input
 * that arrives in key order, or repeats known keys, is never sorted again.
 */
extern void *ror_hist_append(const RorHistType *t, void *s, const void *entry);

/*
 * A new state holding a's type-specific fields and the merged entries of a
 * (compacted in place: it must be the caller's own) and b (not modified).
 */
extern void *ror_hist_merge_states(const RorHistType *t, void *a, const void *b);

/* equal type-specific fields and entries once both are compacted, bit for bit */
extern bool ror_hist_equal(const RorHistType *t, const void *a, const void *b);
/* hash of what ror_hist_equal compares (an int4 Datum) */
extern Datum ror_hist_hash(const RorHistType *t, const void *s);

/* parse one entry of a text form's list into entry */
typedef void (*RorHistParseEntry) (RorTok *t, void *entry);

/*
 * Parse "[entry,entry,...])" and the end of the input into a new state whose
 * type-specific fields are copied from proto (a state header).  Every entry
 * takes at least min_chars characters, which bounds the allocation by the
 * input's length.  The caller validates (order included) and trims.
 */
extern void *ror_hist_parse_list(const RorHistType *t, RorTok *tok, const void *proto,
								 int min_chars, RorHistParseEntry parse);

#endif							/* ROR_RORHIST_H */
