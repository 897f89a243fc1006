/*
 * shim.c: the few backend services ror's input and output functions call,
 * written for the fuzz harness (harness.c), so that ror's own C files run
 * outside a server, unchanged.
 *
 * - Memory: every palloc is its own malloc, so AddressSanitizer sees each
 *   chunk's bounds; shim_free_all() frees what one input left behind (an
 *   ERROR leaves its allocations, as a memory context reset would).
 * - Errors: errstart/errfinish record the SQLSTATE and message and jump
 *   back to the harness through PG_exception_stack, as ereport does.
 * - Binary messages: pq_getmsg* with the server's bounds checks (08P01 when
 *   a message is too short) and pq_begintypsend/pq_endtypsend.
 * - Dates: the proleptic Gregorian calendar and ISO output the server uses,
 *   so that output followed by input is checked the way the server does it.
 *
 * Anything else ror's code reaches is a harness defect: it aborts, loudly.
 */
#include "postgres.h"

#include <limits.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "datatype/timestamp.h"
#include "fmgr.h"
#include "lib/stringinfo.h"
#include "libpq/pqformat.h"
#include "miscadmin.h"
#include "port/pg_bswap.h"
#include "utils/datetime.h"
#include "utils/memutils.h"

#include "shim.h"

/* ---- memory ---- */

typedef struct Chunk
{
	struct Chunk *prev;
	struct Chunk *next;
	size_t		size;
	size_t		pad;			/* keeps the user pointer 16-aligned */
} Chunk;

static Chunk arena = {&arena, &arena, 0, 0};

/* any non-NULL value: ror's code only passes it back to MemoryContextAlloc */
static char fake_context;
MemoryContext CurrentMemoryContext = (MemoryContext) &fake_context;
volatile sig_atomic_t InterruptPending = false;

static void *
shim_alloc(size_t size, bool zero)
{
	Chunk	   *c;

	/* the server refuses these with an internal error: ror must never ask */
	if (!AllocSizeIsValid(size))
		shim_defect("palloc of %zu bytes (over MaxAllocSize)", size);
	c = malloc(sizeof(Chunk) + size);
	if (c == NULL)
		shim_defect("out of memory allocating %zu bytes", size);
	if (zero)
		memset(c + 1, 0, size);
	c->size = size;
	c->next = arena.next;
	c->prev = &arena;
	arena.next->prev = c;
	arena.next = c;
	return c + 1;
}

static Chunk *
chunk_of(void *p)
{
	if (p == NULL)
		shim_defect("pfree or repalloc of NULL");
	return (Chunk *) p - 1;
}

void *
palloc(Size size)
{
	return shim_alloc(size, false);
}

void *
palloc0(Size size)
{
	return shim_alloc(size, true);
}

void *
MemoryContextAlloc(MemoryContext context, Size size)
{
	return shim_alloc(size, false);
}

void *
MemoryContextAllocZero(MemoryContext context, Size size)
{
	return shim_alloc(size, true);
}

void
pfree(void *p)
{
	Chunk	   *c = chunk_of(p);

	c->prev->next = c->next;
	c->next->prev = c->prev;
	free(c);
}

void *
repalloc(void *p, Size size)
{
	Chunk	   *c = chunk_of(p);
	void	   *n = shim_alloc(size, false);

	memcpy(n, p, Min(c->size, size));
	pfree(p);
	return n;
}

char *
pnstrdup(const char *in, Size len)
{
	size_t		n = strnlen(in, len);
	char	   *out = shim_alloc(n + 1, false);

	memcpy(out, in, n);
	out[n] = '\0';
	return out;
}

void
shim_free_all(void)
{
	while (arena.next != &arena)
		pfree(arena.next + 1);
}

/* ---- errors ---- */

sigjmp_buf *PG_exception_stack = NULL;
ErrorContextCallback *error_context_stack = NULL;

static int	err_level;
static int	err_code;
static char err_message[1024];

int			shim_last_sqlstate;
const char *shim_last_message = err_message;

void
shim_defect(const char *fmt,...)
{
	va_list		ap;

	fprintf(stderr, "ror fuzz harness: ");
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\n");
	abort();
}

bool
errstart(int elevel, const char *domain)
{
	/* below ERROR nothing is raised: a NOTICE would not stop the function */
	if (elevel < ERROR)
		return false;
	err_level = elevel;
	err_code = ERRCODE_INTERNAL_ERROR;	/* elog's code, unless errcode() says */
	err_message[0] = '\0';
	return true;
}

bool
errstart_cold(int elevel, const char *domain)
{
	return errstart(elevel, domain);
}

