/*
 * rorbinary.c: the versioned binary form of fixed-field summaries.
 */
#include "postgres.h"

#include "rorbinary.h"

#include "libpq/pqformat.h"

void
ror_binary_check_version(StringInfo msg, const char *typname, int version)
{
	int			v = pq_getmsgbyte(msg);

	if (v != version)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("unsupported binary format version %d for type %s", v, typname),
				 errdetail("This build reads version %d.", version)));
}

void
ror_binary_send_fields(StringInfo buf, int version, const RorField *fields, int nfields)
{
	pq_sendbyte(buf, version);
	for (int i = 0; i < nfields; i++)
	{
		if (fields[i].kind == ROR_FIELD_INT64)
			pq_sendint64(buf, *(int64 *) fields[i].value);
		else
			pq_sendfloat8(buf, *(double *) fields[i].value);
	}
}

void
ror_binary_recv_fields(StringInfo msg, const RorField *fields, int nfields)
{
	for (int i = 0; i < nfields; i++)
	{
		if (fields[i].kind == ROR_FIELD_INT64)
			*(int64 *) fields[i].value = pq_getmsgint64(msg);
		else
			*(double *) fields[i].value = pq_getmsgfloat8(msg);
	}
}
