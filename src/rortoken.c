/*
 * rortoken.c: tokens of the histogram states' text forms (see rortoken.h).
 */
#include "postgres.h"

#include "rortoken.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>

#include "mb/pg_wchar.h"
#include "rortext.h"

static void
skip_space(RorTok *t)
{
	t->p = ror_skip_space(t->p);
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

int
ror_tok_cliplen(const char *p)
{
	return pg_mbcliplen(p, (int) strnlen(p, 64), 20);
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
		ror_tok_error(t, psprintf("Expected \"%s\" at \"%.*s\".", tok, ror_tok_cliplen(t->p), t->p));
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

static bool
isdigit_c(char c)
{
	return c >= '0' && c <= '9';
}

/*
 * The end of the float at p in the syntax the output functions print, or p
 * when there is none: [sign] digits [. digits] [e [sign] digits], or
 * [sign] Infinity / inf / NaN (any case; validation then rejects them where
 * they are not allowed).  strtod alone would also take hex floats ("0x1p3")
 * and "nan(...)".
 */
static const char *
scan_float8(const char *p)
{
	const char *q = p;
	int			digits = 0;

	if (*q == '+' || *q == '-')
		q++;
	if (pg_strncasecmp(q, "infinity", 8) == 0)
		q += 8;
	else if (pg_strncasecmp(q, "inf", 3) == 0 || pg_strncasecmp(q, "nan", 3) == 0)
		q += 3;
	else
	{
		while (isdigit_c(*q))
			q++, digits++;
		if (*q == '.')
		{
			q++;
			while (isdigit_c(*q))
				q++, digits++;
		}
		if (digits == 0)
			return p;
		if (*q == 'e' || *q == 'E')
		{
			const char *r = q + 1;

			if (*r == '+' || *r == '-')
				r++;
			if (!isdigit_c(*r))
				return p;
			while (isdigit_c(*r))
				r++;
			q = r;
		}
		return q;
	}
	/* a word must end here ("Infinityx", "nan(1)" are not numbers) */
	if ((*q >= 'a' && *q <= 'z') || (*q >= 'A' && *q <= 'Z') || isdigit_c(*q) || *q == '(' || *q == '_')
		return p;
	return q;
}

int64
ror_tok_int64(RorTok *t)
{
	char	   *end;
	long long	v = 0;

	skip_space(t);
	/* only what the output functions print: [-]digits (and a '+' sign) */
	if (!isdigit_c(t->p[(t->p[0] == '-' || t->p[0] == '+') ? 1 : 0]))
		end = (char *) t->p;
	else
	{
		errno = 0;
		v = strtoll(t->p, &end, 10);
	}
	if (end == t->p)
		ror_tok_error(t, psprintf("Expected a whole number at \"%.*s\".", ror_tok_cliplen(t->p), t->p));
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
	end = (char *) scan_float8(t->p);
	if (end != t->p)
	{
		const char *scanned = end;

		errno = 0;
		v = strtod(t->p, &end);
		if (end != scanned)
			end = (char *) t->p;	/* cannot happen: strtod reads at least as much */
	}
	if (end == t->p)
		ror_tok_error(t, psprintf("Expected a number at \"%.*s\".", ror_tok_cliplen(t->p), t->p));
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
