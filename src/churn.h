/*
 * churn.h: the churn summary, the two-step state of every churn aggregate.
 *
 * A summary is built for one period [lower, upper) and counts, over the
 * customers' lifetimes [a, b): those at start (a <= lower < b), those of them
 * churned in the period (b <= upper), the new ones (lower < a < upper) and
 * those of them churned in the period, and the customer time (the length of
 * lifetime intersect period, summed).
 *
 * Bounds are int64 in the range type's own unit: days since 2000-01-01 for
 * daterange, microseconds since 2000-01-01 00:00 UTC for tstzrange.  The
 * customer time is kept exactly, as whole seconds plus microseconds: 10 M
 * customers over a month are about 2.6e19 microseconds, more than an int64
 * holds, while whole seconds overflow only after 2.9e11 customer-years.
 * Dates count 86400 seconds per day.  The struct is 64 bytes.
 */
#ifndef ROR_CHURN_H
#define ROR_CHURN_H

#include "compat.h"
#include "fmgr.h"

typedef struct ChurnSummary
{
	int64		lower;			/* period start, inclusive */
	int64		upper;			/* period end, exclusive */
	int64		at_start;
	int64		churned_from_start;
	int64		new_customers;
	int64		churned_new;
	int64		customer_seconds;	/* whole seconds of customer time */
	int32		customer_usec;	/* plus 0..999999 microseconds */
	uint8		kind;			/* CHURN_KIND_DATE or CHURN_KIND_TSTZ */
	uint8		method;			/* CHURN_METHOD_*, set by churn_rate(.., method) */
	uint16		reserved;		/* always 0 */
} ChurnSummary;
StaticAssertDecl(sizeof(ChurnSummary) == 64, "ChurnSummary is INTERNALLENGTH = 64");

#define CHURN_SUMMARY_VERSION 1	/* first byte of the binary form */

#define CHURN_KIND_DATE 1
#define CHURN_KIND_TSTZ 2

/* methods; 0 in a summary means "not fixed" (churn_summary_agg) */
#define CHURN_METHOD_NONE 0
#define CHURN_METHOD_STANDARD 1
#define CHURN_METHOD_INCLUDE_NEW 2
#define CHURN_METHOD_CUSTOMER_DAYS 3
#define CHURN_METHOD_MAX 3

#define USECS_PER_SEC_I64 INT64CONST(1000000)
#define SECS_PER_DAY_I64 INT64CONST(86400)

#define DatumGetChurnSummaryP(X)	((ChurnSummary *) DatumGetPointer(X))
#define PG_GETARG_CHURN_P(n)		DatumGetChurnSummaryP(PG_GETARG_DATUM(n))
#define PG_RETURN_CHURN_P(x)		PG_RETURN_POINTER(x)

/* the method named by text; ERROR 22023 with a hint listing the methods */
extern int	churn_method_from_name(const char *name);
extern const char *churn_method_name(int method);

/* "[lower,upper)" in ISO form (UTC for timestamps), palloc'd */
extern char *churn_period_text(int kind, int64 lower, int64 upper);

/* ERROR unless s is a summary some rows could have produced (22P02 for text) */
extern void churn_summary_validate(const ChurnSummary *s, const char *source, int code);

/* a += b; ERROR when periods (or methods) differ or counts overflow */
extern void churn_summary_add(ChurnSummary *a, const ChurnSummary *b);

/* the churn rate by method, or false when its denominator is 0 */
extern bool churn_rate_value(const ChurnSummary *s, int method, double *rate);

/* customer time in days, period length in days */
extern double churn_customer_days(const ChurnSummary *s);
extern double churn_period_days(const ChurnSummary *s);

#endif							/* ROR_CHURN_H */
