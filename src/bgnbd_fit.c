/*
 * bgnbd_fit.c: maximum likelihood fit of the BG/NBD model to a histogram of
 * (x, t_x, T) patterns.
 *
 * The log-likelihood of one customer (Fader, Hardie & Lee 2005, eq. 6) is
 *
 *   LL_i = ln G(r+x) - ln G(r) + r ln(alpha) + ln B(a, b+x) - ln B(a, b)
 *          + ln[ (alpha+T)^-(r+x) + [x>0] a/(b+x-1) (alpha+t_x)^-(r+x) ]
 *
 * and the bracket is evaluated as a log-sum-exp of its two logged terms,
 * so neither power under- or overflows.  Everything except the bracket
 * depends on x alone, and the bracket needs ln(alpha+T) and ln(alpha+t_x):
 * those are computed once per distinct x, T and t_x, so one evaluation costs
 * one exp and one log1p per distinct pattern.
 *
 * The parameters are optimised on the log scale, theta = (ln r, ln alpha,
 * ln a, ln b): unconstrained, and the likelihood is much closer to
 * quadratic there.  The objective is -sum w LL_i / sum w (mean negative
 * log-likelihood, so tolerances do not depend on the number of customers),
 * with its analytic gradient:
 *
 *   d/dr     = psi(r+x) - psi(r) + ln alpha - (pA ln(alpha+T) + pB ln(alpha+t_x))
 *   d/dalpha = r/alpha - (r+x) (pA/(alpha+T) + pB/(alpha+t_x))
 *   d/da     = psi(a+b) - psi(a+b+x) + pB/a
 *   d/db     = psi(b+x) - psi(b) + psi(a+b) - psi(a+b+x) - pB/(b+x-1)
 *
 * where pA, pB are the shares of the two bracket terms (a softmax), each
 * times the parameter for the log scale.
 *
 * Search: (1) with many patterns (> 20 000), a weighted subsample of about
 * 10^4 patterns (every pattern of weight >= tau kept, the others kept with
 * probability w/tau at weight tau: an unbiased estimate of the
 * log-likelihood) stands in for the data in the exploratory steps; (2) BFGS
 * with the analytic gradient from a data-based start (r = a = b = 1, alpha
 * matching the mean purchase rate), its steps capped at a factor e per
 * parameter so a poor start cannot jump to where the likelihood
 * overflows, restarted once from a fresh Hessian approximation; (3)
 * Newton's method on all patterns with the analytic Hessian (one pass over
 * the patterns per step), which both polishes and decides convergence: the Hessian must be positive definite and the Newton step
 * below 1e-9 on every log-parameter.  Near the optimum of a sum over a
 * million customers the mean log-likelihood no longer resolves the last
 * decrease in double precision, so a test on f or on BFGS's gradient alone
 * would stall; the Newton step does not.  If Newton fails, BFGS from a
 * fresh Hessian approximation and Newton once more; then converged = false
 * with a WARNING.  Nelder-Mead (ror_minimize in optimize.c) is not needed:
 * the analytic gradient is as cheap as the likelihood, and BFGS with capped
 * steps reached the optimum from the default start on every data set tried
 * (CDNOW in weeks, days, 1/100 and 1000 times the unit, simulated data).
 * The standard
 * errors come from the observed information: the analytic Hessian of the
 * total log-likelihood in theta at the optimum, inverted; se(p) = p se(theta) (delta method, exact at the optimum for the
 * reparametrisation).  Weights count as frequency weights there.
 */
#include "postgres.h"

#include "bgnbd.h"

#include <math.h>

#include "miscadmin.h"
#include "optimize.h"
#include "rorlinalg.h"
#include "rormath.h"

#define FIT_BOUND	30.0		/* |ln parameter| beyond this: no finite optimum */
#define FIT_GTOL	1e-9
#define FIT_SEARCH_GTOL 1e-7	/* the search only needs to get close: Newton polishes */
#define FIT_XTOL	1e-9		/* log-parameter step: relative 1e-9 */
#define FIT_SAMPLE	10000.0		/* target subsample size */

