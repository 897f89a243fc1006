/*
 * bgnbd_hist.c: ror.bgnbd_hist, the state of ror.bgnbd_fit: a weighted
 * histogram of distinct (x, t_x, T) patterns.  Its layouts (described in
 * bgnbd.h) and how they are made canonical, the transition state of the
 * aggregates (an expanded object once it is large), and the transition,
 * combine and final functions.  Text and binary I/O: bgnbd_hist_io.c.
 */
#include "postgres.h"

#include "bgnbd.h"

#include <math.h>
#include <stdlib.h>

#include "common/int.h"
#include "executor/executor.h"
#include "utils/builtins.h"
#include "utils/expandeddatum.h"
#include "utils/memutils.h"
#include "roragg.h"
#include "rorhist.h"
#include "rormem.h"

#define HIST_INITIAL_CAPACITY 16
/* a first packed state of 512 bytes at most, which fills its palloc chunk */
#define HIST_FIRST_CAPACITY ((int32) ((512 - offsetof(BgnbdHist, entries)) / sizeof(BgnbdEntry)))

/*
 * The entry slots of a new state: room for the rows the planner expects
 * per group, as packed pairs (two per slot), so that a state whose rows
 * were estimated well is sorted once, at the end.  Bounded, as estimates
 * can be far off: 16 MB for one group, 16 kB per group of many.
 */
static int32
first_capacity(FunctionCallInfo fcinfo)
{
	double		groups;
	double		rows = ror_agg_rows_per_group(fcinfo, &groups);
	double		limit = groups <= 1.0 ? (double) (1 << 19) : 512.0;
	int32		cap = HIST_FIRST_CAPACITY;

	while (cap < limit && 2.0 * cap < rows)
		cap *= 2;
	return cap;
}

/* ----------------------------------------------------------------------
 * Rows
 * ---------------------------------------------------------------------- */

ror_noreturn static void
bad_row(double x, double tx, double T, const char *what)
{
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("invalid BG/NBD row (frequency=%g, recency=%g, age=%g): %s", x, tx, T, what),
			 errdetail("frequency is the number of repeat purchases (a whole number >= 0), recency the time from the first to the last purchase (0 when frequency is 0) and age the time from the first purchase to the end of the observation; 0 <= recency <= age, all finite."),
			 errhint("Fix or filter the row; a NULL in any column skips it.")));
}

void
bgnbd_check_row(double x, double tx, double T)
{
	if (!isfinite(x) || !isfinite(tx) || !isfinite(T))
		bad_row(x, tx, T, "a value is not finite");
	if (x < 0.0)
		bad_row(x, tx, T, "frequency is negative");
	if (x != floor(x))
		bad_row(x, tx, T, "frequency is not a whole number");
	if (tx < 0.0)
		bad_row(x, tx, T, "recency is negative");
	if (tx > T)
		bad_row(x, tx, T, "recency is greater than age");
	if (x == 0.0 && tx != 0.0)
		bad_row(x, tx, T, "recency is not 0 although frequency is 0");
}

/* ----------------------------------------------------------------------
 * Layouts
 * ---------------------------------------------------------------------- */

int
bgnbd_entry_cmp(const void *pa, const void *pb)
{
	const BgnbdEntry *a = (const BgnbdEntry *) pa;
	const BgnbdEntry *b = (const BgnbdEntry *) pb;

	if (a->x != b->x)
		return a->x < b->x ? -1 : 1;
	if (a->tx != b->tx)
		return a->tx < b->tx ? -1 : 1;
	if (a->T != b->T)
		return a->T < b->T ? -1 : 1;
	return 0;
}

static inline uint64
pattern_hash(double x, double tx, double T)
{
	uint64		a,
				b,
				c;

	memcpy(&a, &x, 8);
	memcpy(&b, &tx, 8);
	memcpy(&c, &T, 8);
	return ror_hash64(a ^ ror_hash64(b ^ ror_hash64(c + UINT64CONST(0x9E3779B97F4A7C15))));
}

/* a state of capacity slots with only its header zeroed */
static BgnbdHist *
palloc0_header(int32 capacity)
{
	BgnbdHist  *h = ror_palloc_large(BGNBD_HIST_SIZE(capacity));

	memset(h, 0, offsetof(BgnbdHist, entries));
	return h;
}

