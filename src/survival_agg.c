/*
 * survival_agg.c: transition, combine and final functions of the
 * Kaplan-Meier aggregates.
 *
 * The transition state lives in the aggregate context and is updated in
 * place: a whole-number duration below its densesize adds to the dense
 * block at that duration; any other takes one probe of the hash index, which
 * finds the duration's entry or a free slot for a new one.  When the entries
 * are full, a state twice as large (with a dense block fit to the whole
 * durations seen so far) is
 * built in the per-call memory and returned: the executor copies a new
 * state into the aggregate context and frees the old one, a number of times
 * logarithmic in the distinct durations.
 */
#include "survival.h"

#include <math.h>

#include "common/int.h"
#include "nodes/execnodes.h"

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

/* fn_extra of survival_accum once its aggregate context has been checked */
static const char survival_in_aggregate = 1;

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
 * the entry of duration t (not a whole number below densesize), added if new;
 * out of line, so the dense path never computes the hash
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

/* survival_accum(state, duration, churned): one subject, an event or censored */
PG_FUNCTION_INFO_V1(survival_accum);
Datum
survival_accum(PG_FUNCTION_ARGS)
{
	Survival   *s;
	double		t;
	int32		d;
	int64	   *counts;			/* events, then censored, of the row's duration */
	int64	   *subjects;

	StaticAssertStmt(offsetof(SurvivalEntry, censored) == offsetof(SurvivalEntry, events) + sizeof(int64),
					 "an entry's counts are laid out as the dense block's pairs");

	if (PG_ARGISNULL(1) || PG_ARGISNULL(2))
	{
		if (PG_ARGISNULL(0))
			PG_RETURN_NULL();
		PG_RETURN_DATUM(PG_GETARG_DATUM(0));
	}
	t = PG_GETARG_FLOAT8(1);
	if (unlikely(!(t >= 0.0) || isinf(t)))
		survival_bad_duration(t);
	if (t == 0.0)
		t = 0.0;				/* -0 counts as 0 */

	/* the in-place update is safe only on our own state, in an aggregate */
	if (unlikely(fcinfo->flinfo->fn_extra != &survival_in_aggregate))
	{
		if (!AggCheckCallContext(fcinfo, NULL))
			ereport(ERROR,
					(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
					 errmsg("survival_accum called in non-aggregate context")));
		fcinfo->flinfo->fn_extra = unconstify(char *, &survival_in_aggregate);
	}
	s = survival_own_state(fcinfo);

	for (;;)
	{
		SurvivalEntry *e;

		/* the common case: a whole number of days or months, counted in place */
		d = survival_whole_below(t, s->densesize);
		if (d >= 0)
		{
			counts = SURVIVAL_DENSE(s) + 2 * d;
			break;
		}
		e = survival_find(s, t);
		if (e != NULL)
		{
			counts = &e->events;
			break;
		}
		/* full: twice the room, and perhaps a dense block that takes t */
		s = survival_grow(s);
	}
	/* each count is at most the total, so checking the total suffices */
	subjects = SURVIVAL_SUBJECTS(s);
	if (unlikely(pg_add_s64_overflow(*subjects, 1, subjects)))
		survival_subjects_overflow();
	/* without a branch: churned is as unpredictable as the data */
	counts[PG_GETARG_BOOL(2) ? 0 : 1] += 1;
	PG_RETURN_POINTER(s);
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

	if (!AggCheckCallContext(fcinfo, NULL))
		ereport(ERROR,
				(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
				 errmsg("survival_combine called in non-aggregate context")));
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