int
errcode(int sqlerrcode)
{
	err_code = sqlerrcode;
	return 0;
}

/* format every message part: a bad format argument is a bug ASan should see */
static char err_scratch[1024];

#define FORMAT_INTO(dst) \
	do { \
		va_list		ap; \
		va_start(ap, fmt); \
		vsnprintf(dst, sizeof(dst), fmt, ap); \
		va_end(ap); \
	} while (0)

int
errmsg(const char *fmt,...)
{
	FORMAT_INTO(err_message);
	return 0;
}

int
errmsg_internal(const char *fmt,...)
{
	FORMAT_INTO(err_message);
	return 0;
}

int
errdetail(const char *fmt,...)
{
	FORMAT_INTO(err_scratch);
	return 0;
}

int
errhint(const char *fmt,...)
{
	FORMAT_INTO(err_scratch);
	return 0;
}

void
errfinish(const char *filename, int lineno, const char *funcname)
{
	if (err_level >= FATAL)
		shim_defect("%s at %s:%d: %s", err_level == FATAL ? "FATAL" : "PANIC",
					filename, lineno, err_message);
	shim_last_sqlstate = err_code;
	if (PG_exception_stack == NULL)
		shim_defect("ERROR outside the harness at %s:%d: %s", filename, lineno, err_message);
	siglongjmp(*PG_exception_stack, 1);
}

void
ProcessInterrupts(void)
{
	InterruptPending = false;
}

/* ---- binary messages (libpq/pqformat.h) ---- */

static void
message_too_short(void)
{
	ereport(ERROR,
			(errcode(ERRCODE_PROTOCOL_VIOLATION),
			 errmsg("insufficient data left in message")));
}

static void
take_bytes(StringInfo msg, void *dst, int n)
{
	if (n < 0 || n > msg->len - msg->cursor)
		message_too_short();
	memcpy(dst, msg->data + msg->cursor, n);
	msg->cursor += n;
}

int
pq_getmsgbyte(StringInfo msg)
{
	if (msg->cursor >= msg->len)
		ereport(ERROR,
				(errcode(ERRCODE_PROTOCOL_VIOLATION),
				 errmsg("no data left in message")));
	return (unsigned char) msg->data[msg->cursor++];
}

unsigned int
pq_getmsgint(StringInfo msg, int b)
{
	uint8		v8;
	uint16		v16;
	uint32		v32;

	switch (b)
	{
		case 1:
			take_bytes(msg, &v8, 1);
			return v8;
		case 2:
			take_bytes(msg, &v16, 2);
			return pg_ntoh16(v16);
		case 4:
			take_bytes(msg, &v32, 4);
			return pg_ntoh32(v32);
	}
	shim_defect("pq_getmsgint of %d bytes", b);
	return 0;
}

int64
pq_getmsgint64(StringInfo msg)
{
	uint64		v;

	take_bytes(msg, &v, 8);
	return (int64) pg_ntoh64(v);
}

float8
pq_getmsgfloat8(StringInfo msg)
{
	union
	{
		int64		i;
		float8		f;
	}			u;

	u.i = pq_getmsgint64(msg);
	return u.f;
}

void
pq_sendfloat8(StringInfo buf, float8 f)
{
	union
	{
		int64		i;
		float8		f;
	}			u;

	u.f = f;
	pq_sendint64(buf, u.i);
}

void
pq_begintypsend(StringInfo buf)
{
	initStringInfo(buf);
	appendStringInfoSpaces(buf, VARHDRSZ);	/* the varlena header, set at the end */
}

bytea *
pq_endtypsend(StringInfo buf)
{
	bytea	   *result = (bytea *) buf->data;

	SET_VARSIZE(result, buf->len);
	return result;
}

/* ---- varlena and fmgr ---- */

struct varlena *
pg_detoast_datum(struct varlena *datum)
{
	/* the harness only makes plain 4-byte-header values */
	if (VARATT_IS_EXTENDED(datum))
		shim_defect("pg_detoast_datum of a compressed, external or short value");
	return datum;
}

struct varlena *
pg_detoast_datum_packed(struct varlena *datum)
{
	return pg_detoast_datum(datum);
}

Datum
DirectFunctionCall1Coll(PGFunction func, Oid collation, Datum arg1)
{
	LOCAL_FCINFO(fcinfo, 1);
	Datum		result;

	InitFunctionCallInfoData(*fcinfo, NULL, 1, collation, NULL, NULL);
	fcinfo->args[0].value = arg1;
	fcinfo->args[0].isnull = false;
	result = (*func) (fcinfo);
	if (fcinfo->isnull)
		shim_defect("function %p returned NULL", (void *) func);
	return result;
}

