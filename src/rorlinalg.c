/*
 * rorlinalg.c: Cholesky factor, solve and inverse (see rorlinalg.h).
 */
#include "postgres.h"

#include "rorlinalg.h"

#include <math.h>

bool
ror_cholesky(int n, double A[][ROR_MAXDIM], double lambda, double L[][ROR_MAXDIM])
{
	for (int i = 0; i < n; i++)
	{
		for (int j = 0; j <= i; j++)
		{
			double		sum = A[i][j] + (i == j ? lambda : 0.0);

			if (!isfinite(sum))
				return false;
			for (int k = 0; k < j; k++)
				sum -= L[i][k] * L[j][k];
			if (i == j)
			{
				if (!(sum > 0.0))
					return false;
				L[i][i] = sqrt(sum);
			}
			else
				L[i][j] = sum / L[j][j];
		}
	}
	return true;
}

void
ror_cholesky_solve(int n, double L[][ROR_MAXDIM], const double *b, double *x)
{
	double		z[ROR_MAXDIM];

	/* L z = b, then L' x = z */
	for (int i = 0; i < n; i++)
	{
		double		sum = b[i];

		for (int k = 0; k < i; k++)
			sum -= L[i][k] * z[k];
		z[i] = sum / L[i][i];
	}
	for (int i = n - 1; i >= 0; i--)
	{
		double		sum = z[i];

		for (int k = i + 1; k < n; k++)
			sum -= L[k][i] * x[k];
		x[i] = sum / L[i][i];
	}
}

void
ror_cholesky_inverse(int n, double L[][ROR_MAXDIM], double Inv[][ROR_MAXDIM])
{
	double		Li[ROR_MAXDIM][ROR_MAXDIM] = {{0}};

	/* Li = L^-1 (lower triangular), then Inv = Li' Li */
	for (int i = 0; i < n; i++)
	{
		Li[i][i] = 1.0 / L[i][i];
		for (int j = 0; j < i; j++)
		{
			double		s = 0.0;

			for (int k = j; k < i; k++)
				s -= L[i][k] * Li[k][j];
			Li[i][j] = s / L[i][i];
		}
	}
	for (int i = 0; i < n; i++)
		for (int j = 0; j < n; j++)
		{
			double		s = 0.0;

			for (int k = 0; k < n; k++)
				s += Li[k][i] * Li[k][j];
			Inv[i][j] = s;
		}
}
