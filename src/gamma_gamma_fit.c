/*
 * gamma_gamma_fit.c: the Gamma-Gamma likelihood and its maximum-likelihood
 * fit, the final function of ror.gamma_gamma_fit.
 *
 * The model (Fader, Hardie & Lee 2005, "RFM and CLV", JMR 42(4); Hardie's
 * note "The Gamma-Gamma Model of Monetary Value", 2013): given the rate nu,
 * a customer's x transaction values are i.i.d. gamma(p, nu), so their sum
 * x*m_x is gamma(p*x, nu) and the mean m_x has density
 *
 *     f(m_x | x, nu) = nu^(px) x^(px) m_x^(px-1) e^(-nu x m_x) / Gamma(px).
 *
 * nu is gamma(q, gamma) across customers; integrating it out,
 *
 *     f(m_x | p, q, gamma, x) = Gamma(px+q) / (Gamma(px) Gamma(q))
 *                               * gamma^q x^(px) m_x^(px-1) / (gamma + x m_x)^(px+q)
 *
 * and, on the log scale (lgamma throughout, never a ratio of Gamma values),
 *
 *     log f = lgamma(px+q) - lgamma(px) - lgamma(q) + q log gamma
 *             + px log x + (px-1) log m_x - (px+q) log(gamma + x m_x).
 *
 * The fit maximises sum_i w_i log f over the customers with x > 0, m_x > 0.
 * Grouping the terms: for each distinct x with total weight W_x and
 * S_x = sum w log m_x, the lgamma and log x terms and (px-1) S_x are
 * computed once; only -(px+q) log(gamma + x m_x) is summed per distinct
 * (x, m_x) pattern.  One evaluation thus costs one log per pattern and
 * two lgamma per distinct x.
 *
 * gamma is a scale parameter: measuring spend in cents instead of dollars
 * multiplies gamma by 100 and leaves p and q alone.  So the fit works on
 * spends divided by their weighted mean mbar, m' = m / mbar, fits
 * gamma' = gamma / mbar, and maps back (gamma = mbar gamma', and
 * log f(m) = log f'(m') - log mbar).  The optimiser's start point, bounds
 * and tolerances then mean the same in every currency unit.
 *
 * The optimiser works on theta = (log p, log q, log gamma'), so every point
 * is admissible, and minimises the mean negative log-likelihood (sum divided
 * by the total weight, so tolerances do not depend on the number of
 * customers).  See optimize.h.
 */
#include "postgres.h"

#include "gamma_gamma_state.h"

#include <math.h>

#include "optimize.h"
#include "rormath.h"

#define GG_LOG_BOUND 30.0		/* |log parameter| beyond this: diverging */
#define GG_SAMPLE	2000		/* patterns of the subsample the search runs on */

typedef struct GgData
{
	int			ngroups;		/* distinct x */
	double	   *gx;				/* x of each group */
	double	   *glogx;			/* log x */
	double	   *gw;				/* W_x: total weight of the group */
	double	   *gs;				/* S_x: sum of w log m (m / mbar) */
	int			npat;			/* patterns with weight > 0 */
	int		   *pg;				/* group of each pattern */
	double	   *pxm;			/* x * m of each pattern (m / mbar) */
	double	   *pw;				/* its weight */
	double		wtotal;
	double		mbar;			/* weighted mean spend: m above is m / mbar */
} GgData;

/*
 * sum of w log f at (p, q, gamma' = gamma / mbar), of the spends m / mbar;
 * when dll is not NULL, also its derivatives in p, q and gamma': for
 * ll = sum_x [W_x (lgamma(px+q) - lgamma(px) + px log x) + (px-1) S_x]
 *      + W (q log g - lgamma(q)) - sum_i w_i (px_i+q) log(g + x_i m_i),
 *   dll/dp = sum_x x [W_x (psi(px+q) - psi(px) + log x) + S_x] - sum_i w_i x_i log(g + x_i m_i)
 *   dll/dq = sum_x W_x psi(px+q) + W (log g - psi(q)) - sum_i w_i log(g + x_i m_i)
 *   dll/dg = W q / g - sum_i w_i (px_i+q) / (g + x_i m_i)
 */
