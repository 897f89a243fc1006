/*
 * churn_io.c: ror.churn_summary text and binary I/O, validation, merging,
 * equality, and the rates every reader of a summary shares.
 *
 * Text form:
 *   (period=[2024-01-01,2024-02-01),at_start=3,churned_from_start=1,new=2,
 *    churned_new=0,customer_days=75)
 * for dates, and for timestamps the bounds in UTC with an explicit +00 and
 * the customer time as exact decimal seconds:
 *   (period=[2024-01-01 00:00:00+00,2024-02-01 00:00:00+00),...,
 *    customer_seconds=6480000.25)
 * The bounds are printed and read in ISO form whatever DateStyle and
 * TimeZone are, so a summary shipped between nodes reads back the same.
 * ",method=name" follows when the summary is the state of churn_rate(..,
 * method).
 */
#include "postgres.h"

#include "churn.h"

#include <math.h>
#include <stdlib.h>

#include "common/int.h"
#include "common/hashfn.h"
#include "libpq/pqformat.h"
#include "utils/builtins.h"
#include "miscadmin.h"
#include "utils/date.h"
#include "utils/datetime.h"
#include "utils/timestamp.h"
#include "rortext.h"

#define CHURN_TYPNAME "ror.churn_summary"

static const char *const method_names[] = {NULL, "standard", "include_new", "customer_days"};

int
churn_method_from_name(const char *name)
{
	for (int m = 1; m <= CHURN_METHOD_MAX; m++)
		if (strcmp(name, method_names[m]) == 0)
			return m;
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
			 errmsg("unknown churn method \"%s\"", name),
			 errhint("The methods are \"standard\", \"include_new\" and \"customer_days\".")));
	return 0;					/* not reached */
}

const char *
churn_method_name(int method)
{
	if (method < 1 || method > CHURN_METHOD_MAX)
		elog(ERROR, "invalid churn method %d", method);
	return method_names[method];
}

/* ISO text of one bound, valid (as churn_summary_validate checks) */
static void
append_bound(StringInfo buf, int kind, int64 v)
{
	struct pg_tm tm;
	fsec_t		fsec;
	char		str[MAXDATELEN + 1];

	if (kind == CHURN_KIND_DATE && IS_VALID_DATE(v))
	{
		j2date((int) (v + POSTGRES_EPOCH_JDATE), &tm.tm_year, &tm.tm_mon, &tm.tm_mday);
		EncodeDateOnly(&tm, USE_ISO_DATES, str);
	}
	/* no time zone argument: the fields are UTC */
	else if (kind == CHURN_KIND_TSTZ && IS_VALID_TIMESTAMP(v) &&
			 timestamp2tm((Timestamp) v, NULL, &tm, &fsec, NULL, NULL) == 0)
	{
		tm.tm_isdst = 0;		/* a known zone, so EncodeDateTime prints +00 */
		EncodeDateTime(&tm, fsec, true, 0, NULL, USE_ISO_DATES, str);
	}
	else
		elog(ERROR, "churn summary bound " INT64_FORMAT " out of range", v);
	appendStringInfoString(buf, str);
}

char *
churn_period_text(int kind, int64 lower, int64 upper)
{
	StringInfoData buf;

	initStringInfo(&buf);
	appendStringInfoChar(&buf, '[');
	append_bound(&buf, kind, lower);
	appendStringInfoChar(&buf, ',');
	append_bound(&buf, kind, upper);
	appendStringInfoChar(&buf, ')');
	return buf.data;
}

static void
check_count(const char *name, int64 v, const char *source, int code)
{
	if (v < 0)
		ereport(ERROR,
				(errcode(code),
				 errmsg("invalid %s: %s is negative (" INT64_FORMAT ")", source, name, v)));
}

