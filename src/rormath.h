/*
 * rormath.h: special functions the model fits share (the normal
 * distribution is in normal.h, the BG/NBD's hypergeometric G in hyp2f1.c).
 */
#ifndef ROR_MATH_H
#define ROR_MATH_H

/* psi(x) = d/dx ln Gamma(x), for x > 0 */
extern double ror_digamma(double x);
/* psi'(x) = d/dx psi(x), for x > 0 */
extern double ror_trigamma(double x);

#endif							/* ROR_MATH_H */
