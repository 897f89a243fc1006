/*
 * churn_agg.c: transition, combine and final functions of the churn
 * aggregates, for daterange and tstzrange lifetimes and periods.
 *
 * The hot path reads a lifetime in place, without palloc or a type cache
 * lookup: decode_range_fast, the one function that knows the on-disk range
 * layout (type oid, the present bounds aligned as the subtype, a flags byte
 * at the end), which for the built-in daterange (int4 bounds) and tstzrange
 * (int8 bounds) has been the same since ranges appeared in 9.2.  It declines
 * anything but the common case, which decode_range then reads through
 * range_deserialize; the tests compare the two on every supported server
 * (ror._churn_range_decoders_agree).  The period is normally the same value
 * on every row, so its bytes are compared with the last period seen and
 * decoded (through the API) only when they differ.
 *
 * Bounds are normalized to half-open [lower, upper) on the subtype's own
 * discrete step (one day; one microsecond, the resolution of timestamptz):
 * an inclusive upper bound b becomes b + 1, an exclusive lower bound a
 * becomes a + 1.  Infinite bounds and the infinity values of the subtype
 * both mean unbounded.
 */
#include "postgres.h"

#include "churn.h"

#include "catalog/pg_type.h"
#include "common/int.h"
#include "utils/lsyscache.h"
#include "utils/builtins.h"
#include "utils/date.h"
#include "utils/rangetypes.h"
#include "utils/timestamp.h"
#include "roragg.h"

#define BOUND_LOW	PG_INT64_MIN	/* unbounded below */
#define BOUND_HIGH	PG_INT64_MAX	/* unbounded above */

/* a range decoded and normalized */
typedef struct ChurnRange
{
	bool		empty;
	int64		lower;
	int64		upper;
} ChurnRange;

/* the last period seen, per aggregate call site */
typedef struct ChurnCache
{
	int			plen;			/* bytes of the period's data, 0 if none yet */
	char		pdata[32];
	ChurnRange	period;
	bool		in_aggregate;	/* the call context was checked */
	int			method;			/* validated method, 0 if none yet */
	int			mlen;			/* bytes of the method name it came from */
	char		mname[16];
	TypeCacheEntry *typcache;	/* of the range type, for range_deserialize */
} ChurnCache;

/* a bound of the subtype as an int64, the subtype's infinities unbounded */
static int64
bound_value(int kind, const RangeBound *b)
{
	if (b->infinite)
		return b->lower ? BOUND_LOW : BOUND_HIGH;
	if (kind == CHURN_KIND_DATE)
	{
		DateADT		v = DatumGetDateADT(b->val);

		if (v == DATEVAL_NOBEGIN)
			return BOUND_LOW;
		if (v == DATEVAL_NOEND)
			return BOUND_HIGH;
		return v;
	}
	/* DT_NOBEGIN / DT_NOEND are BOUND_LOW / BOUND_HIGH */
	return DatumGetTimestampTz(b->val);
}

/*
 * Decode a daterange or tstzrange through the range API (any form: toasted,
 * special values, whatever decode_range_fast declines) and normalize it.
 */
static void
decode_range(ChurnCache *cache, int kind, Datum d, ChurnRange *r)
{
	RangeType  *range = DatumGetRangeTypeP(d);
	RangeBound	lo,
				up;
	bool		empty;

	if (cache->typcache == NULL || cache->typcache->type_id != RangeTypeGetOid(range))
		cache->typcache = lookup_type_cache(RangeTypeGetOid(range), TYPECACHE_RANGE_INFO);
	range_deserialize(cache->typcache, range, &lo, &up, &empty);
	r->empty = empty;
	if (empty)
		return;
	r->lower = bound_value(kind, &lo);
	if (!lo.inclusive && r->lower != BOUND_LOW && r->lower != BOUND_HIGH)
		r->lower++;
	r->upper = bound_value(kind, &up);
	if (up.inclusive && r->upper != BOUND_LOW && r->upper != BOUND_HIGH)
		r->upper++;
	if (r->lower >= r->upper)
		r->empty = true;
}

