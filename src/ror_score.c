/*
 * ror_score.c: the building blocks of the ROR score.
 *
 * The score is a weighted mean of five components, each a share in [0, 1]:
 * value, loyalty, advocacy, referral and engagement.  A component that was not
 * measured is NULL and leaves the mean (its weight with it); when the weight
 * still present is less than half of all the weight, the score is NULL rather
 * than a number resting on a minority of its evidence.
 *
 *     ror_score    = 100 * sum_present(w c) / sum_present(w)     in [0, 100]
 *     ror_coverage = sum_present(w) / sum_all(w)                 in [0, 1]
 *
 * Beside them, the scalar maps from raw measures to components (advocacy,
 * saturate, value_component) and from the score to its band (ror_band).
 */
#include "postgres.h"

#include "compat.h"

#include <math.h>

#include "catalog/pg_type.h"
#include "utils/array.h"
#include "utils/builtins.h"
#include "nps.h"
#include "rortext.h"

#define ROR_COMPONENTS 5

static const char *const component_names[ROR_COMPONENTS] = {
	"value", "loyalty", "advocacy", "referral", "engagement"
};

/* x in its shortest exact form ("NaN", "Infinity", "-0" included), for messages */
static char *
float_text(double x)
{
	StringInfoData buf;

	initStringInfo(&buf);
	ror_append_float8(&buf, x);
	return buf.data;
}

/*
 * The weights, checked (22023 naming what was given) and scaled by a power of
 * two so that the largest lies in [0.5, 1): scaling by 2^k is exact, the score
 * and the coverage do not depend on the scale, and so sums of weights up to
 * DBL_MAX cannot overflow, nor do subnormal weights lose digits.
 */
static void
score_weights(ArrayType *arr, const char *fname, double w[ROR_COMPONENTS])
{
	Datum	   *elems;
	bool	   *nulls;
	int			n;
	double		max = 0.0;
	int			exponent;

	if (ARR_NDIM(arr) > 1)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s weights must be a one-dimensional array, not %d-dimensional",
						fname, ARR_NDIM(arr)),
				 errdetail("The weights are five numbers, one per component: value, loyalty, advocacy, referral, engagement.")));
	deconstruct_array(arr, FLOAT8OID, sizeof(float8), FLOAT8PASSBYVAL, TYPALIGN_DOUBLE,
					  &elems, &nulls, &n);
	if (n != ROR_COMPONENTS)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s weights must have 5 elements, not %d", fname, n),
				 errdetail("The weights are five numbers, one per component: value, loyalty, advocacy, referral, engagement.")));
	for (int k = 0; k < ROR_COMPONENTS; k++)
	{
		if (nulls[k])
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("%s weight %d (%s) is NULL", fname, k + 1, component_names[k]),
					 errhint("Give weight 0 to a component that should not count; a NULL component is left out by itself.")));
		w[k] = DatumGetFloat8(elems[k]);
		if (!(w[k] >= 0.0) || isinf(w[k]))
			ereport(ERROR,
					(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
					 errmsg("%s weight %d (%s) is %s", fname, k + 1, component_names[k],
							float_text(w[k])),
					 errdetail("A weight must be a finite number greater than or equal to 0.")));
		max = fmax(max, w[k]);
	}
	if (max == 0.0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("%s weights are all 0", fname),
				 errdetail("At least one component must have a weight greater than 0.")));

	(void) frexp(max, &exponent);
	for (int k = 0; k < ROR_COMPONENTS; k++)
		w[k] = ldexp(w[k], -exponent);
}

/*
 * The components of a ror_score / ror_coverage call and the weights present
 * and absent.  Returns false when the weights are NULL: the functions are
 * strict in the weights only, as NULL components are their normal case.
 */
static bool
score_inputs(FunctionCallInfo fcinfo, const char *fname,
			 double *present_num, double *present_w, double *absent_w)
{
	static const double unit[ROR_COMPONENTS] = {1.0, 1.0, 1.0, 1.0, 1.0};
	double		scaled[ROR_COMPONENTS];
	const double *w = unit;

	if (PG_NARGS() > ROR_COMPONENTS)
	{
		if (PG_ARGISNULL(ROR_COMPONENTS))
			return false;
		score_weights(PG_GETARG_ARRAYTYPE_P(ROR_COMPONENTS), fname, scaled);
		w = scaled;
	}

	*present_num = *present_w = *absent_w = 0.0;
	for (int k = 0; k < ROR_COMPONENTS; k++)
	{
		double		c;

		if (PG_ARGISNULL(k))
		{
			*absent_w += w[k];
			continue;
		}
		c = PG_GETARG_FLOAT8(k);
		/* checked even when its weight is 0: a bad component is a bug upstream */
		if (!(c >= 0.0 && c <= 1.0))
			ereport(ERROR,
					(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
					 errmsg("%s component %s %s is out of range", fname, component_names[k],
							float_text(c)),
					 errdetail("A component is a share from 0 to 1."),
					 errhint("Pass NULL for a component that was not measured.")));
		*present_num += w[k] * c;
		*present_w += w[k];
	}
	return true;
}

/*
 * ror_score(value, loyalty, advocacy, referral, engagement [, weights]):
 * 100 * the weighted mean of the present components, in [0, 100]; NULL when
 * the present weight is less than half of the total.  Present and absent
 * weights are compared directly (present >= absent), not against a rounded
 * total / 2, so an exact half such as {1,1,1,1,4} with only engagement counts.
 */
