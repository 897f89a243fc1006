/*
 * survival_io.c: ror.survival storage (compaction), text and binary I/O,
 * validation and equality.
 *
 * Text form: "{(time,events,censored),...}" with the times strictly
 * increasing and printed in their shortest exact form, e.g.
 * "{(6,3,1),(7,1,0),(9,0,1)}".  "{}" is an empty list.
 */
#include "postgres.h"

#include "survival.h"

#include <math.h>
#include <stdlib.h>

#include "common/int.h"
#include "common/hashfn.h"
#include "libpq/pqformat.h"
#include "port/pg_bitutils.h"
#include "utils/memutils.h"
#include "rorhist.h"
#include "rortext.h"

#define SURVIVAL_TYPNAME "ror.survival"

Survival *
survival_alloc(int32 cap)
{
	Survival   *s;

	if (cap < 0 || cap > SURVIVAL_MAX_ENTRIES)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("survival state of %d distinct durations is too large", cap)));
	s = palloc0(SURVIVAL_SIZE(cap, 0));
	SET_VARSIZE(s, SURVIVAL_SIZE(cap, 0));
	s->capacity = cap;
	return s;
}

void
survival_corrupt(const Survival *s)
{
	ereport(ERROR,
			(errcode(ERRCODE_DATA_CORRUPTED),
			 errmsg("corrupt %s value", SURVIVAL_TYPNAME),
			 errdetail("%u bytes with %d sorted and %d used entries of %d, index of %d slots, dense block of %d.",
					   (unsigned) VARSIZE(s), s->nsorted, s->nused, s->capacity, s->hashsize,
					   s->densesize)));
}

int64
survival_total(const Survival *s)
{
	int64		total = 0;

	for (int32 i = 0; i < s->nused; i++)
		if (pg_add_s64_overflow(total, s->e[i].events, &total) ||
			pg_add_s64_overflow(total, s->e[i].censored, &total))
			ereport(ERROR,
					(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
					 errmsg("number of subjects in a %s is out of range", SURVIVAL_TYPNAME),
					 errdetail("Events plus censored subjects must not exceed %lld.",
							   (long long) PG_INT64_MAX)));
	return total;
}

/* whether the dense block counts anyone at duration d */
static inline bool
dense_used(const uint32 *dense, int32 d)
{
	return dense[2 * d] != 0 || dense[2 * d + 1] != 0;
}

/* the power-of-2 bucket of a whole duration d: b for [2^(b-1), 2^b), 6 for [0, 64) */
static inline int
dense_bucket(int32 d)
{
	return Max(6, pg_leftmost_one_pos32((uint32) d | 1) + 1);
}

/* counts whole duration t (below SURVIVAL_DENSE_MAX) in seen[], by dense_bucket */
static inline void
count_seen(int32 *seen, double t)
{
	int32		d = t >= 0.0 ? survival_whole_below(t, SURVIVAL_DENSE_MAX) : -1;

	if (d >= 0)
		seen[dense_bucket(d)]++;
}

/*
 * The dense block for s's whole durations and pending (the duration about to
 * be added, or -1): the largest power of 2 (64 at least, SURVIVAL_DENSE_MAX
 * at most) of which at least half are durations seen, so the block costs at
 * most 16 bytes per duration, less than a listed entry with its index slots
 * (32 at least); never smaller than s's own, 0 when none qualifies.
 */
static int32
choose_densesize(const Survival *s, double pending)
{
	int32		seen[17] = {0};	/* seen[b]: durations in dense_bucket b */
	int32		below = 0,
				size = s->densesize;

	StaticAssertStmt(SURVIVAL_DENSE_MAX == 1 << 16, "seen[] has a bucket per power of 2");
	for (int32 i = 0; i < s->nused; i++)
		count_seen(seen, s->e[i].time);
	count_seen(seen, pending);
	if (s->hashsize > 0)
	{
		const uint32 *dense = SURVIVAL_DENSE(s);

		for (int32 d = 0; d < s->densesize; d++)
			if (dense_used(dense, d))
				seen[dense_bucket(d)]++;
	}
	for (int b = 6; b <= 16; b++)
	{
		below += seen[b];
		if ((int64) below * 2 >= ((int64) 1 << b) && (1 << b) > size)
			size = 1 << b;
	}
	return size;
}

/* the smallest and largest state (bytes, before its dense block) sized to fill a palloc chunk */
#define SMALL_STATE_MIN 256
#define SMALL_STATE_MAX 8192

/* whether a state of cap entries, hsize slots and a dense block of dsize fits MaxAllocSize */
static inline bool
layout_fits(Size cap, Size hsize, int32 dsize)
{
	return cap <= (Size) SURVIVAL_MAX_ENTRIES && SURVIVAL_INDEXED_SIZE(cap, hsize, dsize) <= MaxAllocSize;
}