/* the canonical order, for the sort of a hash-layout state's entries */
#define ST_SORT sort_entries
#define ST_ELEMENT_TYPE BgnbdEntry
#define ST_COMPARE(a, b) bgnbd_entry_cmp(a, b)
#define ST_SCOPE static
#define ST_DECLARE
#define ST_DEFINE
#include "lib/sort_template.h"

/*
 * A new empty state with capacity entry slots, in the current context.
 * Only a hash table needs its slots zeroed (w == 0 marks a free one); the
 * others are written before they are read.
 */
static BgnbdHist *
hist_new(int32 layout, int32 capacity)
{
	BgnbdHist  *h = palloc0_header(capacity);

	if (layout == BGNBD_HIST_HASH)
		memset(h->entries, 0, (Size) capacity * sizeof(BgnbdEntry));

	SET_VARSIZE(h, BGNBD_HIST_SIZE(capacity));
	h->layout = layout;
	h->capacity = capacity;
	return h;
}

/* a new empty state with h's counts */
static BgnbdHist *
hist_new_like(const BgnbdHist *h, int32 layout, int32 capacity)
{
	BgnbdHist  *n = hist_new(layout, capacity);

	n->rows = h->rows;
	n->excluded = h->excluded;
	n->weight = h->weight;
	return n;
}

ror_noreturn static void
too_many_patterns(int64 n)
{
	ereport(ERROR,
			(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
			 errmsg("bgnbd_fit state holds too many distinct (frequency, recency, age) patterns (" INT64_FORMAT ")", n),
			 errhint("Round recency and age to a coarser time unit, or fit subsets and compare.")));
}

/* add weight w to pattern (x, tx, T) of a hash-layout h with a free slot */
static inline void
hash_add(BgnbdHist *h, double x, double tx, double T, double w)
{
	uint64		mask = (uint64) h->capacity - 1;
	uint64		i = pattern_hash(x, tx, T) & mask;

	for (;;)
	{
		BgnbdEntry *e = &h->entries[i];

		if (e->w == 0.0)
		{
			e->x = x;
			e->tx = tx;
			e->T = T;
			e->w = w;
			h->nentries++;
			return;
		}
		if (e->x == x && e->tx == tx && e->T == T)
		{
			e->w += w;
			return;
		}
		i = (i + 1) & mask;
	}
}

/* entry i of h in any layout, unpacked; false for an empty hash slot */
static inline bool
hist_entry(const BgnbdHist *h, int32 i, BgnbdEntry *e)
{
	switch (h->layout)
	{
		case BGNBD_HIST_SORTED:
			*e = h->entries[i];
			return true;
		case BGNBD_HIST_PACKED:
			bgnbd_unpack(&BGNBD_PACKED(h)[i], e);
			return true;
		case BGNBD_HIST_KEYS:
			{
				BgnbdPacked p = {BGNBD_KEYS(h)[i], 1.0};

				bgnbd_unpack(&p, e);
				return true;
			}
		default:
			*e = h->entries[i];
			return e->w != 0.0;
	}
}

/* the number of i for hist_entry(h, i, ...) */
static inline int32
hist_slots(const BgnbdHist *h)
{
	return h->layout == BGNBD_HIST_HASH ? h->capacity : h->nentries;
}

/*
 * A hash-layout state with h's counts and patterns (any layout) and room
 * for `more` new patterns at a load of at most 1/2: h itself when it is a
 * hash layout with room, else a new one in the current memory context,
 * and h is freed (it must be the caller's own).
 */
static BgnbdHist *
hist_reserve(BgnbdHist *h, int64 more)
{
	int64		need = (int64) h->nentries + more;
	int64		cap = HIST_INITIAL_CAPACITY;
	BgnbdHist  *n;
	BgnbdEntry	e;

	if (h->layout == BGNBD_HIST_HASH && need * 2 <= h->capacity)
		return h;
	while (need * 2 > cap)
		cap *= 2;
	if (cap > BGNBD_HIST_MAX_CAPACITY)
		too_many_patterns(h->nentries);
	n = hist_new_like(h, BGNBD_HIST_HASH, (int32) cap);
	for (int32 i = 0; i < hist_slots(h); i++)
		if (hist_entry(h, i, &e))
			hash_add(n, e.x + 0.0, e.tx + 0.0, e.T + 0.0, e.w);
	pfree(h);
	return n;
}

