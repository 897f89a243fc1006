/*
 * rorhist.c: sort, fold and merge the entry arrays of histogram states.
 */
#include "rorhist.h"

#define ENTRY(base, i, size) ((char *) (base) + (size_t) (i) * (size))

/* fold runs of equal keys in a sorted array in place; returns the new count */
static int
fold_equal(void *entries, int n, size_t size, RorHistCmp cmp, RorHistAdd add)
{
	int			out = 0;

	for (int i = 0; i < n; i++)
	{
		if (out > 0 && cmp(ENTRY(entries, out - 1, size), ENTRY(entries, i, size)) == 0)
			add(ENTRY(entries, out - 1, size), ENTRY(entries, i, size));
		else
		{
			if (out != i)
				memcpy(ENTRY(entries, out, size), ENTRY(entries, i, size), size);
			out++;
		}
	}
	return out;
}

int
ror_hist_merge(const void *a, int na, const void *b, int nb, void *out,
			   size_t size, RorHistCmp cmp, RorHistAdd add)
{
	int			i = 0,
				j = 0,
				k = 0;

	while (i < na || j < nb)
	{
		int			c = (i >= na) ? 1 : (j >= nb) ? -1 : cmp(ENTRY(a, i, size), ENTRY(b, j, size));

		if (c <= 0)
		{
			memcpy(ENTRY(out, k, size), ENTRY(a, i, size), size);
			i++;
			if (c == 0)
				add(ENTRY(out, k, size), ENTRY(b, j++, size));
		}
		else
			memcpy(ENTRY(out, k, size), ENTRY(b, j++, size), size);
		k++;
	}
	return k;
}

int
ror_hist_compact(void *entries, int nsorted, int n, size_t size,
				 RorHistCmp cmp, RorHistAdd add)
{
	char	   *tail = ENTRY(entries, nsorted, size);
	int			ntail = n - nsorted;
	char	   *scratch;
	int			count;

	if (ntail <= 0)
		return n;
	/* qsort is not stable: a stable order for equal keys is not needed, as folding adds */
	qsort(tail, ntail, size, cmp);
	ntail = fold_equal(tail, ntail, size, cmp, add);
	if (nsorted == 0)
		return ntail;
	scratch = palloc((size_t) (nsorted + ntail) * size);
	count = ror_hist_merge(entries, nsorted, tail, ntail, scratch, size, cmp, add);
	memcpy(entries, scratch, (size_t) count * size);
	pfree(scratch);
	return count;
}