void
churn_summary_validate(const ChurnSummary *s, const char *source, int code)
{
	bool		finite;
	double		span,
				most;

	if (s->kind != CHURN_KIND_DATE && s->kind != CHURN_KIND_TSTZ)
		ereport(ERROR,
				(errcode(code),
				 errmsg("invalid %s: unknown period kind %d", source, s->kind)));
	if (s->method > CHURN_METHOD_MAX || s->reserved != 0)
		ereport(ERROR,
				(errcode(code),
				 errmsg("invalid %s: unknown method %d", source, s->method)));
	/* both bounds values of the subtype: what prints reads back */
	if (s->kind == CHURN_KIND_DATE)
		finite = IS_VALID_DATE(s->lower) && IS_VALID_DATE(s->upper);
	else
		finite = IS_VALID_TIMESTAMP(s->lower) && IS_VALID_TIMESTAMP(s->upper);
	if (!finite || s->lower >= s->upper)
		ereport(ERROR,
				(errcode(code),
				 errmsg("invalid %s: the period is not a finite non-empty range", source),
				 errdetail("The bounds must be %s, the start before the end.",
						   s->kind == CHURN_KIND_DATE ?
						   "dates from 4714-11-24 BC to 5874897-12-31" :
						   "timestamps from 4714-11-24 00:00:00+00 BC to before 294277-01-01 00:00:00+00")));
	check_count("at_start", s->at_start, source, code);
	check_count("churned_from_start", s->churned_from_start, source, code);
	check_count("new", s->new_customers, source, code);
	check_count("churned_new", s->churned_new, source, code);
	check_count("customer time", s->customer_seconds, source, code);
	if (s->churned_from_start > s->at_start || s->churned_new > s->new_customers)
		ereport(ERROR,
				(errcode(code),
				 errmsg("invalid %s: more customers churned than were counted", source),
				 errdetail("churned_from_start must not exceed at_start, nor churned_new exceed new.")));
	if (s->customer_usec < 0 || s->customer_usec >= USECS_PER_SEC_I64 ||
		(s->kind == CHURN_KIND_DATE &&
		 (s->customer_usec != 0 || s->customer_seconds % SECS_PER_DAY_I64 != 0)))
		ereport(ERROR,
				(errcode(code),
				 errmsg("invalid %s: the customer time is not a whole number of %s", source,
						s->kind == CHURN_KIND_DATE ? "days" : "microseconds")));

	/* each counted customer spends at most the whole period in it */
	span = (double) s->upper - (double) s->lower;
	if (s->kind == CHURN_KIND_DATE)
		span *= 86400.0;
	else
		span /= 1e6;
	most = ((double) s->at_start + (double) s->new_customers) * span;
	if ((double) s->customer_seconds > most * (1.0 + 1e-12))
		ereport(ERROR,
				(errcode(code),
				 errmsg("invalid %s: the customer time exceeds the customers counted times the period length", source)));
}

void
churn_summary_add(ChurnSummary *a, const ChurnSummary *b)
{
	if (a->kind != b->kind || a->lower != b->lower || a->upper != b->upper)
	{
		const char *pa = churn_period_text(a->kind, a->lower, a->upper);
		const char *pb = churn_period_text(b->kind, b->lower, b->upper);

		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("cannot merge churn summaries of different periods %s and %s", pa, pb),
				 errdetail("A churn summary counts customers for one period; its counts mean nothing for another."),
				 errhint("Group by the period, or build the summaries for the same period.")));
	}
	if (a->method != b->method)
	{
		if (a->method != CHURN_METHOD_NONE && b->method != CHURN_METHOD_NONE)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("cannot merge churn states of methods \"%s\" and \"%s\"",
							churn_method_name(a->method), churn_method_name(b->method))));
		if (a->method == CHURN_METHOD_NONE)
			a->method = b->method;
	}
	if (pg_add_s64_overflow(a->at_start, b->at_start, &a->at_start) ||
		pg_add_s64_overflow(a->churned_from_start, b->churned_from_start, &a->churned_from_start) ||
		pg_add_s64_overflow(a->new_customers, b->new_customers, &a->new_customers) ||
		pg_add_s64_overflow(a->churned_new, b->churned_new, &a->churned_new) ||
		pg_add_s64_overflow(a->customer_seconds, b->customer_seconds, &a->customer_seconds))
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("churn_summary count out of range")));
	a->customer_usec += b->customer_usec;
	if (a->customer_usec >= USECS_PER_SEC_I64)
	{
		a->customer_usec -= USECS_PER_SEC_I64;
		if (pg_add_s64_overflow(a->customer_seconds, 1, &a->customer_seconds))
			ereport(ERROR,
					(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
					 errmsg("churn_summary customer time out of range")));
	}
}

