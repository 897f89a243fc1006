/*
 * gamma_gamma_state.c: ror.gamma_gamma_state (the histogram of (x, m_x)
 * patterns gamma_gamma_fit aggregates into): I/O, validation, equality,
 * transition and combine functions.
 *
 * Text form: (customers=N,excluded=N,patterns=[x:m:w,x:m:w,...]) with the
 * patterns sorted by (x, m) and distinct, floats in shortest exact form.
 */
#include "postgres.h"

#include "gamma_gamma_state.h"

#include <math.h>

#include "access/htup_details.h"
#include "executor/executor.h"
#include "common/int.h"
#include "libpq/pqformat.h"
#include "utils/memutils.h"
#include "rorhist.h"
#include "rortext.h"
#include "rortoken.h"
#include "roragg.h"

static int
gg_cmp(const void *a, const void *b)
{
	const GgEntry *x = a,
			   *y = b;

	if (x->x != y->x)
		return x->x < y->x ? -1 : 1;
	if (x->m != y->m)
		return x->m < y->m ? -1 : 1;
	return 0;
}

/*
 * fold src's weight into dst; ERROR 22003 when the sum overflows, so that no
 * aggregate builds a state its own input function would reject
 */
static void
gg_add(void *dst, const void *src)
{
	GgEntry    *d = dst;
	const GgEntry *e = src;
	double		w = d->w + e->w;

	if (isinf(w))
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("gamma_gamma_fit weight sum out of range: %g + %g (frequency %g, monetary %g)",
						d->w, e->w, d->x, d->m),
				 errdetail("The summed weight of one (frequency, monetary) pattern must be a finite number."),
				 errhint("Scale the weights down.")));
	d->w = w;
}

static const RorHistType gg_hist = {
	"gamma_gamma_fit state", "(frequency, monetary) patterns",
	offsetof(GgState, entries), sizeof(GgEntry), gg_cmp, gg_add
};

GgState *
gg_state_compacted_copy(const GgState *s)
{
	return ror_hist_compacted_copy(&gg_hist, s);
}

/* the state to update: the existing one, or a fresh empty one */
static GgState *
gg_state_get(FunctionCallInfo fcinfo, const char *fname)
{
	ror_require_aggregate_once(fcinfo, fname);
	if (PG_ARGISNULL(0))
		return ror_hist_alloc(&gg_hist, 16);
	return PG_GETARG_GG_STATE_P(0);
}

/* add one validated customer's row to the state */
static GgState *
gg_state_add_row(GgState *s, double x, double m, double w)
{
	GgEntry		e;

	if (m <= 0.0)
	{
		s->excluded++;
		return s;
	}
	e.x = x;
	e.m = m;
	e.w = w + 0.0;				/* -0 weight becomes +0 */
	s = ror_hist_append(&gg_hist, s, &e);
	s->customers++;
	return s;
}

/* ERROR 22023 naming the row unless x >= 0, m, w finite, w >= 0 */
static void
gg_check_row(double x, double m, double w, bool weighted)
{
	if (isnan(x) || isinf(x) || x < 0.0 || isnan(m) || isinf(m))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("gamma_gamma_fit got frequency %g and monetary %g", x, m),
				 errdetail("The frequency (repeat transactions) must be finite and not negative; the monetary value (mean spend) must be finite."),
				 errhint("Filter or fix the row; rows with frequency 0 are skipped, rows with monetary <= 0 are excluded and counted.")));
	if (weighted && (isnan(w) || isinf(w) || w < 0.0))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("gamma_gamma_fit weight %g is invalid (frequency %g, monetary %g)", w, x, m),
				 errdetail("A weight must be a finite number greater than or equal to 0."),
				 errhint("Skip the row with a NULL weight instead.")));
}

static Datum
gg_accum_common(FunctionCallInfo fcinfo, double x, double m, double w, bool weighted)
{
	GgState    *s;

	gg_check_row(x, m, w, weighted);
	if (x == 0.0)
	{
		/* no repeat transactions: no mean spend; skipped (documented) */
		if (PG_ARGISNULL(0))
			PG_RETURN_NULL();
		PG_RETURN_DATUM(PG_GETARG_DATUM(0));
	}
	s = gg_state_get(fcinfo, "gamma_gamma_accum");
	s = gg_state_add_row(s, x, m, w);
	PG_RETURN_POINTER(s);
}

