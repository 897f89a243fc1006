/*
 * rortext.h: the text form shared by every ror summary type.
 *
 * A summary prints as "(name=value,name=value,...)" with a fixed list of
 * names in a fixed order.  Floats print in their shortest exact form, so
 * text output followed by text input gives back the same bits: Citus ships
 * aggregate states between nodes as text, so that round trip must be exact.
 */
#ifndef ROR_RORTEXT_H
#define ROR_RORTEXT_H

#include "compat.h"
#include "lib/stringinfo.h"
#include "rortoken.h"

typedef enum RorFieldKind
{
	ROR_FIELD_INT64,
	ROR_FIELD_FLOAT8
} RorFieldKind;

typedef struct RorField
{
	const char *name;
	RorFieldKind kind;
	void	   *value;			/* int64 * or float8 * */
} RorField;

/*
 * Parse "(name=value,...)" into the fields, which must appear exactly in the
 * given order, numbers in the syntax of rortoken.h.  Syntax errors raise
 * 22P02, out-of-range numbers 22003, both naming the type and the input.
 * Values are not checked beyond syntax: the caller validates them
 * (non-finite floats are returned as they are).
 */
extern void ror_text_parse(const char *typname, const char *input,
						   const RorField *fields, int nfields);

/* Append "(name=value,...)" for the fields to buf. */
extern void ror_text_format(StringInfo buf, const RorField *fields, int nfields);

/* Append the shortest text that reads back as exactly x. */
extern void ror_append_float8(StringInfo buf, double x);

/*
 * The fields alone, "name=value,...", at t's position (after "(" or before
 * more of a longer text form); numbers in rortoken.h's syntax.
 */
extern void ror_tok_fields(RorTok *t, const RorField *fields, int nfields);

#endif							/* ROR_RORTEXT_H */
