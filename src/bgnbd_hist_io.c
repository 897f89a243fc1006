/*
 * bgnbd_hist_io.c: ror.bgnbd_hist's text and binary I/O, the validation of
 * what they read, equality and hashing (all on the canonical form; the
 * layouts and the aggregates are in bgnbd_hist.c).
 *
 * Text form, canonical (sorted by x, t_x, T; shortest exact floats):
 *   (rows=3,excluded=0,weight=3,patterns=2,data={{0,0,38.86,1},{2,30.43,38.86,2}})
 * each inner group being {x,t_x,T,weight}.
 */
#include "postgres.h"

#include "bgnbd.h"

#include <math.h>

#include "common/hashfn.h"
#include "libpq/pqformat.h"
#include "utils/builtins.h"
#include "utils/memutils.h"
#include "rorbinary.h"

/* ----------------------------------------------------------------------
 * Validation and I/O
 * ---------------------------------------------------------------------- */

ror_noreturn static void
hist_invalid(int code, const char *what, const char *rule)
{
	ereport(ERROR,
			(errcode(code),
			 errmsg("invalid %s: %s", BGNBD_HIST_TYPNAME, what),
			 errdetail("%s", rule)));
}

/* checks of a canonical state read from text or binary input */
static void
hist_validate(const BgnbdHist *h, int code)
{
	double		sum = 0.0;

	if (h->rows < 0 || h->excluded < 0)
		hist_invalid(code, "a count is negative", "rows and excluded must not be negative.");
	if (h->nentries < 0 || h->nentries > h->rows)
		hist_invalid(code, psprintf("%d patterns for " INT64_FORMAT " rows", h->nentries, h->rows), "Every pattern holds at least one row, so there are at most as many patterns as rows.");
	if (!(h->weight >= 0.0) || isinf(h->weight))
		hist_invalid(code, psprintf("weight is %g", h->weight), "weight must be finite and not negative.");
	for (int32 i = 0; i < h->nentries; i++)
	{
		const BgnbdEntry *e = &h->entries[i];

		if (!isfinite(e->x) || !isfinite(e->tx) || !isfinite(e->T) || e->x < 0.0 ||
			e->x != floor(e->x) || e->tx < 0.0 || e->tx > e->T || (e->x == 0.0 && e->tx != 0.0))
			hist_invalid(code, psprintf("pattern %d {%g,%g,%g} is not a valid row", i + 1, e->x, e->tx, e->T), "A pattern {frequency,recency,age,weight} is a valid row: frequency a whole number >= 0, 0 <= recency <= age, recency 0 when frequency is 0, all finite.");
		if (!(e->w > 0.0) || isinf(e->w))
			hist_invalid(code, psprintf("pattern %d has weight %g", i + 1, e->w), "A pattern's weight must be finite and greater than 0.");
		if (i > 0 && bgnbd_entry_cmp(&h->entries[i - 1], e) >= 0)
			hist_invalid(code, psprintf("pattern %d is not after pattern %d", i + 1, i), "Patterns are sorted by (frequency, recency, age), without repeats.");
		/* -0 would break bitwise equality and hashing of equal patterns */
		if (signbit(e->x) || signbit(e->tx) || signbit(e->T))
			hist_invalid(code, psprintf("pattern %d has a negative zero", i + 1), "Write 0, not -0: equal patterns must be equal bit for bit.");
		sum += e->w;
	}
	if (h->rows == 0 ? h->weight != 0.0 : (h->nentries == 0 || !(h->weight > 0.0)))
		hist_invalid(code, "rows and weight disagree", "A state of 0 rows has weight 0 and no pattern; a state with rows has patterns and a weight greater than 0.");
	if (fabs(sum - h->weight) > 1e-9 * h->weight)
		hist_invalid(code, psprintf("weight %g is not the sum of the pattern weights %g", h->weight, sum), "weight must be the sum of the pattern weights.");
}