/*
 * A packed state (the caller's own) with room for one more pair: h with
 * its pairs sorted and folded in place, or, when that freed less than
 * half, h reallocated twice as large in its memory context.
 */
static BgnbdHist *
packed_room(BgnbdHist *h)
{
	int64		cap;

	h->nentries = bgnbd_packed_sort_fold(BGNBD_PACKED(h), h->nentries);
	if (h->nentries <= BGNBD_PACKED_SLOTS(h) / 2)
		return h;
	cap = (int64) h->capacity * 2;
	if (cap > BGNBD_HIST_MAX_CAPACITY)
		too_many_patterns(h->nentries);
	h = repalloc(h, BGNBD_HIST_SIZE(cap));
	ror_advise_large(h, BGNBD_HIST_SIZE(cap));
	SET_VARSIZE(h, BGNBD_HIST_SIZE(cap));
	h->capacity = (int32) cap;
	return h;
}

/* append the pair (key, w) to packed-layout h, which has room for it */
static inline void
packed_append(BgnbdHist *h, uint64 key, double w)
{
	BGNBD_PACKED(h)[h->nentries].key = key;
	BGNBD_PACKED(h)[h->nentries].w = w;
	h->nentries++;
}

/*
 * The run of equal keys at k[i] of sorted k[0, n) as one (key, count) pair
 * into *p; returns the index after the run.  The count is exact, as is the
 * sum of that many weights of 1 that the packed layout would have added.
 */
static inline int32
keys_run(const uint64 *k, int32 n, int32 i, BgnbdPacked *p)
{
	int32		j = i + 1;

	while (j < n && k[j] == k[i])
		j++;
	p->key = k[i];
	p->w = (double) (j - i);
	return j;
}

/*
 * Sort the keys of keys-layout h (the caller's own) in place and write its
 * distinct keys as (key, count) pairs into out, if not NULL, which has room
 * for them; returns their number.
 */
static int32
keys_fold(BgnbdHist *h, BgnbdPacked *out)
{
	int32		n = 0;
	BgnbdPacked p;

	bgnbd_keys_sort(BGNBD_KEYS(h), h->nentries);
	for (int32 i = 0; i < h->nentries; n++)
	{
		i = keys_run(BGNBD_KEYS(h), h->nentries, i, &p);
		if (out)
			out[n] = p;
	}
	return n;
}

/*
 * Keys-layout h (the caller's own, full or meeting a weight other than 1)
 * as a packed state with room for as many pairs again as it has distinct
 * keys, in the current context; h is freed.
 */
static BgnbdHist *
keys_to_packed(BgnbdHist *h)
{
	int32		distinct = keys_fold(h, NULL);
	BgnbdHist  *p = hist_new_like(h, BGNBD_HIST_PACKED, Max(distinct, HIST_INITIAL_CAPACITY));

	p->nentries = keys_fold(h, BGNBD_PACKED(p));
	pfree(h);
	return p;
}

/*
 * Add weight w to pattern (x, tx, T) of h, the caller's own state in the
 * keys, packed or hash layout; returns the state, which may be a new one.
 * packable and key are bgnbd_pack's answer for the pattern, which the
 * transition function has from checking the row.  A pattern the packed
 * layout cannot hold turns the state into a hash table, a weight other
 * than 1 a keys layout into a packed one.
 */
static inline BgnbdHist *
hist_add_keyed(BgnbdHist *h, double x, double tx, double T, double w, bool packable, uint64 key)
{
	if (h->layout == BGNBD_HIST_KEYS)
	{
		if (likely(w == 1.0 && h->nentries < BGNBD_KEYS_SLOTS(h) && packable))
		{
			BGNBD_KEYS(h)[h->nentries++] = key;
			return h;
		}
		h = keys_to_packed(h);
	}
	if (h->layout == BGNBD_HIST_PACKED)
	{
		if (likely(packable))
		{
			if (unlikely(h->nentries >= BGNBD_PACKED_SLOTS(h)))
				h = packed_room(h);
			packed_append(h, key, w);
			return h;
		}
	}
	h = hist_reserve(h, 1);
	hash_add(h, x, tx, T, w);
	return h;
}

