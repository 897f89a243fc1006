/*
 * bgnbd_radix.h: the stable sorts of packed (x, t_x, T) keys, instantiated
 * by bgnbd_packed.c once for (key, weight) pairs and once for bare keys.
 *
 * Before including, define RADIX_PREFIX (the functions' name prefix),
 * RADIX_ELEMENT (the element type) and RADIX_KEY(e) (an element's uint64
 * key); the includer defines digits[], NDIGITS, RADIX and SMALL_SORT and
 * includes rormem.h.  Defines
 *   static void PREFIX_insertion_sort(RADIX_ELEMENT *e, int n);
 *   static RADIX_ELEMENT *PREFIX_radix_sort(const RADIX_ELEMENT *src, int n,
 *                                            RADIX_ELEMENT *a, RADIX_ELEMENT *b);
 *   static void PREFIX_sort(RADIX_ELEMENT *e, int n);    (in place)
 * and undefines its parameters.  No include guard: included once per type.
 */

#define RADIX_CAT_(a, b)	a##_##b
#define RADIX_CAT(a, b)		RADIX_CAT_(a, b)
#define RADIX_INSERTION		RADIX_CAT(RADIX_PREFIX, insertion_sort)
#define RADIX_SORT			RADIX_CAT(RADIX_PREFIX, radix_sort)
#define RADIX_SORT_IN_PLACE	RADIX_CAT(RADIX_PREFIX, sort)

/* stable insertion sort by key, for short arrays */
static void
RADIX_INSERTION(RADIX_ELEMENT *e, int n)
{
	for (int i = 1; i < n; i++)
	{
		RADIX_ELEMENT v = e[i];
		int			j = i;

		while (j > 0 && RADIX_KEY(e[j - 1]) > RADIX_KEY(v))
		{
			e[j] = e[j - 1];
			j--;
		}
		e[j] = v;
	}
}

/*
 * Stable LSD sort of the n elements of src by key into a or b (room for n
 * each; src may be b, never a); returns the one that holds the result.
 * One counting pass for every digit, then one scatter pass per digit in
 * which the keys differ.
 */
static RADIX_ELEMENT *
RADIX_SORT(const RADIX_ELEMENT *src, int n, RADIX_ELEMENT *a, RADIX_ELEMENT *b)
{
	uint32	   *count = palloc0(sizeof(uint32) * NDIGITS * RADIX);
	const RADIX_ELEMENT *from = src;
	RADIX_ELEMENT *to = a;

	for (int i = 0; i < n; i++)
		for (int d = 0; d < (int) NDIGITS; d++)
			count[d * RADIX + ((RADIX_KEY(src[i]) >> digits[d].shift) & ((1 << digits[d].width) - 1))]++;
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
			to[c[(RADIX_KEY(from[i]) >> shift) & mask]++] = from[i];
		from = to;
		to = (to == a) ? b : a;
	}
	pfree(count);
	if (from == src)
	{
		/* no digit to sort on: all keys are equal */
		memcpy(a, src, sizeof(RADIX_ELEMENT) * n);
		return a;
	}
	return unconstify(RADIX_ELEMENT *, from);
}

/* stable sort of e[0, n) in place: insertion sort when short, else radix with scratch */
static pg_attribute_unused() void
RADIX_SORT_IN_PLACE(RADIX_ELEMENT *e, int n)
{
	if (n < SMALL_SORT)
		RADIX_INSERTION(e, n);
	else
	{
		RADIX_ELEMENT *scratch = ror_palloc_large(sizeof(RADIX_ELEMENT) * n);
		RADIX_ELEMENT *sorted = RADIX_SORT(e, n, scratch, e);

		if (sorted != e)
			memcpy(e, sorted, sizeof(RADIX_ELEMENT) * n);
		pfree(scratch);
	}
}

#undef RADIX_SORT_IN_PLACE
#undef RADIX_SORT
#undef RADIX_INSERTION
#undef RADIX_CAT
#undef RADIX_CAT_
#undef RADIX_PREFIX
#undef RADIX_ELEMENT
#undef RADIX_KEY
