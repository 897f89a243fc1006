/*
 * roragg.h: the check every aggregate support function makes before it
 * changes a state in place: that it was called by an aggregate (or window
 * aggregate), not directly from SQL.
 */
#ifndef ROR_ROR_AGG_H
#define ROR_ROR_AGG_H

#include "compat.h"
#include "fmgr.h"

/* ERROR 0A000 "<fname> called in non-aggregate context" unless in an aggregate */
extern void ror_require_aggregate(FunctionCallInfo fcinfo, const char *fname);

/*
 * fn_extra of a transition function once ror_require_aggregate_once passed.
 * An FmgrInfo belongs to one call site, so the check holds for every later
 * row.  Only for functions that keep nothing else in fn_extra.
 */
extern const char ror_aggregate_checked;

static inline bool
ror_aggregate_was_checked(FunctionCallInfo fcinfo)
{
	return fcinfo->flinfo->fn_extra == &ror_aggregate_checked;
}

/* ror_require_aggregate on the first call of this call site only */
static inline void
ror_require_aggregate_once(FunctionCallInfo fcinfo, const char *fname)
{
	if (unlikely(!ror_aggregate_was_checked(fcinfo)))
	{
		ror_require_aggregate(fcinfo, fname);
		fcinfo->flinfo->fn_extra = unconstify(char *, &ror_aggregate_checked);
	}
}

/*
 * The rows per group the planner expects at this aggregate (its input's
 * estimated rows / its estimated groups), and the groups into *groups when
 * not NULL; 0 when unknown (window aggregates).  A hint for the first
 * allocation of a state, never more: estimates can be far off, so callers
 * bound what they allocate from it.
 */
extern double ror_agg_rows_per_group(FunctionCallInfo fcinfo, double *groups);

#endif							/* ROR_ROR_AGG_H */