static double
gg_loglik(const GgData *d, double p, double q, double g, double *dll)
{
	double		ll = d->wtotal * (q * log(g) - lgamma(q)),
				dp = 0.0,
				dq = 0.0,
				dg = 0.0;

	if (dll)
	{
		dq = d->wtotal * (log(g) - ror_digamma(q));
		dg = d->wtotal * q / g;
	}
	for (int k = 0; k < d->ngroups; k++)
	{
		double		px = p * d->gx[k];

		ll += d->gw[k] * (lgamma(px + q) - lgamma(px) + px * d->glogx[k]) + (px - 1.0) * d->gs[k];
		if (dll)
		{
			double		pq = ror_digamma(px + q);

			dp += d->gx[k] * (d->gw[k] * (pq - ror_digamma(px) + d->glogx[k]) + d->gs[k]);
			dq += d->gw[k] * pq;
		}
	}
	/* the hot loop, once per pattern: kept free of a test for dll */
	if (!dll)
	{
		for (int i = 0; i < d->npat; i++)
			ll -= d->pw[i] * (p * d->gx[d->pg[i]] + q) * log(g + d->pxm[i]);
		return ll;
	}
	for (int i = 0; i < d->npat; i++)
	{
		double		x = d->gx[d->pg[i]],
					l = log(g + d->pxm[i]);

		ll -= d->pw[i] * (p * x + q) * l;
		dp -= d->pw[i] * x * l;
		dq -= d->pw[i] * l;
		dg -= d->pw[i] * (p * x + q) / (g + d->pxm[i]);
	}
	dll[0] = dp;
	dll[1] = dq;
	dll[2] = dg;
	return ll;
}

/*
 * the optimiser's objective (a RorObjective): mean negative log-likelihood
 * at exp(theta), and its gradient in theta, d/dtheta_k = (parameter k) *
 * d/d(parameter k)
 */
static double
gg_objective(const double *theta, double *grad, void *arg)
{
	const GgData *d = arg;
	double		p,
				q,
				g,
				dll[3],
				ll;

	for (int i = 0; i < 3; i++)
		if (!(fabs(theta[i]) <= 2.0 * GG_LOG_BOUND))
		{
			if (grad)
				grad[0] = grad[1] = grad[2] = INFINITY;
			return INFINITY;
		}
	p = exp(theta[0]);
	q = exp(theta[1]);
	g = exp(theta[2]);
	ll = gg_loglik(d, p, q, g, grad ? dll : NULL);
	if (grad)
	{
		grad[0] = -p * dll[0] / d->wtotal;
		grad[1] = -q * dll[1] / d->wtotal;
		grad[2] = -g * dll[2] / d->wtotal;
	}
	return -ll / d->wtotal;
}

/* ERROR 22003: a sum over the state is not a finite double */
static void
gg_sum_out_of_range(const char *what, double v)
{
	ereport(ERROR,
			(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
			 errmsg("gamma_gamma_fit %s out of range: %g", what, v),
			 errdetail("The weights and mean spends are too large for double precision."),
			 errhint("Scale the weights or the spends down.")));
}

/*
 * group the compacted (sorted by x, then m) patterns, spends divided by
 * their weighted mean; false when no weight
 */