/* hist_add_keyed, packing the pattern here */
static inline BgnbdHist *
hist_add(BgnbdHist *h, double x, double tx, double T, double w)
{
	uint64		key = 0;
	bool		packable = bgnbd_pack(x, tx, T, &key);

	return hist_add_keyed(h, x, tx, T, w, packable, key);
}

/* add every pattern of src (any layout, not modified) to h, as hist_add */
static BgnbdHist *
hist_add_all(BgnbdHist *h, const BgnbdHist *src)
{
	BgnbdEntry	e;

	if (h->layout == BGNBD_HIST_HASH)
		h = hist_reserve(h, src->nentries);
	for (int32 i = 0; i < hist_slots(src); i++)
		if (hist_entry(src, i, &e))
			h = hist_add(h, e.x + 0.0, e.tx + 0.0, e.T + 0.0, e.w);
	return h;
}

/* the nentries patterns of hash-layout h, sorted, into out */
static void
hash_sorted_entries(const BgnbdHist *h, BgnbdEntry *out)
{
	int32		n = 0;

	for (int32 i = 0; i < h->capacity && n < h->nentries; i++)
		if (h->entries[i].w != 0.0)
			out[n++] = h->entries[i];
	if (n != h->nentries)
		elog(ERROR, "corrupt bgnbd_hist: %d patterns found, %d expected", n, h->nentries);
	sort_entries(out, n);
}

/* the canonical form of a packed state: its pairs sorted, folded, unpacked */
static BgnbdHist *
packed_canonical(const BgnbdHist *h)
{
	int32		n;
	BgnbdPacked *p = bgnbd_packed_sorted(BGNBD_PACKED(h), h->nentries, &n);
	BgnbdHist  *c;

	c = hist_new_like(h, BGNBD_HIST_SORTED, n);
	c->nentries = n;
	for (int32 i = 0; i < n; i++)
		bgnbd_unpack(&p[i], &c->entries[i]);
	pfree(p);
	return c;
}

BgnbdHist *
bgnbd_hist_canonical(BgnbdHist *h)
{
	BgnbdHist  *c;

	if (h->layout == BGNBD_HIST_SORTED)
		return h;
	if (h->layout == BGNBD_HIST_PACKED)
		return packed_canonical(h);
	if (h->layout == BGNBD_HIST_KEYS)
		elog(ERROR, "a keys-layout bgnbd_hist outside its expanded object");	/* hist_check_layout refuses it */
	c = hist_new_like(h, BGNBD_HIST_SORTED, h->nentries);
	hash_sorted_entries(h, c->entries);
	c->nentries = h->nentries;
	return c;
}

/* ----------------------------------------------------------------------
 * Aggregate support
 * ---------------------------------------------------------------------- */

/*
 * ERROR 22023 unless h's layout fields agree with its size, so that reading
 * its capacity entries stays inside it.  Values from the I/O functions and
 * from our aggregates always pass; this guards the states a user-defined
 * aggregate may pass in.
 */
static void
hist_check_layout(const BgnbdHist *h)
{
	Size		size = VARSIZE_ANY(h);

	if (size < offsetof(BgnbdHist, entries) ||
		(h->layout != BGNBD_HIST_SORTED && h->layout != BGNBD_HIST_HASH &&
		 h->layout != BGNBD_HIST_PACKED) ||
		h->capacity < 0 || h->capacity > BGNBD_HIST_MAX_CAPACITY ||
		size != BGNBD_HIST_SIZE(h->capacity) ||
		h->nentries < 0 ||
		h->nentries > (h->layout == BGNBD_HIST_PACKED ? BGNBD_PACKED_SLOTS(h) : h->capacity) ||
		(h->layout == BGNBD_HIST_SORTED && h->nentries != h->capacity) ||
		(h->layout == BGNBD_HIST_PACKED && h->capacity < 1) ||
		(h->layout == BGNBD_HIST_HASH && (h->capacity < 1 || (h->capacity & (h->capacity - 1)) != 0)))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("invalid %s aggregate state", BGNBD_HIST_TYPNAME),
				 errdetail("The layout fields do not match the size of the value.")));
}

/* ----------------------------------------------------------------------
 * The transition state: an expanded object
 * ---------------------------------------------------------------------- */

