/*
 * nps_stats.c: what can be read off an NPS summary: the NPS, counts,
 * standard error, adjusted-Wald interval and two-sample test, and the
 * category of a single score.
 *
 * Interval and test follow Rocks (2016), "Interval Estimation for the 'Net
 * Promoter Score'", The American Statistician 70(4), as popularised by Sauro
 * (MeasuringU): add 3 responses (0.75 promoters, 0.75 detractors, 1.5
 * passives) and use the multinomial variance of p - d.  With weights, n is
 * Kish's effective sample size and P, D are the weight shares times it.
 */
#include "postgres.h"

#include "nps.h"

#include <math.h>

#include "access/htup_details.h"
#include "funcapi.h"
#include "utils/builtins.h"
#include "normal.h"
#include "rorresult.h"

/*
 * Effective sample size and promoter / detractor counts on that scale.
 * Unweighted, scale is exactly 1, so these are the plain counts.
 */
typedef struct NpsShares
{
	double		n;				/* Kish's effective n; the count if unweighted */
	double		P;				/* promoters, weight share times n */
	double		D;				/* detractors, weight share times n */
} NpsShares;

/* false when the summary carries no weight (nothing to estimate) */
static bool
nps_shares(const NpsSummary *s, NpsShares *out)
{
	double		total = nps_total_weight(s);
	double		scale;			/* n / total */

	if (!(total > 0.0) || !(s->sum_w2 > 0.0))
		return false;
	if (s->sum_w2 == total)
		out->n = total;			/* unit weights: exactly the count */
	else if (isinf(total * total))
		out->n = total * (total / s->sum_w2);
	else
		out->n = total * total / s->sum_w2;
	scale = out->n / total;
	out->P = s->weight[NPS_PROMOTERS] * scale;
	out->D = s->weight[NPS_DETRACTORS] * scale;
	return true;
}

/*
 * The adjusted-Wald estimate: n' = n + 3, p' = (P + 0.75)/n',
 * d' = (D + 0.75)/n'.  Returns p' - d' and sets *var to s'^2 / n'.
 */
static double
nps_adjusted(const NpsShares *sh, double *var)
{
	double		n1 = sh->n + 3.0;
	double		p1 = (sh->P + 0.75) / n1;
	double		d1 = (sh->D + 0.75) / n1;
	double		diff = p1 - d1;

	*var = (p1 + d1 - diff * diff) / n1;
	return diff;
}

PG_FUNCTION_INFO_V1(nps_summary_nps);
Datum
nps_summary_nps(PG_FUNCTION_ARGS)
{
	NpsSummary *s = PG_GETARG_NPS_P(0);

	if (!(nps_total_weight(s) > 0.0))
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(nps_value(s));
}

PG_FUNCTION_INFO_V1(nps_summary_promoters);
Datum
nps_summary_promoters(PG_FUNCTION_ARGS)
{
	PG_RETURN_FLOAT8(PG_GETARG_NPS_P(0)->weight[NPS_PROMOTERS]);
}

PG_FUNCTION_INFO_V1(nps_summary_passives);
Datum
nps_summary_passives(PG_FUNCTION_ARGS)
{
	PG_RETURN_FLOAT8(PG_GETARG_NPS_P(0)->weight[NPS_PASSIVES]);
}

PG_FUNCTION_INFO_V1(nps_summary_detractors);
Datum
nps_summary_detractors(PG_FUNCTION_ARGS)
{
	PG_RETURN_FLOAT8(PG_GETARG_NPS_P(0)->weight[NPS_DETRACTORS]);
}

PG_FUNCTION_INFO_V1(nps_summary_responses);
Datum
nps_summary_responses(PG_FUNCTION_ARGS)
{
	PG_RETURN_INT64(PG_GETARG_NPS_P(0)->responses);
}

PG_FUNCTION_INFO_V1(nps_summary_effective_n);
Datum
nps_summary_effective_n(PG_FUNCTION_ARGS)
{
	NpsShares	sh;

	if (!nps_shares(PG_GETARG_NPS_P(0), &sh))
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(sh.n);
}

/* 100 * sqrt((p + d - (p - d)^2) / n), the plain (unadjusted) standard error */
PG_FUNCTION_INFO_V1(nps_summary_stderr);
Datum
nps_summary_stderr(PG_FUNCTION_ARGS)
{
	NpsShares	sh;
	double		p,
				d;

	if (!nps_shares(PG_GETARG_NPS_P(0), &sh))
		PG_RETURN_NULL();
	p = sh.P / sh.n;
	d = sh.D / sh.n;
	PG_RETURN_FLOAT8(100.0 * sqrt((p + d - (p - d) * (p - d)) / sh.n));
}

/* nps_ci(s, confidence) -> (low, high), adjusted Wald, clipped to [-100, 100] */
PG_FUNCTION_INFO_V1(nps_summary_ci);
Datum
nps_summary_ci(PG_FUNCTION_ARGS)
{
	NpsSummary *s = PG_GETARG_NPS_P(0);
	double		confidence = PG_GETARG_FLOAT8(1);
	NpsShares	sh;
	double		var,
				center,
				half;
	TupleDesc	tupdesc = ror_result_tupdesc(fcinfo, "nps_ci");
	Datum		values[2];
	bool		nulls[2] = {false, false};

	check_confidence(confidence);
	if (!nps_shares(s, &sh))
		PG_RETURN_NULL();

	center = nps_adjusted(&sh, &var);
	half = normal_two_sided_z(confidence) * sqrt(var);
	values[0] = Float8GetDatum(fmax(-100.0, 100.0 * (center - half)));
	values[1] = Float8GetDatum(fmin(100.0, 100.0 * (center + half)));
	PG_RETURN_DATUM(HeapTupleGetDatum(heap_form_tuple(tupdesc, values, nulls)));
}

/*
 * nps_diff_test(a, b): two-sided p-value of Z = (NPS'a - NPS'b) /
 * sqrt(s'a^2/n'a + s'b^2/n'b) for independent samples.
 */
PG_FUNCTION_INFO_V1(nps_summary_diff_test);
Datum
nps_summary_diff_test(PG_FUNCTION_ARGS)
{
	NpsShares	a,
				b;
	double		var_a,
				var_b,
				z;

	if (!nps_shares(PG_GETARG_NPS_P(0), &a) || !nps_shares(PG_GETARG_NPS_P(1), &b))
		PG_RETURN_NULL();
	z = (nps_adjusted(&a, &var_a) - nps_adjusted(&b, &var_b)) / sqrt(var_a + var_b);
	PG_RETURN_FLOAT8(erfc(fabs(z) / M_SQRT2));
}

PG_FUNCTION_INFO_V1(nps_category);
Datum
nps_category(PG_FUNCTION_ARGS)
{
	static const char *const names[] = {"promoter", "passive", "detractor"};
	int32		score = PG_GETARG_INT32(0);

	nps_check_score(score);
	PG_RETURN_TEXT_P(cstring_to_text(names[nps_category_index(score)]));
}
