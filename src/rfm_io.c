/*
 * rfm_io.c: ror.rfm_state text and binary I/O, validation, equality and
 * the entry-array helpers.
 *
 * Text form: (observation_end=1997-09-30,days=[1997-01-01:29.33,...]) with
 * the days ascending and distinct, dates as ISO year-month-day (astronomical
 * year numbering, so 1 BC is year 0, whatever DateStyle says) and amounts
 * in shortest exact form.
 */
#include "postgres.h"

#include "rfm.h"

#include <math.h>
#include <stdlib.h>

#include "datatype/timestamp.h"
#include "libpq/pqformat.h"
#include "utils/builtins.h"
#include "utils/datetime.h"
#include "rorhist.h"
#include "rortext.h"
#include "rortoken.h"

#define RFM_TEXT_FORM "(observation_end=YYYY-MM-DD,days=[YYYY-MM-DD:amount,...])"

static int
rfm_entry_cmp(const void *a, const void *b)
{
	DateADT		x = ((const RfmEntry *) a)->day;
	DateADT		y = ((const RfmEntry *) b)->day;

	return x < y ? -1 : (x > y ? 1 : 0);
}

/*
 * fold src's amount into dst (same day); ERROR 22003 when the sum overflows,
 * so that no aggregate builds a state its own input function would reject
 */
static void
rfm_entry_add(void *dst, const void *src)
{
	RfmEntry   *d = dst;
	const RfmEntry *e = src;
	double		a = d->amount + e->amount;

	if (isinf(a))
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("rfm_agg amount sum out of range: %g + %g on %s",
						d->amount, e->amount,
						DatumGetCString(DirectFunctionCall1(date_out, DateADTGetDatum(d->day)))),
				 errdetail("The summed amount of one purchase day must be a finite number.")));
	d->amount = a;
}

const RorHistType rfm_hist = {
	"rfm_agg state", "purchase days",
	offsetof(RfmState, entries), sizeof(RfmEntry), rfm_entry_cmp, rfm_entry_add
};

bool
rfm_day_is_finite(DateADT d)
{
	return !DATE_NOT_FINITE(d) && IS_VALID_DATE(d);
}

/* checks every state the aggregates build passes; code 22P02 or 22P03 */
static void
rfm_state_validate(const RfmState *s, int code)
{
	if (!rfm_day_is_finite(s->observation_end))
		ereport(ERROR,
				(errcode(code),
				 errmsg("invalid %s: the observation end is not a finite date", RFM_STATE_TYPNAME)));
	for (int i = 0; i < s->hist.n; i++)
	{
		const RfmEntry *e = &s->entries[i];

		if (!rfm_day_is_finite(e->day) || e->day > s->observation_end)
			ereport(ERROR,
					(errcode(code),
					 errmsg("invalid %s: day %d is not a finite date on or before the observation end",
							RFM_STATE_TYPNAME, i + 1)));
		if (i > 0 && e->day <= s->entries[i - 1].day)
			ereport(ERROR,
					(errcode(code),
					 errmsg("invalid %s: day %d is out of order or repeated", RFM_STATE_TYPNAME, i + 1),
					 errdetail("Days are ascending and distinct.")));
		if (isnan(e->amount) || isinf(e->amount))
			ereport(ERROR,
					(errcode(code),
					 errmsg("invalid %s: the amount of day %d is not finite", RFM_STATE_TYPNAME, i + 1)));
	}
}

static void
rfm_append_date(StringInfo buf, DateADT d)
{
	int			y,
				m,
				day;

	j2date(d + POSTGRES_EPOCH_JDATE, &y, &m, &day);
	if (y < 0)
		appendStringInfo(buf, "-%04d-%02d-%02d", -y, m, day);
	else
		appendStringInfo(buf, "%04d-%02d-%02d", y, m, day);
}

/*
 * n digits (n = 0: one to nine) at *p into *v, advancing *p; false when
 * there are not exactly that many (no sign, no white space: strtol would take both)
 */
static bool
rfm_tok_digits(const char **p, int n, long *v)
{
	int			k = 0;

	*v = 0;
	while (**p >= '0' && **p <= '9' && k < 9)
	{
		*v = *v * 10 + (**p - '0');
		(*p)++;
		k++;
	}
	return k > 0 && (n == 0 ? !(**p >= '0' && **p <= '9') : k == n);
}

/* a strict [-]Y-MM-DD date; the result checked to be a real, finite date */
static DateADT
rfm_tok_date(RorTok *t)
{
	const char *q;
	long		y,
				m,
				d;
	int			jd;
	int			yy,
				mm,
				dd;
	const char *start;
	bool		neg;

	(void) ror_tok_peek(t, '0');	/* skips white space */
	start = q = t->p;
	neg = (*q == '-');
	if (neg)
		q++;
	if (!rfm_tok_digits(&q, 0, &y) || *q++ != '-' ||
		!rfm_tok_digits(&q, 2, &m) || *q++ != '-' ||
		!rfm_tok_digits(&q, 2, &d) || (*q >= '0' && *q <= '9'))
		ror_tok_error(t, psprintf("Expected a date YYYY-MM-DD at \"%.*s\".", ror_tok_cliplen(start), start));
	if (neg)
		y = -y;
	t->p = q;
	/* IS_VALID_JULIAN first: date2j's int arithmetic overflows past its range */
	if (y < -4713 || y > 5874898 || m < 1 || m > 12 || d < 1 || d > 31 ||
		!IS_VALID_JULIAN(y, m, d))
		ror_tok_error(t, psprintf("\"%.*s\" is not a valid date.", (int) (q - start), start));
	jd = date2j((int) y, (int) m, (int) d);
	j2date(jd, &yy, &mm, &dd);
	if (yy != y || mm != m || dd != d || !IS_VALID_DATE(jd - POSTGRES_EPOCH_JDATE))
		ror_tok_error(t, psprintf("\"%.*s\" is not a valid date.", (int) (q - start), start));
	return (DateADT) (jd - POSTGRES_EPOCH_JDATE);
}

