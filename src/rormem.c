/*
 * rormem.c: large private buffers with few page faults (rormem.h).
 */
#include "postgres.h"

#include "rormem.h"

#include <sys/mman.h>

#define HUGE_PAGE	((uintptr_t) 2 * 1024 * 1024)

void
ror_advise_large(void *p, Size size)
{
#ifdef MADV_HUGEPAGE
	/* the whole huge pages inside [p, p + size): the rest is someone else's */
	uintptr_t	start = ((uintptr_t) p + HUGE_PAGE - 1) & ~(HUGE_PAGE - 1);
	uintptr_t	end = ((uintptr_t) p + size) & ~(HUGE_PAGE - 1);

	if (size >= ROR_LARGE_BUFFER && end > start)
		(void) madvise((void *) start, end - start, MADV_HUGEPAGE);	/* advice: errors change nothing */
#endif
}

void *
ror_palloc_large(Size size)
{
	void	   *p = palloc(size);

	ror_advise_large(p, size);
	return p;
}
