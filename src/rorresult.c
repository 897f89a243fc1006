/*
 * rorresult.c: the row descriptor of a composite result (see rorresult.h).
 */
#include "postgres.h"

#include "rorresult.h"

#include "funcapi.h"

TupleDesc
ror_result_tupdesc(FunctionCallInfo fcinfo, const char *fname)
{
	TupleDesc	desc = (TupleDesc) fcinfo->flinfo->fn_extra;

	if (desc == NULL)
	{
		MemoryContext old = MemoryContextSwitchTo(fcinfo->flinfo->fn_mcxt);

		if (get_call_result_type(fcinfo, NULL, &desc) != TYPEFUNC_COMPOSITE)
			elog(ERROR, "%s must return a composite type", fname);
		desc = BlessTupleDesc(CreateTupleDescCopy(desc));
		MemoryContextSwitchTo(old);
		fcinfo->flinfo->fn_extra = desc;
	}
	return desc;
}
