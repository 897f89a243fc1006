/*
 * local_date.c: the local date of a timestamptz in a named time zone, the
 * value of (ts AT TIME ZONE zone)::date, for the report views.
 *
 * Every report view turns each timestamptz of the bound sources into a local
 * date in the time_zone setting.  PostgreSQL's AT TIME ZONE looks the zone's
 * name up again for every row (copy, downcase, search the abbreviations, hash
 * the zone name), which cost about a tenth of the scorecard's time on the
 * demo data.  ror._local_date looks the zone up once per query and call site
 * (fn_extra) and converts with the same steps PostgreSQL takes:
 *   - an abbreviation with a fixed offset: ts + offset;
 *   - a zone (name or POSIX string): timestamp2tm in that zone, which is what
 *     AT TIME ZONE does for a zone;
 *   - anything else (an abbreviation whose offset depends on the date, a name
 *     longer than a zone name can be, an unknown name, a timestamp within two
 *     days of the ends of the range): PostgreSQL's own functions, which also
 *     raise their own errors.
 * test/pgtap/local_date.sql compares it with AT TIME ZONE for every zone and
 * abbreviation PostgreSQL knows.
 */
#include "postgres.h"

#include "compat.h"

#include "datatype/timestamp.h"
#include "fmgr.h"
#include "pgtime.h"
#include "utils/builtins.h"
#include "utils/date.h"
#include "utils/datetime.h"
#include "utils/fmgrprotos.h"
#include "utils/timestamp.h"

typedef struct LocalDateZone
{
	int			len;			/* the zone's text, as last given */
	char		name[TZ_STRLEN_MAX + 1];
	RorTzKind	kind;
	int			offset;			/* ROR_TZ_FIXED: seconds east of Greenwich */
	pg_tz	   *tz;				/* ROR_TZ_ZONE */
} LocalDateZone;

/* two days inside the ends of the timestamp range: no offset reaches out of it */
#define LD_MARGIN	(2 * USECS_PER_DAY)

static LocalDateZone *
zone_of(FunctionCallInfo fcinfo, text *zone)
{
	LocalDateZone *z = (LocalDateZone *) fcinfo->flinfo->fn_extra;
	int			len = VARSIZE_ANY_EXHDR(zone);

	if (z != NULL && z->len == len && memcmp(z->name, VARDATA_ANY(zone), len) == 0)
		return z;
	if (z == NULL)
	{
		z = MemoryContextAllocZero(fcinfo->flinfo->fn_mcxt, sizeof(LocalDateZone));
		fcinfo->flinfo->fn_extra = z;
	}
	if (len > TZ_STRLEN_MAX)
	{
		/* PostgreSQL reads a truncated name: let it */
		z->len = -1;
		z->kind = ROR_TZ_OTHER;
		return z;
	}
	memcpy(z->name, VARDATA_ANY(zone), len);
	z->name[len] = '\0';
	z->len = -1;				/* not valid until looked up: the lookup may raise */
	z->kind = ror_decode_tz_name(z->name, &z->offset, &z->tz);
	if (z->kind == ROR_TZ_ZONE && !pg_tz_acceptable(z->tz))
		z->kind = ROR_TZ_OTHER; /* leap seconds: timestamp2tm corrects for them */
	z->len = len;
	return z;
}

/* ror._local_date(timestamptz, zone text) = (ts AT TIME ZONE zone)::date */
PG_FUNCTION_INFO_V1(ror_local_date);
Datum
ror_local_date(PG_FUNCTION_ARGS)
{
	TimestampTz ts = PG_GETARG_TIMESTAMPTZ(0);
	text	   *zone = PG_GETARG_TEXT_PP(1);
	LocalDateZone *z;
	DateADT		result;

	/* AT TIME ZONE keeps an infinity without looking at the zone */
	if (TIMESTAMP_IS_NOBEGIN(ts))
	{
		DATE_NOBEGIN(result);
		PG_RETURN_DATEADT(result);
	}
	if (TIMESTAMP_IS_NOEND(ts))
	{
		DATE_NOEND(result);
		PG_RETURN_DATEADT(result);
	}
	z = zone_of(fcinfo, zone);
	if (ts >= MIN_TIMESTAMP + LD_MARGIN && ts < END_TIMESTAMP - LD_MARGIN)
	{
		if (z->kind == ROR_TZ_FIXED)
		{
			Timestamp	local = ts + (int64) z->offset * USECS_PER_SEC;
			int64		day = local / USECS_PER_DAY;

			if (local < 0 && day * USECS_PER_DAY != local)
				day--;			/* floor: before 2000-01-01 */
			PG_RETURN_DATEADT((DateADT) day);
		}
		if (z->kind == ROR_TZ_ZONE)
		{
			struct pg_tm tm;
			fsec_t		fsec;
			int			tzoff;

			if (timestamp2tm(ts, &tzoff, &tm, &fsec, NULL, z->tz) == 0)
				PG_RETURN_DATEADT(date2j(tm.tm_year, tm.tm_mon, tm.tm_mday) - POSTGRES_EPOCH_JDATE);
		}
	}
	/* PostgreSQL's own way, errors included */
	return DirectFunctionCall1(timestamp_date,
							   DirectFunctionCall2(timestamptz_zone, PointerGetDatum(zone),
												   TimestampTzGetDatum(ts)));
}
