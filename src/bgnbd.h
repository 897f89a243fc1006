/*
 * bgnbd.h: the BG/NBD buy-till-you-die model (Fader, Hardie & Lee 2005,
 * "Counting Your Customers the Easy Way: An Alternative to the Pareto/NBD
 * Model", Marketing Science 24(2), 275-284).
 *
 * While alive a customer buys as a Poisson process of rate lambda; after
 * each purchase the customer drops out with probability p.  lambda varies
 * across customers as gamma(r, alpha) (shape r, rate alpha), p as beta(a, b).
 * A customer is summarised by x (repeat purchases), t_x (time of the last
 * purchase since the first) and T (time since the first purchase), in any
 * time unit; alpha carries that unit.
 *
 * Two types:
 *  - ror.bgnbd (Bgnbd): r, alpha, a, b and the diagnostics of the fit;
 *  - ror.bgnbd_hist (BgnbdHist): the state of ror.bgnbd_fit, a weighted
 *    histogram of the distinct (x, t_x, T), mergeable and shippable as text.
 */
#ifndef ROR_BGNBD_H
#define ROR_BGNBD_H

#include "compat.h"
#include "fmgr.h"

typedef struct Bgnbd
{
	double		r;				/* gamma shape of the purchase rate, > 0 */
	double		alpha;			/* gamma rate of the purchase rate (time unit), > 0 */
	double		a;				/* beta shape 1 of the dropout probability, > 0 */
	double		b;				/* beta shape 2 of the dropout probability, > 0 */
	/* diagnostics of the fit; all 0 for a model built by ror.bgnbd(r, alpha, a, b) */
	int64		customers;		/* rows with weight > 0 the likelihood was fitted to */
	double		weight;			/* their total weight; = customers when unweighted */
	double		loglik;			/* sum of weight * LL_i at (r, alpha, a, b) */
	int64		iterations;		/* optimizer iterations (BFGS + Newton) */
	int64		converged;		/* 1 when the optimizer met its convergence test, else 0 */
	int64		excluded;		/* rows left out because their weight was 0 */
	/* asymptotic standard errors from the observed information (NaN if singular) */
	double		se_r;
	double		se_alpha;
	double		se_a;
	double		se_b;
} Bgnbd;						/* 112 bytes, fixed length, double aligned */
StaticAssertDecl(sizeof(Bgnbd) == 112, "Bgnbd is INTERNALLENGTH = 112");

#define BGNBD_VERSION 1			/* first byte of the binary form */
#define BGNBD_TYPNAME "ror.bgnbd"

#define DatumGetBgnbdP(X)		((Bgnbd *) DatumGetPointer(X))
#define PG_GETARG_BGNBD_P(n)	DatumGetBgnbdP(PG_GETARG_DATUM(n))
#define PG_RETURN_BGNBD_P(x)	PG_RETURN_POINTER(x)

/* ERROR 22023 unless r, alpha, a, b are finite and > 0 */
extern void bgnbd_check_params(double r, double alpha, double a, double b);

/* ----------------------------------------------------------------------
 * The histogram: one entry per distinct (x, t_x, T) with its total weight.
 *
 * Three layouts share one varlena.  The canonical one (BGNBD_HIST_SORTED)
 * has exactly nentries entries sorted by (x, t_x, T), no duplicates,
 * weights > 0: it is what text and binary I/O produce and read.  While an
 * aggregate runs, the state is either packed (BGNBD_HIST_PACKED, see
 * bgnbd_packed.c): while every pattern is three small whole numbers, an
 * unsorted array of nentries (key, weight) pairs, two per entry slot, that
 * may repeat keys; or, for a large state of rows of weight 1 (the
 * unweighted aggregates), the same with bare keys (BGNBD_HIST_KEYS, four
 * per slot, only ever inside the expanded object): half the memory to
 * write and to sort; or an open-addressing hash table (BGNBD_HIST_HASH):
 * capacity slots, a power of two, empty slots marked by w == 0.  Neither
 * holds pointers; a large one lives inside an expanded object
 * (bgnbd_hist.c), which PostgreSQL flattens to the canonical form wherever
 * the value leaves the aggregate; every reader compacts the others first.
 * ---------------------------------------------------------------------- */
typedef struct BgnbdEntry
{
	double		x;				/* repeat purchases, a whole number >= 0 */
	double		tx;				/* recency, 0 <= t_x <= T, 0 when x = 0 */
	double		T;				/* age */
	double		w;				/* total weight of the rows with this pattern, > 0 */
} BgnbdEntry;

typedef struct BgnbdHist
{
	int32		vl_len_;		/* varlena header */
	int32		layout;			/* BGNBD_HIST_SORTED, _HASH or _PACKED */
	int32		nentries;		/* distinct patterns held (packed: pairs; keys: keys) */
	int32		capacity;		/* slots in entries[] */
	int64		rows;			/* rows with weight > 0 */
	int64		excluded;		/* rows with weight 0 */
	double		weight;			/* total weight */
	BgnbdEntry	entries[FLEXIBLE_ARRAY_MEMBER];
} BgnbdHist;

#define BGNBD_HIST_SORTED	0
#define BGNBD_HIST_HASH		1
#define BGNBD_HIST_PACKED	2
#define BGNBD_HIST_KEYS		3

/* one pattern of the packed layout: (x, t_x, T) packed into one key */
typedef struct BgnbdPacked
{
	uint64		key;
	double		w;
} BgnbdPacked;

#define BGNBD_PACKED(h)			((BgnbdPacked *) (h)->entries)
#define BGNBD_PACKED_SLOTS(h)	(2 * (h)->capacity)
#define BGNBD_KEYS(h)			((uint64 *) (h)->entries)
#define BGNBD_KEYS_SLOTS(h)		(4 * (int64) (h)->capacity)

