/*
 * bgnbd_predict.c: what a BG/NBD model predicts (Fader, Hardie & Lee 2005,
 * "Counting Your Customers the Easy Way"; Hardie's notes "A Note on
 * Deriving the BG/NBD P(X(t) = x)"), the model-based CLV, and a simulator.
 *
 *   E[X(t)]              = G(r, alpha, a, b, t)                          (eq. 9)
 *   E[Y(t) | x, t_x, T]  = G(r+x, alpha+T, a, b+x, t) / D                 (eq. 10)
 *   P(alive | x, t_x, T) = 1 / D                                          (eq. 13)
 *   D = 1 + [x>0] a/(b+x-1) ((alpha+T)/(alpha+t_x))^(r+x)
 *   P(X(t) = n) = B(a, b+n)/B(a, b) NB(n) + [n>0] B(a+1, b+n-1)/B(a, b) P(NB >= n)   (eq. 8)
 *   NB(j) = Gamma(r+j)/(Gamma(r) j!) (alpha/(alpha+t))^r (t/(alpha+t))^j
 *
 * G is in hyp2f1.c.  D is evaluated through its logarithm, so large x or
 * T does not overflow the power.
 */
#include "postgres.h"

#include "bgnbd.h"

#include <math.h>

#include "miscadmin.h"

#include "funcapi.h"
#include "gamma_gamma.h"

static void
check_horizon(double t)
{
	if (!(t >= 0.0) || isinf(t))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("BG/NBD horizon t = %g is invalid", t),
				 errdetail("The horizon must be a finite time >= 0, in the model's time unit.")));
}

static double
check_result(double v, const Bgnbd *m, double t)
{
	if (!isfinite(v))
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("BG/NBD expectation at t = %g is out of range for r = %g, alpha = %g, a = %g, b = %g",
						t, m->r, m->alpha, m->a, m->b),
				 errdetail("The hypergeometric function could not be evaluated in double precision.")));
	/* the exact value is >= 0; rounding may leave -1e-17 */
	return v < 0.0 ? 0.0 : v;
}

/* ln of (D - 1), or -Inf when x = 0 */
static double
log_d_minus_1(const Bgnbd *m, double x, double tx, double T)
{
	if (x == 0.0)
		return -get_float8_infinity();
	return log(m->a) - log(m->b + x - 1.0)
		+ (m->r + x) * (log(m->alpha + T) - log(m->alpha + tx));
}

/* 1 / (1 + e^l), without overflow */
static double
inv_one_plus_exp(double l)
{
	if (l > 0.0)
	{
		double		e = exp(-l);

		return e / (1.0 + e);
	}
	return 1.0 / (1.0 + exp(l));
}

double
bgnbd_expected(const Bgnbd *m, double t)
{
	return check_result(bgnbd_hyp_g(m->r, m->alpha, m->a, m->b, t), m, t);
}

double
bgnbd_conditional_expected(const Bgnbd *m, double t, double x, double tx, double T)
{
	double		g = bgnbd_hyp_g(m->r + x, m->alpha + T, m->a, m->b + x, t);

	return check_result(g, m, t) * inv_one_plus_exp(log_d_minus_1(m, x, tx, T));
}

double
bgnbd_p_alive(const Bgnbd *m, double x, double tx, double T)
{
	return inv_one_plus_exp(log_d_minus_1(m, x, tx, T));
}

PG_FUNCTION_INFO_V1(bgnbd_expected_purchases);
Datum
bgnbd_expected_purchases(PG_FUNCTION_ARGS)
{
	Bgnbd	   *m = PG_GETARG_BGNBD_P(0);
	double		t = PG_GETARG_FLOAT8(1);

	check_horizon(t);
	PG_RETURN_FLOAT8(bgnbd_expected(m, t));
}

PG_FUNCTION_INFO_V1(bgnbd_conditional_expected_purchases);
Datum
bgnbd_conditional_expected_purchases(PG_FUNCTION_ARGS)
{
	Bgnbd	   *m = PG_GETARG_BGNBD_P(0);
	double		t = PG_GETARG_FLOAT8(1);
	double		x = PG_GETARG_FLOAT8(2) + 0.0;
	double		tx = PG_GETARG_FLOAT8(3) + 0.0;
	double		T = PG_GETARG_FLOAT8(4) + 0.0;

	check_horizon(t);
	bgnbd_check_row(x, tx, T);
	PG_RETURN_FLOAT8(bgnbd_conditional_expected(m, t, x, tx, T));
}