int
pg_mbcliplen(const char *mbstr, int len, int limit)
{
	/* the harness's server encoding is SQL_ASCII: bytes are characters */
	return Min(len, limit);
}

/* ---- dates (utils/datetime.h), proleptic Gregorian ---- */

const int	day_tab[2][13] = {
	{31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31, 0},
	{31, 29, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31, 0}
};

/*
 * Julian day number of a Gregorian date (Fliegel and Van Flandern, 1968), in
 * 64-bit arithmetic so the server's whole range (from 4714-11-24 BC to
 * 5874897-12-31) fits; C division truncates, which the formula assumes.
 */
int
date2j(int year, int month, int day)
{
	int64		y = year,
				m = month,
				a = (m - 14) / 12;

	return (int) ((1461 * (y + 4800 + a)) / 4 +
				  (367 * (m - 2 - 12 * a)) / 12 -
				  (3 * ((y + 4900 + a) / 100)) / 4 +
				  day - 32075);
}

void
j2date(int jd, int *year, int *month, int *day)
{
	int64		l = (int64) (unsigned int) jd + 68569,
				n = 4 * l / 146097,
				i,
				j;

	l -= (146097 * n + 3) / 4;
	i = 4000 * (l + 1) / 1461001;
	l = l - 1461 * i / 4 + 31;
	j = 80 * l / 2447;
	*day = (int) (l - 2447 * j / 80);
	l = j / 11;
	*month = (int) (j + 2 - 12 * l);
	*year = (int) (100 * (n - 49) + i + l);
}

/* UTC only: ror calls it with no zone */
int
timestamp2tm(Timestamp dt, int *tzp, struct pg_tm *tm, fsec_t *fsec,
			 const char **tzn, pg_tz *attimezone)
{
	int64		days,
				t;

	if (tzp != NULL || attimezone != NULL)
		shim_defect("timestamp2tm with a time zone");
	if (TIMESTAMP_NOT_FINITE(dt))
		return -1;
	days = dt / USECS_PER_DAY;
	t = dt % USECS_PER_DAY;
	if (t < 0)
	{
		t += USECS_PER_DAY;
		days--;
	}
	days += POSTGRES_EPOCH_JDATE;
	if (days < 0 || days > INT_MAX)
		return -1;
	j2date((int) days, &tm->tm_year, &tm->tm_mon, &tm->tm_mday);
	tm->tm_hour = (int) (t / USECS_PER_HOUR);
	t -= tm->tm_hour * USECS_PER_HOUR;
	tm->tm_min = (int) (t / USECS_PER_MINUTE);
	t -= tm->tm_min * USECS_PER_MINUTE;
	tm->tm_sec = (int) (t / USECS_PER_SEC);
	*fsec = (fsec_t) (t - tm->tm_sec * USECS_PER_SEC);
	tm->tm_isdst = -1;
	tm->tm_gmtoff = 0;
	tm->tm_zone = NULL;
	if (tzn != NULL)
		*tzn = NULL;
	return 0;
}

/* ISO: YYYY-MM-DD, years before 1 as "(1 - year) BC" */
static char *
iso_date(const struct pg_tm *tm, char *str)
{
	bool		bc = tm->tm_year <= 0;

	return str + sprintf(str, "%04d-%02d-%02d", bc ? 1 - tm->tm_year : tm->tm_year,
						 tm->tm_mon, tm->tm_mday);
}

void
EncodeDateOnly(struct pg_tm *tm, int style, char *str)
{
	char	   *p;

	if (style != USE_ISO_DATES)
		shim_defect("EncodeDateOnly style %d", style);
	p = iso_date(tm, str);
	if (tm->tm_year <= 0)
		strcpy(p, " BC");
}

/* ISO with a UTC offset of zero: YYYY-MM-DD hh:mm:ss[.ffffff]+00[ BC] */
void
EncodeDateTime(struct pg_tm *tm, fsec_t fsec, bool print_tz, int tz,
			   const char *tzn, int style, char *str)
{
	char	   *p;

	if (style != USE_ISO_DATES || !print_tz || tz != 0 || tzn != NULL)
		shim_defect("EncodeDateTime other than ISO in UTC");
	p = iso_date(tm, str);
	p += sprintf(p, " %02d:%02d:%02d", tm->tm_hour, tm->tm_min, tm->tm_sec);
	if (fsec != 0)
	{
		p += sprintf(p, ".%06d", (int) fsec);
		while (p[-1] == '0')
			*--p = '\0';
	}
	p += sprintf(p, "+00");
	if (tm->tm_year <= 0)
		strcpy(p, " BC");
}