/* the data of a varlena stored inline (4-byte or short header), else NULL */
static pg_attribute_always_inline const char *
inline_varlena_data(Datum d, Size *len)
{
	const char *p = DatumGetPointer(d);

	if (VARATT_IS_4B_U(p))
	{
		*len = VARSIZE_4B(p) - VARHDRSZ;
		return p + VARHDRSZ;
	}
	if (VARATT_IS_1B(p) && !VARATT_IS_1B_E(p))
	{
		*len = VARSIZE_1B(p) - VARHDRSZ_SHORT;
		return p + VARHDRSZ_SHORT;
	}
	return NULL;
}

/*
 * decode_range for the common lifetime, without a branch on which bounds are
 * present (a third of the lifetimes may lack an end, at random): one or two
 * finite bounds, the length exactly what the flags say, no infinity value of
 * the subtype.  false for anything else, which decode_range then reads
 * through the range API.  This is the only code that knows the layout.
 */
static pg_attribute_always_inline bool
decode_range_fast(int kind, const char *data, Size len, ChurnRange *r)
{
	Size		size = (kind == CHURN_KIND_DATE) ? 4 : 8;
	uint8		flags;
	int64		lo,
				up,
				lb_inf,
				ub_inf;
	bool		special;

	if (unlikely(len < 5 + size))
		return false;
	flags = (uint8) data[len - 1];
	if (unlikely(flags & (RANGE_EMPTY | RANGE_LB_NULL | RANGE_UB_NULL | RANGE_CONTAIN_EMPTY)))
		return false;
	if (unlikely(len != 5 + size * (!(flags & RANGE_LB_INF) + !(flags & RANGE_UB_INF))))
		return false;
	/* the lower bound, if any, comes first; the upper one, if any, last */
	if (kind == CHURN_KIND_DATE)
	{
		int32		a,
					b;

		memcpy(&a, data + 4, sizeof(a));
		memcpy(&b, data + len - 5, sizeof(b));
		special = (a == DATEVAL_NOBEGIN) | (a == DATEVAL_NOEND) | (b == DATEVAL_NOBEGIN) | (b == DATEVAL_NOEND);
		lo = a;
		up = b;
	}
	else
	{
		memcpy(&lo, data + 4, sizeof(lo));
		memcpy(&up, data + len - 9, sizeof(up));
		special = (lo == DT_NOBEGIN) | (lo == DT_NOEND) | (up == DT_NOBEGIN) | (up == DT_NOEND);
	}
	if (unlikely(special))
		return false;
	/* selected by masks: a conditional move or jump could mispredict */
	lb_inf = -(int64) ((flags & RANGE_LB_INF) != 0);
	ub_inf = -(int64) ((flags & RANGE_UB_INF) != 0);
	r->lower = (lb_inf & BOUND_LOW) | (~lb_inf & (lo + !(flags & RANGE_LB_INC)));
	r->upper = (ub_inf & BOUND_HIGH) | (~ub_inf & (up + ((flags & RANGE_UB_INC) != 0)));
	r->empty = r->lower >= r->upper;
	return true;
}

/* the range argument's data without copying, unless it is toasted */
static pg_attribute_always_inline const char *
range_data(Datum d, Size *len)
{
	struct varlena *v = (struct varlena *) DatumGetPointer(d);

	if (VARATT_IS_EXTENDED(v) && !VARATT_IS_SHORT(v))
		v = pg_detoast_datum_packed(v);
	*len = VARSIZE_ANY_EXHDR(v);
	return VARDATA_ANY(v);
}

static const char *
kind_range_name(int kind)
{
	return kind == CHURN_KIND_DATE ? "daterange" : "tstzrange";
}

/* a == b for 8 <= len <= 32 bytes, in 8-byte words (no call to memcmp per row) */
static pg_attribute_always_inline bool
same_bytes(const char *a, const char *b, Size len)
{
	uint64		x,
				y;
	Size		i;

	for (i = 0; i + 8 < len; i += 8)
	{
		memcpy(&x, a + i, 8);
		memcpy(&y, b + i, 8);
		if (x != y)
			return false;
	}
	/* the last 8 bytes, overlapping the words before */
	memcpy(&x, a + len - 8, 8);
	memcpy(&y, b + len - 8, 8);
	return x == y;
}

