/*
 * rortoken.h: the one tokenizer and the one number reader of every ror text
 * input function ("(name=value,...)" in rortext.h, the bracketed lists of the
 * histogram states, ror.survival, ror.churn_summary).  Every function raises
 * 22P02 (syntax) or 22003 (a number out of range) naming the type and the
 * whole input.
 *
 * The number syntax, the same in every type:
 *   whole number  [+|-]digits
 *   float         [+|-]digits[.digits][(e|E)[+|-]digits]  or  [+|-].digits[(e|E)[+|-]digits],
 *                 or the words Infinity, inf, NaN (any case, signed or not) -- read,
 *                 then left to each type's validation
 * (ror.churn_summary's customer_seconds is a whole number with at most 6
 * decimals after a ".", read in churn_io.c with ror_read_int64.)
 * White space may surround a number; the number itself ends at white space,
 * at the end of the input or at one of , : ) ] } -- anything else after it
 * ("0x10", "1_000", "1.5" as a whole number, "nan(1)", "1e") is a syntax
 * error.  There are no hex numbers, no digit separators and no "nan(...)".
 * A float that overflows, or underflows to zero, is 22003 (as in float8in;
 * a subnormal is fine), and so is a whole number outside int64.
 * Shortest-exact output (ror_append_float8) reads back to the same bits.
 */
#ifndef ROR_RORTOKEN_H
#define ROR_RORTOKEN_H

#include "compat.h"

typedef struct RorTok
{
	const char *typname;		/* for messages */
	const char *input;			/* the whole input, for messages */
	const char *hint;			/* the error hint, e.g. "The text form is ..." */
	const char *p;				/* current position */
} RorTok;

/* p past spaces, tabs and line breaks */
extern const char *ror_skip_space(const char *p);

/* ERROR 22P02 "invalid input syntax for type typname" with detail and hint */
ror_noreturn extern void ror_syntax_error(const char *typname, const char *input,
										  const char *detail, const char *hint);
/* the same for t: its type, input and hint */
ror_noreturn extern void ror_tok_error(RorTok *t, const char *detail);
/* ERROR 22003 for a number of t (named "name" in the message, or unnamed when NULL) */
ror_noreturn extern void ror_tok_out_of_range(RorTok *t, const char *name);
/* bytes of p to quote in a message: at most 20, never half a character */
extern int	ror_tok_cliplen(const char *p);
/* skip white space; true when the next character is c (not consumed) */
extern bool ror_tok_peek(RorTok *t, char c);
/* skip white space, then require the literal text tok */
extern void ror_tok_expect(RorTok *t, const char *tok);

/*
 * The number reader: the number at *p (no white space skipped) in the syntax
 * above, without looking at what follows it; *p advances past it.
 */
typedef enum RorNumResult
{
	ROR_NUM_OK,
	ROR_NUM_SYNTAX,				/* no number at *p (*p unchanged) */
	ROR_NUM_RANGE				/* out of range */
} RorNumResult;
extern RorNumResult ror_read_int64(const char **p, int64 *out);
extern RorNumResult ror_read_float8(const char **p, double *out);

/*
 * Skip white space and read one number token.  Errors name the value when
 * name is given ("The value of "name" must be a number."), else quote where
 * the number should be ("Expected a number at "...".").
 */
extern int64 ror_tok_int64(RorTok *t, const char *name);
extern double ror_tok_float8(RorTok *t, const char *name);
/* skip white space, then require name and "=" */
extern void ror_tok_name(RorTok *t, const char *name);
/* require the end of the input (after white space) */
extern void ror_tok_end(RorTok *t);

#endif							/* ROR_RORTOKEN_H */
