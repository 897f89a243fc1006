/*
 * rormem.h: large private buffers (a million-row aggregate state, its sort
 * scratch) allocated so that touching them costs few page faults.
 */
#ifndef ROR_RORMEM_H
#define ROR_RORMEM_H

#include "compat.h"

/* from this size on, ror_palloc_large advises huge pages */
#define ROR_LARGE_BUFFER	((Size) 4 * 1024 * 1024)

/*
 * palloc(size) in the current context; a buffer of ROR_LARGE_BUFFER or more
 * is advised as transparent huge pages where the kernel offers them on
 * request (Linux, THP "madvise"): written once from start to end, 16 MB
 * then faults in 8 pages instead of 4096, which took a fifth of
 * bgnbd_hist_agg's time over a million customers.  Advice only: without
 * THP the buffer is an ordinary one.
 */
extern void *ror_palloc_large(Size size);

/* the same advice for a buffer allocated otherwise (repalloc) */
extern void ror_advise_large(void *p, Size size);

#endif							/* ROR_RORMEM_H */