/*
 * The capacity and index slots of a state with room for want entries; false
 * when it would pass MaxAllocSize.  A small state fills a power-of-2 chunk
 * exactly (palloc would round it up): a quarter of it index (two slots per
 * entry), the rest header and entries.  A larger one has a power-of-2
 * capacity (growth then comes when a power of 2 of durations has been seen,
 * as a dense block needs) with SURVIVAL_SLOTS_MAX slots per entry; near
 * MaxAllocSize, room for want entries with two slots each.
 */
static bool
choose_layout(int32 want, int32 dsize, int32 *cap, int32 *hsize)
{
	Size		room = 1,
				slots = 1;

	for (Size bytes = SMALL_STATE_MIN; bytes <= SMALL_STATE_MAX; bytes *= 2)
	{
		*hsize = (int32) (bytes / 16);
		*cap = (int32) ((bytes - SURVIVAL_SIZE(0, *hsize)) / sizeof(SurvivalEntry));
		if (*cap >= want)
			return true;
	}
	while (room < (Size) want)
		room *= 2;
	if (!layout_fits(room, SURVIVAL_SLOTS_MAX * room, dsize))
	{
		room = (Size) want;
		while (slots < 2 * room)
			slots *= 2;
		if (!layout_fits(room, slots, dsize))
			return false;
	}
	else
		slots = SURVIVAL_SLOTS_MAX * room;
	*cap = (int32) room;
	*hsize = (int32) slots;
	return true;
}

Survival *
survival_grow(const Survival *s, double pending, int32 min_room)
{
	int32		dsize = choose_densesize(s, pending);
	int32		listed = 0,
				nsorted = 0,
				cap,
				hsize;
	Survival   *r;
	int32	   *slots;
	uint32	   *dense = palloc0(sizeof(uint32) * 2 * (Size) dsize);
	bool	   *moved = palloc(sizeof(bool) * (Size) Max(1, s->nused));

	/*
	 * The new block: s's own, plus each listed whole duration below dsize
	 * whose counts still fit the block's counters; the others stay listed.
	 */
	if (s->hashsize > 0)
		memcpy(dense, SURVIVAL_DENSE(s), sizeof(uint32) * 2 * (Size) s->densesize);
	for (int32 i = 0; i < s->nused; i++)
	{
		const SurvivalEntry *e = &s->e[i];
		int32		d = survival_whole_below(e->time, dsize);

		moved[i] = d >= 0 &&
			(uint64) e->events <= PG_UINT32_MAX - dense[2 * d] &&
			(uint64) e->censored <= PG_UINT32_MAX - dense[2 * d + 1];
		if (moved[i])
		{
			dense[2 * d] += (uint32) e->events;
			dense[2 * d + 1] += (uint32) e->censored;
		}
		else
			listed++;
	}

	if (!choose_layout(Max(min_room, 2 * listed), dsize, &cap, &hsize))
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("survival state of %d distinct durations is too large", s->nused)));
	r = palloc0(SURVIVAL_INDEXED_SIZE(cap, hsize, dsize));
	SET_VARSIZE(r, SURVIVAL_INDEXED_SIZE(cap, hsize, dsize));
	r->capacity = cap;
	r->hashsize = hsize;
	r->densesize = dsize;
	memcpy(SURVIVAL_DENSE(r), dense, sizeof(uint32) * 2 * (Size) dsize);
	/* the listed entries, in their order (so the sorted prefix stays sorted) */
	for (int32 i = 0; i < s->nused; i++)
	{
		if (moved[i])
			continue;
		if (i < s->nsorted)
			nsorted++;
		r->e[r->nused++] = s->e[i];
	}
	r->nsorted = nsorted;
	pfree(dense);
	pfree(moved);

	/* a tail not built here may repeat a duration: the index finds the first */
	slots = SURVIVAL_SLOTS(r);
	memset(slots, 0xff, sizeof(int32) * hsize);
	for (int32 i = 0; i < r->nused; i++)
	{
		uint32		h = survival_hash(r->e[i].time, hsize);

		while (slots[h] >= 0)
			h = (h + 1) & (hsize - 1);
		slots[h] = i;
	}
	return r;
}

/* the sorted list is rorhist's sorted distinct array, keyed on time */
static int
entry_cmp(const void *a, const void *b)
{
	double		x = ((const SurvivalEntry *) a)->time;
	double		y = ((const SurvivalEntry *) b)->time;

	return (x > y) - (x < y);
}

static void
add_counts(void *dst, const void *src)
{
	SurvivalEntry *to = dst;
	const SurvivalEntry *from = src;

	if (pg_add_s64_overflow(to->events, from->events, &to->events) ||
		pg_add_s64_overflow(to->censored, from->censored, &to->censored))
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("survival count out of range")));
}

