/*
 * survival_agg.c: transition, combine and final functions of the
 * Kaplan-Meier aggregates.
 *
 * The transition state lives in the aggregate context and is updated in
 * place: a whole-number duration below its densesize adds one to a counter
 * of the dense block; any other (or one whose counter is at its limit) takes
 * one probe of the hash index, which finds the duration's entry or a free
 * slot for a new one.  A group's first state has room for the rows the
 * planner expects per group (2 kB at most).  When the entries are full, a
 * state with twice the room, and a dense block fit to the whole durations
 * seen so far, is built in the per-call memory and returned: the executor
 * copies a new state into the aggregate context and frees the old one, a
 * number of times logarithmic in the distinct durations.  (With groups
 * interleaved, as in a HashAggregate, the freed states of one size wait
 * for a group that grows to it: growing costs memory as well as time.)
 */
#include "postgres.h"

#include "survival.h"

#include <math.h>

#include "common/int.h"
#include "roragg.h"

/* the most room the planner's estimate gives a first state: what a 2 kB state holds */
#define SURVIVAL_FIRST_ROOM_MAX 63

ror_noreturn static void
survival_corrupt_index(const Survival *s)
{
	ereport(ERROR,
			(errcode(ERRCODE_DATA_CORRUPTED),
			 errmsg("corrupt index in a ror.survival transition state"),
			 errdetail("%d entries, %d slots.", s->nused, s->hashsize)));
}

ror_noreturn static void
survival_subjects_overflow(void)
{
	ereport(ERROR,
			(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
			 errmsg("number of subjects in a ror.survival is out of range"),
			 errdetail("Events plus censored subjects must not exceed %lld.", (long long) PG_INT64_MAX)));
}

ror_noreturn static void
survival_bad_duration(double t)
{
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("duration %g is invalid", t),
			 errdetail("A duration must be a finite number greater than or equal to 0."),
			 errhint("Skip the row with a NULL duration instead.")));
}

/*
 * Room for the first state of a group: the planner's rows per group, as no
 * group has more distinct durations than rows, but no more than a 2 kB
 * state holds (estimates can be far off, and a group may repeat its
 * durations): growing costs a copy, a state too large for its group costs
 * memory in every group.
 */
static int32
survival_first_room(FunctionCallInfo fcinfo)
{
	double		rows = ror_agg_rows_per_group(fcinfo, NULL);

	return (int32) Min(rows, (double) SURVIVAL_FIRST_ROOM_MAX);
}

/*
 * The state to update in place: our own, built by survival_accum in the
 * aggregate's memory (only it builds an index), or else a new indexed one:
 * for the first row of a group (t), or from a state built elsewhere (an
 * initial condition, a stored value handed over by a user's aggregate, a
 * detoasted copy), which is read and copied.
 */
static inline Survival *
survival_own_state(FunctionCallInfo fcinfo, double t)
{
	struct varlena *v;
	Survival   *s;

	if (PG_ARGISNULL(0))
	{
		static const Survival empty;

		/* per-call memory: the executor copies a new state into the aggregate context */
		return survival_grow(&empty, t, survival_first_room(fcinfo));
	}
	v = (struct varlena *) PG_GETARG_POINTER(0);
	if (unlikely(VARATT_IS_EXTENDED(v)))
		v = pg_detoast_datum(v);
	s = (Survival *) v;
	survival_check_header(s);
	if (unlikely(s->hashsize == 0))
		s = survival_grow(s, t, 0);
	return s;
}

/*
 * The listed entry of duration t, or NULL with *slot the free slot where
 * the probe stopped, or -1 when the index is unsound (an entry number out of
 * range, no free slot).  Listed durations are never NaN or -0, so equal bits
 * mean equal values, and a duration that is negative, NaN or -0 is never
 * found.
 */