/*
 * Both normalized bounds are values of the subtype (finite, in its range),
 * so the summary prints them and reads them back.  An inclusive upper bound
 * at the last date or microsecond normalizes to one past the range.
 */
static pg_attribute_always_inline bool
bounds_valid(int kind, const ChurnRange *p)
{
	if (kind == CHURN_KIND_DATE)
		return IS_VALID_DATE(p->lower) && IS_VALID_DATE(p->upper);
	return IS_VALID_TIMESTAMP(p->lower) && IS_VALID_TIMESTAMP(p->upper);
}

/* the period of a row: decoded once per distinct value, checked, cached */
static pg_attribute_always_inline const ChurnRange *
churn_row_period(FunctionCallInfo fcinfo, ChurnCache *cache, int kind, Datum d)
{
	Size		len;
	const char *data = range_data(d, &len);
	ChurnRange *p = &cache->period;
	char	   *text;

	if ((int) len == cache->plen && same_bytes(data, cache->pdata, len))
		return p;

	decode_range(cache, kind, d, p);
	if (!p->empty && p->lower != BOUND_LOW && p->upper != BOUND_HIGH && bounds_valid(kind, p))
	{
		if (len >= 8 && len <= sizeof(cache->pdata))
		{
			memcpy(cache->pdata, data, len);
			cache->plen = (int) len;
		}
		else
			cache->plen = 0;
		return p;
	}

	cache->plen = 0;
	{
		Oid			typoutput;
		bool		isvarlena;

		getTypeOutputInfo(kind == CHURN_KIND_DATE ? DATERANGEOID : TSTZRANGEOID, &typoutput, &isvarlena);
		text = OidOutputFunctionCall(typoutput, d);
	}
	if (p->empty)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("churn period is empty"),
				 errdetail("A period is a non-empty range [start, end)."),
				 errhint("Pass a period such as %s('2024-01-01', '2024-02-01').", kind_range_name(kind))));
	if (p->lower == BOUND_LOW)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("churn period %s is unbounded below", text),
				 errdetail("Who is a customer at the start of a period needs a finite start."),
				 errhint("Give the period a finite start.")));
	if (p->upper == BOUND_HIGH)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("churn period %s is unbounded above", text),
				 errdetail("Churn is counted over a finite period."),
				 errhint("Give the period a finite end.")));
	/* only an inclusive end at the last date or microsecond gets here */
	if (!bounds_valid(kind, p))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("churn period %s ends too late", text),
				 errdetail("The end of a period, exclusive, must be a %s: before %s.",
						   kind == CHURN_KIND_DATE ? "valid date" : "valid timestamp",
						   kind == CHURN_KIND_DATE ? "5874898-01-01" : "294277-01-01 00:00:00+00"),
				 errhint("End the period earlier, or give its end as an exclusive bound.")));
	(void) fcinfo;
	return p;
}

ror_noreturn static void
churn_time_overflow(void)
{
	ereport(ERROR,
			(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
			 errmsg("churn_summary customer time out of range")));
}