int32
survival_merge_lists(const SurvivalEntry *a, int32 na, const SurvivalEntry *b, int32 nb, SurvivalEntry *out)
{
	return ror_hist_merge(a, na, b, nb, out, sizeof(SurvivalEntry), entry_cmp, add_counts);
}

void
survival_compact(Survival *s)
{
	int32		k;

	if (s->nused <= s->nsorted)
		return;
	k = ror_hist_compact(s->e, s->nsorted, s->nused, sizeof(SurvivalEntry), entry_cmp, add_counts);
	/* keep the unused bytes zero: the state may be copied whole */
	memset(s->e + k, 0, sizeof(SurvivalEntry) * (s->capacity - k));
	s->nsorted = s->nused = k;
	/* entry numbers changed: drop the index */
	s->hashsize = 0;
	SET_VARSIZE(s, SURVIVAL_SIZE(s->capacity, 0));
}

const Survival *
survival_canonical(const Survival *s)
{
	Survival   *c;
	int32		ndense = 0;

	survival_check_header(s);
	if (s->nused == s->nsorted && s->capacity == s->nsorted && s->hashsize == 0)
		return s;
	if (s->hashsize > 0)
	{
		const uint32 *dense = SURVIVAL_DENSE(s);

		for (int32 d = 0; d < s->densesize; d++)
			ndense += dense_used(dense, d);
	}
	c = survival_alloc(s->nused + ndense);
	c->nsorted = s->nsorted;
	c->nused = s->nused;
	memcpy(c->e, s->e, sizeof(SurvivalEntry) * s->nused);
	/* the dense block's durations join the unsorted tail (compacting adds repeats) */
	if (ndense > 0)
	{
		const uint32 *dense = SURVIVAL_DENSE(s);

		for (int32 d = 0; d < s->densesize; d++)
			if (dense_used(dense, d))
			{
				SurvivalEntry *e = &c->e[c->nused++];

				e->time = (double) d;
				e->events = dense[2 * d];
				e->censored = dense[2 * d + 1];
			}
	}
	survival_compact(c);
	if (c->nused < c->capacity)
	{
		c->capacity = c->nused;
		SET_VARSIZE(c, SURVIVAL_SIZE(c->capacity, 0));
	}
	/* a transition state's total is checked here, not per row */
	(void) survival_total(c);
	return c;
}

void
survival_validate(const Survival *s, const char *source, int code)
{
	int64		total = 0;

	for (int32 i = 0; i < s->nused; i++)
	{
		const SurvivalEntry *e = &s->e[i];

		if (!isfinite(e->time) || e->time < 0.0 || signbit(e->time))
			ereport(ERROR,
					(errcode(code),
					 errmsg("invalid %s: duration %g is not a finite number >= 0", source, e->time)));
		if (i > 0 && !(e->time > s->e[i - 1].time))
			ereport(ERROR,
					(errcode(code),
					 errmsg("invalid %s: durations are not strictly increasing at %g", source, e->time),
					 errdetail("Each distinct duration appears once, in increasing order.")));
		if (e->events < 0 || e->censored < 0 || (e->events == 0 && e->censored == 0))
			ereport(ERROR,
					(errcode(code),
					 errmsg("invalid %s: counts at duration %g must be >= 0 and not both 0", source, e->time)));
		if (pg_add_s64_overflow(total, e->events, &total) ||
			pg_add_s64_overflow(total, e->censored, &total))
			ereport(ERROR,
					(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
					 errmsg("invalid %s: the number of subjects is out of range", source)));
	}
}

/* ---- text ---- */

PG_FUNCTION_INFO_V1(survival_in);
Datum
survival_in(PG_FUNCTION_ARGS)
{
	char	   *input = PG_GETARG_CSTRING(0);
	RorTok		t = {SURVIVAL_TYPNAME, input,
	"The text form is \"{(time,events,censored),...}\" with increasing times.", input};
	int32		n = 0,
				cap = 8;
	SurvivalEntry *e = palloc(sizeof(SurvivalEntry) * cap);
	Survival   *s;

	ror_tok_expect(&t, "{");
	while (!ror_tok_peek(&t, '}'))
	{
		double		time;

		if (n == cap)
		{
			if (cap >= SURVIVAL_MAX_ENTRIES / 2)
				ereport(ERROR,
						(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
						 errmsg("too many durations for type %s", SURVIVAL_TYPNAME)));
			cap *= 2;
			e = repalloc(e, sizeof(SurvivalEntry) * cap);
		}
		if (n > 0)
			ror_tok_expect(&t, ",");
		ror_tok_expect(&t, "(");
		time = ror_tok_float8(&t, "time");
		e[n].time = (time == 0.0) ? 0.0 : time; /* -0 reads as 0 */
		ror_tok_expect(&t, ",");
		e[n].events = ror_tok_int64(&t, "events");
		ror_tok_expect(&t, ",");
		e[n].censored = ror_tok_int64(&t, "censored");
		ror_tok_expect(&t, ")");
		n++;
	}
	t.p++;
	ror_tok_end(&t);
	s = survival_alloc(n);
	s->nsorted = s->nused = n;
	memcpy(s->e, e, sizeof(SurvivalEntry) * n);
	survival_validate(s, SURVIVAL_TYPNAME, ERRCODE_INVALID_TEXT_REPRESENTATION);
	PG_RETURN_POINTER(s);
}