PG_FUNCTION_INFO_V1(bgnbd_p_alive_sql);
Datum
bgnbd_p_alive_sql(PG_FUNCTION_ARGS)
{
	Bgnbd	   *m = PG_GETARG_BGNBD_P(0);
	double		x = PG_GETARG_FLOAT8(1) + 0.0;
	double		tx = PG_GETARG_FLOAT8(2) + 0.0;
	double		T = PG_GETARG_FLOAT8(3) + 0.0;

	bgnbd_check_row(x, tx, T);
	PG_RETURN_FLOAT8(bgnbd_p_alive(m, x, tx, T));
}

static double
lbeta(double x, double y)
{
	return lgamma(x) + lgamma(y) - lgamma(x + y);
}

/*
 * P(X(t) = n), eq. 8.  P(NB >= n) is 1 - P(NB < n) while that is at least
 * 1/2; when it is smaller, it is summed directly as the upper tail, so a
 * small probability (a large n for a short horizon) keeps its digits.
 */
PG_FUNCTION_INFO_V1(bgnbd_purchase_probability);
Datum
bgnbd_purchase_probability(PG_FUNCTION_ARGS)
{
	Bgnbd	   *m = PG_GETARG_BGNBD_P(0);
	int32		n = PG_GETARG_INT32(1);
	double		t = PG_GETARG_FLOAT8(2);
	double		r = m->r;
	double		lq;
	double		lz;
	double		lbab;
	double		p;
	double		lnb0;

	check_horizon(t);
	if (n < 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("number of purchases %d is negative", n),
				 errdetail("P(X(t) = n) is defined for n >= 0.")));
	if (t == 0.0)
		PG_RETURN_FLOAT8(n == 0 ? 1.0 : 0.0);
	lq = log(m->alpha) - log(m->alpha + t);		/* ln(alpha/(alpha+t)) */
	lz = log(t) - log(m->alpha + t);	/* ln(t/(alpha+t)) */
	lbab = lbeta(m->a, m->b);
	lnb0 = r * lq;
	p = exp(lbeta(m->a, m->b + n) - lbab + lgamma(r + n) - lgamma(r) - lgamma(n + 1.0)
			+ lnb0 + n * lz);
	if (n > 0)
	{
		double		z = exp(lz);
		double		pmf = exp(lnb0);	/* NB(0) */
		double		low = 0.0;
		double		tail;

		for (int32 j = 0; j < n; j++)
		{
			low += pmf;
			pmf *= (r + j) / (j + 1.0) * z;
			if ((j & 0xFFFFF) == 0)
				CHECK_FOR_INTERRUPTS();
		}
		/* pmf is now NB(n) */
		if (low <= 0.5)
			tail = 1.0 - low;
		else
		{
			double		up = 0.0;
			bool		ok = false;

			pmf = exp(lgamma(r + n) - lgamma(r) - lgamma(n + 1.0) + lnb0 + n * lz);
			for (long j = n; j < (long) n + 100000000L; j++)
			{
				double		ratio = (r + j) / (j + 1.0) * z;

				up += pmf;
				pmf *= ratio;
				if (ratio < 1.0 && pmf / (1.0 - fmax(ratio, z)) <= 1e-17 * up)
				{
					ok = true;
					break;
				}
				if ((j & 0xFFFFF) == 0)
					CHECK_FOR_INTERRUPTS();
			}
			tail = ok ? up : 1.0 - low;
		}
		p += exp(lbeta(m->a + 1.0, m->b + n - 1.0) - lbab) * fmax(tail, 0.0);
	}
	if (!isfinite(p))
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("P(X(%g) = %d) is out of range for r = %g, alpha = %g, a = %g, b = %g",
						t, n, m->r, m->alpha, m->a, m->b)));
	PG_RETURN_FLOAT8(fmin(p, 1.0));
}

/*
 * ror.clv(bg, gg, frequency, recency, age, monetary, periods, discount_rate,
 * period_length) = sum_{k=1..periods} E[M] (E[Y(kL)] - E[Y((k-1)L)]) / (1+d)^k
 * with E[M] the Gamma-Gamma expected mean spend and E[Y] the conditional
 * expectation; lifetimes' customer_lifetime_value.
 */