/*
 * In an aggregate the state is an expanded object (utils/expandeddatum.h)
 * that holds a flat packed- or hash-layout state in its own memory context,
 * a child of the aggregate's.  The executor keeps a read-write expanded
 * object as it is, where it copies a flat state into the aggregate context
 * whenever a transition function returns a new one: a state of a million
 * rows then grows by repalloc, not by copies, and needs no zeroing.
 * Wherever the value leaves the aggregate (a final function's argument, a
 * parallel worker's partial state, a value stored by an aggregate of the
 * user's without a final function) PostgreSQL flattens it, and flattening
 * writes the canonical form.
 */
typedef struct HistExpanded
{
	ExpandedObjectHeader hdr;
	BgnbdHist  *h;				/* packed or hash layout, in hdr.eoh_context */
} HistExpanded;

static Size hist_flat_size(ExpandedObjectHeader *eoh);
static void hist_flatten(ExpandedObjectHeader *eoh, void *result, Size allocated_size);

static const ExpandedObjectMethods hist_methods = {hist_flat_size, hist_flatten};

/* the canonical size; a packed state is sorted and folded in place first */
static Size
hist_flat_size(ExpandedObjectHeader *eoh)
{
	BgnbdHist  *h = ((HistExpanded *) eoh)->h;

	if (h->layout == BGNBD_HIST_PACKED)
		h->nentries = bgnbd_packed_sort_fold(BGNBD_PACKED(h), h->nentries);
	if (h->layout == BGNBD_HIST_KEYS)
		return BGNBD_HIST_SIZE(keys_fold(h, NULL));	/* sorts the keys */
	return BGNBD_HIST_SIZE(h->nentries);
}

/* the canonical form, right after hist_flat_size */
static void
hist_flatten(ExpandedObjectHeader *eoh, void *result, Size allocated_size)
{
	BgnbdHist  *h = ((HistExpanded *) eoh)->h;
	BgnbdHist  *c = (BgnbdHist *) result;

	Assert(h->layout == BGNBD_HIST_KEYS || allocated_size == BGNBD_HIST_SIZE(h->nentries));
	memset(c, 0, offsetof(BgnbdHist, entries));
	SET_VARSIZE(c, allocated_size);
	c->layout = BGNBD_HIST_SORTED;
	c->rows = h->rows;
	c->excluded = h->excluded;
	c->weight = h->weight;
	c->nentries = c->capacity = (int32) ((allocated_size - offsetof(BgnbdHist, entries)) / sizeof(BgnbdEntry));
	if (h->layout == BGNBD_HIST_KEYS)
	{
		/* the keys are sorted (hist_flat_size): a run of one key is one entry */
		int32		n = 0;
		BgnbdPacked p;

		for (int32 i = 0; i < h->nentries && n < c->nentries; n++)
		{
			i = keys_run(BGNBD_KEYS(h), h->nentries, i, &p);
			bgnbd_unpack(&p, &c->entries[n]);
		}
		Assert(n == c->nentries);
	}
	else if (h->layout == BGNBD_HIST_PACKED)
	{
		for (int32 i = 0; i < h->nentries; i++)
			bgnbd_unpack(&BGNBD_PACKED(h)[i], &c->entries[i]);
	}
	else
		hash_sorted_entries(h, c->entries);
}

/*
 * A new expanded object for the transition state (argument 0), to update
 * in place: empty with room for `capacity` slots of pairs for the first row
 * of a group (bare keys when the aggregate's rows all weigh 1), or holding
 * a copy of a flat state a user-defined aggregate handed over (its
 * INITCOND, or a stored value through an SQL transition function; any
 * layout, checked first).
 */
