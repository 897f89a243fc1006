/*
 * rorresult.h: the row descriptor of a function that returns a composite
 * value once per row (ror.rfm_agg's final function, ror.nps_ci).
 */
#ifndef ROR_RESULT_H
#define ROR_RESULT_H

#include "compat.h"
#include "fmgr.h"
#include "access/tupdesc.h"

/*
 * The blessed descriptor of the function's composite result, looked up on
 * the first call of a call site and kept in its fn_extra: looking it up
 * again for each of 100,000 groups cost more than the aggregate itself.
 * fname names the function in the error for a non-composite result.
 */
extern TupleDesc ror_result_tupdesc(FunctionCallInfo fcinfo, const char *fname);

#endif							/* ROR_RESULT_H */
