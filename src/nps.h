/*
 * nps.h: the NPS summary, the two-step state of every NPS aggregate.
 *
 * Every summary is a weighted one: an unweighted row has weight 1, so for
 * unweighted input the weight sums are exactly the counts (a double holds
 * every integer up to 2^53 exactly).  That keeps the type at 40 bytes, lets
 * weighted and unweighted summaries merge, and gives Kish's effective
 * sample size (sum w)^2 / sum w^2 = n when there are no weights.
 */
#ifndef ROR_NPS_H
#define ROR_NPS_H

#include "compat.h"
#include "fmgr.h"

typedef struct NpsSummary
{
	int64		responses;		/* rows counted, weighted or not */
	double		weight[3];		/* sums of weights per NPS_PROMOTERS.. */
	double		sum_w2;			/* sum of squared weights, for Kish's n */
} NpsSummary;
StaticAssertDecl(sizeof(NpsSummary) == 40, "NpsSummary is INTERNALLENGTH = 40");

#define NPS_SUMMARY_VERSION 1	/* first byte of the binary form */

/* range of non-zero weights: their squares neither underflow nor overflow */
#define NPS_WEIGHT_MIN	1e-150
#define NPS_WEIGHT_MAX	1e150

#define DatumGetNpsSummaryP(X)	((NpsSummary *) DatumGetPointer(X))
#define PG_GETARG_NPS_P(n)		DatumGetNpsSummaryP(PG_GETARG_DATUM(n))
#define PG_RETURN_NPS_P(x)		PG_RETURN_POINTER(x)

/* indexes into weight[]: scores 9-10, 7-8, 0-6 */
#define NPS_PROMOTERS	0
#define NPS_PASSIVES	1
#define NPS_DETRACTORS	2

/* the category of a valid score 0..10 */
static inline int
nps_category_index(int32 score)
{
	/* a table, not comparisons: the category is as unpredictable as the data */
	static const uint8 category[11] = {
		NPS_DETRACTORS, NPS_DETRACTORS, NPS_DETRACTORS, NPS_DETRACTORS, NPS_DETRACTORS, NPS_DETRACTORS,
		NPS_DETRACTORS, NPS_PASSIVES, NPS_PASSIVES, NPS_PROMOTERS, NPS_PROMOTERS
	};

	Assert(score >= 0 && score <= 10);
	return category[score];
}

/* ERROR 22003 naming the score; kept out of line so the check below inlines */
ror_noreturn extern void nps_score_error(int32 score);

/* ERROR 22003 naming the score unless 0 <= score <= 10 */
static inline void
nps_check_score(int32 score)
{
	if (unlikely(score < 0 || score > 10))
		nps_score_error(score);
}

/* total weight; 0 only for an empty (or all-zero-weight) summary */
static inline double
nps_total_weight(const NpsSummary *s)
{
	return s->weight[NPS_PROMOTERS] + s->weight[NPS_PASSIVES] + s->weight[NPS_DETRACTORS];
}

/* NPS in [-100, 100]; the caller ensures total weight > 0 */
static inline double
nps_value(const NpsSummary *s)
{
	return 100.0 * (s->weight[NPS_PROMOTERS] - s->weight[NPS_DETRACTORS]) / nps_total_weight(s);
}

/* a += b, with overflow checks */
extern void nps_summary_add(NpsSummary *a, const NpsSummary *b);

#endif							/* ROR_NPS_H */
