/*
 * rorhist.c: sort, fold and merge the entry arrays of histogram states.
 */
#include "postgres.h"

#include "rorhist.h"

#include "common/hashfn.h"
#include "port/pg_bitutils.h"

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

void *
ror_hist_alloc(const RorHistType *t, int32 capacity)
{
	size_t		size = t->header + (size_t) capacity * t->entry;
	RorHistHeader *h = palloc0(size);

	SET_VARSIZE(h, size);
	h->capacity = capacity;
	return h;
}

void
ror_hist_compact_state(const RorHistType *t, void *s)
{
	RorHistHeader *h = s;

	h->n = ror_hist_compact(ROR_HIST_ENTRIES(t, s), h->nsorted, h->n, t->entry, t->cmp, t->add);
	h->nsorted = h->n;
}

void
ror_hist_trim(const RorHistType *t, void *s)
{
	RorHistHeader *h = s;

	SET_VARSIZE(h, t->header + (size_t) h->n * t->entry);
	h->capacity = h->n;
}

void *
ror_hist_compacted_copy(const RorHistType *t, const void *s)
{
	const RorHistHeader *h = s;
	RorHistHeader *c = ror_hist_alloc(t, h->n);

	memcpy((char *) c + sizeof(RorHistHeader), (const char *) s + sizeof(RorHistHeader),
		   t->header - sizeof(RorHistHeader) + (size_t) h->n * t->entry);
	c->n = h->n;
	c->nsorted = h->nsorted;
	ror_hist_compact_state(t, c);
	ror_hist_trim(t, c);
	return c;
}

int32
ror_hist_capacity(const RorHistType *t, int64 entries)
{
	uint64		bytes = t->header + (uint64) Max(entries, 1) * t->entry;

	/* below aset.c's chunk limit (8 kB) palloc rounds a chunk up to 2^k bytes */
	if (bytes <= 8192)
		bytes = pg_nextpower2_64(bytes);
	return (int32) Min((bytes - t->header) / t->entry, (uint64) ROR_HIST_MAX(t));
}

void *
ror_hist_room(const RorHistType *t, void *s)
{
	RorHistHeader *h = s;
	RorHistHeader *g;
	int32		cap;

	if (h->n < h->capacity)
		return s;
	ror_hist_compact_state(t, s);
	if (h->n <= h->capacity / 2 && h->n < h->capacity)
		return s;
	if (h->capacity >= ROR_HIST_MAX(t) / 2)
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("%s exceeds %d distinct %s", t->what, h->capacity, t->unit)));
	cap = ror_hist_capacity(t, (int64) h->capacity * 2);
	g = ror_hist_alloc(t, cap);
	memcpy(g, s, t->header + (size_t) h->n * t->entry);
	SET_VARSIZE(g, t->header + (size_t) cap * t->entry);
	g->capacity = cap;
	return g;
}

/*
 * The entry of the sorted prefix whose key equals entry's, or NULL.  Rows
 * that repeat a key seen before a compaction are folded here, so a state
 * whose keys are all known (one state over many rows) never sorts again.
 */
static void *
find_sorted(const RorHistType *t, void *s, const void *entry)
{
	const RorHistHeader *h = s;
	char	   *base = ROR_HIST_ENTRIES(t, s);
	int			lo = 0,
				hi = h->nsorted - 1;

	while (lo <= hi)
	{
		int			mid = lo + (hi - lo) / 2;
		int			c = t->cmp(base + (size_t) mid * t->entry, entry);

		if (c == 0)
			return base + (size_t) mid * t->entry;
		if (c < 0)
			lo = mid + 1;
		else
			hi = mid - 1;
	}
	return NULL;
}