/* bits of T and of t_x in a key; x has the rest */
#define BGNBD_T_BITS	21
#define BGNBD_TX_BITS	21

/*
 * The key of (x, t_x, T) when all three are whole numbers in the key's
 * range and 0 <= t_x <= T (inline: one call per row of bgnbd_hist_agg).
 */
static inline bool
bgnbd_pack(double x, double tx, double T, uint64 *key)
{
	uint64		xi,
				ti,
				Ti;

	/* the comparisons also refuse NaN; tx <= T bounds tx */
	if (!(T >= 0.0 && T < (double) (UINT64CONST(1) << BGNBD_T_BITS) &&
		  tx >= 0.0 && tx <= T &&
		  x >= 0.0 && x < (double) (UINT64CONST(1) << (64 - BGNBD_T_BITS - BGNBD_TX_BITS))))
		return false;
	xi = (uint64) x;
	ti = (uint64) tx;
	Ti = (uint64) T;
	if ((double) xi != x || (double) ti != tx || (double) Ti != T)
		return false;
	*key = (xi << (BGNBD_T_BITS + BGNBD_TX_BITS)) | (ti << BGNBD_T_BITS) | Ti;
	return true;
}
extern void bgnbd_unpack(const BgnbdPacked *p, BgnbdEntry *e);
/* sort e[0, n) by key and add up equal keys' weights; returns the new n */
extern int	bgnbd_packed_sort_fold(BgnbdPacked *e, int n);
/* the same into a new palloc'd array, src unchanged; its length into *nout */
extern BgnbdPacked *bgnbd_packed_sorted(const BgnbdPacked *src, int n, int *nout);
/* sort k[0, n) in place (equal keys are alike: stability is moot) */
extern void bgnbd_keys_sort(uint64 *k, int n);
#define BGNBD_HIST_VERSION	1	/* first byte of the binary form */
#define BGNBD_HIST_TYPNAME	"ror.bgnbd_hist"
#define BGNBD_HIST_SIZE(cap) (offsetof(BgnbdHist, entries) + (Size) (cap) * sizeof(BgnbdEntry))
/* the most slots one varlena can hold */
#define BGNBD_HIST_MAX_CAPACITY ((int32) ((MaxAllocSize - offsetof(BgnbdHist, entries)) / sizeof(BgnbdEntry)))

#define DatumGetBgnbdHistP(X)	((BgnbdHist *) PG_DETOAST_DATUM(X))
#define PG_GETARG_BGNBD_HIST_P(n) DatumGetBgnbdHistP(PG_GETARG_DATUM(n))

/* the canonical order of patterns: by x, then t_x, then T (qsort style) */
extern int	bgnbd_entry_cmp(const void *a, const void *b);

/* a canonical (sorted, palloc'd) copy of h, or h itself when already canonical */
extern BgnbdHist *bgnbd_hist_canonical(BgnbdHist *h);

/* ERROR (code) unless one customer's (x, t_x, T) is valid; names the values */
extern void bgnbd_check_row(double x, double tx, double T);

/* ----------------------------------------------------------------------
 * Fit (bgnbd_fit.c)
 * ---------------------------------------------------------------------- */

/* maximum likelihood fit of a canonical histogram with weight > 0 into *m */
extern void bgnbd_fit_hist(const BgnbdHist *h, Bgnbd *m);

/* ----------------------------------------------------------------------
 * Predictions (bgnbd_predict.c, hyp2f1.c)
 * ---------------------------------------------------------------------- */

/*
 * bgnbd_hyp_g: (a+b-1)/(a-1) * [1 - (alpha/(alpha+t))^r *
 * 2F1(r, b; a+b-1; t/(alpha+t))], E[X(t)] of a new customer; with
 * (r+x, alpha+T, a, b+x) it is the numerator of FHL 2005 eq. 10.  Finite for
 * a = 1 (its limit) and for large r, b and t; see hyp2f1.c.
 */
extern double bgnbd_hyp_g(double r, double alpha, double a, double b, double t);

/*
 * bgnbd_hyp_g at many increasing horizons tfirst <= ... <= tlast (the
 * periods of a CLV), in chunks of at most BGNBD_HYP_CHUNK horizons so memory
 * does not grow with their number: init once, then eval each chunk in order.
 * A horizon's value does not depend on the chunking.
 */
#define BGNBD_HYP_CHUNK 128

typedef struct BgnbdHypMulti
{
	double		alpha;
	double		A;				/* C - r */
	double		eps;			/* a - 1 */
	double		C;				/* a + b - 1 */
	bool		shared;			/* every z <= 1/2: one series length serves all */
	bool		converged;		/* shared: the series converged in nterms terms */
	long		nterms;			/* shared: terms to sum */
	bool		have0;			/* not shared: S0, dS0 hold S and S' at z0 */
	double		S0;
	double		dS0;
} BgnbdHypMulti;

extern void bgnbd_hyp_multi_init(BgnbdHypMulti *p, double r, double alpha, double a, double b,
								 double tfirst, double tlast);
extern void bgnbd_hyp_multi_eval(BgnbdHypMulti *p, const double *t, int n, double *out);

/* E[X(t)] of a new customer */
extern double bgnbd_expected(const Bgnbd *m, double t);

/* E[Y(t) | x, t_x, T] (FHL 2005 eq. 10) */
extern double bgnbd_conditional_expected(const Bgnbd *m, double t, double x, double tx, double T);

/* P(alive | x, t_x, T) */
extern double bgnbd_p_alive(const Bgnbd *m, double x, double tx, double T);

#endif							/* ROR_BGNBD_H */