static HistExpanded *
hist_own_new(FunctionCallInfo fcinfo, int32 capacity, bool unit_weights)
{
	MemoryContext aggcontext = NULL,
				ctx,
				old;
	HistExpanded *e;
	BgnbdHist  *src = NULL;

	if (!PG_ARGISNULL(0))
	{
		src = (BgnbdHist *) PG_DETOAST_DATUM(PG_GETARG_DATUM(0));
		hist_check_layout(src);
	}
	if (!AggCheckCallContext(fcinfo, &aggcontext))
		ror_require_aggregate(fcinfo, "bgnbd_hist_accum");
	ctx = AllocSetContextCreate(aggcontext, "ror.bgnbd_hist state", ALLOCSET_SMALL_SIZES);
	e = MemoryContextAlloc(ctx, sizeof(HistExpanded));
	EOH_init_header(&e->hdr, &hist_methods, ctx);
	old = MemoryContextSwitchTo(ctx);
	if (src && src->layout != BGNBD_HIST_SORTED)
	{
		/* a flat working state (ours, now full): the same layout, copied */
		e->h = palloc(VARSIZE(src));
		memcpy(e->h, src, VARSIZE(src));
	}
	else if (src)
		e->h = hist_add_all(hist_new_like(src, BGNBD_HIST_PACKED, HIST_INITIAL_CAPACITY), src);
	else if (unit_weights)
		e->h = hist_new(BGNBD_HIST_KEYS, Max((capacity + 1) / 2, 1));	/* four keys a slot, not two pairs */
	else
		e->h = hist_new(BGNBD_HIST_PACKED, capacity);
	MemoryContextSwitchTo(old);
	return e;
}

/* hist_own_new, but first the expanded object of an earlier call (every row but the first) */
static inline HistExpanded *
hist_own(FunctionCallInfo fcinfo, int32 capacity, bool unit_weights)
{
	if (!PG_ARGISNULL(0))
	{
		Datum		d = PG_GETARG_DATUM(0);

		if (VARATT_IS_EXTERNAL_EXPANDED_RW(DatumGetPointer(d)) &&
			DatumGetEOHP(d)->eoh_methods == &hist_methods)
			return (HistExpanded *) DatumGetEOHP(d);
	}
	return hist_own_new(fcinfo, capacity, unit_weights);
}

/*
 * A flat working state (argument 0) that takes the row in place, or NULL;
 * a packed one only a row that packs (packable).  Small states stay flat, as an
 * expanded object costs a memory context: a group's state becomes one only
 * when it is full, or meets a pattern the packed layout cannot hold.  A flat
 * state never grows or changes layout, since the executor owns it and
 * frees it when we return another.
 */
static BgnbdHist *
hist_flat_with_room(FunctionCallInfo fcinfo, bool packable)
{
	BgnbdHist  *h = (BgnbdHist *) DatumGetPointer(PG_GETARG_DATUM(0));

	if (VARATT_IS_EXTENDED(h))
		return NULL;			/* expanded, toasted or short: not a working state */
	hist_check_layout(h);
	if (h->layout == BGNBD_HIST_PACKED)
		return h->nentries < BGNBD_PACKED_SLOTS(h) && packable ? h : NULL;
	if (h->layout == BGNBD_HIST_HASH)
		return 2 * ((int64) h->nentries + 1) <= h->capacity ? h : NULL;
	return NULL;
}

