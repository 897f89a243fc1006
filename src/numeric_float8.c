/*
 * numeric_float8.c: numeric to float8 for the report views, the value
 * numeric::float8 gives, without its cost and without its error.
 *
 * PostgreSQL converts a numeric to float8 by printing it and reading the text
 * back (about 90 ns a value here: some 6 % of customer_value's time on the
 * orders of the demo data), and raises an ERROR for a value outside float8's
 * range (1e400, 1e-400), which made one such row in a bound table break
 * every view that reads the table.  ror._numeric_float8 returns the same
 * double and NULL where the cast would raise, so the views count the row in
 * ror.data_issues instead.
 *
 * The common value (at most 16 significant decimal digits, a decimal exponent
 * within 22) is an integer m < 2^53 times 10^e: both exact doubles, so one
 * IEEE multiplication or division gives the correctly rounded result (the
 * fast path of Clinger 1990, "How to read floating point numbers
 * accurately"), the same double strtod gives for the printed text.  Any other
 * value takes PostgreSQL's own route: numeric_out, then strtod.
 *
 * The digits are read from the stored form, which pg_upgrade keeps stable:
 * a 16-bit header, then base-10000 digits (src/backend/utils/adt/numeric.c).
 */
#include "postgres.h"

#include "compat.h"

#include <errno.h>
#include <math.h>

#include "fmgr.h"
#include "utils/builtins.h"
#include "utils/fmgrprotos.h"

/* the stored header: sign and format in the top bits */
#define NF_FORMAT_MASK	0xC000
#define NF_LONG_NEG		0x4000
#define NF_SHORT		0x8000
#define NF_SPECIAL		0xC000
#define NF_NAN			0xC000
#define NF_PINF			0xD000
#define NF_NINF			0xF000
#define NF_SHORT_NEG	0x2000
#define NF_SHORT_WSIGN	0x0040
#define NF_SHORT_WMASK	0x003F
#define NF_DIGIT_BASE	10000

/* 10^0 .. 10^22, every one an exact double */
static const double exact_pow10[] = {
	1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
	1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22
};

static uint16
read_u16(const char *p)
{
	uint16		v;

	memcpy(&v, p, sizeof(v));	/* a short varlena leaves it unaligned */
	return v;
}

/*
 * The correctly rounded magnitude of the stored digits when the fast path
 * applies (true), else false.
 */
static bool
fast_magnitude(const char *digits, int ndigits, int weight, double *out)
{
	uint64		m = 0;
	int			e;
	int			n = ndigits;

	/* trailing zero digits are normally stripped; they only move the exponent */
	while (n > 0 && read_u16(digits + 2 * (n - 1)) == 0)
		n--;
	if (n == 0)
	{
		*out = 0.0;
		return true;
	}
	if (n > 4)					/* 5 digits can exceed 2^53 */
		return false;
	for (int i = 0; i < n; i++)
	{
		uint16		d = read_u16(digits + 2 * i);

		if (d >= NF_DIGIT_BASE)
			return false;		/* not a valid digit: let numeric_out judge */
		m = m * NF_DIGIT_BASE + d;
	}
	e = 4 * (weight - (n - 1));
	/* move decimal zeros of m into the exponent: 1.5 is 15000 / 10^4 */
	while (e < 0 && m % 10 == 0)
	{
		m /= 10;
		e++;
	}
	if (m > (UINT64CONST(1) << 53) || e < -22 || e > 22)
		return false;
	*out = e >= 0 ? (double) m * exact_pow10[e] : (double) m / exact_pow10[-e];
	return true;
}

/* ror._numeric_float8(numeric): numeric::float8, NULL where that cast raises */
PG_FUNCTION_INFO_V1(ror_numeric_float8);
Datum
ror_numeric_float8(PG_FUNCTION_ARGS)
{
	struct varlena *num = PG_DETOAST_DATUM_PACKED(PG_GETARG_DATUM(0));
	const char *p = VARDATA_ANY(num);
	int			len = VARSIZE_ANY_EXHDR(num);
	uint16		header;
	const char *digits;
	int			weight;
	bool		negative;
	double		v;
	char	   *text;
	char	   *end;

	if (len < 2)
		elog(ERROR, "invalid numeric of %d bytes", len);
	header = read_u16(p);
	if ((header & NF_FORMAT_MASK) == NF_SPECIAL)
	{
		if (header == NF_PINF)
			PG_RETURN_FLOAT8(get_float8_infinity());
		if (header == NF_NINF)
			PG_RETURN_FLOAT8(-get_float8_infinity());
		PG_RETURN_FLOAT8(get_float8_nan());
	}
	if ((header & NF_FORMAT_MASK) == NF_SHORT)
	{
		negative = (header & NF_SHORT_NEG) != 0;
		weight = ((header & NF_SHORT_WSIGN) ? ~NF_SHORT_WMASK : 0) | (header & NF_SHORT_WMASK);
		digits = p + 2;
		len -= 2;
	}
	else
	{
		if (len < 4)
			elog(ERROR, "invalid numeric of %d bytes", len);
		negative = (header & NF_FORMAT_MASK) == NF_LONG_NEG;
		weight = (int16) read_u16(p + 2);
		digits = p + 4;
		len -= 4;
	}
	if (fast_magnitude(digits, len / 2, weight, &v))
		PG_RETURN_FLOAT8(negative ? -v : v);

	/* PostgreSQL's own route, with float8in's range rule: NULL where it raises */
	text = DatumGetCString(DirectFunctionCall1(numeric_out, PointerGetDatum(num)));
	errno = 0;
	v = strtod(text, &end);
	if (end == text || *end != '\0' ||
		(errno == ERANGE && (v == 0.0 || isinf(v))))
	{
		pfree(text);
		PG_RETURN_NULL();
	}
	pfree(text);
	PG_RETURN_FLOAT8(v);
}
