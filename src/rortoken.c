/*
 * rortoken.c: the tokenizer and number reader of every text input (see
 * rortoken.h).
 */
#include "postgres.h"

#include "rortoken.h"

#include <errno.h>
#include <math.h>
#include <stdlib.h>

#include "mb/pg_wchar.h"

const char *
ror_skip_space(const char *p)
{
	while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
		p++;
	return p;
}

static void
skip_space(RorTok *t)
{
	t->p = ror_skip_space(t->p);
}

void
ror_syntax_error(const char *typname, const char *input, const char *detail, const char *hint)
{
	ereport(ERROR,
			(errcode(ERRCODE_INVALID_TEXT_REPRESENTATION),
			 errmsg("invalid input syntax for type %s: \"%s\"", typname, input),
			 errdetail("%s", detail),
			 errhint("%s", hint)));
}

void
ror_tok_error(RorTok *t, const char *detail)
{
	ror_syntax_error(t->typname, t->input, detail, t->hint);
}

void
ror_tok_out_of_range(RorTok *t, const char *name)
{
	ereport(ERROR,
			(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
			 name ? errmsg("value of \"%s\" is out of range for type %s", name, t->typname) :
			 errmsg("a number is out of range for type %s", t->typname),
			 errdetail("Input: \"%s\".", t->input)));
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

static bool
isdigit_c(char c)
{
	return c >= '0' && c <= '9';
}

static const char *
skip_digits(const char *p)
{
	while (isdigit_c(*p))
		p++;
	return p;
}

/*
 * The end of the float at p (see rortoken.h), or p when there is none.
 * strtod alone would also take hex floats ("0x1p3") and "nan(...)".
 */
static const char *
scan_float8(const char *p)
{
	const char *q = p;
	const char *digits;

	if (*q == '+' || *q == '-')
		q++;
	if (pg_strncasecmp(q, "infinity", 8) == 0)
		return q + 8;
	if (pg_strncasecmp(q, "inf", 3) == 0 || pg_strncasecmp(q, "nan", 3) == 0)
		return q + 3;
	digits = q;
	q = skip_digits(q);
	if (*q == '.')
		q = skip_digits(q + 1);
	if (q == digits || (q == digits + 1 && *digits == '.'))
		return p;				/* no digit at all */
	if (*q == 'e' || *q == 'E')
	{
		const char *e = q + 1;

		if (*e == '+' || *e == '-')
			e++;
		if (!isdigit_c(*e))
			return p;
		q = skip_digits(e);
	}
	return q;
}

RorNumResult
ror_read_int64(const char **p, int64 *out)
{
	const char *q = *p;
	char	   *end;
	long long	v;

	if (*q == '+' || *q == '-')
		q++;
	if (!isdigit_c(*q))
		return ROR_NUM_SYNTAX;
	/* strtoll reads exactly [sign]digits here */
	errno = 0;
	v = strtoll(*p, &end, 10);
	*p = end;
	if (errno == ERANGE)
		return ROR_NUM_RANGE;
	*out = (int64) v;
	return ROR_NUM_OK;
}

RorNumResult
ror_read_float8(const char **p, double *out)
{
	const char *scanned = scan_float8(*p);
	char	   *end;
	double		v;

	if (scanned == *p)
		return ROR_NUM_SYNTAX;
	errno = 0;
	v = strtod(*p, &end);
	/* strtod reads further only into what is no number here ("0x1", "nan(1)") */
	if (end != scanned)
		return ROR_NUM_SYNTAX;
	*p = end;
	/* like float8in: underflow to a subnormal is fine, to zero or overflow is not */
	if (errno == ERANGE && (v == 0.0 || isinf(v)))
		return ROR_NUM_RANGE;
	*out = v;
	return ROR_NUM_OK;
}

/* a number token ends at white space, the end, or the punctuation of a text form */
static bool
ends_number(char c)
{
	return c == '\0' || c == ' ' || c == '\t' || c == '\n' || c == '\r' ||
		c == ',' || c == ':' || c == ')' || c == ']' || c == '}';
}

/* skip white space and read one number token into *whole or else *x */
static void
number_token(RorTok *t, const char *name, int64 *whole, double *x)
{
	const char *start;
	const char *what = whole ? "a whole number" : "a number";
	RorNumResult r;

	skip_space(t);
	start = t->p;
	r = whole ? ror_read_int64(&t->p, whole) : ror_read_float8(&t->p, x);
	if (r == ROR_NUM_SYNTAX || !ends_number(*t->p))
	{
		if (name)
			ror_tok_error(t, psprintf("The value of \"%s\" must be %s.", name, what));
		ror_tok_error(t, psprintf("Expected %s at \"%.*s\".", what, ror_tok_cliplen(start), start));
	}
	if (r == ROR_NUM_RANGE)
		ror_tok_out_of_range(t, name);
}

int64
ror_tok_int64(RorTok *t, const char *name)
{
	int64		v = 0;

	number_token(t, name, &v, NULL);
	return v;
}

double
ror_tok_float8(RorTok *t, const char *name)
{
	double		v = 0.0;

	number_token(t, name, NULL, &v);
	return v;
}

/* the input must end here; the message names the last character read (")", "}") */
void
ror_tok_end(RorTok *t)
{
	char		last = t->p > t->input ? t->p[-1] : ' ';

	skip_space(t);
	if (*t->p != '\0')
		ror_tok_error(t, psprintf("Unexpected characters after \"%c\".", last));
}