/* one row, added in place to a flat state with room or to the expanded state */
static Datum
hist_accum(FunctionCallInfo fcinfo, bool int8_freq, bool weighted)
{
	HistExpanded *e;
	BgnbdHist  *h;
	double		x,
				tx,
				T,
				w = 1.0;
	uint64		key = 0;
	bool		packable;		/* (x, tx, T) packs into key */
	bool		keyed = false;	/* a flat packed state that takes key */

	if (PG_ARGISNULL(1) || PG_ARGISNULL(2) || PG_ARGISNULL(3) || (weighted && PG_ARGISNULL(4)))
	{
		if (PG_ARGISNULL(0))
			PG_RETURN_NULL();
		PG_RETURN_DATUM(PG_GETARG_DATUM(0));
	}
	ror_require_aggregate_once(fcinfo, "bgnbd_hist_accum");
	x = int8_freq ? (double) PG_GETARG_INT64(1) : PG_GETARG_FLOAT8(1);
	tx = PG_GETARG_FLOAT8(2) + 0.0;		/* + 0.0 turns -0 into 0 */
	T = PG_GETARG_FLOAT8(3) + 0.0;
	x += 0.0;
	/* a row that packs is valid but for the rule on x = 0; any other is checked whole */
	packable = bgnbd_pack(x, tx, T, &key);
	if (unlikely(!packable || (x == 0.0 && tx != 0.0)))
		bgnbd_check_row(x, tx, T);
	if (weighted)
	{
		w = PG_GETARG_FLOAT8(4);
		if (!(w >= 0.0) || isinf(w))
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("invalid BG/NBD weight %g for the row (frequency=%g, recency=%g, age=%g)", w, x, tx, T),
					 errdetail("A weight must be a finite number greater than or equal to 0."),
					 errhint("Skip the row with a NULL weight instead.")));
	}

	if (PG_ARGISNULL(0))
	{
		int32		cap = first_capacity(fcinfo);

		/* a small first state is flat (copied into the aggregate context) */
		h = cap <= HIST_FIRST_CAPACITY ? hist_new(BGNBD_HIST_PACKED, cap) : NULL;
		e = h ? NULL : hist_own(fcinfo, cap, !weighted);
	}
	else
	{
		h = hist_flat_with_room(fcinfo, packable);
		keyed = h != NULL && h->layout == BGNBD_HIST_PACKED;
		e = h ? NULL : hist_own(fcinfo, HIST_INITIAL_CAPACITY, !weighted);
	}
	if (e)
		h = e->h;
	if (w == 0.0)
		h->excluded++;
	else
	{
		MemoryContext old;

		h->rows++;
		h->weight += w;
		if (isinf(h->weight))
			ereport(ERROR,
					(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
					 errmsg("BG/NBD weight sum out of range after weight %g", w)));
		if (keyed)
			packed_append(h, key, w);
		else if (e == NULL)
			PG_RETURN_POINTER(hist_add_keyed(h, x, tx, T, w, packable, key));	/* has room: stays h */
		else
		{
			old = MemoryContextSwitchTo(e->hdr.eoh_context);
			e->h = hist_add_keyed(h, x, tx, T, w, packable, key);
			MemoryContextSwitchTo(old);
		}
	}
	if (e == NULL)
		PG_RETURN_POINTER(h);
	PG_RETURN_DATUM(EOHPGetRWDatum(&e->hdr));
}

PG_FUNCTION_INFO_V1(bgnbd_hist_accum);
Datum
bgnbd_hist_accum(PG_FUNCTION_ARGS)
{
	return hist_accum(fcinfo, false, false);
}

PG_FUNCTION_INFO_V1(bgnbd_hist_accum_int8);
Datum
bgnbd_hist_accum_int8(PG_FUNCTION_ARGS)
{
	return hist_accum(fcinfo, true, false);
}

PG_FUNCTION_INFO_V1(bgnbd_hist_accum_weighted);
Datum
bgnbd_hist_accum_weighted(PG_FUNCTION_ARGS)
{
	return hist_accum(fcinfo, false, true);
}

PG_FUNCTION_INFO_V1(bgnbd_hist_accum_int8_weighted);
Datum
bgnbd_hist_accum_int8_weighted(PG_FUNCTION_ARGS)
{
	return hist_accum(fcinfo, true, true);
}

/*
 * bgnbd_hist_combine(a, b): merge b into a.  The combine function of every
 * bgnbd aggregate and the transition function of the roll-ups.  b may be in
 * any layout (a partial state from a worker, or a stored one); the result
 * is a's packed or hash layout (or, for a first b that is canonical, a copy
 * of b), and never b itself.
 */
PG_FUNCTION_INFO_V1(bgnbd_hist_combine);
Datum
bgnbd_hist_combine(PG_FUNCTION_ARGS)
{
	HistExpanded *e;
	BgnbdHist  *h;
	BgnbdHist  *b;
	MemoryContext old;

	if (PG_ARGISNULL(1))
	{
		if (PG_ARGISNULL(0))
			PG_RETURN_NULL();
		PG_RETURN_DATUM(PG_GETARG_DATUM(0));
	}
	ror_require_aggregate(fcinfo, "bgnbd_hist_combine");
	b = PG_GETARG_BGNBD_HIST_P(1);
	hist_check_layout(b);
	if (PG_ARGISNULL(0) && b->layout == BGNBD_HIST_SORTED)
	{
		/* the first state, canonical already: kept as it is (a copy) */
		h = palloc(VARSIZE(b));
		memcpy(h, b, VARSIZE(b));
		PG_RETURN_POINTER(h);
	}
	e = hist_own(fcinfo, HIST_INITIAL_CAPACITY, false);
	h = e->h;
	if (pg_add_s64_overflow(h->rows, b->rows, &h->rows) ||
		pg_add_s64_overflow(h->excluded, b->excluded, &h->excluded))
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("bgnbd_hist row count out of range")));
	h->weight += b->weight;
	if (isinf(h->weight))
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("BG/NBD weight sum out of range")));
	old = MemoryContextSwitchTo(e->hdr.eoh_context);
	e->h = hist_add_all(h, b);
	MemoryContextSwitchTo(old);
	PG_RETURN_DATUM(EOHPGetRWDatum(&e->hdr));
}

