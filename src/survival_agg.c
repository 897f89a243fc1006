/*
 * survival_agg.c: transition, combine and final functions of the
 * Kaplan-Meier aggregates.
 *
 * The state lives in the aggregate context and is updated in place.  When
 * its tail is full it is compacted; when compaction leaves less free room
 * than the list is long (or 64 entries), a state twice as large is built in
 * the per-call memory and returned: the executor copies a new state into the
 * aggregate context and frees the old one.  Each row thus costs a binary
 * search (plus amortized O(log n) sorting for new durations).
 */
#include "survival.h"

#include <math.h>


#define SURVIVAL_MIN_FREE 64

/* the entry with time t in the sorted part, or NULL */
static inline SurvivalEntry *
find_sorted(Survival *s, double t)
{
	int32		lo = 0,
				hi = s->nsorted;

	while (lo < hi)
	{
		int32		mid = (lo + hi) / 2;
		double		m = s->e[mid].time;

		if (m < t)
			lo = mid + 1;
		else if (m > t)
			hi = mid;
		else
			return &s->e[mid];
	}
	return NULL;
}

/* compact s and make sure it has room to append; may return a new, larger state */
static Survival *
make_room(Survival *s)
{
	int32		want;
	Survival   *bigger;

	survival_compact(s);
	want = Max(SURVIVAL_MIN_FREE, s->nsorted);
	if (s->capacity - s->nsorted >= want)
		return s;
	bigger = survival_alloc(s->nsorted + 2 * want);
	bigger->nsorted = bigger->nused = s->nsorted;
	memcpy(bigger->e, s->e, sizeof(SurvivalEntry) * s->nsorted);
	return bigger;
}

/* survival_accum(state, duration, churned): one subject, an event or censored */
PG_FUNCTION_INFO_V1(survival_accum);
Datum
survival_accum(PG_FUNCTION_ARGS)
{
	MemoryContext aggctx;
	Survival   *s;
	SurvivalEntry *e;
	double		t;
	bool		churned;

	if (!AggCheckCallContext(fcinfo, &aggctx))
		ereport(ERROR,
				(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
				 errmsg("survival_accum called in non-aggregate context")));
	if (PG_ARGISNULL(1) || PG_ARGISNULL(2))
	{
		if (PG_ARGISNULL(0))
			PG_RETURN_NULL();
		PG_RETURN_DATUM(PG_GETARG_DATUM(0));
	}
	t = PG_GETARG_FLOAT8(1);
	churned = PG_GETARG_BOOL(2);
	if (!(t >= 0.0) || isinf(t))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("duration %g is invalid", t),
				 errdetail("A duration must be a finite number greater than or equal to 0."),
				 errhint("Skip the row with a NULL duration instead.")));
	if (t == 0.0)
		t = 0.0;				/* -0 counts as 0 */

	if (PG_ARGISNULL(0))
	{
		MemoryContext old = MemoryContextSwitchTo(aggctx);

		s = survival_alloc(SURVIVAL_MIN_FREE);
		MemoryContextSwitchTo(old);
	}
	else
		s = (Survival *) PG_GETARG_POINTER(0);

	e = find_sorted(s, t);
	if (e == NULL && s->nused > s->nsorted && s->e[s->nused - 1].time == t)
		e = &s->e[s->nused - 1];	/* repeats of a new duration in a row */
	if (e == NULL)
	{
		if (s->nused == s->capacity)
		{
			s = make_room(s);
			e = find_sorted(s, t);
		}
		if (e == NULL)
		{
			e = &s->e[s->nused++];
			e->time = t;
		}
	}
	if (churned)
		e->events++;
	else
		e->censored++;
	PG_RETURN_POINTER(s);
}

/*
 * survival_combine(a, b): the merged list.  Combine function of every
 * survival aggregate and transition function of the merge aggregate.  Builds
 * a new state (never returns b itself).
 */
PG_FUNCTION_INFO_V1(survival_combine);
Datum
survival_combine(PG_FUNCTION_ARGS)
{
	MemoryContext aggctx;
	const Survival *b;
	Survival   *a,
			   *r;
	int32		k;

	if (!AggCheckCallContext(fcinfo, &aggctx))
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
		r = survival_alloc(b->nused + SURVIVAL_MIN_FREE);
		memcpy(r->e, b->e, sizeof(SurvivalEntry) * b->nused);
		r->nsorted = r->nused = b->nused;
		PG_RETURN_POINTER(r);
	}
	a = (Survival *) PG_GETARG_POINTER(0);
	survival_compact(a);

	/* merge into a new state with room to keep accumulating */
	r = survival_alloc(a->nsorted + b->nused + SURVIVAL_MIN_FREE);
	k = survival_merge_lists(a->e, a->nsorted, b->e, b->nused, r->e);
	r->nsorted = r->nused = k;
	PG_RETURN_POINTER(r);
}

/* final of survival_agg: the canonical list, without spare room */
PG_FUNCTION_INFO_V1(survival_final);
Datum
survival_final(PG_FUNCTION_ARGS)
{
	const Survival *s = (const Survival *) PG_GETARG_POINTER(0);
	const Survival *c = survival_canonical(s);

	if (c == s)
	{
		Survival   *copy = palloc(VARSIZE(s));

		memcpy(copy, s, VARSIZE(s));
		PG_RETURN_POINTER(copy);
	}
	PG_RETURN_POINTER(c);
}