double
churn_customer_days(const ChurnSummary *s)
{
	return (double) s->customer_seconds / 86400.0 + (double) s->customer_usec / 86400e6;
}

double
churn_period_days(const ChurnSummary *s)
{
	/* as doubles: the int64 difference of two timestamps can overflow */
	if (s->kind == CHURN_KIND_DATE)
		return (double) s->upper - (double) s->lower;
	return ((double) s->upper - (double) s->lower) / 86400e6;
}

bool
churn_rate_value(const ChurnSummary *s, int method, double *rate)
{
	double		churned = (double) s->churned_from_start + (double) s->churned_new;

	switch (method)
	{
		case CHURN_METHOD_STANDARD:
			if (s->at_start == 0)
				return false;
			*rate = (double) s->churned_from_start / (double) s->at_start;
			return true;
		case CHURN_METHOD_INCLUDE_NEW:
			if (s->at_start == 0 && s->new_customers == 0)
				return false;
			*rate = churned / ((double) s->at_start + (double) s->new_customers);
			return true;
		case CHURN_METHOD_CUSTOMER_DAYS:
			if (s->customer_seconds == 0 && s->customer_usec == 0)
				return false;
			/* churned / customer-days * period days, in the summary's own time unit */
			if (s->kind == CHURN_KIND_DATE)
				*rate = churned * (double) (s->upper - s->lower) /
					((double) (s->customer_seconds / SECS_PER_DAY_I64));
			else
				*rate = churned * ((double) s->upper - (double) s->lower) /
					((double) s->customer_seconds * 1e6 + (double) s->customer_usec);
			return true;
	}
	elog(ERROR, "invalid churn method %d", method);
	return false;
}

/* ---- text input ---- */

#define CHURN_HINT "The text form is \"(period=[start,end),at_start=N,churned_from_start=N,new=N,churned_new=N,customer_days=N)\", or customer_seconds=S for a timestamp period."

ror_noreturn static void
churn_syntax_error(const char *input, const char *detail)
{
	ror_syntax_error(CHURN_TYPNAME, input, detail, CHURN_HINT);
}

/* expect ",name=" (the comma unless first); then t is at the value */
static void
expect_name(RorTok *t, const char *name, bool comma)
{
	size_t		len = strlen(name);

	if (comma)
	{
		if (!ror_tok_peek(t, ','))
			ror_tok_error(t, psprintf("Expected \",\" before \"%s\".", name));
		t->p++;
	}
	t->p = ror_skip_space(t->p);
	if (strncmp(t->p, name, len) != 0)
		ror_tok_error(t, psprintf("Expected \"%s\".", name));
	t->p += len;
	if (!ror_tok_peek(t, '='))
		ror_tok_error(t, psprintf("Expected \"=\" after \"%s\".", name));
	t->p = ror_skip_space(t->p + 1);
}

/* ",name=N": a whole number */
static int64
parse_count(RorTok *t, const char *name)
{
	expect_name(t, name, true);
	return ror_tok_int64(t, name);
}

/* n digits at *p into *out; false unless all n are digits */
static bool
take_digits(const char **p, const char *end, int n, int *out)
{
	int			v = 0;

	for (int i = 0; i < n; i++, (*p)++)
	{
		if (*p >= end || !isdigit((unsigned char) **p))
			return false;
		v = v * 10 + (**p - '0');
	}
	*out = v;
	return true;
}

static bool
take_char(const char **p, const char *end, char c)
{
	if (*p >= end || **p != c)
		return false;
	(*p)++;
	return true;
}

/*
 * One bound in the shape churn_summary_out prints, and only that:
 * YYYY-MM-DD for a date, YYYY-MM-DD hh:mm:ss[.ffffff]+00 for a timestamp,
 * either followed by " BC" possibly (the year has 4 digits or more).  The
 * fields are decoded here, not by date_in or timestamptz_in, which would
 * read other shapes by DateStyle and TimeZone: the input is IMMUTABLE.
 */
