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
 * given order.  Syntax errors raise 22P02, out-of-range numbers 22003, both
 * naming the type and the input.  Values are not checked beyond syntax: the
 * caller validates them (non-finite floats are returned as they are).
 */
extern void ror_text_parse(const char *typname, const char *input,
						   const RorField *fields, int nfields);

/* Append "(name=value,...)" for the fields to buf. */
extern void ror_text_format(StringInfo buf, const RorField *fields, int nfields);

/* Append the shortest text that reads back as exactly x. */
extern void ror_append_float8(StringInfo buf, double x);

/* Helpers for types with their own text form (churn_summary, survival). */

/* p past spaces, tabs and line breaks */
extern const char *ror_skip_space(const char *p);

/* ERROR 22P02 "invalid input syntax for type typname" with detail and hint */
ror_noreturn extern void ror_syntax_error(const char *typname, const char *input,
										  const char *detail, const char *hint);

/*
 * Parse a whole number at p that ends at ",", ")" or a space into *out
 * (22P02 naming the field if it is not one, 22003 if out of range); returns
 * the position after it.
 */
extern const char *ror_text_int64(const char *typname, const char *input, const char *p,
								  const char *name, int64 *out);

#endif							/* ROR_RORTEXT_H */