typedef struct FitData
{
	int			n;				/* patterns */
	int			nx;				/* distinct x */
	int			nt;				/* distinct t_x */
	int			nT;				/* distinct T */
	double		wsum;			/* total weight */
	double	   *xs;				/* distinct x */
	double	   *ts;				/* distinct t_x */
	double	   *Ts;				/* distinct T */
	int32	   *ix;				/* per pattern: index into xs, ts, Ts */
	int32	   *it;
	int32	   *iT;
	double	   *w;
	/* work space, per distinct value */
	double	   *cx;				/* the x-only part of LL_i */
	double	   *lax;			/* ln(a/(b+x-1)) */
	double	   *grx;			/* d/dr, d/da, d/db of the x-only part; 1/(b+x-1) */
	double	   *gax;
	double	   *gbx;
	double	   *ibx;
	double	   *hrx;			/* d2/dr2, d2/da2 (= d2/da db), d2/db2 of the x-only part */
	double	   *hax;
	double	   *hbx;
	double	   *lt;				/* ln(alpha+t_x), 1/(alpha+t_x) */
	double	   *it_inv;
	double	   *lT;
	double	   *iT_inv;
} FitData;

#define ST_SORT sort_doubles
#define ST_ELEMENT_TYPE double
#define ST_COMPARE(a, b) ((*(a) > *(b)) - (*(a) < *(b)))
#define ST_SCOPE static
#define ST_DECLARE
#define ST_DEFINE
#include "lib/sort_template.h"

/* whole numbers below this are indexed through a table addressed by value */
#define DIRECT_LIMIT (1 << 20)

/*
 * The sorted distinct values of field `off` of the patterns e[0..n-1] into
 * *out (palloc'd), each pattern's index into them into idx; returns their
 * count.  Day- or week-grain data (whole numbers, the common case) take a
 * table addressed by the value; other values a sort and binary searches.
 */
static int
distinct_index(const BgnbdEntry *e, int n, size_t off, double **out, int32 *idx)
{
#define FIELD(i) (*(const double *) ((const char *) &e[i] + off))
	double		max = 0.0;
	bool		whole = true;
	double	   *d;
	int			m = 0;

	for (int i = 0; i < n && whole; i++)
	{
		whole = FIELD(i) >= 0.0 && FIELD(i) < DIRECT_LIMIT && FIELD(i) == floor(FIELD(i));
		max = fmax(max, FIELD(i));
	}
	if (whole)
	{
		int32	   *rank = palloc0(sizeof(int32) * ((int) max + 1));

		for (int i = 0; i < n; i++)
			rank[(int) FIELD(i)] = 1;
		for (int v = 0; v <= (int) max; v++)
			if (rank[v])
				rank[v] = ++m;
		d = palloc(sizeof(double) * Max(m, 1));
		for (int v = 0; v <= (int) max; v++)
			if (rank[v])
				d[rank[v] - 1] = (double) v;
		for (int i = 0; i < n; i++)
			idx[i] = rank[(int) FIELD(i)] - 1;
		pfree(rank);
	}
	else
	{
		d = palloc(sizeof(double) * Max(n, 1));
		for (int i = 0; i < n; i++)
			d[i] = FIELD(i);
		sort_doubles(d, n);
		for (int i = 0; i < n; i++)
			if (m == 0 || d[m - 1] != d[i])
				d[m++] = d[i];
		for (int i = 0; i < n; i++)
		{
			int			lo = 0,
						hi = m - 1;

			while (lo < hi)
			{
				int			mid = (lo + hi) / 2;

				if (d[mid] < FIELD(i))
					lo = mid + 1;
				else
					hi = mid;
			}
			idx[i] = lo;
		}
	}
	*out = d;
	return m;
#undef FIELD
}

