/*
 * roragg.c: the aggregate-context check shared by every support function
 * that updates its state in place (see roragg.h).
 */
#include "postgres.h"

#include "roragg.h"

const char	ror_aggregate_checked = 1;

void
ror_require_aggregate(FunctionCallInfo fcinfo, const char *fname)
{
	if (!AggCheckCallContext(fcinfo, NULL))
		ereport(ERROR,
				(errcode(ERRCODE_FEATURE_NOT_SUPPORTED),
				 errmsg("%s called in non-aggregate context", fname)));
}