PG_FUNCTION_INFO_V1(bgnbd_clv);
Datum
bgnbd_clv(PG_FUNCTION_ARGS)
{
	Bgnbd	   *bg = PG_GETARG_BGNBD_P(0);
	GammaGamma *gg = PG_GETARG_GAMMA_GAMMA_P(1);
	double		x = PG_GETARG_FLOAT8(2) + 0.0;
	double		tx = PG_GETARG_FLOAT8(3) + 0.0;
	double		T = PG_GETARG_FLOAT8(4) + 0.0;
	double		mon = PG_GETARG_FLOAT8(5);
	int32		periods = PG_GETARG_INT32(6);
	double		d = PG_GETARG_FLOAT8(7);
	double		L = PG_GETARG_FLOAT8(8);
	double		t[BGNBD_HYP_CHUNK];
	double		g[BGNBD_HYP_CHUNK];
	BgnbdHypMulti hm;
	double		em;
	double		scale;
	double		clv = 0.0;
	double		prev = 0.0;
	double		disc = 1.0;

	bgnbd_check_row(x, tx, T);
	if (periods < 0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("number of periods %d is negative", periods)));
	if (!(d > -1.0) || isinf(d))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("discount rate %g is invalid", d),
				 errdetail("The discount rate per period must be finite and greater than -1.")));
	if (!(L > 0.0) || isinf(L))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("period length %g is invalid", L),
				 errdetail("The period length must be finite and greater than 0, in the BG/NBD model's time unit.")));
	em = gamma_gamma_expected_avg_value(gg, x, mon);
	if (periods == 0)
		PG_RETURN_FLOAT8(0.0);
	scale = inv_one_plus_exp(log_d_minus_1(bg, x, tx, T));
	/* period k ends at horizon (k+1) L; chunks keep memory independent of periods */
	bgnbd_hyp_multi_init(&hm, bg->r + x, bg->alpha + T, bg->a, bg->b + x, L, (double) periods * L);
	for (int64 k0 = 0; k0 < periods; k0 += BGNBD_HYP_CHUNK)
	{
		int			n = (int) Min((int64) BGNBD_HYP_CHUNK, periods - k0);

		for (int i = 0; i < n; i++)
			t[i] = (double) (k0 + i + 1) * L;
		bgnbd_hyp_multi_eval(&hm, t, n, g);
		for (int i = 0; i < n; i++)
		{
			double		e = check_result(g[i], bg, t[i]) * scale;

			disc *= 1.0 + d;
			clv += em * (e - prev) / disc;
			prev = e;
		}
	}
	if (!isfinite(clv))
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("customer lifetime value is out of range")));
	PG_RETURN_FLOAT8(clv);
}

/* ----------------------------------------------------------------------
 * Simulation: xoshiro256** (Blackman & Vigna 2018) seeded by splitmix64,
 * all state in the call, no global random state.
 * ---------------------------------------------------------------------- */
typedef struct SimRng
{
	uint64		s[4];
} SimRng;

static uint64
splitmix64(uint64 *x)
{
	uint64		z = (*x += 0x9E3779B97F4A7C15ULL);

	z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ULL;
	z = (z ^ (z >> 27)) * 0x94D049BB133111EBULL;
	return z ^ (z >> 31);
}

static inline uint64
rotl(uint64 x, int k)
{
	return (x << k) | (x >> (64 - k));
}

static uint64
rng_next(SimRng *g)
{
	uint64		result = rotl(g->s[1] * 5, 7) * 9;
	uint64		t = g->s[1] << 17;

	g->s[2] ^= g->s[0];
	g->s[3] ^= g->s[1];
	g->s[1] ^= g->s[2];
	g->s[0] ^= g->s[3];
	g->s[2] ^= t;
	g->s[3] = rotl(g->s[3], 45);
	return result;
}

/* uniform on (0, 1]: never 0, so log() is finite */
static double
rng_unif(SimRng *g)
{
	return ((rng_next(g) >> 11) + 1) * (1.0 / 9007199254740992.0);
}

static double
rng_normal(SimRng *g)
{
	/* Box-Muller; one of the pair is enough here */
	return sqrt(-2.0 * log(rng_unif(g))) * cos(2.0 * M_PI * rng_unif(g));
}