/* gamma_gamma_accum(state, frequency, monetary) */
PG_FUNCTION_INFO_V1(gamma_gamma_accum);
Datum
gamma_gamma_accum(PG_FUNCTION_ARGS)
{
	if (PG_ARGISNULL(1) || PG_ARGISNULL(2))
	{
		if (PG_ARGISNULL(0))
			PG_RETURN_NULL();
		PG_RETURN_DATUM(PG_GETARG_DATUM(0));
	}
	return gg_accum_common(fcinfo, PG_GETARG_FLOAT8(1), PG_GETARG_FLOAT8(2), 1.0, false);
}

/* gamma_gamma_accum_weighted(state, frequency, monetary, weight) */
PG_FUNCTION_INFO_V1(gamma_gamma_accum_weighted);
Datum
gamma_gamma_accum_weighted(PG_FUNCTION_ARGS)
{
	if (PG_ARGISNULL(1) || PG_ARGISNULL(2) || PG_ARGISNULL(3))
	{
		if (PG_ARGISNULL(0))
			PG_RETURN_NULL();
		PG_RETURN_DATUM(PG_GETARG_DATUM(0));
	}
	return gg_accum_common(fcinfo, PG_GETARG_FLOAT8(1), PG_GETARG_FLOAT8(2),
						   PG_GETARG_FLOAT8(3), true);
}

/*
 * gamma_gamma_accum_rfm(state, ror.rfm): the frequency and monetary fields
 * of an rfm_agg result (attributes 1 and 4); NULL fields skip the row.
 */
PG_FUNCTION_INFO_V1(gamma_gamma_accum_rfm);
Datum
gamma_gamma_accum_rfm(PG_FUNCTION_ARGS)
{
	HeapTupleHeader t;
	bool		xnull,
				mnull;
	Datum		xd,
				md;

	if (PG_ARGISNULL(1))
	{
		if (PG_ARGISNULL(0))
			PG_RETURN_NULL();
		PG_RETURN_DATUM(PG_GETARG_DATUM(0));
	}
	t = PG_GETARG_HEAPTUPLEHEADER(1);
	xd = GetAttributeByNum(t, 1, &xnull);
	md = GetAttributeByNum(t, 4, &mnull);
	if (xnull || mnull)
	{
		if (PG_ARGISNULL(0))
			PG_RETURN_NULL();
		PG_RETURN_DATUM(PG_GETARG_DATUM(0));
	}
	return gg_accum_common(fcinfo, (double) DatumGetInt64(xd), DatumGetFloat8(md), 1.0, false);
}

/*
 * gamma_gamma_combine(a, b): merge two states (combine function, and the
 * transition function of the aggregates over stored states).  Returns a new
 * state, never b itself.
 */
PG_FUNCTION_INFO_V1(gamma_gamma_combine);
Datum
gamma_gamma_combine(PG_FUNCTION_ARGS)
{
	GgState    *a,
			   *b,
			   *out;

	ror_require_aggregate(fcinfo, "gamma_gamma_combine");
	if (PG_ARGISNULL(1))
	{
		if (PG_ARGISNULL(0))
			PG_RETURN_NULL();
		PG_RETURN_DATUM(PG_GETARG_DATUM(0));
	}
	b = gg_state_compacted_copy(PG_GETARG_GG_STATE_P(1));
	if (PG_ARGISNULL(0))
		PG_RETURN_POINTER(b);
	a = PG_GETARG_GG_STATE_P(0);	/* ours: in the aggregate context */
	out = ror_hist_merge_states(&gg_hist, a, b);
	if (pg_add_s64_overflow(a->customers, b->customers, &out->customers) ||
		pg_add_s64_overflow(a->excluded, b->excluded, &out->excluded))
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("gamma_gamma_fit customer count out of range")));
	PG_RETURN_POINTER(out);
}