/* index the patterns e[0..n-1] (weights given separately) */
static void
fit_data_init(FitData *fd, const BgnbdEntry *e, const double *w, int n)
{
	fd->n = n;
	fd->wsum = 0.0;
	fd->ix = palloc(sizeof(int32) * Max(n, 1));
	fd->it = palloc(sizeof(int32) * Max(n, 1));
	fd->iT = palloc(sizeof(int32) * Max(n, 1));
	fd->w = palloc(sizeof(double) * Max(n, 1));
	fd->nx = distinct_index(e, n, offsetof(BgnbdEntry, x), &fd->xs, fd->ix);
	fd->nt = distinct_index(e, n, offsetof(BgnbdEntry, tx), &fd->ts, fd->it);
	fd->nT = distinct_index(e, n, offsetof(BgnbdEntry, T), &fd->Ts, fd->iT);
	for (int i = 0; i < n; i++)
	{
		fd->w[i] = w[i];
		fd->wsum += w[i];
	}
	fd->cx = palloc(sizeof(double) * fd->nx);
	fd->lax = palloc(sizeof(double) * fd->nx);
	fd->grx = palloc(sizeof(double) * fd->nx);
	fd->gax = palloc(sizeof(double) * fd->nx);
	fd->gbx = palloc(sizeof(double) * fd->nx);
	fd->ibx = palloc(sizeof(double) * fd->nx);
	fd->hrx = palloc(sizeof(double) * fd->nx);
	fd->hax = palloc(sizeof(double) * fd->nx);
	fd->hbx = palloc(sizeof(double) * fd->nx);
	fd->lt = palloc(sizeof(double) * fd->nt);
	fd->it_inv = palloc(sizeof(double) * fd->nt);
	fd->lT = palloc(sizeof(double) * fd->nT);
	fd->iT_inv = palloc(sizeof(double) * fd->nT);
}

/*
 * Total log-likelihood sum w LL_i at exp(theta) and, when grad is not NULL,
 * its gradient with respect to theta; when hess is not NULL too, its
 * Hessian with respect to theta, analytic.  With p = (r, alpha, a, b),
 * the second derivatives of the bracket's log-sum-exp are
 *
 *   d2 lse = pA d2A + pB d2B + pA pB (dA - dB)(dA - dB)'
 *
 * (A, B its two logged terms), those of the x-only part need psi' (the
 * trigamma function), and d2/dtheta_i dtheta_j = p_i p_j d2/dp_i dp_j +
 * [i = j] p_i d/dp_i.  One pass over the patterns, as for the gradient: a
 * Newton step costs one evaluation instead of the eight gradients of a
 * Hessian by differences.
 */
