/*
 * rortoken.c: tokens of the histogram states' text forms (see rortoken.h).
 */
#include "rortoken.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>

static void
skip_space(RorTok *t)
{
	while (*t->p == ' ' || *t->p == '\t' || *t->p == '\n' || *t->p == '\r')
		t->p++;
}

void
ror_tok_error(RorTok *t, const char *detail)
{
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
			 errmsg("invalid input syntax for type %s: \"%s\"", t->typname, t->input),
			 errdetail("%s", detail),
			 errhint("The text form is \"%s\".", t->hint)));
}

bool
ror_tok_peek(RorTok *t, char c)
{
	skip_space(t);
	return *t->p == c;
}

void
ror_tok_expect(RorTok *t, const char *tok)
{
	size_t		len = strlen(tok);

	skip_space(t);
	if (strncmp(t->p, tok, len) != 0)
		ror_tok_error(t, psprintf("Expected \"%s\" at \"%.20s\".", tok, t->p));
	t->p += len;
}

void
ror_tok_name(RorTok *t, const char *name)
{
	ror_tok_expect(t, name);
	ror_tok_expect(t, "=");
}

static void
out_of_range(RorTok *t)
{
	ereport(ERROR,
			(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
			 errmsg("a number is out of range for type %s", t->typname),
			 errdetail("Input: \"%s\".", t->input)));
}

int64
ror_tok_int64(RorTok *t)
{
	char	   *end;
	long long	v;

	skip_space(t);
	errno = 0;
	v = strtoll(t->p, &end, 10);
	if (end == t->p)
		ror_tok_error(t, psprintf("Expected a whole number at \"%.20s\".", t->p));
	if (errno == ERANGE)
		out_of_range(t);
	t->p = end;
	return (int64) v;
}

double
ror_tok_float8(RorTok *t)
{
	char	   *end;
	double		v;

	skip_space(t);
	errno = 0;
	v = strtod(t->p, &end);
	if (end == t->p)
		ror_tok_error(t, psprintf("Expected a number at \"%.20s\".", t->p));
	/* like float8in: underflow to a subnormal is fine, to zero or overflow is not */
	if (errno == ERANGE && (v == 0.0 || isinf(v)))
		out_of_range(t);
	t->p = end;
	return v;
}

void
ror_tok_end(RorTok *t)
{
	skip_space(t);
	if (*t->p != '\0')
		ror_tok_error(t, "Unexpected characters after \")\".");
}
