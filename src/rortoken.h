/*
 * rortoken.h: a small tokenizer for the text forms of variable-length ror
 * states (histograms), which extend rortext.h's "(name=value,...)" with
 * bracketed lists.  Every function raises 22P02 (syntax) or 22003 (a number
 * out of range) naming the type and the whole input.
 */
#ifndef ROR_RORTOKEN_H
#define ROR_RORTOKEN_H

#include "compat.h"

typedef struct RorTok
{
	const char *typname;		/* for messages */
	const char *input;			/* the whole input, for messages */
	const char *hint;			/* the text form, for the error hint */
	const char *p;				/* current position */
} RorTok;

ror_noreturn extern void ror_tok_error(RorTok *t, const char *detail);
/* bytes of p to quote in a message: at most 20, never half a character */
extern int	ror_tok_cliplen(const char *p);
/* skip white space; true when the next character is c (not consumed) */
extern bool ror_tok_peek(RorTok *t, char c);
/* skip white space, then require the literal text tok */
extern void ror_tok_expect(RorTok *t, const char *tok);
extern int64 ror_tok_int64(RorTok *t);
extern double ror_tok_float8(RorTok *t);
/* skip white space, then require name and "=" */
extern void ror_tok_name(RorTok *t, const char *name);
/* require the end of the input (after white space) */
extern void ror_tok_end(RorTok *t);

#endif							/* ROR_RORTOKEN_H */