static double
loglik(FitData *fd, const double *theta, double *grad, double hess[][ROR_MAXDIM])
{
	double		r = exp(theta[0]);
	double		alpha = exp(theta[1]);
	double		a = exp(theta[2]);
	double		b = exp(theta[3]);
	double		lnalpha = theta[1];
	double		lg_r = lgamma(r);
	double		lg_b = lgamma(b);
	double		lg_ab = lgamma(a + b);
	double		ps_r = 0.0,
				ps_b = 0.0,
				ps_ab = 0.0,
				tg_r = 0.0,
				tg_b = 0.0,
				tg_ab = 0.0;
	double		ll = 0.0;
	double		gr = 0.0,
				gal = 0.0,
				ga = 0.0,
				gb = 0.0;
	double		hs[4][4] = {{0.0}};	/* d2/dp_i dp_j, upper triangle */
	double		lna = theta[2];

	if (!(isfinite(r) && isfinite(alpha) && isfinite(a) && isfinite(b)) ||
		r <= 0.0 || alpha <= 0.0 || a <= 0.0 || b <= 0.0)
		return get_float8_nan();
	Assert(hess == NULL || grad != NULL);
	if (grad)
	{
		ps_r = ror_digamma(r);
		ps_b = ror_digamma(b);
		ps_ab = ror_digamma(a + b);
	}
	if (hess)
	{
		tg_r = ror_trigamma(r);
		tg_b = ror_trigamma(b);
		tg_ab = ror_trigamma(a + b);
	}
	for (int k = 0; k < fd->nx; k++)
	{
		double		x = fd->xs[k];

		fd->cx[k] = lgamma(r + x) - lg_r + lgamma(b + x) - lgamma(a + b + x) - lg_b + lg_ab
			+ r * lnalpha;
		fd->lax[k] = x > 0.0 ? lna - log(b + x - 1.0) : 0.0;
		if (grad)
		{
			double		ps_abx = ror_digamma(a + b + x);

			fd->grx[k] = ror_digamma(r + x) - ps_r + lnalpha;
			fd->gax[k] = ps_ab - ps_abx;
			fd->gbx[k] = ror_digamma(b + x) - ps_b + ps_ab - ps_abx;
			fd->ibx[k] = x > 0.0 ? 1.0 / (b + x - 1.0) : 0.0;
		}
		if (hess)
		{
			double		tg_abx = x > 0.0 ? ror_trigamma(a + b + x) : tg_ab;

			fd->hrx[k] = x > 0.0 ? ror_trigamma(r + x) - tg_r : 0.0;
			fd->hax[k] = tg_ab - tg_abx;
			fd->hbx[k] = (x > 0.0 ? ror_trigamma(b + x) - tg_b : 0.0) + tg_ab - tg_abx;
		}
	}
	for (int k = 0; k < fd->nt; k++)
	{
		fd->lt[k] = log(alpha + fd->ts[k]);
		fd->it_inv[k] = 1.0 / (alpha + fd->ts[k]);
	}
	for (int k = 0; k < fd->nT; k++)
	{
		fd->lT[k] = log(alpha + fd->Ts[k]);
		fd->iT_inv[k] = 1.0 / (alpha + fd->Ts[k]);
	}

	for (int i = 0; i < fd->n; i++)
	{
		int			kx = fd->ix[i];
		int			kT = fd->iT[i];
		double		x = fd->xs[kx];
		double		rx = r + x;
		double		w = fd->w[i];
		double		A = -rx * fd->lT[kT];
		double		lse;
		double		pA = 1.0;
		double		pB = 0.0;

		if (x > 0.0)
		{
			int			kt = fd->it[i];
			double		B = fd->lax[kx] - rx * fd->lt[kt];
			double		e;

			if (A >= B)
			{
				e = exp(B - A);
				lse = A + log1p(e);
				pA = 1.0 / (1.0 + e);
				pB = e * pA;
			}
			else
			{
				e = exp(A - B);
				lse = B + log1p(e);
				pB = 1.0 / (1.0 + e);
				pA = e * pB;
			}
			if (grad)
			{
				gr += w * (fd->grx[kx] - pA * fd->lT[kT] - pB * fd->lt[kt]);
				gal += w * (-rx * (pA * fd->iT_inv[kT] + pB * fd->it_inv[kt]));
				ga += w * (fd->gax[kx] + pB / a);
				gb += w * (fd->gbx[kx] - pB * fd->ibx[kx]);
			}
			if (hess)
			{
				double		iT = fd->iT_inv[kT],
							it = fd->it_inv[kt];
				double		q = w * pA * pB;
				/* dA - dB over (r, alpha, a, b) */
				double		d0 = fd->lt[kt] - fd->lT[kT],
							d1 = -rx * (iT - it),
							d2 = -1.0 / a,
							d3 = fd->ibx[kx];

				hs[0][0] += w * fd->hrx[kx] + q * d0 * d0;
				hs[0][1] += -w * (pA * iT + pB * it) + q * d0 * d1;
				hs[0][2] += q * d0 * d2;
				hs[0][3] += q * d0 * d3;
				hs[1][1] += w * rx * (pA * iT * iT + pB * it * it) + q * d1 * d1;
				hs[1][2] += q * d1 * d2;
				hs[1][3] += q * d1 * d3;
				hs[2][2] += w * (fd->hax[kx] - pB / (a * a)) + q * d2 * d2;
				hs[2][3] += w * fd->hax[kx] + q * d2 * d3;
				hs[3][3] += w * (fd->hbx[kx] + pB * d3 * d3) + q * d3 * d3;
			}
		}
		else
		{
			lse = A;
			if (grad)
			{
				gr += w * (fd->grx[kx] - fd->lT[kT]);
				gal += w * (-rx * fd->iT_inv[kT]);
				ga += w * fd->gax[kx];
				gb += w * fd->gbx[kx];
			}
			if (hess)
			{
				/* the x-only part of x = 0 is r ln(alpha): only A's terms */
				double		iT = fd->iT_inv[kT];

				hs[0][1] -= w * iT;
				hs[1][1] += w * rx * iT * iT;
			}
		}
		ll += w * (fd->cx[kx] + lse);
	}
	if (grad)
	{
		double		p[4] = {r, alpha, a, b};
		double		gp[4] = {gr, gal + fd->wsum * r / alpha, ga, gb};

		for (int i = 0; i < 4; i++)
			grad[i] = p[i] * gp[i];
		if (hess)
		{
			/* r ln(alpha) of every customer */
			hs[0][1] += fd->wsum / alpha;
			hs[1][1] -= fd->wsum * r / (alpha * alpha);
			for (int i = 0; i < 4; i++)
				for (int j = i; j < 4; j++)
					hess[i][j] = hess[j][i] = p[i] * p[j] * hs[i][j] + (i == j ? p[i] * gp[i] : 0.0);
		}
	}
	return ll;
}