/* add one non-empty lifetime to s, a summary of period */
static pg_attribute_always_inline void
churn_count(ChurnSummary *s, int kind, const ChurnRange *life, const ChurnRange *period)
{
	int64		lo,
				hi,
				span;
	int			at,
				nw,
				ch;

	/*
	 * Counted without branches (which lifetime is which is as unpredictable
	 * as the data).  at start and new exclude each other; either one holds
	 * exactly when lifetime and period overlap (lo < hi), and then lo < hi
	 * are finite bounds of the intersection.
	 */
	at = (life->lower <= period->lower) & (period->lower < life->upper);
	nw = (period->lower < life->lower) & (life->lower < period->upper);
	ch = (life->upper <= period->upper);
	s->at_start += at;
	s->churned_from_start += at & ch;
	s->new_customers += nw;
	s->churned_new += nw & ch;
	lo = Max(life->lower, period->lower);
	hi = Min(life->upper, period->upper);
	if (kind == CHURN_KIND_DATE)
	{
		/*
		 * int32 days: no overflow, nor in 86400 times the span; masked, as
		 * whether the lifetime overlaps the period is as unpredictable
		 */
		span = (hi - lo) & -(int64) (at | nw);
		if (pg_add_s64_overflow(s->customer_seconds, span * SECS_PER_DAY_I64, &s->customer_seconds))
			churn_time_overflow();
	}
	else
	{
		/*
		 * hi - lo can exceed an int64 (a period over most of the timestamp
		 * range) but not a uint64, as lo <= hi when they overlap (else the
		 * mask makes it 0).  Divided by a constant, unsigned: a multiply,
		 * not a division instruction.
		 */
		uint64		span_us = ((uint64) hi - (uint64) lo) & -(uint64) (at | nw);
		uint64		secs = span_us / UINT64CONST(1000000);
		int64		usec = s->customer_usec + (int64) (span_us - secs * UINT64CONST(1000000));	/* < 2e6 */
		int64		carry = (usec >= USECS_PER_SEC);

		s->customer_usec = (int32) (usec - carry * USECS_PER_SEC);
		if (pg_add_s64_overflow(s->customer_seconds, (int64) secs + carry, &s->customer_seconds))
			churn_time_overflow();
	}
}

static ChurnCache *
churn_cache(FunctionCallInfo fcinfo)
{
	if (fcinfo->flinfo->fn_extra == NULL)
		fcinfo->flinfo->fn_extra = MemoryContextAllocZero(fcinfo->flinfo->fn_mcxt, sizeof(ChurnCache));
	return (ChurnCache *) fcinfo->flinfo->fn_extra;
}

/*
 * Add one lifetime for one period.  Arguments: state, lifetime, period
 * [, method].  kind tells the range type (one C function per SQL overload
 * keeps the kind a constant).
 */
static pg_attribute_always_inline Datum
churn_accum_common(FunctionCallInfo fcinfo, int kind, bool with_method)
{
	ChurnCache *cache;
	const ChurnRange *period;
	ChurnRange	life;
	ChurnSummary *s;
	Size		len;
	const char *data;

	/* the in-place update below is safe only on our own state, in an aggregate */
	cache = churn_cache(fcinfo);
	if (unlikely(!cache->in_aggregate))
	{
		ror_require_aggregate(fcinfo, "churn_accum");
		cache->in_aggregate = true;
	}
	if (PG_ARGISNULL(1) || PG_ARGISNULL(2) || (with_method && PG_ARGISNULL(3)))
	{
		if (PG_ARGISNULL(0))
			PG_RETURN_NULL();
		PG_RETURN_DATUM(PG_GETARG_DATUM(0));
	}
	if (with_method)
	{
		text	   *m = PG_GETARG_TEXT_PP(3);
		int			mlen = VARSIZE_ANY_EXHDR(m);

		if (cache->method == 0 || mlen != cache->mlen || memcmp(VARDATA_ANY(m), cache->mname, mlen) != 0)
		{
			cache->method = churn_method_from_name(text_to_cstring(m));
			cache->mlen = mlen;		/* a valid name is shorter than mname */
			memcpy(cache->mname, VARDATA_ANY(m), mlen);
		}
	}
	period = churn_row_period(fcinfo, cache, kind, PG_GETARG_DATUM(2));

	if (PG_ARGISNULL(0))
	{
		/* per-call memory: the executor copies a new state into the aggregate context */
		s = palloc0(sizeof(ChurnSummary));
		s->kind = (uint8) kind;
		s->lower = period->lower;
		s->upper = period->upper;
		s->method = with_method ? (uint8) cache->method : CHURN_METHOD_NONE;
	}
	else
	{
		s = PG_GETARG_CHURN_P(0);
		if (unlikely(s->kind != kind))
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("churn state of a %s period cannot take %s rows",
							kind_range_name(s->kind == CHURN_KIND_DATE ? CHURN_KIND_DATE : CHURN_KIND_TSTZ),
							kind_range_name(kind)),
					 errdetail("An initial state must be a summary of the aggregate's own range type.")));
		if (s->lower != period->lower || s->upper != period->upper)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("churn period %s differs from the period %s of the earlier rows",
							churn_period_text(kind, period->lower, period->upper),
							churn_period_text(kind, s->lower, s->upper)),
					 errdetail("Every row of one churn aggregate must carry the same period."),
					 errhint("GROUP BY the period to get one result per period.")));
		if (with_method && s->method != cache->method)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("churn method \"%s\" differs from the method \"%s\" of the earlier rows",
							churn_method_name(cache->method), churn_method_name(s->method))));
	}

	data = inline_varlena_data(PG_GETARG_DATUM(1), &len);
	if (data == NULL || !decode_range_fast(kind, data, len, &life))
		decode_range(cache, kind, PG_GETARG_DATUM(1), &life);
	/* an empty lifetime was never a customer at any instant: it counts nowhere */
	if (life.empty)
		PG_RETURN_CHURN_P(s);

	churn_count(s, kind, &life, period);
	PG_RETURN_CHURN_P(s);
}