void *
ror_hist_append(const RorHistType *t, void *s, const void *entry)
{
	RorHistHeader *h = s;
	char	   *last;
	int			c;
	bool		sorted = (h->nsorted == h->n);	/* then compacting in room() changes nothing */

	if (h->n > 0)
	{
		last = (char *) ROR_HIST_ENTRIES(t, s) + (size_t) (h->n - 1) * t->entry;
		c = t->cmp(last, entry);
		if (c == 0)
		{
			t->add(last, entry);
			return s;
		}
	}
	else
		c = -1;
	/* a fully sorted state extends its prefix when the entry is above the last */
	if (h->nsorted > 0 && !(sorted && c < 0))
	{
		char	   *hit = find_sorted(t, s, entry);

		if (hit)
		{
			t->add(hit, entry);
			return s;
		}
	}
	h = s = ror_hist_room(t, s);
	memcpy((char *) ROR_HIST_ENTRIES(t, s) + (size_t) h->n * t->entry, entry, t->entry);
	/* still sorted: the prefix was everything and the new entry is above its last */
	if (c < 0 && sorted)
		h->nsorted++;
	h->n++;
	return s;
}

void *
ror_hist_merge_states(const RorHistType *t, void *a, const void *b)
{
	RorHistHeader *ha = a;
	const RorHistHeader *hb = b;
	RorHistHeader *out;
	void	   *bc;

	ror_hist_compact_state(t, a);
	bc = (hb->nsorted == hb->n) ? (void *) b : ror_hist_compacted_copy(t, b);
	hb = bc;
	if ((int64) ha->n + hb->n > ROR_HIST_MAX(t))
		ereport(ERROR,
				(errcode(ERRCODE_PROGRAM_LIMIT_EXCEEDED),
				 errmsg("%s exceeds %d distinct %s", t->what, ROR_HIST_MAX(t), t->unit)));
	out = ror_hist_alloc(t, ha->n + hb->n);
	memcpy((char *) out + sizeof(RorHistHeader), (char *) a + sizeof(RorHistHeader),
		   t->header - sizeof(RorHistHeader));
	out->n = ror_hist_merge(ROR_HIST_ENTRIES(t, a), ha->n, ROR_HIST_ENTRIES(t, bc), hb->n,
							ROR_HIST_ENTRIES(t, out), t->entry, t->cmp, t->add);
	out->nsorted = out->n;
	return out;
}

/* the bytes that make a state's value: type fields and entries, after the header */
#define VALUE_BYTES(t, c)	((const char *) (c) + sizeof(RorHistHeader))
#define VALUE_LEN(t, c)		((t)->header - sizeof(RorHistHeader) + (size_t) (c)->n * (t)->entry)

bool
ror_hist_equal(const RorHistType *t, const void *a, const void *b)
{
	const RorHistHeader *ca = ror_hist_compacted_copy(t, a);
	const RorHistHeader *cb = ror_hist_compacted_copy(t, b);

	return ca->n == cb->n && memcmp(VALUE_BYTES(t, ca), VALUE_BYTES(t, cb), VALUE_LEN(t, ca)) == 0;
}

Datum
ror_hist_hash(const RorHistType *t, const void *s)
{
	const RorHistHeader *c = ror_hist_compacted_copy(t, s);

	return hash_any((const unsigned char *) VALUE_BYTES(t, c), VALUE_LEN(t, c));
}

void *
ror_hist_parse_list(const RorHistType *t, RorTok *tok, const void *proto,
					int min_chars, RorHistParseEntry parse)
{
	int32		cap;
	RorHistHeader *h;

	ror_tok_expect(tok, "[");
	cap = (int32) Min((int64) strlen(tok->p) / min_chars + 1, (int64) ROR_HIST_MAX(t));
	h = ror_hist_alloc(t, cap);
	memcpy((char *) h + sizeof(RorHistHeader), (const char *) proto + sizeof(RorHistHeader),
		   t->header - sizeof(RorHistHeader));
	if (ror_tok_peek(tok, ']'))
		tok->p++;
	else
	{
		for (;;)
		{
			if (h->n >= cap)
				ror_tok_error(tok, psprintf("Too many %s.", t->unit));
			parse(tok, (char *) ROR_HIST_ENTRIES(t, h) + (size_t) h->n * t->entry);
			h->n++;
			if (ror_tok_peek(tok, ']'))
			{
				tok->p++;
				break;
			}
			ror_tok_expect(tok, ",");
		}
	}
	ror_tok_expect(tok, ")");
	ror_tok_end(tok);
	h->nsorted = h->n;
	return h;
}