/* the minimised objective (a RorObjective): mean negative log-likelihood */
static double
objective(const double *theta, double *grad, void *arg)
{
	FitData    *fd = (FitData *) arg;
	double		ll;

	if (grad)
		for (int i = 0; i < 4; i++)
			grad[i] = get_float8_nan();	/* stays so where loglik returns NaN */
	for (int i = 0; i < 4; i++)
		if (!(fabs(theta[i]) <= FIT_BOUND + 10.0))
			return get_float8_nan();
	ll = loglik(fd, theta, grad, NULL);
	if (grad)
		for (int i = 0; i < 4; i++)
			grad[i] = -grad[i] / fd->wsum;
	return -ll / fd->wsum;
}

/*
 * The objective with its gradient and Hessian (analytic); NaN, and false
 * from the caller's finiteness check, where the likelihood is not finite.
 */
static double
objective_hess(FitData *fd, const double *theta, double *grad, double H[][ROR_MAXDIM])
{
	double		ll;

	for (int i = 0; i < 4; i++)
		if (!(fabs(theta[i]) <= FIT_BOUND + 10.0))
			return get_float8_nan();
	ll = loglik(fd, theta, grad, H);
	if (isnan(ll))
		return ll;
	for (int i = 0; i < 4; i++)
	{
		grad[i] = -grad[i] / fd->wsum;
		for (int j = 0; j < 4; j++)
			H[i][j] = -H[i][j] / fd->wsum;
	}
	return -ll / fd->wsum;
}

/* every element of the objective's gradient and Hessian finite */
static bool
all_finite(const double *g, double H[][ROR_MAXDIM])
{
	for (int i = 0; i < 4; i++)
	{
		if (!isfinite(g[i]))
			return false;
		for (int j = 0; j < 4; j++)
			if (!isfinite(H[i][j]))
				return false;
	}
	return true;
}

/* a deterministic uniform [0, 1) from a pattern, for the subsample */
static double
pattern_uniform(const BgnbdEntry *e)
{
	uint64		h = 0x9E3779B97F4A7C15ULL;
	uint64		v[3];

	memcpy(&v[0], &e->x, 8);
	memcpy(&v[1], &e->tx, 8);
	memcpy(&v[2], &e->T, 8);
	for (int i = 0; i < 3; i++)
	{
		h ^= v[i] + 0x9E3779B97F4A7C15ULL + (h << 6) + (h >> 2);
		h ^= h >> 30;
		h *= 0xBF58476D1CE4E5B9ULL;
		h ^= h >> 27;
		h *= 0x94D049BB133111EBULL;
		h ^= h >> 31;
	}
	return (double) (h >> 11) * (1.0 / 9007199254740992.0);
}

static double
max_abs4(const double *v)
{
	return fmax(fmax(fabs(v[0]), fabs(v[1])), fmax(fabs(v[2]), fabs(v[3])));
}

