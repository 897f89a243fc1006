/*
 * compat.h: every PostgreSQL version difference ror cares about, in one place.
 *
 * ror is built and tested against PostgreSQL 15, 17 and 18 and keeps 13-17
 * in reach.  Code elsewhere includes this header instead of testing
 * PG_VERSION_NUM itself.
 */
#ifndef ROR_COMPAT_H
#define ROR_COMPAT_H

#include "postgres.h"

#if PG_VERSION_NUM < 130000
#error "ror needs PostgreSQL 13 or later"
#endif

/* float8 helpers (float8_to_shortest, get_float8_infinity) moved to utils/float.h in 12 */
#include "utils/float.h"

/* varatt.h split out of postgres.h in 16 */
#if PG_VERSION_NUM >= 160000
#include "varatt.h"
#endif

/* prefix "does not return" marker: pg_noreturn from 18 on, the attribute before */
#if defined(pg_noreturn)
#define ror_noreturn pg_noreturn
#elif defined(__GNUC__)
#define ror_noreturn __attribute__((noreturn))
#else
#define ror_noreturn
#endif

/* make_range() took a soft-error context in 16 */
#if PG_VERSION_NUM >= 160000
#define ror_make_range(typcache, lower, upper, empty) make_range(typcache, lower, upper, empty, NULL)
#else
#define ror_make_range(typcache, lower, upper, empty) make_range(typcache, lower, upper, empty)
#endif

/*
 * A time zone name as AT TIME ZONE reads it (ror_decode_tz_name): an
 * abbreviation with a fixed offset (seconds east), one whose offset depends
 * on the date, a zone, or (15) a name PostgreSQL does not know; from 16 on
 * an unknown name raises AT TIME ZONE's own error.  DecodeTimezoneName
 * appeared in 16; 15 looks the abbreviation up, then the zone, as its
 * timestamptz_zone does.
 */
#include "pgtime.h"
#include "utils/datetime.h"
#if PG_VERSION_NUM < 160000
#include "parser/scansup.h"
#endif

typedef enum RorTzKind
{
	ROR_TZ_FIXED,
	ROR_TZ_DYNAMIC,
	ROR_TZ_ZONE,
	ROR_TZ_OTHER
} RorTzKind;

static inline RorTzKind
ror_decode_tz_name(const char *name, int *offset, pg_tz **tz)
{
#if PG_VERSION_NUM >= 160000
	switch (DecodeTimezoneName(name, offset, tz))
	{
		case TZNAME_FIXED_OFFSET:
			return ROR_TZ_FIXED;
		case TZNAME_DYNTZ:
			return ROR_TZ_DYNAMIC;
		case TZNAME_ZONE:
			return ROR_TZ_ZONE;
	}
	return ROR_TZ_OTHER;
#else
	char	   *lower = downcase_truncate_identifier(name, strlen(name), false);
	int			type = DecodeTimezoneAbbrev(0, lower, offset, tz);

	if (type == TZ || type == DTZ)
		return ROR_TZ_FIXED;
	if (type == DYNTZ)
		return ROR_TZ_DYNAMIC;
	*tz = pg_tzset(name);
	return *tz != NULL ? ROR_TZ_ZONE : ROR_TZ_OTHER;
#endif
}

#endif							/* ROR_COMPAT_H */