static int64
parse_bound(const char *input, const char *start, const char *end, int *kind)
{
	const char *p = ror_skip_space(start);
	const char *bound;
	int			year = 0,
				ndigits = 0,
				mon,
				mday,
				hour = 0,
				min = 0,
				sec = 0;
	int32		fsec = 0;
	bool		has_time = false,
				bc = false,
				ok;
	int64		j;

	while (end > p && (end[-1] == ' ' || end[-1] == '\t' || end[-1] == '\n' || end[-1] == '\r'))
		end--;
	bound = pnstrdup(p, end - p);
	while (p < end && isdigit((unsigned char) *p) && ndigits < 8)
	{
		year = year * 10 + (*p++ - '0');
		ndigits++;
	}
	ok = ndigits >= 4 && ndigits <= 7 && take_char(&p, end, '-') && take_digits(&p, end, 2, &mon) &&
		take_char(&p, end, '-') && take_digits(&p, end, 2, &mday);
	if (ok && end - p > 3 && *p == ' ' && isdigit((unsigned char) p[1]))
	{
		has_time = true;
		p++;
		ok = take_digits(&p, end, 2, &hour) && take_char(&p, end, ':') &&
			take_digits(&p, end, 2, &min) && take_char(&p, end, ':') &&
			take_digits(&p, end, 2, &sec);
		if (ok && take_char(&p, end, '.'))
		{
			int			n = 0;

			while (p < end && isdigit((unsigned char) *p) && n < 6)
			{
				fsec = fsec * 10 + (*p++ - '0');
				n++;
			}
			ok = n > 0;
			while (n++ < 6)
				fsec *= 10;
		}
		ok = ok && take_char(&p, end, '+') && take_char(&p, end, '0') && take_char(&p, end, '0');
	}
	if (ok && end - p == 3 && strncmp(p, " BC", 3) == 0)
	{
		bc = true;
		p += 3;
	}
	if (!ok || p != end)
		churn_syntax_error(input, psprintf("The period bound \"%s\" is not an ISO date (YYYY-MM-DD) nor an ISO timestamp in UTC (YYYY-MM-DD hh:mm:ss+00), possibly followed by \" BC\".", bound));
	/* there is no year 0 (it prints as 0001 BC) */
	ok = year >= 1;
	if (bc)
		year = 1 - year;
	if (!ok || mon < 1 || mon > MONTHS_PER_YEAR || mday < 1 ||
		mday > day_tab[isleap(year)][mon - 1] || hour > 23 || min > 59 || sec > 59)
		churn_syntax_error(input, psprintf("The period bound \"%s\" is not a valid %s.", bound,
										   has_time ? "timestamp" : "date"));
	*kind = has_time ? CHURN_KIND_TSTZ : CHURN_KIND_DATE;
	if (IS_VALID_JULIAN(year, mon, mday))
	{
		j = (int64) date2j(year, mon, mday) - POSTGRES_EPOCH_JDATE;
		if (!has_time && IS_VALID_DATE(j))
			return j;
		/* j is below 2^27 here, so the product stays inside an int64 */
		if (has_time && j >= (int64) DATETIME_MIN_JULIAN - POSTGRES_EPOCH_JDATE &&
			j < (int64) TIMESTAMP_END_JULIAN - POSTGRES_EPOCH_JDATE)
		{
			int64		t = j * USECS_PER_DAY + ((hour * INT64CONST(60) + min) * 60 + sec) * USECS_PER_SEC + fsec;

			if (IS_VALID_TIMESTAMP(t))
				return t;
		}
	}
	ereport(ERROR,
			(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
			 errmsg("period bound \"%s\" is out of range for type %s", bound, CHURN_TYPNAME),
			 errdetail("Input: \"%s\".", input),
			 errhint("Give %s.", has_time ?
					 "a timestamp from 4714-11-24 00:00:00+00 BC to before 294277-01-01 00:00:00+00" :
					 "a date from 4714-11-24 BC to 5874897-12-31")));
	return 0;					/* not reached */
}

/* "[lower,upper)" at t */
static void
parse_period(RorTok *t, ChurnSummary *s)
{
	const char *comma,
			   *close;
	int			k1,
				k2;

	if (*t->p != '[')
		ror_tok_error(t, "The period must start with \"[\".");
	comma = strchr(t->p, ',');
	close = comma ? strchr(comma, ')') : NULL;
	if (comma == NULL || close == NULL)
		ror_tok_error(t, "The period must have the form [start,end).");
	s->lower = parse_bound(t->input, t->p + 1, comma, &k1);
	s->upper = parse_bound(t->input, comma + 1, close, &k2);
	if (k1 != k2)
		ror_tok_error(t, "Both period bounds must be dates, or both timestamps.");
	s->kind = (uint8) k1;
	t->p = close + 1;
}