/* final function of gamma_gamma_state_agg: the compacted state without spare room */
PG_FUNCTION_INFO_V1(gamma_gamma_state_final);
Datum
gamma_gamma_state_final(PG_FUNCTION_ARGS)
{
	GgState    *s = gg_state_compacted_copy(PG_GETARG_GG_STATE_P(0));
	double		wsum = 0.0;

	/* the input function rejects a total weight that overflows: never build one */
	for (int i = 0; i < s->hist.n; i++)
		wsum += s->entries[i].w;
	if (isinf(wsum))
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("gamma_gamma_state_agg total weight out of range over " INT64_FORMAT " customers",
						s->customers),
				 errdetail("The sum of all weights must be a finite number."),
				 errhint("Scale the weights down.")));
	PG_RETURN_POINTER(s);
}

/* ---------------------------------------------------------------- I/O */

/* checks every state the aggregates build passes; code 22P02 or 22P03 */
static void
gg_state_validate(const GgState *s, int code)
{
	double		wsum = 0.0;

	if (s->customers < 0 || s->excluded < 0)
		ereport(ERROR,
				(errcode(code),
				 errmsg("invalid %s: a count is negative", GG_STATE_TYPNAME)));
	if (s->hist.n > s->customers)
		ereport(ERROR,
				(errcode(code),
				 errmsg("invalid %s: %d patterns but " INT64_FORMAT " customers", GG_STATE_TYPNAME,
						s->hist.n, s->customers),
				 errdetail("Every pattern comes from at least one customer.")));
	if (s->hist.n == 0 && s->customers != 0)
		ereport(ERROR,
				(errcode(code),
				 errmsg("invalid %s: " INT64_FORMAT " customers but no patterns", GG_STATE_TYPNAME,
						s->customers)));
	for (int i = 0; i < s->hist.n; i++)
	{
		const GgEntry *e = &s->entries[i];

		if (!(e->x > 0.0) || isinf(e->x) || !(e->m > 0.0) || isinf(e->m) ||
			!(e->w >= 0.0) || signbit(e->w) || isinf(e->w))
			ereport(ERROR,
					(errcode(code),
					 errmsg("invalid %s: pattern %d is (%g, %g, %g)", GG_STATE_TYPNAME, i + 1, e->x, e->m, e->w),
					 errdetail("Frequency and monetary must be finite and greater than 0, the weight finite and not negative.")));
		if (i > 0 && gg_cmp(&s->entries[i - 1], e) >= 0)
			ereport(ERROR,
					(errcode(code),
					 errmsg("invalid %s: pattern %d is out of order or repeated", GG_STATE_TYPNAME, i + 1),
					 errdetail("Patterns are sorted by frequency, then monetary, and distinct.")));
		wsum += e->w;
	}
	if (isinf(wsum))
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("invalid %s: the total weight overflows", GG_STATE_TYPNAME)));
}

static void
gg_parse_entry(RorTok *t, void *entry)
{
	GgEntry    *e = entry;

	e->x = ror_tok_float8(t, NULL);
	ror_tok_expect(t, ":");
	e->m = ror_tok_float8(t, NULL);
	ror_tok_expect(t, ":");
	e->w = ror_tok_float8(t, NULL);
}

PG_FUNCTION_INFO_V1(gamma_gamma_state_in);
Datum
gamma_gamma_state_in(PG_FUNCTION_ARGS)
{
	char	   *input = PG_GETARG_CSTRING(0);
	RorTok		t = {GG_STATE_TYPNAME, input, "The text form is \"(customers=N,excluded=N,patterns=[x:m:w,...])\".", input};
	GgState		proto;
	GgState    *s;

	ror_tok_expect(&t, "(");
	ror_tok_name(&t, "customers");
	proto.customers = ror_tok_int64(&t, NULL);
	ror_tok_expect(&t, ",");
	ror_tok_name(&t, "excluded");
	proto.excluded = ror_tok_int64(&t, NULL);
	ror_tok_expect(&t, ",");
	ror_tok_name(&t, "patterns");
	/* a pattern "x:m:w," takes at least 6 characters */
	s = ror_hist_parse_list(&gg_hist, &t, &proto, 6, gg_parse_entry);
	gg_state_validate(s, ERRCODE_INVALID_TEXT_REPRESENTATION);
	ror_hist_trim(&gg_hist, s);
	PG_RETURN_POINTER(s);
}