/*
 * Newton's method with the analytic Hessian, from theta: the polish and the
 * convergence test.  Near the optimum of a sum over many customers f no
 * longer resolves the remaining decrease, so a step is accepted when it
 * lowers f or, f staying within rounding, the gradient.  Converged when the
 * Hessian is positive definite and the Newton step moves no log-parameter
 * by more than FIT_XTOL (each parameter within a relative 1e-9 of the
 * quadratic model's optimum).  Cov receives the inverse Hessian of the mean
 * negative log-likelihood.  Every evaluation brings its Hessian, so an
 * accepted step costs one pass over the patterns.
 *
 * Not ror_polish() (optimize.h): that certifies only 1e-4 (all a
 * finite-difference Hessian can in Gamma-Gamma's flat direction), damps an
 * indefinite Hessian instead of failing, and yields no covariance; this one
 * needs 1e-9 and Cov.
 */
static bool
newton(FitData *fd, double *theta, int *iters, double Cov[][ROR_MAXDIM])
{
	double		g[4];
	double		H[ROR_MAXDIM][ROR_MAXDIM];
	double		f = objective_hess(fd, theta, g, H);

	for (int it = 0; it < 30; it++)
	{
		double		L[ROR_MAXDIM][ROR_MAXDIM];
		double		p[4];
		double		step = 1.0;
		bool		moved = false;

		CHECK_FOR_INTERRUPTS();
		(*iters)++;
		if (!isfinite(f) || !all_finite(g, H) || !ror_cholesky(4, H, 0.0, L))
			return false;
		ror_cholesky_inverse(4, L, Cov);
		for (int i = 0; i < 4; i++)
		{
			p[i] = 0.0;
			for (int j = 0; j < 4; j++)
				p[i] -= Cov[i][j] * g[j];
		}
		if (max_abs4(p) <= FIT_XTOL)
			return true;
		if (max_abs4(p) > 1.0)
			step = 1.0 / max_abs4(p);
		for (int ls = 0; ls < 30 && !moved; ls++, step *= 0.5)
		{
			double		tn[4],
						gn[4],
						Hn[ROR_MAXDIM][ROR_MAXDIM],
						fn;

			for (int i = 0; i < 4; i++)
				tn[i] = theta[i] + step * p[i];
			fn = objective_hess(fd, tn, gn, Hn);
			if (fn < f || (fn <= f + 1e-14 * (1.0 + fabs(f)) && max_abs4(gn) < max_abs4(g)))
			{
				memcpy(theta, tn, sizeof(tn));
				memcpy(g, gn, sizeof(gn));
				memcpy(H, Hn, sizeof(Hn));
				f = fn;
				moved = true;
			}
		}
		if (!moved)
			return max_abs4(p) <= 1e3 * FIT_XTOL;	/* within rounding of the optimum */
	}
	return false;
}

/*
 * BFGS from theta, restarted once from a fresh Hessian approximation when
 * it stops early; returns iterations, theta in place.  Its tolerance is
 * loose: Newton's method on all patterns follows and decides convergence.
 */
static int
search(FitData *fd, double *theta, bool *converged, double *fx)
{
	double		grad[4];
	int			iters = 0;

	iters += ror_bfgs(objective, fd, 4, theta, FIT_SEARCH_GTOL, FIT_SEARCH_GTOL, 200, FIT_BOUND, fx, grad, converged);
	if (!*converged)
		iters += ror_bfgs(objective, fd, 4, theta, FIT_SEARCH_GTOL, FIT_SEARCH_GTOL, 200, FIT_BOUND, fx, grad, converged);
	return iters;
}