static inline SurvivalEntry *
survival_lookup(Survival *s, double t, int32 *slot)
{
	int32	   *slots = SURVIVAL_SLOTS(s);
	uint32		mask = (uint32) s->hashsize - 1;
	uint32		h = survival_hash(t, s->hashsize);
	uint64		bits;

	memcpy(&bits, &t, sizeof(bits));
	for (int32 probes = 0; probes < s->hashsize; probes++)
	{
		int32		i = slots[h];
		uint64		other;

		if ((uint32) i >= (uint32) s->nused)
		{
			*slot = (i == -1) ? (int32) h : -1;
			return NULL;
		}
		memcpy(&other, &s->e[i].time, sizeof(other));
		if (other == bits)
			return &s->e[i];
		h = (h + 1) & mask;
	}
	*slot = -1;
	return NULL;
}

/* e's events (k = 0) or censored (k = 1), without a branch: churned is as unpredictable as the data */
static inline int64 *
survival_count(SurvivalEntry *e, int k)
{
	StaticAssertStmt(offsetof(SurvivalEntry, censored) == offsetof(SurvivalEntry, events) + sizeof(int64),
					 "censored follows events");
	return (int64 *) ((char *) e + offsetof(SurvivalEntry, events) + k * sizeof(int64));
}

/*
 * Every row but the fast path's: NULLs, checks of the duration and of the
 * state, the first row of a group, the hash index, growth, dense counters at
 * their limit.
 */
static pg_noinline Datum
survival_accum_general(FunctionCallInfo fcinfo)
{
	Survival   *s;
	double		t;
	int			k;				/* 0 for an event, 1 for censored */

	if (PG_ARGISNULL(1) || PG_ARGISNULL(2))
	{
		if (PG_ARGISNULL(0))
			PG_RETURN_NULL();
		PG_RETURN_DATUM(PG_GETARG_DATUM(0));
	}
	t = PG_GETARG_FLOAT8(1);
	if (!(t >= 0.0) || isinf(t))
		survival_bad_duration(t);
	if (t == 0.0)
		t = 0.0;				/* -0 counts as 0 */
	k = PG_GETARG_BOOL(2) ? 0 : 1;

	/* the in-place update is safe only on our own state, in an aggregate */
	ror_require_aggregate_once(fcinfo, "survival_accum");
	s = survival_own_state(fcinfo, t);

	for (;;)
	{
		int32		d = survival_whole_below(t, s->densesize);
		SurvivalEntry *e;
		int32		slot;

		if (d >= 0 && SURVIVAL_DENSE(s)[2 * d + k] < PG_UINT32_MAX)
		{
			SURVIVAL_DENSE(s)[2 * d + k] += 1;
			break;
		}
		/* any other duration, or a dense counter at its limit: the listed entry */
		e = survival_lookup(s, t, &slot);
		if (e != NULL)
		{
			int64	   *count = survival_count(e, k);

			/* a count past int64 is a total past int64 */
			if (pg_add_s64_overflow(*count, 1, count))
				survival_subjects_overflow();
			break;
		}
		if (unlikely(slot < 0))
			survival_corrupt_index(s);
		if (s->nused < s->capacity)
		{
			/* a new duration */
			SURVIVAL_SLOTS(s)[slot] = s->nused;
			e = &s->e[s->nused++];
			e->time = t;
			e->events = e->censored = 0;
			*survival_count(e, k) = 1;
			break;
		}
		/* full: twice the room, and perhaps a dense block that takes t */
		s = survival_grow(s, t, 0);
	}
	PG_RETURN_POINTER(s);
}

/*
 * Whether s is an indexed state whose size matches its fields: what reaching
 * its entries, index and dense block needs.  The fast path's check, where
 * survival_check_header (which raises an error) is the general path's.
 */
static inline bool
survival_indexed(const Survival *s)
{
	return !VARATT_IS_EXTENDED(s) && s->hashsize > 0 &&
		(s->nused | s->capacity | s->hashsize | s->densesize) >= 0 &&
		s->nused <= s->capacity && s->densesize <= SURVIVAL_DENSE_MAX &&
		VARSIZE(s) == SURVIVAL_INDEXED_SIZE(s->capacity, s->hashsize, s->densesize);
}