PG_FUNCTION_INFO_V1(survival_out);
Datum
survival_out(PG_FUNCTION_ARGS)
{
	const Survival *s = survival_canonical(PG_GETARG_SURVIVAL_P(0));
	StringInfoData buf;

	initStringInfo(&buf);
	appendStringInfoChar(&buf, '{');
	for (int32 i = 0; i < s->nused; i++)
	{
		if (i > 0)
			appendStringInfoChar(&buf, ',');
		appendStringInfoChar(&buf, '(');
		ror_append_float8(&buf, s->e[i].time);
		appendStringInfo(&buf, "," INT64_FORMAT "," INT64_FORMAT ")", s->e[i].events, s->e[i].censored);
	}
	appendStringInfoChar(&buf, '}');
	PG_RETURN_CSTRING(buf.data);
}

PG_FUNCTION_INFO_V1(survival_recv);
Datum
survival_recv(PG_FUNCTION_ARGS)
{
	StringInfo	msg = (StringInfo) PG_GETARG_POINTER(0);
	int			version = pq_getmsgbyte(msg);
	int32		n;
	Survival   *s;

	if (version != SURVIVAL_VERSION)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("unsupported binary format version %d for type %s", version, SURVIVAL_TYPNAME),
				 errdetail("This build reads version %d.", SURVIVAL_VERSION)));
	n = (int32) pq_getmsgint(msg, 4);
	/* each entry takes 24 bytes of the message: check before allocating */
	if (n < 0 || (int64) n * 24 > (int64) (msg->len - msg->cursor))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("invalid %s: %d durations announced, the message is too short", SURVIVAL_TYPNAME, n)));
	s = survival_alloc(n);
	for (int32 i = 0; i < n; i++)
	{
		s->e[i].time = pq_getmsgfloat8(msg);
		if (s->e[i].time == 0.0)
			s->e[i].time = 0.0;	/* -0 reads as 0, as in text */
		s->e[i].events = pq_getmsgint64(msg);
		s->e[i].censored = pq_getmsgint64(msg);
	}
	s->nsorted = s->nused = n;
	survival_validate(s, SURVIVAL_TYPNAME, ERRCODE_INVALID_BINARY_REPRESENTATION);
	PG_RETURN_POINTER(s);
}

PG_FUNCTION_INFO_V1(survival_send);
Datum
survival_send(PG_FUNCTION_ARGS)
{
	const Survival *s = survival_canonical(PG_GETARG_SURVIVAL_P(0));
	StringInfoData buf;

	pq_begintypsend(&buf);
	pq_sendbyte(&buf, SURVIVAL_VERSION);
	pq_sendint32(&buf, s->nused);
	for (int32 i = 0; i < s->nused; i++)
	{
		pq_sendfloat8(&buf, s->e[i].time);
		pq_sendint64(&buf, s->e[i].events);
		pq_sendint64(&buf, s->e[i].censored);
	}
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

static bool
survival_equal(const Survival *a, const Survival *b)
{
	a = survival_canonical(a);
	b = survival_canonical(b);
	return a->nused == b->nused &&
		memcmp(a->e, b->e, sizeof(SurvivalEntry) * a->nused) == 0;
}

/* equality of the canonical lists, bit for bit */
PG_FUNCTION_INFO_V1(survival_eq);
Datum
survival_eq(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(survival_equal(PG_GETARG_SURVIVAL_P(0), PG_GETARG_SURVIVAL_P(1)));
}

PG_FUNCTION_INFO_V1(survival_ne);
Datum
survival_ne(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(!survival_equal(PG_GETARG_SURVIVAL_P(0), PG_GETARG_SURVIVAL_P(1)));
}

/* hash of the canonical list equality compares: for GROUP BY, DISTINCT, UNION, hash joins */
PG_FUNCTION_INFO_V1(survival_hash_value);
Datum
survival_hash_value(PG_FUNCTION_ARGS)
{
	const Survival *s = survival_canonical(PG_GETARG_SURVIVAL_P(0));

	return hash_any((const unsigned char *) s->e, sizeof(SurvivalEntry) * s->nused);
}