/*
 * The common row of every churn aggregate: a state, period (and method) the
 * general path already checked (the period's bytes the same as the cached
 * period's, the method's as the cached name's), and a lifetime
 * decode_range_fast reads.  false for anything else, which
 * churn_accum_common handles.
 */
static pg_attribute_always_inline bool
churn_accum_fast(FunctionCallInfo fcinfo, int kind, bool with_method)
{
	ChurnCache *cache = (ChurnCache *) fcinfo->flinfo->fn_extra;
	ChurnSummary *s;
	const char *pdata,
			   *ldata;
	Size		plen,
				llen;
	ChurnRange	life;

	if (unlikely(cache == NULL || !cache->in_aggregate || cache->plen == 0 ||
				 PG_ARGISNULL(0) || PG_ARGISNULL(1) || PG_ARGISNULL(2) ||
				 (with_method && PG_ARGISNULL(3))))
		return false;
	pdata = inline_varlena_data(PG_GETARG_DATUM(2), &plen);
	if (unlikely(pdata == NULL || (int) plen != cache->plen || !same_bytes(pdata, cache->pdata, plen)))
		return false;
	s = PG_GETARG_CHURN_P(0);
	if (unlikely(s->kind != kind || s->lower != cache->period.lower || s->upper != cache->period.upper))
		return false;
	if (with_method)
	{
		Size		mlen;
		const char *mdata = inline_varlena_data(PG_GETARG_DATUM(3), &mlen);

		if (unlikely(mdata == NULL || cache->method == 0 || (int) mlen != cache->mlen ||
					 memcmp(mdata, cache->mname, mlen) != 0 || s->method != cache->method))
			return false;
	}
	ldata = inline_varlena_data(PG_GETARG_DATUM(1), &llen);
	if (unlikely(ldata == NULL || !decode_range_fast(kind, ldata, llen, &life)))
		return false;
	if (likely(!life.empty))
		churn_count(s, kind, &life, &cache->period);
	return true;
}

/* every other row, out of the fast path's way */
static pg_noinline Datum
churn_accum_general(FunctionCallInfo fcinfo, int kind, bool with_method)
{
	return churn_accum_common(fcinfo, kind, with_method);
}

PG_FUNCTION_INFO_V1(churn_accum_date);
Datum
churn_accum_date(PG_FUNCTION_ARGS)
{
	if (likely(churn_accum_fast(fcinfo, CHURN_KIND_DATE, false)))
		PG_RETURN_DATUM(PG_GETARG_DATUM(0));
	return churn_accum_general(fcinfo, CHURN_KIND_DATE, false);
}

PG_FUNCTION_INFO_V1(churn_accum_tstz);
Datum
churn_accum_tstz(PG_FUNCTION_ARGS)
{
	if (likely(churn_accum_fast(fcinfo, CHURN_KIND_TSTZ, false)))
		PG_RETURN_DATUM(PG_GETARG_DATUM(0));
	return churn_accum_general(fcinfo, CHURN_KIND_TSTZ, false);
}

