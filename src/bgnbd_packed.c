/*
 * bgnbd_packed.c: the packed layout of a ror.bgnbd_hist transition state.
 *
 * Day- or week-grain data make (x, t_x, T) three small whole numbers, which
 * fit one 64-bit key whose integer order is the canonical (x, t_x, T) order.
 * A state of such keys is a plain array that rows are appended to, sorted
 * and folded (equal keys' weights added) only when it is full: no random
 * probe per row into a table of a million slots, whose cache and TLB misses
 * cost most of a row's time, and the canonical form falls out of the sort.
 * The sort is a stable LSD radix sort on digits aligned to the three fields,
 * skipping every digit in which all keys agree (the high bits of small
 * numbers), so day-grain data take three passes.
 */
#include "postgres.h"

#include "bgnbd.h"

#define T_BITS		21
#define TX_BITS		21
#define FIELD_MASK	((UINT64CONST(1) << 21) - 1)

bool
bgnbd_pack(double x, double tx, double T, uint64 *key)
{
	uint64		xi,
				ti,
				Ti;

	/* the comparisons also refuse NaN; tx <= T bounds tx */
	if (!(T >= 0.0 && T < (double) (UINT64CONST(1) << T_BITS) &&
		  tx >= 0.0 && tx <= T &&
		  x >= 0.0 && x < (double) (UINT64CONST(1) << (64 - T_BITS - TX_BITS))))
		return false;
	xi = (uint64) x;
	ti = (uint64) tx;
	Ti = (uint64) T;
	if ((double) xi != x || (double) ti != tx || (double) Ti != T)
		return false;
	*key = (xi << (T_BITS + TX_BITS)) | (ti << T_BITS) | Ti;
	return true;
}

void
bgnbd_unpack(const BgnbdPacked *p, BgnbdEntry *e)
{
	e->x = (double) (p->key >> (T_BITS + TX_BITS));
	e->tx = (double) ((p->key >> T_BITS) & FIELD_MASK);
	e->T = (double) (p->key & FIELD_MASK);
	e->w = p->w;
}

/* the radix digits: [shift, shift + width) of the key, inside one field */
static const struct
{
	int			shift;
	int			width;
}			digits[] =
{
	{0, 11}, {11, 10},			/* T */
	{21, 11}, {32, 10},			/* t_x */
	{42, 11}, {53, 11}			/* x */
};

#define NDIGITS		lengthof(digits)
#define RADIX		2048		/* 2^(widest digit) */
#define SMALL_SORT	64			/* below this, insertion sort */

/* stable insertion sort by key, for short arrays */
static void
insertion_sort(BgnbdPacked *e, int n)
{
	for (int i = 1; i < n; i++)
	{
		BgnbdPacked v = e[i];
		int			j = i;

		while (j > 0 && e[j - 1].key > v.key)
		{
			e[j] = e[j - 1];
			j--;
		}
		e[j] = v;
	}
}

/*
 * Stable sort of the n pairs of src by key into a or b (room for n each;
 * src may be b, never a); returns the one that holds the result.
 */
static BgnbdPacked *
radix_sort(const BgnbdPacked *src, int n, BgnbdPacked *a, BgnbdPacked *b)
{
	uint32	   *count = palloc0(sizeof(uint32) * NDIGITS * RADIX);
	const BgnbdPacked *from = src;
	BgnbdPacked *to = a;

	for (int i = 0; i < n; i++)
		for (int d = 0; d < (int) NDIGITS; d++)
			count[d * RADIX + ((src[i].key >> digits[d].shift) & ((1 << digits[d].width) - 1))]++;
	for (int d = 0; d < (int) NDIGITS; d++)
	{
		uint32	   *c = count + d * RADIX;
		uint32		sum = 0;
		int			shift = digits[d].shift;
		uint64		mask = (UINT64CONST(1) << digits[d].width) - 1;
		bool		one_bucket = false;

		/* all keys agree on this digit: nothing to do */
		for (int k = 0; k < RADIX && !one_bucket; k++)
			one_bucket = (c[k] == (uint32) n);
		if (one_bucket)
			continue;
		for (int k = 0; k < RADIX; k++)
		{
			uint32		m = c[k];

			c[k] = sum;
			sum += m;
		}
		for (int i = 0; i < n; i++)
			to[c[(from[i].key >> shift) & mask]++] = from[i];
		from = to;
		to = (to == a) ? b : a;
	}
	pfree(count);
	if (from == src)
	{
		/* no digit to sort on: all keys are equal */
		memcpy(a, src, sizeof(BgnbdPacked) * n);
		return a;
	}
	return unconstify(BgnbdPacked *, from);
}

/* add up the weights of equal keys of sorted e[0, n) in place; the new n */
static int
fold(BgnbdPacked *e, int n)
{
	int			out = 0;

	/* stable: the weights of one key are added in the order they came */
	for (int i = 0; i < n; i++)
	{
		if (out > 0 && e[out - 1].key == e[i].key)
			e[out - 1].w += e[i].w;
		else
			e[out++] = e[i];
	}
	return out;
}

int
bgnbd_packed_sort_fold(BgnbdPacked *e, int n)
{
	if (n < SMALL_SORT)
		insertion_sort(e, n);
	else
	{
		BgnbdPacked *scratch = palloc(sizeof(BgnbdPacked) * n);
		BgnbdPacked *sorted = radix_sort(e, n, scratch, e);

		if (sorted != e)
			memcpy(e, sorted, sizeof(BgnbdPacked) * n);
		pfree(scratch);
	}
	return fold(e, n);
}

BgnbdPacked *
bgnbd_packed_sorted(const BgnbdPacked *src, int n, int *nout)
{
	BgnbdPacked *a = palloc(sizeof(BgnbdPacked) * Max(n, 1));
	BgnbdPacked *sorted;

	if (n < SMALL_SORT)
	{
		memcpy(a, src, sizeof(BgnbdPacked) * n);
		insertion_sort(a, n);
		sorted = a;
	}
	else
	{
		BgnbdPacked *b = palloc(sizeof(BgnbdPacked) * n);

		sorted = radix_sort(src, n, a, b);
		pfree(sorted == a ? b : a);
	}
	*nout = fold(sorted, n);
	return sorted;
}
