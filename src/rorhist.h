/*
 * rorhist.h: the sorted, de-duplicated entry arrays behind ror's histogram
 * states (ror.gamma_gamma_state, ror.rfm_state).
 *
 * A state keeps its entries as a sorted distinct prefix [0, nsorted) and an
 * unsorted tail [nsorted, n) that transition functions append to in O(1).
 * ror_hist_compact() sorts the tail, folds equal keys together and merges it
 * into the prefix, so building a state of n rows costs O(n log n) in all and
 * the text form, equality and the fits see one canonical sorted array.
 */
#ifndef ROR_RORHIST_H
#define ROR_RORHIST_H

#include "compat.h"

/* compare the keys of two entries (qsort style) */
typedef int (*RorHistCmp) (const void *a, const void *b);

/* fold src into dst, whose key is equal */
typedef void (*RorHistAdd) (void *dst, const void *src);

/*
 * Make entries[0, n) sorted and distinct, given that [0, nsorted) already
 * is.  Equal keys are folded together; float sums may then differ in the
 * last bits with the order rows arrived in (as for sum(float8)), never in
 * anything else.
 * Returns the new entry count.  Uses palloc'd scratch in the current context.
 */
extern int	ror_hist_compact(void *entries, int nsorted, int n, size_t size,
							 RorHistCmp cmp, RorHistAdd add);

/*
 * Merge two sorted distinct arrays a[0, na) and b[0, nb) into out (room for
 * na + nb entries), folding equal keys (a's entry receives b's).  Returns the
 * entry count.
 */
extern int	ror_hist_merge(const void *a, int na, const void *b, int nb, void *out,
						   size_t size, RorHistCmp cmp, RorHistAdd add);

#endif							/* ROR_RORHIST_H */