PG_FUNCTION_INFO_V1(churn_accum_date_method);
Datum
churn_accum_date_method(PG_FUNCTION_ARGS)
{
	if (likely(churn_accum_fast(fcinfo, CHURN_KIND_DATE, true)))
		PG_RETURN_DATUM(PG_GETARG_DATUM(0));
	return churn_accum_general(fcinfo, CHURN_KIND_DATE, true);
}

PG_FUNCTION_INFO_V1(churn_accum_tstz_method);
Datum
churn_accum_tstz_method(PG_FUNCTION_ARGS)
{
	if (likely(churn_accum_fast(fcinfo, CHURN_KIND_TSTZ, true)))
		PG_RETURN_DATUM(PG_GETARG_DATUM(0));
	return churn_accum_general(fcinfo, CHURN_KIND_TSTZ, true);
}

/*
 * churn_combine(a, b): merge two summaries of the same period.  Combine
 * function of every churn aggregate and transition function of the merge
 * aggregates.  Never returns b itself: it lives outside the aggregate
 * context.
 */
PG_FUNCTION_INFO_V1(churn_combine);
Datum
churn_combine(PG_FUNCTION_ARGS)
{
	ChurnSummary *s;

	ror_require_aggregate(fcinfo, "churn_combine");
	if (PG_ARGISNULL(1))
	{
		if (PG_ARGISNULL(0))
			PG_RETURN_NULL();
		PG_RETURN_DATUM(PG_GETARG_DATUM(0));
	}
	if (PG_ARGISNULL(0))
	{
		/* per-call memory: the executor copies a new state into the aggregate context */
		s = palloc(sizeof(ChurnSummary));
		memcpy(s, PG_GETARG_CHURN_P(1), sizeof(ChurnSummary));
		PG_RETURN_CHURN_P(s);
	}
	s = PG_GETARG_CHURN_P(0);
	churn_summary_add(s, PG_GETARG_CHURN_P(1));
	PG_RETURN_CHURN_P(s);
}

/* final of churn_rate(lifetime, period): the standard rate */
PG_FUNCTION_INFO_V1(churn_final_standard);
Datum
churn_final_standard(PG_FUNCTION_ARGS)
{
	double		rate;

	if (!churn_rate_value(PG_GETARG_CHURN_P(0), CHURN_METHOD_STANDARD, &rate))
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(rate);
}

/* final of churn_rate(lifetime, period, method): the method the state recorded */
PG_FUNCTION_INFO_V1(churn_final_method);
Datum
churn_final_method(PG_FUNCTION_ARGS)
{
	ChurnSummary *s = PG_GETARG_CHURN_P(0);
	double		rate;

	if (s->method == CHURN_METHOD_NONE)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("churn summary has no method"),
				 errdetail("churn_final_method reads the method a churn_rate(lifetime, period, method) state records; a summary of churn_summary_agg has none."),
				 errhint("Use ror.churn_rate(summary, method) to read a rate off a summary.")));
	if (!churn_rate_value(s, s->method, &rate))
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(rate);
}

/*
 * ror._churn_range_decoders_agree(r): the test of decode_range_fast against
 * the range API on this server.  NULL when the fast decoder declines r (the
 * aggregates then use the API), else whether both read r the same.
 */
PG_FUNCTION_INFO_V1(churn_range_decoders_agree);
Datum
churn_range_decoders_agree(PG_FUNCTION_ARGS)
{
	Datum		d = PG_GETARG_DATUM(0);
	Oid			typid = RangeTypeGetOid(DatumGetRangeTypeP(d));
	int			kind;
	ChurnCache	cache = {0};
	ChurnRange	fast,
				api;
	Size		len;
	const char *data = inline_varlena_data(d, &len);

	if (typid == DATERANGEOID)
		kind = CHURN_KIND_DATE;
	else if (typid == TSTZRANGEOID)
		kind = CHURN_KIND_TSTZ;
	else
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("range type %s is not daterange or tstzrange", format_type_be(typid))));
	if (data == NULL || !decode_range_fast(kind, data, len, &fast))
		PG_RETURN_NULL();
	decode_range(&cache, kind, d, &api);
	PG_RETURN_BOOL(fast.empty == api.empty &&
				   (fast.empty || (fast.lower == api.lower && fast.upper == api.upper)));
}