static bool
gg_prepare(const GgState *s, GgData *d)
{
	d->gx = palloc(sizeof(double) * s->hist.n);
	d->glogx = palloc(sizeof(double) * s->hist.n);
	d->gw = palloc(sizeof(double) * s->hist.n);
	d->gs = palloc(sizeof(double) * s->hist.n);
	d->pg = palloc(sizeof(int) * s->hist.n);
	d->pxm = palloc(sizeof(double) * s->hist.n);
	d->pw = palloc(sizeof(double) * s->hist.n);
	d->ngroups = 0;
	d->npat = 0;
	d->wtotal = 0.0;
	d->mbar = 0.0;
	for (int i = 0; i < s->hist.n; i++)
		d->wtotal += s->entries[i].w;
	if (isinf(d->wtotal))
		gg_sum_out_of_range("total weight", d->wtotal);
	if (!(d->wtotal > 0.0))
		return false;
	/* a convex combination of the spends: cannot overflow */
	for (int i = 0; i < s->hist.n; i++)
		d->mbar += (s->entries[i].w / d->wtotal) * s->entries[i].m;
	if (!(d->mbar > 0.0) || isinf(d->mbar))
		gg_sum_out_of_range("mean spend", d->mbar);
	for (int i = 0; i < s->hist.n; i++)
	{
		const GgEntry *e = &s->entries[i];
		double		m = e->m / d->mbar;
		int			k;

		if (e->w == 0.0)
			continue;
		if (d->ngroups == 0 || d->gx[d->ngroups - 1] != e->x)
		{
			k = d->ngroups++;
			d->gx[k] = e->x;
			d->glogx[k] = log(e->x);
			d->gw[k] = 0.0;
			d->gs[k] = 0.0;
		}
		k = d->ngroups - 1;
		d->gw[k] += e->w;
		d->gs[k] += e->w * log(m);
		if (isinf(d->gs[k]) || isinf(d->gw[k]))
			gg_sum_out_of_range("sum of weighted log spends", d->gs[k]);
		d->pg[d->npat] = k;
		d->pxm[d->npat] = e->x * m;
		d->pw[d->npat] = e->w;
		d->npat++;
	}
	return true;
}

/*
 * every stride-th pattern of d (sorted by x, then m: a sample stratified
 * over both), grouped again; the objective is a mean, so no reweighting
 */
static void
gg_subsample(const GgData *d, int stride, GgData *sub)
{
	int			cap = d->npat / stride + 1;

	sub->gx = palloc(sizeof(double) * cap);
	sub->glogx = palloc(sizeof(double) * cap);
	sub->gw = palloc(sizeof(double) * cap);
	sub->gs = palloc(sizeof(double) * cap);
	sub->pg = palloc(sizeof(int) * cap);
	sub->pxm = palloc(sizeof(double) * cap);
	sub->pw = palloc(sizeof(double) * cap);
	sub->ngroups = 0;
	sub->npat = 0;
	sub->wtotal = 0.0;
	sub->mbar = d->mbar;
	for (int i = 0; i < d->npat; i += stride)
	{
		int			g = d->pg[i],
					k;

		if (sub->ngroups == 0 || sub->gx[sub->ngroups - 1] != d->gx[g])
		{
			k = sub->ngroups++;
			sub->gx[k] = d->gx[g];
			sub->glogx[k] = d->glogx[g];
			sub->gw[k] = 0.0;
			sub->gs[k] = 0.0;
		}
		k = sub->ngroups - 1;
		sub->gw[k] += d->pw[i];
		sub->gs[k] += d->pw[i] * log(d->pxm[i] / d->gx[g]);
		sub->pg[sub->npat] = k;
		sub->pxm[sub->npat] = d->pxm[i];
		sub->pw[sub->npat] = d->pw[i];
		sub->wtotal += d->pw[i];
		sub->npat++;
	}
}

/*
 * gamma_gamma_fit_final(state): the maximum-likelihood ror.gamma_gamma, or
 * NULL when no customer with x > 0 and m_x > 0 (and weight > 0) was seen.
 */