PG_FUNCTION_INFO_V1(ror_score);
Datum
ror_score(PG_FUNCTION_ARGS)
{
	double		num,
				present,
				absent;

	if (!score_inputs(fcinfo, "ror_score", &num, &present, &absent))
		PG_RETURN_NULL();
	if (!(present >= absent))
		PG_RETURN_NULL();

	/*
	 * present > 0 now, as the weights are not all 0.  The mean first, so that
	 * a short binary mean (0.5, 0.4375) gives its score exactly (50, 43.75).
	 */
	PG_RETURN_FLOAT8(100.0 * (num / present));
}

/*
 * ror_coverage(value, loyalty, advocacy, referral, engagement [, weights]):
 * the share of the weight whose component is present, in [0, 1].
 */
PG_FUNCTION_INFO_V1(ror_coverage);
Datum
ror_coverage(PG_FUNCTION_ARGS)
{
	double		num,
				present,
				absent;

	if (!score_inputs(fcinfo, "ror_coverage", &num, &present, &absent))
		PG_RETURN_NULL();
	PG_RETURN_FLOAT8(present / (present + absent));
}

/*
 * advocacy(score): the advocacy component of one NPS answer 0-10: detractor
 * 0, passive 0.5, promoter 1: the NPS categories, so that its mean over the
 * answers is (P + 0.5 (n - P - D)) / n = (NPS / 100 + 1) / 2, the NPS mapped
 * onto [0, 1].
 */
PG_FUNCTION_INFO_V1(ror_advocacy);
Datum
ror_advocacy(PG_FUNCTION_ARGS)
{
	static const double share[3] = {
		[NPS_PROMOTERS] = 1.0, [NPS_PASSIVES] = 0.5, [NPS_DETRACTORS] = 0.0
	};
	int32		score = PG_GETARG_INT32(0);

	nps_check_score(score);
	PG_RETURN_FLOAT8(share[nps_category_index(score)]);
}

/*
 * saturate(count, half) = 1 - 2^(-count / half): 0 at count 0, 1/2 at count
 * = half, towards 1 as count grows.  count = +Infinity gives 1 (whatever half,
 * +Infinity included); half = +Infinity with a finite count gives 0.
 *
 * Computed as -expm1(-x ln 2), x = count / half: 1 - pow(2, -x) cancels for
 * small x (x = 1e-10 keeps only 6 of its 16 digits), expm1 keeps full
 * relative precision there.  Whole x up to 64 takes 1 - 2^-x exactly (ldexp),
 * so 1, 2, 3 halves give 0.5, 0.75, 0.875 on any libm.
 */
PG_FUNCTION_INFO_V1(ror_saturate);
Datum
ror_saturate(PG_FUNCTION_ARGS)
{
	double		count = PG_GETARG_FLOAT8(0);
	double		half = PG_GETARG_FLOAT8(1);
	double		x;

	if (!(count >= 0.0))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("saturate count %s is invalid", float_text(count)),
				 errdetail("The count must be 0 or more (+Infinity gives 1).")));
	if (!(half > 0.0))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("saturate half %s is invalid", float_text(half)),
				 errdetail("The half-saturation count must be greater than 0 (+Infinity gives 0).")));
	if (isinf(count))
		PG_RETURN_FLOAT8(1.0);

	x = count / half;			/* may overflow to +Infinity: then 1 below */
	if (x <= 64.0 && x == floor(x))
		PG_RETURN_FLOAT8(1.0 - ldexp(1.0, -(int) x));
	PG_RETURN_FLOAT8(-expm1(-x * M_LN2));
}

/*
 * value_component(clv, cac) = clv / (3 cac) clipped to [0, 1]: a customer is
 * worth full marks at a lifetime value of three times the acquisition cost.
 * cac = 0: 1 when clv > 0, else 0.  Divided as (clv / cac) / 3, which
 * overflows only to +Infinity (clipped to 1), where 3 * cac could overflow
 * and turn a ratio of 1/3 into 0.
 */
PG_FUNCTION_INFO_V1(ror_value_component);
Datum
ror_value_component(PG_FUNCTION_ARGS)
{
	double		clv = PG_GETARG_FLOAT8(0);
	double		cac = PG_GETARG_FLOAT8(1);
	double		r;

	if (isnan(clv) || isinf(clv))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("value_component clv %s is not finite", float_text(clv)),
				 errdetail("The customer lifetime value must be a finite number.")));
	if (!(cac >= 0.0) || isinf(cac))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("value_component cac %s is invalid", float_text(cac)),
				 errdetail("The customer acquisition cost must be a finite number greater than or equal to 0.")));
	if (cac == 0.0)
		PG_RETURN_FLOAT8(clv > 0.0 ? 1.0 : 0.0);
	r = (clv / cac) / 3.0;
	if (!(r > 0.0))
		PG_RETURN_FLOAT8(0.0);	/* also -0 */
	PG_RETURN_FLOAT8(fmin(r, 1.0));
}

/* ror_band(score): red below 50, yellow 50 to 75 inclusive, green above 75 */
PG_FUNCTION_INFO_V1(ror_band);
Datum
ror_band(PG_FUNCTION_ARGS)
{
	double		score = PG_GETARG_FLOAT8(0);

	if (!(score >= 0.0 && score <= 100.0))
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("ror_band score %s is out of range", float_text(score)),
				 errdetail("A ROR score is a number from 0 to 100.")));
	if (score < 50.0)
		PG_RETURN_TEXT_P(cstring_to_text("red"));
	if (score <= 75.0)
		PG_RETURN_TEXT_P(cstring_to_text("yellow"));
	PG_RETURN_TEXT_P(cstring_to_text("green"));
}