PG_FUNCTION_INFO_V1(gamma_gamma_state_out);
Datum
gamma_gamma_state_out(PG_FUNCTION_ARGS)
{
	GgState    *s = gg_state_compacted_copy(PG_GETARG_GG_STATE_P(0));
	StringInfoData buf;

	initStringInfo(&buf);
	appendStringInfo(&buf, "(customers=" INT64_FORMAT ",excluded=" INT64_FORMAT ",patterns=[",
					 s->customers, s->excluded);
	for (int i = 0; i < s->hist.n; i++)
	{
		if (i > 0)
			appendStringInfoChar(&buf, ',');
		ror_append_float8(&buf, s->entries[i].x);
		appendStringInfoChar(&buf, ':');
		ror_append_float8(&buf, s->entries[i].m);
		appendStringInfoChar(&buf, ':');
		ror_append_float8(&buf, s->entries[i].w);
	}
	appendStringInfoString(&buf, "])");
	PG_RETURN_CSTRING(buf.data);
}

PG_FUNCTION_INFO_V1(gamma_gamma_state_recv);
Datum
gamma_gamma_state_recv(PG_FUNCTION_ARGS)
{
	StringInfo	msg = (StringInfo) PG_GETARG_POINTER(0);
	int			version = pq_getmsgbyte(msg);
	int64		customers,
				excluded;
	int32		n;
	GgState    *s;

	if (version != GG_STATE_VERSION)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("unsupported binary format version %d for type %s", version, GG_STATE_TYPNAME),
				 errdetail("This build reads version %d.", GG_STATE_VERSION)));
	customers = pq_getmsgint64(msg);
	excluded = pq_getmsgint64(msg);
	n = pq_getmsgint(msg, 4);
	/* 24 bytes per pattern must follow: checks n before allocating */
	if (n < 0 || (int64) n * 24 != (int64) (msg->len - msg->cursor))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_BINARY_REPRESENTATION),
				 errmsg("invalid %s: pattern count %d does not match the message length", GG_STATE_TYPNAME, n)));
	s = ror_hist_alloc(&gg_hist, n);
	s->customers = customers;
	s->excluded = excluded;
	for (int i = 0; i < n; i++)
	{
		s->entries[i].x = pq_getmsgfloat8(msg);
		s->entries[i].m = pq_getmsgfloat8(msg);
		s->entries[i].w = pq_getmsgfloat8(msg);
	}
	s->hist.n = s->hist.nsorted = n;
	gg_state_validate(s, ERRCODE_INVALID_BINARY_REPRESENTATION);
	PG_RETURN_POINTER(s);
}

PG_FUNCTION_INFO_V1(gamma_gamma_state_send);
Datum
gamma_gamma_state_send(PG_FUNCTION_ARGS)
{
	GgState    *s = gg_state_compacted_copy(PG_GETARG_GG_STATE_P(0));
	StringInfoData buf;

	pq_begintypsend(&buf);
	pq_sendbyte(&buf, GG_STATE_VERSION);
	pq_sendint64(&buf, s->customers);
	pq_sendint64(&buf, s->excluded);
	pq_sendint32(&buf, s->hist.n);
	for (int i = 0; i < s->hist.n; i++)
	{
		pq_sendfloat8(&buf, s->entries[i].x);
		pq_sendfloat8(&buf, s->entries[i].m);
		pq_sendfloat8(&buf, s->entries[i].w);
	}
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

/* equality of the canonical (compacted) forms, bit for bit */
PG_FUNCTION_INFO_V1(gamma_gamma_state_eq);
Datum
gamma_gamma_state_eq(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(ror_hist_equal(&gg_hist, PG_GETARG_GG_STATE_P(0), PG_GETARG_GG_STATE_P(1)));
}

PG_FUNCTION_INFO_V1(gamma_gamma_state_ne);
Datum
gamma_gamma_state_ne(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(!ror_hist_equal(&gg_hist, PG_GETARG_GG_STATE_P(0), PG_GETARG_GG_STATE_P(1)));
}

/* hash of the canonical form equality compares: for GROUP BY, DISTINCT, UNION, hash joins */
PG_FUNCTION_INFO_V1(gamma_gamma_state_hash);
Datum
gamma_gamma_state_hash(PG_FUNCTION_ARGS)
{
	return ror_hist_hash(&gg_hist, PG_GETARG_GG_STATE_P(0));
}
