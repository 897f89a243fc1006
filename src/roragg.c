/*
 * roragg.c: the aggregate-context check shared by every support function
 * that updates its state in place, and the planner's rows-per-group
 * estimate that sizes a new state (see roragg.h).
 */
#include "postgres.h"

#include "roragg.h"

#include "nodes/execnodes.h"
#include "nodes/plannodes.h"

const char	ror_aggregate_checked = 1;

void
ror_require_aggregate(FunctionCallInfo fcinfo, const char *fname)
{
	if (!AggCheckCallContext(fcinfo, NULL))
		ereport(ERROR,
				(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
				 errmsg("%s called in non-aggregate context", fname)));
}

double
ror_agg_rows_per_group(FunctionCallInfo fcinfo, double *groups)
{
	AggState   *agg;
	Agg		   *plan;
	Plan	   *input;

	if (groups)
		*groups = 0.0;
	if (fcinfo->context == NULL || !IsA(fcinfo->context, AggState))
		return 0.0;				/* a window aggregate: no estimate worth having */
	agg = (AggState *) fcinfo->context;
	plan = (Agg *) agg->ss.ps.plan;
	input = outerPlan(plan);
	if (input == NULL || plan->numGroups < 1 || input->plan_rows < 1)
		return 0.0;
	if (groups)
		*groups = (double) plan->numGroups;
	return input->plan_rows / (double) plan->numGroups;
}
