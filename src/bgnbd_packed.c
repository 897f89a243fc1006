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

#include "rormem.h"

#define T_BITS		BGNBD_T_BITS
#define TX_BITS		BGNBD_TX_BITS
#define FIELD_MASK	((UINT64CONST(1) << T_BITS) - 1)	/* T_BITS = TX_BITS */

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

/* the sorts of (key, weight) pairs and of bare keys (bgnbd_radix.h) */
#define RADIX_PREFIX	pairs
#define RADIX_ELEMENT	BgnbdPacked
#define RADIX_KEY(e)	((e).key)
#include "bgnbd_radix.h"

#define RADIX_PREFIX	keys
#define RADIX_ELEMENT	uint64
#define RADIX_KEY(e)	(e)
#include "bgnbd_radix.h"

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
	pairs_sort(e, n);
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
		pairs_insertion_sort(a, n);
		sorted = a;
	}
	else
	{
		BgnbdPacked *b = ror_palloc_large(sizeof(BgnbdPacked) * n);

		sorted = pairs_radix_sort(src, n, a, b);
		pfree(sorted == a ? b : a);
	}
	*nout = fold(sorted, n);
	return sorted;
}

void
bgnbd_keys_sort(uint64 *k, int n)
{
	int			i = 1;

	/* a state flattened twice is sorted already */
	while (i < n && k[i - 1] <= k[i])
		i++;
	if (i < n)
		keys_sort(k, n);
}