/* the counts that open both the text and the binary form, in order */
static void
hist_header_fields(int64 *rows, int64 *excluded, double *weight, RorField *f)
{
	f[0] = (RorField) {"rows", ROR_FIELD_INT64, rows};
	f[1] = (RorField) {"excluded", ROR_FIELD_INT64, excluded};
	f[2] = (RorField) {"weight", ROR_FIELD_FLOAT8, weight};
}

PG_FUNCTION_INFO_V1(bgnbd_hist_in);
Datum
bgnbd_hist_in(PG_FUNCTION_ARGS)
{
	char	   *input = PG_GETARG_CSTRING(0);
	RorTok		t = {BGNBD_HIST_TYPNAME, input,
		"The text form is \"(rows=N,excluded=N,weight=W,patterns=K,data={{x,t_x,T,w},...})\".", input};
	int64		rows = 0,
				excluded = 0,
				npat = 0;
	double		weight = 0.0;
	RorField	f[4];
	BgnbdHist  *h;

	hist_header_fields(&rows, &excluded, &weight, f);
	f[3] = (RorField) {"patterns", ROR_FIELD_INT64, &npat};
	ror_tok_expect(&t, "(");
	ror_tok_fields(&t, f, 4);
	if (!ror_tok_peek(&t, ','))
		ror_tok_error(&t, "Expected \",data=\" after the counts.");
	t.p++;
	ror_tok_name(&t, "data");
	/* every pattern takes at least 9 characters: refuse counts the text cannot hold */
	if (npat < 0 || npat > (int64) (strlen(input) / 9) || npat > BGNBD_HIST_MAX_CAPACITY)
		ror_tok_error(&t, "The number of patterns does not match the data.");

	h = palloc0(BGNBD_HIST_SIZE(npat));
	SET_VARSIZE(h, BGNBD_HIST_SIZE(npat));
	h->layout = BGNBD_HIST_SORTED;
	h->nentries = (int32) npat;
	h->capacity = (int32) npat;
	h->rows = rows;
	h->excluded = excluded;
	h->weight = weight;

	ror_tok_expect(&t, "{");
	for (int64 i = 0; i < npat; i++)
	{
		BgnbdEntry *e = &h->entries[i];

		if (i > 0)
			ror_tok_expect(&t, ",");
		ror_tok_expect(&t, "{");
		e->x = ror_tok_float8(&t, NULL);
		ror_tok_expect(&t, ",");
		e->tx = ror_tok_float8(&t, NULL);
		ror_tok_expect(&t, ",");
		e->T = ror_tok_float8(&t, NULL);
		ror_tok_expect(&t, ",");
		e->w = ror_tok_float8(&t, NULL);
		ror_tok_expect(&t, "}");
	}
	if (!ror_tok_peek(&t, '}'))
		ror_tok_error(&t, "The number of patterns does not match the data.");
	t.p++;
	ror_tok_expect(&t, ")");
	ror_tok_end(&t);
	hist_validate(h, ERRCODE_INVALID_TEXT_REPRESENTATION);
	PG_RETURN_POINTER(h);
}

PG_FUNCTION_INFO_V1(bgnbd_hist_out);
Datum
bgnbd_hist_out(PG_FUNCTION_ARGS)
{
	BgnbdHist  *h = bgnbd_hist_canonical(PG_GETARG_BGNBD_HIST_P(0));
	StringInfoData buf;

	initStringInfo(&buf);
	appendStringInfo(&buf, "(rows=" INT64_FORMAT ",excluded=" INT64_FORMAT ",weight=",
					 h->rows, h->excluded);
	ror_append_float8(&buf, h->weight);
	appendStringInfo(&buf, ",patterns=%d,data={", h->nentries);
	for (int32 i = 0; i < h->nentries; i++)
	{
		const BgnbdEntry *e = &h->entries[i];

		appendStringInfoString(&buf, i > 0 ? ",{" : "{");
		ror_append_float8(&buf, e->x);
		appendStringInfoChar(&buf, ',');
		ror_append_float8(&buf, e->tx);
		appendStringInfoChar(&buf, ',');
		ror_append_float8(&buf, e->T);
		appendStringInfoChar(&buf, ',');
		ror_append_float8(&buf, e->w);
		appendStringInfoChar(&buf, '}');
	}
	appendStringInfoString(&buf, "})");
	PG_RETURN_CSTRING(buf.data);
}