PG_FUNCTION_INFO_V1(gamma_gamma_fit_final);
Datum
gamma_gamma_fit_final(PG_FUNCTION_ARGS)
{
	GgState    *s = gg_state_compacted_copy(PG_GETARG_GG_STATE_P(0));
	GgData		d;
	double		theta[3];
	RorOptResult r;
	GammaGamma *m;

	if (s->excluded > 0)
		ereport(NOTICE,
				(errmsg("gamma_gamma_fit excluded " INT64_FORMAT " customers with frequency > 0 and monetary <= 0",
						s->excluded),
				 errdetail("The Gamma-Gamma model needs a positive mean spend; the count is in the model's \"excluded\" diagnostic.")));
	if (!gg_prepare(s, &d))
		PG_RETURN_NULL();

	/*
	 * Start at p = 1, q = 2 and gamma' = 1 (gamma = the weighted mean spend),
	 * where the model's population mean p*gamma/(q-1) equals the sample mean.
	 */
	theta[0] = 0.0;
	theta[1] = log(2.0);
	theta[2] = 0.0;
	if (d.npat > 2 * GG_SAMPLE)
	{
		/*
		 * Nelder-Mead needs hundreds of evaluations: run it on a subsample,
		 * whose optimum is close to the full one, and let Newton on all
		 * patterns finish and decide convergence
		 */
		GgData		sub;
		RorOptResult rs;

		gg_subsample(&d, d.npat / GG_SAMPLE, &sub);
		ror_minimize(gg_objective, &sub, 3, theta, 0.5, GG_LOG_BOUND, &rs);
		ror_polish(gg_objective, &d, 3, theta, GG_LOG_BOUND, &r);
		r.iterations += rs.iterations;
		if (!r.converged)
		{
			/* the subsample misled: the whole search on all patterns */
			int			spent = r.iterations;

			theta[0] = 0.0;
			theta[1] = log(2.0);
			theta[2] = 0.0;
			ror_minimize(gg_objective, &d, 3, theta, 0.5, GG_LOG_BOUND, &r);
			r.iterations += spent;
		}
	}
	else
		ror_minimize(gg_objective, &d, 3, theta, 0.5, GG_LOG_BOUND, &r);

	m = palloc0(sizeof(GammaGamma));
	m->p = exp(theta[0]);
	m->q = exp(theta[1]);
	m->gamma = exp(theta[2]) * d.mbar;
	m->customers = s->customers;
	m->weight = d.wtotal;
	/* back to the spends' own unit: f(m) = f'(m / mbar) / mbar */
	m->loglik = gg_loglik(&d, m->p, m->q, exp(theta[2]), NULL) - d.wtotal * log(d.mbar);
	m->iterations = r.iterations;
	m->converged = r.converged ? 1 : 0;
	m->excluded = s->excluded;
	/* within the bounds p and q are finite; gamma and loglik overflow only with extreme spends or weights */
	if (isfinite(m->p) && isfinite(m->q) && !isfinite(m->gamma))
		gg_sum_out_of_range("gamma", m->gamma);
	if (isfinite(m->p) && isfinite(m->q) && isfinite(m->gamma) && isinf(m->loglik))
		gg_sum_out_of_range("log-likelihood", m->loglik);
	if (!isfinite(m->loglik) || !isfinite(m->p) || !isfinite(m->q) || !isfinite(m->gamma) ||
		!(m->p > 0.0) || !(m->q > 0.0) || !(m->gamma > 0.0))
	{
		/* no finite point to report (cannot happen within the bounds): say so, return NULL */
		ereport(WARNING,
				(errmsg("gamma_gamma_fit diverged over " INT64_FORMAT " customers", s->customers),
				 errdetail("The likelihood has no finite maximum for these data (p = %g, q = %g, gamma = %g).",
						   m->p, m->q, m->gamma)));
		PG_RETURN_NULL();
	}
	if (!r.converged)
		ereport(WARNING,
				(errmsg("gamma_gamma_fit did not converge over " INT64_FORMAT " customers", s->customers),
				 errdetail("At p = %g, q = %g, gamma = %g after %d iterations the largest gradient component is %g and the Newton step %g (log scale).",
						   m->p, m->q, m->gamma, r.iterations, r.grad_inf, r.step_inf),
				 errhint("The result has converged = 0; check the data (e.g. nearly equal mean spends) before using it.")));
	PG_RETURN_GAMMA_GAMMA_P(m);
}
