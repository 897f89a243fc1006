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

#endif							/* ROR_COMPAT_H */