/*
 * ",customer_seconds=S": exact decimal seconds, a whole number (rortoken.h)
 * with at most 6 decimals after a ".", e.g. 13392000.5
 */
static void
parse_seconds(RorTok *t, ChurnSummary *s)
{
	const char *start;
	int			digits = 0;
	int32		usec = 0;

	expect_name(t, "customer_seconds", true);
	start = t->p;
	switch (ror_read_int64(&t->p, &s->customer_seconds))
	{
		case ROR_NUM_SYNTAX:
			ror_tok_error(t, "customer_seconds must be a number of seconds with at most 6 decimals.");
		case ROR_NUM_RANGE:
			ror_tok_out_of_range(t, "customer_seconds");
		case ROR_NUM_OK:
			break;
	}
	if (*t->p == '.')
	{
		for (t->p++; *t->p >= '0' && *t->p <= '9'; t->p++)
		{
			if (++digits > 6)
				ror_tok_error(t, "customer_seconds has at most 6 decimals (microseconds).");
			usec = usec * 10 + (*t->p - '0');
		}
		if (digits == 0)
			ror_tok_error(t, "Expected decimals after \".\" in customer_seconds.");
		while (digits++ < 6)
			usec *= 10;
	}
	/* -S.f is -S - 0.f (validation then refuses the negative time) */
	if (*start == '-' && usec != 0)
	{
		if (pg_sub_s64_overflow(s->customer_seconds, 1, &s->customer_seconds))
			ror_tok_out_of_range(t, "customer_seconds");
		usec = USECS_PER_SEC_I64 - usec;
	}
	s->customer_usec = usec;
}

PG_FUNCTION_INFO_V1(churn_summary_in);
Datum
churn_summary_in(PG_FUNCTION_ARGS)
{
	char	   *input = PG_GETARG_CSTRING(0);
	RorTok		t = {CHURN_TYPNAME, input, CHURN_HINT, input};
	ChurnSummary *s = palloc0(sizeof(ChurnSummary));

	if (!ror_tok_peek(&t, '('))
		ror_tok_error(&t, "Expected \"(\" at the start.");
	t.p++;
	expect_name(&t, "period", false);
	parse_period(&t, s);
	s->at_start = parse_count(&t, "at_start");
	s->churned_from_start = parse_count(&t, "churned_from_start");
	s->new_customers = parse_count(&t, "new");
	s->churned_new = parse_count(&t, "churned_new");
	if (s->kind == CHURN_KIND_DATE)
	{
		int64		days = parse_count(&t, "customer_days");

		if (days < 0 || days > PG_INT64_MAX / SECS_PER_DAY_I64)
			ror_tok_out_of_range(&t, "customer_days");
		s->customer_seconds = days * SECS_PER_DAY_I64;
	}
	else
		parse_seconds(&t, s);
	if (ror_tok_peek(&t, ','))
	{
		const char *e;
		char	   *name;

		expect_name(&t, "method", true);
		for (e = t.p; *e == '_' || (*e >= 'a' && *e <= 'z'); e++)
			;
		name = pnstrdup(t.p, e - t.p);
		for (int m = 1; m <= CHURN_METHOD_MAX; m++)
			if (strcmp(name, method_names[m]) == 0)
				s->method = (uint8) m;
		if (s->method == CHURN_METHOD_NONE)
			ror_tok_error(&t, "The method must be standard, include_new or customer_days.");
		t.p = e;
	}
	if (!ror_tok_peek(&t, ')'))
		ror_tok_error(&t, "Expected \")\" after the last field.");
	t.p++;
	ror_tok_end(&t);
	churn_summary_validate(s, CHURN_TYPNAME, ERRCODE_INVALID_TEXT_REPRESENTATION);
	PG_RETURN_CHURN_P(s);
}

