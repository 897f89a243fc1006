/*
 * survival_agg.c: transition, combine and final functions of the
 * Kaplan-Meier aggregates.
 *
 * The transition state lives in the aggregate context and is updated in
 * place: a whole-number duration below its densesize adds one to a counter
 * of the dense block; any other (or one whose counter is at its limit) takes
 * one probe of the hash index, which finds the duration's entry or a free
 * slot for a new one.  When the entries are full, a state with twice the
 * room, and a dense block fit to the whole durations seen so far, is built
 * in the per-call memory and returned: the executor copies a new state into
 * the aggregate context and frees the old one, a number of times logarithmic
 * in the distinct durations.
 */
#include "postgres.h"

#include "survival.h"

#include <math.h>

#include "common/int.h"
#include "roragg.h"

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
 * The state to update in place: our own, built by survival_accum in the
 * aggregate's memory (only it builds an index), or else a new indexed one:
 * for the first row of a group, or from a state built elsewhere (an initial
 * condition, a stored value handed over by a user's aggregate, a detoasted
 * copy), which is read and copied.
 */
static inline Survival *
survival_own_state(FunctionCallInfo fcinfo)
{
	struct varlena *v;
	Survival   *s;

	if (PG_ARGISNULL(0))
	{
		static const Survival empty;

		/* per-call memory: the executor copies a new state into the aggregate context */
		return survival_grow(&empty);
	}
	v = (struct varlena *) PG_GETARG_POINTER(0);
	if (unlikely(VARATT_IS_EXTENDED(v)))
		v = pg_detoast_datum(v);
	s = (Survival *) v;
	survival_check_header(s);
	if (unlikely(s->hashsize == 0))
		s = survival_grow(s);
	return s;
}

/*
 * the listed entry of duration t, added if new; NULL when the entries are
 * full.  Out of line: the fast path never computes the hash.
 */
static pg_noinline SurvivalEntry *
survival_find(Survival *s, double t)
{
	int32	   *slots = SURVIVAL_SLOTS(s);
	uint32		mask = (uint32) s->hashsize - 1;
	uint32		h = survival_hash(t) & mask;
	uint32		probes = 0;
	uint64		bits;
	int32		i;

	/* durations are never NaN or -0 here, so equal bits mean equal values */
	memcpy(&bits, &t, sizeof(bits));
	while ((i = slots[h]) >= 0)
	{
		uint64		other;

		/* a sound index holds entry numbers and has free slots */
		if (unlikely(i >= s->nused || ++probes > mask))
			survival_corrupt_index(s);
		memcpy(&other, &s->e[i].time, sizeof(other));
		if (other == bits)
			return &s->e[i];
		h = (h + 1) & mask;
	}
	/* a new duration */
	if (s->nused == s->capacity)
		return NULL;			/* full: the caller grows the state and comes back */
	i = s->nused++;
	slots[h] = i;
	s->e[i].time = t;
	return &s->e[i];
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
	s = survival_own_state(fcinfo);

	for (;;)
	{
		int32		d = survival_whole_below(t, s->densesize);
		SurvivalEntry *e;

		if (d >= 0 && SURVIVAL_DENSE(s)[2 * d + k] < PG_UINT32_MAX)
		{
			SURVIVAL_DENSE(s)[2 * d + k] += 1;
			break;
		}
		/* any other duration, or a dense counter at its limit: the listed entry */
		e = survival_find(s, t);
		if (e != NULL)
		{
			/* a count past int64 is a total past int64 */
			if (pg_add_s64_overflow(k == 0 ? e->events : e->censored, 1,
									k == 0 ? &e->events : &e->censored))
				survival_subjects_overflow();
			break;
		}
		/* full: twice the room, and perhaps a dense block that takes t */
		s = survival_grow(s);
	}
	PG_RETURN_POINTER(s);
}

/*
 * survival_accum(state, duration, churned): one subject, an event or censored.
 *
 * The fast path is the common row: a whole duration in the dense block of a
 * state already checked to be in an aggregate, with its counter below the
 * limit.  A dense block exists only in a state survival_accum built, and the
 * header check here is what reaching the block needs (its size matches the
 * fields); everything else goes through survival_accum_general, which checks
 * it all.
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

		/* (densesize > 0 only with an index; the size match keeps d's counters inside) */
		if (likely(!VARATT_IS_EXTENDED(s) && s->densesize > 0 && s->densesize <= SURVIVAL_DENSE_MAX &&
				   s->hashsize > 0 && (s->capacity | s->hashsize) >= 0 &&
				   VARSIZE(s) == SURVIVAL_INDEXED_SIZE(s->capacity, s->hashsize, s->densesize) &&
				   t >= 0.0 && t < (double) s->densesize))
		{
			int32		d = (int32) t;
			/* without a branch: churned is as unpredictable as the data */
			uint32	   *count = SURVIVAL_DENSE(s) + 2 * d + (PG_GETARG_BOOL(2) ? 0 : 1);

			if (likely((double) d == t && *count < PG_UINT32_MAX))
			{
				*count += 1;
				PG_RETURN_POINTER(s);
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