static void
rfm_parse_entry(RorTok *t, void *entry)
{
	RfmEntry   *e = entry;

	e->day = rfm_tok_date(t);
	ror_tok_expect(t, ":");
	e->amount = ror_tok_float8(t, NULL);
}

PG_FUNCTION_INFO_V1(rfm_state_in);
Datum
rfm_state_in(PG_FUNCTION_ARGS)
{
	char	   *input = PG_GETARG_CSTRING(0);
	RorTok		t = {RFM_STATE_TYPNAME, input, "The text form is \"" RFM_TEXT_FORM "\".", input};
	RfmState	proto;
	RfmState   *s;

	memset(&proto, 0, sizeof(proto));
	ror_tok_expect(&t, "(");
	ror_tok_name(&t, "observation_end");
	proto.observation_end = rfm_tok_date(&t);
	ror_tok_expect(&t, ",");
	ror_tok_name(&t, "days");
	/* a day "YYYY-MM-DD:0," takes at least 8 characters (a shorter year counts) */
	s = ror_hist_parse_list(&rfm_hist, &t, &proto, 8, rfm_parse_entry);
	rfm_state_validate(s, ERRCODE_INVALID_TEXT_REPRESENTATION);
	ror_hist_trim(&rfm_hist, s);
	PG_RETURN_POINTER(s);
}

PG_FUNCTION_INFO_V1(rfm_state_out);
Datum
rfm_state_out(PG_FUNCTION_ARGS)
{
	RfmState   *s = ror_hist_compacted_copy(&rfm_hist, PG_GETARG_RFM_STATE_P(0));
	StringInfoData buf;

	initStringInfo(&buf);
	appendStringInfoString(&buf, "(observation_end=");
	rfm_append_date(&buf, s->observation_end);
	appendStringInfoString(&buf, ",days=[");
	for (int i = 0; i < s->hist.n; i++)
	{
		if (i > 0)
			appendStringInfoChar(&buf, ',');
		rfm_append_date(&buf, s->entries[i].day);
		appendStringInfoChar(&buf, ':');
		ror_append_float8(&buf, s->entries[i].amount);
	}
	appendStringInfoString(&buf, "])");
	PG_RETURN_CSTRING(buf.data);
}

PG_FUNCTION_INFO_V1(rfm_state_recv);
Datum
rfm_state_recv(PG_FUNCTION_ARGS)
{
	StringInfo	msg = (StringInfo) PG_GETARG_POINTER(0);
	int			version = pq_getmsgbyte(msg);
	DateADT		end;
	int32		n;
	RfmState   *s;

	if (version != RFM_STATE_VERSION)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("unsupported binary format version %d for type %s", version, RFM_STATE_TYPNAME),
				 errdetail("This build reads version %d.", RFM_STATE_VERSION)));
	end = (DateADT) pq_getmsgint(msg, 4);
	n = pq_getmsgint(msg, 4);
	/* 12 bytes per day must follow: checks n before allocating */
	if (n < 0 || (int64) n * 12 != (int64) (msg->len - msg->cursor))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("invalid %s: day count %d does not match the message length", RFM_STATE_TYPNAME, n)));
	s = ror_hist_alloc(&rfm_hist, n);
	s->observation_end = end;
	for (int i = 0; i < n; i++)
	{
		s->entries[i].day = (DateADT) pq_getmsgint(msg, 4);
		s->entries[i].amount = pq_getmsgfloat8(msg);
	}
	s->hist.n = s->hist.nsorted = n;
	rfm_state_validate(s, ERRCODE_INVALID_BINARY_REPRESENTATION);
	PG_RETURN_POINTER(s);
}

PG_FUNCTION_INFO_V1(rfm_state_send);
Datum
rfm_state_send(PG_FUNCTION_ARGS)
{
	RfmState   *s = ror_hist_compacted_copy(&rfm_hist, PG_GETARG_RFM_STATE_P(0));
	StringInfoData buf;

	pq_begintypsend(&buf);
	pq_sendbyte(&buf, RFM_STATE_VERSION);
	pq_sendint32(&buf, s->observation_end);
	pq_sendint32(&buf, s->hist.n);
	for (int i = 0; i < s->hist.n; i++)
	{
		pq_sendint32(&buf, s->entries[i].day);
		pq_sendfloat8(&buf, s->entries[i].amount);
	}
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

/* equality of the canonical (compacted) forms, bit for bit */
PG_FUNCTION_INFO_V1(rfm_state_eq);
Datum
rfm_state_eq(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(ror_hist_equal(&rfm_hist, PG_GETARG_RFM_STATE_P(0), PG_GETARG_RFM_STATE_P(1)));
}

PG_FUNCTION_INFO_V1(rfm_state_ne);
Datum
rfm_state_ne(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(!ror_hist_equal(&rfm_hist, PG_GETARG_RFM_STATE_P(0), PG_GETARG_RFM_STATE_P(1)));
}

/* hash of the canonical form equality compares: for GROUP BY, DISTINCT, UNION, hash joins */
PG_FUNCTION_INFO_V1(rfm_state_hash);
Datum
rfm_state_hash(PG_FUNCTION_ARGS)
{
	return ror_hist_hash(&rfm_hist, PG_GETARG_RFM_STATE_P(0));
}