PG_FUNCTION_INFO_V1(bgnbd_hist_recv);
Datum
bgnbd_hist_recv(PG_FUNCTION_ARGS)
{
	StringInfo	msg = (StringInfo) PG_GETARG_POINTER(0);
	int64		rows,
				excluded;
	double		weight;
	int32		n;
	BgnbdHist  *h;
	RorField	f[3];

	ror_binary_check_version(msg, BGNBD_HIST_TYPNAME, BGNBD_HIST_VERSION);
	hist_header_fields(&rows, &excluded, &weight, f);
	ror_binary_recv_fields(msg, f, 3);
	n = pq_getmsgint(msg, 4);
	if (n < 0 || (int64) n * 32 != (int64) (msg->len - msg->cursor))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("invalid %s: %d patterns announced, %d bytes follow", BGNBD_HIST_TYPNAME,
						n, msg->len - msg->cursor)));
	h = palloc0(BGNBD_HIST_SIZE(n));
	SET_VARSIZE(h, BGNBD_HIST_SIZE(n));
	h->layout = BGNBD_HIST_SORTED;
	h->nentries = n;
	h->capacity = n;
	h->rows = rows;
	h->excluded = excluded;
	h->weight = weight;
	for (int32 i = 0; i < n; i++)
	{
		h->entries[i].x = pq_getmsgfloat8(msg);
		h->entries[i].tx = pq_getmsgfloat8(msg);
		h->entries[i].T = pq_getmsgfloat8(msg);
		h->entries[i].w = pq_getmsgfloat8(msg);
	}
	hist_validate(h, ERRCODE_INVALID_BINARY_REPRESENTATION);
	PG_RETURN_POINTER(h);
}

PG_FUNCTION_INFO_V1(bgnbd_hist_send);
Datum
bgnbd_hist_send(PG_FUNCTION_ARGS)
{
	BgnbdHist  *h = bgnbd_hist_canonical(PG_GETARG_BGNBD_HIST_P(0));
	StringInfoData buf;
	RorField	f[3];

	pq_begintypsend(&buf);
	hist_header_fields(&h->rows, &h->excluded, &h->weight, f);
	ror_binary_send_fields(&buf, BGNBD_HIST_VERSION, f, 3);
	pq_sendint32(&buf, h->nentries);
	for (int32 i = 0; i < h->nentries; i++)
	{
		pq_sendfloat8(&buf, h->entries[i].x);
		pq_sendfloat8(&buf, h->entries[i].tx);
		pq_sendfloat8(&buf, h->entries[i].T);
		pq_sendfloat8(&buf, h->entries[i].w);
	}
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

/* equality of the canonical forms, bit for bit */
static bool
hist_equal(FunctionCallInfo fcinfo)
{
	BgnbdHist  *a = bgnbd_hist_canonical(PG_GETARG_BGNBD_HIST_P(0));
	BgnbdHist  *b = bgnbd_hist_canonical(PG_GETARG_BGNBD_HIST_P(1));

	return VARSIZE(a) == VARSIZE(b) && memcmp(a, b, VARSIZE(a)) == 0;
}

PG_FUNCTION_INFO_V1(bgnbd_hist_eq);
Datum
bgnbd_hist_eq(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(hist_equal(fcinfo));
}

PG_FUNCTION_INFO_V1(bgnbd_hist_ne);
Datum
bgnbd_hist_ne(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(!hist_equal(fcinfo));
}

/* hash of the canonical form equality compares: for GROUP BY, DISTINCT, UNION, hash joins */
PG_FUNCTION_INFO_V1(bgnbd_hist_hash);
Datum
bgnbd_hist_hash(PG_FUNCTION_ARGS)
{
	BgnbdHist  *h = bgnbd_hist_canonical(PG_GETARG_BGNBD_HIST_P(0));

	return hash_any((const unsigned char *) h, VARSIZE(h));
}
