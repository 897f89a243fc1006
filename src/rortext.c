/*
 * rortext.c: parse and print the "(name=value,...)" text form of summaries.
 */
#include "postgres.h"

#include "rortext.h"

#include <ctype.h>
#include <errno.h>
#include <math.h>
#include <stdlib.h>

#include "common/shortest_dec.h"
#include "utils/builtins.h"

const char *
ror_skip_space(const char *p)
{
	while (*p == ' ' || *p == '\t' || *p == '\n' || *p == '\r')
		p++;
	return p;
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

ror_noreturn static void
syntax_error(const char *typname, const char *input, const char *detail)
{
	ror_syntax_error(typname, input, detail,
					 "The text form is \"(name=value,...)\" with the names in the order the output function prints them.");
}

static bool
ends_value(char c)
{
	return c == ',' || c == ')' || c == ' ' || c == '\t' || c == '\n' || c == '\r';
}

const char *
ror_text_int64(const char *typname, const char *input, const char *p,
			const char *name, int64 *out)
{
	char	   *end;
	long long	v;

	errno = 0;
	v = strtoll(p, &end, 10);
	if (end == p || !ends_value(*end))
		syntax_error(typname, input,
					 psprintf("The value of \"%s\" must be a whole number.", name));
	if (errno == ERANGE)
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("value of \"%s\" is out of range for type %s", name, typname),
				 errdetail("Input: \"%s\".", input)));
	*out = (int64) v;
	return end;
}

/*
 * Length of a decimal number [sign] digits [. digits] [e [sign] digits] (or
 * [sign] Infinity / inf / NaN, left for the caller's validation) at p; 0 if
 * there is none.  strtod alone would also take hex floats and "nan(...)".
 */
static size_t
decimal_len(const char *p)
{
	const char *q = p;
	const char *digits;

	if (*q == '+' || *q == '-')
		q++;
	if (pg_strncasecmp(q, "infinity", 8) == 0)
		return q + 8 - p;
	if (pg_strncasecmp(q, "inf", 3) == 0 || pg_strncasecmp(q, "nan", 3) == 0)
		return q + 3 - p;
	digits = q;
	while (isdigit((unsigned char) *q))
		q++;
	if (*q == '.')
		for (q++; isdigit((unsigned char) *q);)
			q++;
	if (q == digits || (q == digits + 1 && *digits == '.'))
		return 0;				/* no digit at all */
	if (*q == 'e' || *q == 'E')
	{
		const char *e = q + 1;

		if (*e == '+' || *e == '-')
			e++;
		if (!isdigit((unsigned char) *e))
			return 0;
		while (isdigit((unsigned char) *e))
			e++;
		q = e;
	}
	return q - p;
}

static const char *
parse_float8(const char *typname, const char *input, const char *p,
			 const char *name, double *out)
{
	char	   *end;
	double		v;
	size_t		len = decimal_len(p);

	errno = 0;
	v = strtod(p, &end);
	if (len == 0 || end != p + len || !ends_value(*end))
		syntax_error(typname, input,
					 psprintf("The value of \"%s\" must be a number.", name));
	/* like float8in: underflow to a subnormal is fine, to zero or overflow is not */
	if (errno == ERANGE && (v == 0.0 || isinf(v)))
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("value of \"%s\" is out of range for type %s", name, typname),
				 errdetail("Input: \"%s\".", input)));
	*out = v;
	return end;
}

void
ror_text_parse(const char *typname, const char *input,
			   const RorField *fields, int nfields)
{
	const char *p = ror_skip_space(input);

	if (*p++ != '(')
		syntax_error(typname, input, "Expected \"(\" at the start.");

	for (int i = 0; i < nfields; i++)
	{
		size_t		len = strlen(fields[i].name);

		p = ror_skip_space(p);
		if (strncmp(p, fields[i].name, len) != 0 ||
			!(p[len] == '=' || p[len] == ' ' || p[len] == '\t'))
			syntax_error(typname, input,
						 psprintf("Expected \"%s\" as field %d.", fields[i].name, i + 1));
		p = ror_skip_space(p + len);
		if (*p++ != '=')
			syntax_error(typname, input,
						 psprintf("Expected \"=\" after \"%s\".", fields[i].name));
		p = ror_skip_space(p);
		if (fields[i].kind == ROR_FIELD_INT64)
			p = ror_text_int64(typname, input, p, fields[i].name, (int64 *) fields[i].value);
		else
			p = parse_float8(typname, input, p, fields[i].name, (double *) fields[i].value);
		p = ror_skip_space(p);
		if (i < nfields - 1 && *p++ != ',')
			syntax_error(typname, input,
						 psprintf("Expected \",\" after the value of \"%s\".", fields[i].name));
	}
	if (*p++ != ')')
		syntax_error(typname, input, "Expected \")\" after the last field.");
	p = ror_skip_space(p);
	if (*p != '\0')
		syntax_error(typname, input, "Unexpected characters after \")\".");
}

void
ror_append_float8(StringInfo buf, double x)
{
	char		tmp[DOUBLE_SHORTEST_DECIMAL_LEN];

	double_to_shortest_decimal_buf(x, tmp);
	appendStringInfoString(buf, tmp);
}

void
ror_text_format(StringInfo buf, const RorField *fields, int nfields)
{
	appendStringInfoChar(buf, '(');
	for (int i = 0; i < nfields; i++)
	{
		if (i > 0)
			appendStringInfoChar(buf, ',');
		appendStringInfo(buf, "%s=", fields[i].name);
		if (fields[i].kind == ROR_FIELD_INT64)
			appendStringInfo(buf, INT64_FORMAT, *(int64 *) fields[i].value);
		else
			ror_append_float8(buf, *(double *) fields[i].value);
	}
	appendStringInfoChar(buf, ')');
}