void
bgnbd_fit_hist(const BgnbdHist *h, Bgnbd *m)
{
	FitData		full;
	double	   *w = palloc(sizeof(double) * Max(h->nentries, 1));
	double		theta[4];
	double		grad[4];
	double		se[4];
	double		Cov[ROR_MAXDIM][ROR_MAXDIM];
	double		sx = 0.0,
				sT = 0.0;
	double		fx;
	bool		converged = false;
	int			iters = 0;

	for (int i = 0; i < h->nentries; i++)
	{
		w[i] = h->entries[i].w;
		sx += w[i] * h->entries[i].x;
		sT += w[i] * h->entries[i].T;
	}
	fit_data_init(&full, h->entries, w, h->nentries);

	/*
	 * Start: r = 1, a = 1, b = 1 and alpha matching the mean purchase rate,
	 * r/alpha = (mean x + 1)/(mean T).
	 */
	theta[0] = 0.0;
	theta[1] = log(fmax(sT / full.wsum, 1e-6) / (sx / full.wsum + 1.0));
	theta[2] = 0.0;
	theta[3] = 0.0;
	if (!isfinite(theta[1]))
		theta[1] = 0.0;

	if (h->nentries > 2 * FIT_SAMPLE)
	{
		/* stage 1 on a subsample of about FIT_SAMPLE patterns */
		FitData		sub;
		BgnbdEntry *se_ = palloc(sizeof(BgnbdEntry) * h->nentries);
		double	   *sw = palloc(sizeof(double) * h->nentries);
		double		tau = full.wsum / FIT_SAMPLE;
		int			ns = 0;

		for (int i = 0; i < h->nentries; i++)
		{
			const BgnbdEntry *e = &h->entries[i];

			if (e->w >= tau)
			{
				se_[ns] = *e;
				sw[ns++] = e->w;
			}
			else if (pattern_uniform(e) * tau < e->w)
			{
				se_[ns] = *e;
				sw[ns++] = tau;
			}
		}
		fit_data_init(&sub, se_, sw, ns);
		iters += search(&sub, theta, &converged, &fx);
	}
	else
		iters += search(&full, theta, &converged, &fx);

	/* stage 2: Newton on all patterns decides convergence */
	converged = newton(&full, theta, &iters, Cov);
	if (!converged)
	{
		/* one more try: BFGS from a fresh Hessian approximation, then Newton */
		iters += ror_bfgs(objective, &full, 4, theta, FIT_GTOL, FIT_XTOL, 100, FIT_BOUND, &fx, grad, &converged);
		converged = newton(&full, theta, &iters, Cov);
	}

	m->r = exp(theta[0]);
	m->alpha = exp(theta[1]);
	m->a = exp(theta[2]);
	m->b = exp(theta[3]);
	m->loglik = loglik(&full, theta, NULL, NULL);
	m->iterations = iters;
	se[0] = se[1] = se[2] = se[3] = get_float8_nan();
	if (converged)
	{
		/* observed information = W * Hessian of the mean; Cov = its inverse */
		for (int i = 0; i < 4; i++)
			se[i] = exp(theta[i]) * sqrt(Cov[i][i] / full.wsum);
	}
	if (!(m->r > 0.0 && m->alpha > 0.0 && m->a > 0.0 && m->b > 0.0 &&
		  isfinite(m->r) && isfinite(m->alpha) && isfinite(m->a) && isfinite(m->b)))
	{
		/* cannot happen within FIT_BOUND; keep the type's invariant anyway */
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("bgnbd_fit found no finite parameters"),
				 errdetail("The search ended at r=%g, alpha=%g, a=%g, b=%g.", m->r, m->alpha, m->a, m->b)));
	}
	if (!isfinite(m->loglik))
		m->loglik = get_float8_nan();
	m->converged = converged ? 1 : 0;
	m->se_r = se[0];
	m->se_alpha = se[1];
	m->se_a = se[2];
	m->se_b = se[3];
	if (!converged)
		ereport(WARNING,
				(errmsg("bgnbd_fit did not converge"),
				 errdetail("The search stopped after " INT64_FORMAT " iterations at r=%g, alpha=%g, a=%g, b=%g (log-likelihood %g) without meeting its convergence test.",
						   m->iterations, m->r, m->alpha, m->a, m->b, m->loglik),
				 errhint("The data may not identify the model (for example no repeat purchases, or no sign of dropout); the result has converged = false.")));
}