/* gamma(shape, 1) by Marsaglia & Tsang (2000); shape < 1 boosted by U^(1/shape) */
static double
rng_gamma(SimRng *g, double shape)
{
	double		boost = 1.0;
	double		d,
				c;

	if (shape < 1.0)
	{
		boost = exp(log(rng_unif(g)) / shape);
		shape += 1.0;
	}
	d = shape - 1.0 / 3.0;
	c = 1.0 / sqrt(9.0 * d);
	for (;;)
	{
		double		xn = rng_normal(g);
		double		v = 1.0 + c * xn;
		double		u;

		if (v <= 0.0)
			continue;
		v = v * v * v;
		u = rng_unif(g);
		if (log(u) < 0.5 * xn * xn + d - d * v + d * log(v))
			return d * v * boost;
	}
}

typedef struct SimState
{
	SimRng		rng;
	Bgnbd		m;
	double		min_age;
	double		max_age;
} SimState;

/*
 * ror.bgnbd_simulate(m, customers, min_age, max_age, seed): customers drawn
 * from the BG/NBD process.  Each customer: age T uniform on [min_age,
 * max_age]; lambda ~ gamma(r, rate alpha); p ~ beta(a, b); purchases after
 * the first one at exponential(lambda) gaps until T; after each repeat
 * purchase the customer drops out with probability p.
 */
PG_FUNCTION_INFO_V1(bgnbd_simulate);
Datum
bgnbd_simulate(PG_FUNCTION_ARGS)
{
	FuncCallContext *funcctx;
	SimState   *st;

	if (SRF_IS_FIRSTCALL())
	{
		MemoryContext old;
		TupleDesc	tupdesc;
		Bgnbd	   *m = PG_GETARG_BGNBD_P(0);
		int32		n = PG_GETARG_INT32(1);
		double		lo = PG_GETARG_FLOAT8(2);
		double		hi = PG_GETARG_FLOAT8(3);
		uint64		seed = (uint64) (int64) PG_GETARG_INT32(4);

		if (n < 0)
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("number of customers %d is negative", n)));
		if (!(lo >= 0.0) || !(hi >= lo) || isinf(hi))
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("age range [%g, %g] is invalid", lo, hi),
					 errdetail("Ages must be finite with 0 <= min_age <= max_age.")));
		funcctx = SRF_FIRSTCALL_INIT();
		old = MemoryContextSwitchTo(funcctx->multi_call_memory_ctx);
		if (get_call_result_type(fcinfo, NULL, &tupdesc) != TYPEFUNC_COMPOSITE)
			elog(ERROR, "bgnbd_simulate must return a composite type");
		funcctx->tuple_desc = BlessTupleDesc(tupdesc);
		st = palloc0(sizeof(SimState));
		for (int i = 0; i < 4; i++)
			st->rng.s[i] = splitmix64(&seed);
		st->m = *m;
		st->min_age = lo;
		st->max_age = hi;
		funcctx->user_fctx = st;
		funcctx->max_calls = n;
		MemoryContextSwitchTo(old);
	}
	funcctx = SRF_PERCALL_SETUP();
	st = (SimState *) funcctx->user_fctx;
	if (funcctx->call_cntr < funcctx->max_calls)
	{
		SimRng	   *g = &st->rng;
		double		T = st->min_age + (st->max_age - st->min_age) * (1.0 - rng_unif(g));
		double		lambda = rng_gamma(g, st->m.r) / st->m.alpha;
		double		g1 = rng_gamma(g, st->m.a);
		double		g2 = rng_gamma(g, st->m.b);
		double		p = (g1 + g2 > 0.0) ? g1 / (g1 + g2) : st->m.a / (st->m.a + st->m.b);
		double		t = 0.0;
		double		tx = 0.0;
		int64		x = 0;
		Datum		values[4];
		bool		nulls[4] = {false, false, false, false};

		if (lambda > 0.0)
		{
			for (;;)
			{
				t += -log(rng_unif(g)) / lambda;
				if (t > T)
					break;
				x++;
				tx = t;
				if (rng_unif(g) <= p)
					break;		/* dropped out after this purchase */
				if ((x & 0xFFFFF) == 0)
					CHECK_FOR_INTERRUPTS();
			}
		}
		values[0] = Int32GetDatum((int32) funcctx->call_cntr + 1);
		values[1] = Int64GetDatum(x);
		values[2] = Float8GetDatum(tx);
		values[3] = Float8GetDatum(T);
		SRF_RETURN_NEXT(funcctx, HeapTupleGetDatum(heap_form_tuple(funcctx->tuple_desc, values, nulls)));
	}
	SRF_RETURN_DONE(funcctx);
}
