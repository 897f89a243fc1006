/*
 * normal.h: the standard normal distribution, for confidence intervals and
 * tests (NPS, Kaplan-Meier, model standard errors).
 */
#ifndef ROR_NORMAL_H
#define ROR_NORMAL_H

/* P(Z <= x) */
extern double normal_cdf(double x);

/* x with P(Z <= x) = p, for 0 < p < 1 (full double precision) */
extern double normal_quantile(double p);

/* two-sided critical value z with P(|Z| <= z) = confidence, 0 < confidence < 1 */
extern double normal_two_sided_z(double confidence);

/* ERROR 22023 naming the value unless 0 < confidence < 1 */
extern void check_confidence(double confidence);

#endif							/* ROR_NORMAL_H */