/*
 * A state as a flat value: detoasted, or an expanded one flattened (to the
 * canonical form) into a buffer of its own, which for a million-row state
 * is a large one (rormem.h) rather than detoasting's plain palloc.
 */
static BgnbdHist *
hist_flat(Datum d)
{
	if (VARATT_IS_EXTERNAL_EXPANDED(DatumGetPointer(d)))
	{
		ExpandedObjectHeader *eoh = DatumGetEOHP(d);
		Size		size = EOH_get_flat_size(eoh);
		BgnbdHist  *h = ror_palloc_large(size);

		EOH_flatten_into(eoh, h, size);
		return h;
	}
	return DatumGetBgnbdHistP(d);
}

/*
 * bgnbd_hist_final(state): the state in canonical form, so a stored state
 * holds no empty hash slots; always a copy, never the transition value.
 */
PG_FUNCTION_INFO_V1(bgnbd_hist_final);
Datum
bgnbd_hist_final(PG_FUNCTION_ARGS)
{
	Datum		d = PG_GETARG_DATUM(0);
	BgnbdHist  *h = hist_flat(d);
	BgnbdHist  *c = bgnbd_hist_canonical(h);

	/* flattening an expanded state made a new canonical copy already */
	if (c == h && !VARATT_IS_EXTERNAL_EXPANDED(DatumGetPointer(d)))
	{
		c = palloc(VARSIZE(h));
		memcpy(c, h, VARSIZE(h));
	}
	PG_RETURN_POINTER(c);
}

/* bgnbd_fit_final(state): the fitted model, NULL when no row has weight */
PG_FUNCTION_INFO_V1(bgnbd_fit_final);
Datum
bgnbd_fit_final(PG_FUNCTION_ARGS)
{
	BgnbdHist  *h;
	Bgnbd	   *m;

	if (PG_ARGISNULL(0))
		PG_RETURN_NULL();
	h = bgnbd_hist_canonical(hist_flat(PG_GETARG_DATUM(0)));
	if (h->rows == 0 || !(h->weight > 0.0))
		PG_RETURN_NULL();
	m = palloc0(sizeof(Bgnbd));
	m->customers = h->rows;
	m->weight = h->weight;
	m->excluded = h->excluded;
	bgnbd_fit_hist(h, m);
	PG_RETURN_BGNBD_P(m);
}

/*
 * bgnbd_hist_accum_rfm(state, ror.rfm): one customer from the composite
 * ror.rfm (frequency bigint, recency, age, monetary); a NULL composite or a
 * NULL field skips the row, as in the column form.
 */
PG_FUNCTION_INFO_V1(bgnbd_hist_accum_rfm);
Datum
bgnbd_hist_accum_rfm(PG_FUNCTION_ARGS)
{
	HeapTupleHeader t;
	Datum		v[3];
	bool		isnull[3];
	LOCAL_FCINFO(inner, 4);

	if (PG_ARGISNULL(1))
	{
		if (PG_ARGISNULL(0))
			PG_RETURN_NULL();
		PG_RETURN_DATUM(PG_GETARG_DATUM(0));
	}
	t = PG_GETARG_HEAPTUPLEHEADER(1);
	for (int i = 0; i < 3; i++)
		v[i] = GetAttributeByNum(t, (AttrNumber) (i + 1), &isnull[i]);
	/* the column form does the rest, with the context of this call */
	InitFunctionCallInfoData(*inner, fcinfo->flinfo, 4, fcinfo->fncollation, fcinfo->context, NULL);
	inner->args[0].value = PG_ARGISNULL(0) ? (Datum) 0 : PG_GETARG_DATUM(0);
	inner->args[0].isnull = PG_ARGISNULL(0);
	for (int i = 0; i < 3; i++)
	{
		inner->args[i + 1].value = v[i];
		inner->args[i + 1].isnull = isnull[i];
	}
	{
		Datum		result = hist_accum(inner, true, false);

		fcinfo->isnull = inner->isnull;
		return result;
	}
}