PG_FUNCTION_INFO_V1(churn_summary_out);
Datum
churn_summary_out(PG_FUNCTION_ARGS)
{
	ChurnSummary *s = PG_GETARG_CHURN_P(0);
	StringInfoData buf;

	initStringInfo(&buf);
	appendStringInfo(&buf, "(period=%s,at_start=" INT64_FORMAT ",churned_from_start=" INT64_FORMAT
					 ",new=" INT64_FORMAT ",churned_new=" INT64_FORMAT,
					 churn_period_text(s->kind, s->lower, s->upper), s->at_start,
					 s->churned_from_start, s->new_customers, s->churned_new);
	if (s->kind == CHURN_KIND_DATE)
		appendStringInfo(&buf, ",customer_days=" INT64_FORMAT, s->customer_seconds / SECS_PER_DAY_I64);
	else
	{
		appendStringInfo(&buf, ",customer_seconds=" INT64_FORMAT, s->customer_seconds);
		if (s->customer_usec != 0)
		{
			char		frac[8];
			int			n = 6;

			snprintf(frac, sizeof(frac), "%06d", (int) s->customer_usec);
			while (frac[n - 1] == '0')
				frac[--n] = '\0';
			appendStringInfo(&buf, ".%s", frac);
		}
	}
	if (s->method != CHURN_METHOD_NONE)
		appendStringInfo(&buf, ",method=%s", churn_method_name(s->method));
	appendStringInfoChar(&buf, ')');
	PG_RETURN_CSTRING(buf.data);
}

PG_FUNCTION_INFO_V1(churn_summary_recv);
Datum
churn_summary_recv(PG_FUNCTION_ARGS)
{
	StringInfo	msg = (StringInfo) PG_GETARG_POINTER(0);
	ChurnSummary *s = palloc0(sizeof(ChurnSummary));
	int			version = pq_getmsgbyte(msg);

	if (version != CHURN_SUMMARY_VERSION)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("unsupported binary format version %d for type %s", version, CHURN_TYPNAME),
				 errdetail("This build reads version %d.", CHURN_SUMMARY_VERSION)));
	s->kind = (uint8) pq_getmsgbyte(msg);
	s->method = (uint8) pq_getmsgbyte(msg);
	s->lower = pq_getmsgint64(msg);
	s->upper = pq_getmsgint64(msg);
	s->at_start = pq_getmsgint64(msg);
	s->churned_from_start = pq_getmsgint64(msg);
	s->new_customers = pq_getmsgint64(msg);
	s->churned_new = pq_getmsgint64(msg);
	s->customer_seconds = pq_getmsgint64(msg);
	s->customer_usec = (int32) pq_getmsgint(msg, 4);
	churn_summary_validate(s, CHURN_TYPNAME, ERRCODE_INVALID_BINARY_REPRESENTATION);
	PG_RETURN_CHURN_P(s);
}

PG_FUNCTION_INFO_V1(churn_summary_send);
Datum
churn_summary_send(PG_FUNCTION_ARGS)
{
	ChurnSummary *s = PG_GETARG_CHURN_P(0);
	StringInfoData buf;

	pq_begintypsend(&buf);
	pq_sendbyte(&buf, CHURN_SUMMARY_VERSION);
	pq_sendbyte(&buf, s->kind);
	pq_sendbyte(&buf, s->method);
	pq_sendint64(&buf, s->lower);
	pq_sendint64(&buf, s->upper);
	pq_sendint64(&buf, s->at_start);
	pq_sendint64(&buf, s->churned_from_start);
	pq_sendint64(&buf, s->new_customers);
	pq_sendint64(&buf, s->churned_new);
	pq_sendint64(&buf, s->customer_seconds);
	pq_sendint32(&buf, s->customer_usec);
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

/* bitwise equality: the text round trip must preserve every bit */
PG_FUNCTION_INFO_V1(churn_summary_eq);
Datum
churn_summary_eq(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(memcmp(PG_GETARG_CHURN_P(0), PG_GETARG_CHURN_P(1), sizeof(ChurnSummary)) == 0);
}

PG_FUNCTION_INFO_V1(churn_summary_ne);
Datum
churn_summary_ne(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(memcmp(PG_GETARG_CHURN_P(0), PG_GETARG_CHURN_P(1), sizeof(ChurnSummary)) != 0);
}

/* hash of the bytes equality compares: for GROUP BY, DISTINCT, UNION, hash joins */
PG_FUNCTION_INFO_V1(churn_summary_hash);
Datum
churn_summary_hash(PG_FUNCTION_ARGS)
{
	return hash_any((const unsigned char *) PG_GETARG_CHURN_P(0), sizeof(ChurnSummary));
}
