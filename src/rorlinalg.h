/*
 * rorlinalg.h: the little dense linear algebra the model fits need, on
 * symmetric positive definite matrices of at most ROR_MAXDIM rows (the
 * Hessians of likelihoods in a few log-parameters): Cholesky factor,
 * solve, inverse.  Matrices are double[ROR_MAXDIM][ROR_MAXDIM]; only the
 * leading n x n block is used.
 */
#ifndef ROR_LINALG_H
#define ROR_LINALG_H

#include "compat.h"

#define ROR_MAXDIM 8

/*
 * L L' = A + lambda I, reading the lower triangle of A; false when an entry
 * is not finite or the matrix is not positive definite (L then unusable).
 */
extern bool ror_cholesky(int n, double A[][ROR_MAXDIM], double lambda, double L[][ROR_MAXDIM]);

/* x = (L L')^-1 b for L from ror_cholesky */
extern void ror_cholesky_solve(int n, double L[][ROR_MAXDIM], const double *b, double *x);

/* Inv = (L L')^-1 for L from ror_cholesky */
extern void ror_cholesky_inverse(int n, double L[][ROR_MAXDIM], double Inv[][ROR_MAXDIM]);

#endif							/* ROR_LINALG_H */
