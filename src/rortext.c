/*
 * rortext.c: parse and print the "(name=value,...)" text form of summaries.
 */
#include "postgres.h"

#include "rortext.h"

#include "common/shortest_dec.h"
#include "utils/builtins.h"

#define ROR_TEXT_HINT "The text form is \"(name=value,...)\" with the names in the order the output function prints them."

void
ror_tok_fields(RorTok *t, const RorField *fields, int nfields)
{
	for (int i = 0; i < nfields; i++)
	{
		const char *name = fields[i].name;
		size_t		len = strlen(name);

		t->p = ror_skip_space(t->p);
		if (strncmp(t->p, name, len) != 0 ||
			!(t->p[len] == '=' || t->p[len] == ' ' || t->p[len] == '\t'))
			ror_tok_error(t, psprintf("Expected \"%s\" as field %d.", name, i + 1));
		t->p += len;
		if (!ror_tok_peek(t, '='))
			ror_tok_error(t, psprintf("Expected \"=\" after \"%s\".", name));
		t->p++;
		if (fields[i].kind == ROR_FIELD_INT64)
			*(int64 *) fields[i].value = ror_tok_int64(t, name);
		else
			*(double *) fields[i].value = ror_tok_float8(t, name);
		if (i < nfields - 1)
		{
			if (!ror_tok_peek(t, ','))
				ror_tok_error(t, psprintf("Expected \",\" after the value of \"%s\".", name));
			t->p++;
		}
	}
}

void
ror_text_parse(const char *typname, const char *input,
			   const RorField *fields, int nfields)
{
	RorTok		t = {typname, input, ROR_TEXT_HINT, input};

	if (!ror_tok_peek(&t, '('))
		ror_tok_error(&t, "Expected \"(\" at the start.");
	t.p++;
	ror_tok_fields(&t, fields, nfields);
	if (!ror_tok_peek(&t, ')'))
		ror_tok_error(&t, "Expected \")\" after the last field.");
	t.p++;
	ror_tok_end(&t);
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