/*
 * survival_accum(state, duration, churned): one subject, an event or censored.
 *
 * The fast path is the common row, in a state already checked to be in an
 * aggregate: a whole duration in the dense block, with its counter below
 * the limit, or a duration the index finds listed, with its count below
 * int64's limit.
 * Indexes and dense blocks exist only in states survival_accum built;
 * everything else goes through survival_accum_general, which checks it all.
 */
PG_FUNCTION_INFO_V1(survival_accum);
Datum
survival_accum(PG_FUNCTION_ARGS)
{
	if (likely(!PG_ARGISNULL(0) && !PG_ARGISNULL(1) && !PG_ARGISNULL(2) &&
			   ror_aggregate_was_checked(fcinfo)))
	{
		Survival   *s = (Survival *) PG_GETARG_POINTER(0);
		double		t = PG_GETARG_FLOAT8(1);
		int			k = PG_GETARG_BOOL(2) ? 0 : 1;

		if (likely(survival_indexed(s)))
		{
			if (t >= 0.0 && t < (double) s->densesize && (double) (int32) t == t)
			{
				uint32	   *count = SURVIVAL_DENSE(s) + 2 * (int32) t + k;

				if (likely(*count < PG_UINT32_MAX))
				{
					*count += 1;
					PG_RETURN_POINTER(s);
				}
			}
			else
			{
				int32		slot;
				SurvivalEntry *e = survival_lookup(s, t, &slot);
				int64	   *count;

				if (likely(e != NULL) && likely(*(count = survival_count(e, k)) < PG_INT64_MAX))
				{
					*count += 1;
					PG_RETURN_POINTER(s);
				}
			}
		}
	}
	return survival_accum_general(fcinfo);
}

/*
 * survival_combine(a, b): the merged list.  Combine function of every
 * survival aggregate and transition function of the merge aggregate.  Builds
 * a new state (never returns b itself, never changes a or b in place), and
 * checks the merged number of subjects.
 */
PG_FUNCTION_INFO_V1(survival_combine);
Datum
survival_combine(PG_FUNCTION_ARGS)
{
	const Survival *a,
			   *b;
	Survival   *r;
	int32		k;

	ror_require_aggregate(fcinfo, "survival_combine");
	if (PG_ARGISNULL(1))
	{
		if (PG_ARGISNULL(0))
			PG_RETURN_NULL();
		PG_RETURN_DATUM(PG_GETARG_DATUM(0));
	}
	b = survival_canonical(PG_GETARG_SURVIVAL_P(1));
	if (PG_ARGISNULL(0))
	{
		(void) survival_total(b);
		r = survival_alloc(b->nused);
		memcpy(r->e, b->e, sizeof(SurvivalEntry) * b->nused);
		r->nsorted = r->nused = b->nused;
		PG_RETURN_POINTER(r);
	}
	/* a copy when not canonical: a may not be ours to change */
	a = survival_canonical(PG_GETARG_SURVIVAL_P(0));

	/* merge into a new state, tight so the next merge reads it without a copy */
	r = survival_alloc(a->nused + b->nused);
	k = survival_merge_lists(a->e, a->nused, b->e, b->nused, r->e);
	r->nsorted = r->nused = r->capacity = k;
	SET_VARSIZE(r, SURVIVAL_SIZE(k, 0));
	(void) survival_total(r);
	PG_RETURN_POINTER(r);
}

/* final of survival_agg: the canonical list, without spare room */
PG_FUNCTION_INFO_V1(survival_final);
Datum
survival_final(PG_FUNCTION_ARGS)
{
	const Survival *s = PG_GETARG_SURVIVAL_P(0);
	const Survival *c = survival_canonical(s);

	/* a value that could not be read back is never returned */
	(void) survival_total(c);
	if (c == s)
	{
		Survival   *copy = palloc(VARSIZE(s));

		memcpy(copy, s, VARSIZE(s));
		PG_RETURN_POINTER(copy);
	}
	PG_RETURN_POINTER(c);
}
