/*
 * bgnbd_io.c: ror.bgnbd text and binary I/O, validation, equality, the
 * constructor and the jsonb cast.
 */
#include "postgres.h"

#include "bgnbd.h"

#include <math.h>

#include "common/hashfn.h"
#include "libpq/pqformat.h"
#include "utils/builtins.h"
#include "utils/jsonb.h"
#include "rorbinary.h"

/* the text form's fields, in print order */
static void
bgnbd_fields(Bgnbd *m, RorField *f)
{
	f[0] = (RorField) {"r", ROR_FIELD_FLOAT8, &m->r};
	f[1] = (RorField) {"alpha", ROR_FIELD_FLOAT8, &m->alpha};
	f[2] = (RorField) {"a", ROR_FIELD_FLOAT8, &m->a};
	f[3] = (RorField) {"b", ROR_FIELD_FLOAT8, &m->b};
	f[4] = (RorField) {"customers", ROR_FIELD_INT64, &m->customers};
	f[5] = (RorField) {"weight", ROR_FIELD_FLOAT8, &m->weight};
	f[6] = (RorField) {"loglik", ROR_FIELD_FLOAT8, &m->loglik};
	f[7] = (RorField) {"iterations", ROR_FIELD_INT64, &m->iterations};
	f[8] = (RorField) {"converged", ROR_FIELD_INT64, &m->converged};
	f[9] = (RorField) {"excluded", ROR_FIELD_INT64, &m->excluded};
	f[10] = (RorField) {"se_r", ROR_FIELD_FLOAT8, &m->se_r};
	f[11] = (RorField) {"se_alpha", ROR_FIELD_FLOAT8, &m->se_alpha};
	f[12] = (RorField) {"se_a", ROR_FIELD_FLOAT8, &m->se_a};
	f[13] = (RorField) {"se_b", ROR_FIELD_FLOAT8, &m->se_b};
}
#define BGNBD_NFIELDS 14

void
bgnbd_check_params(double r, double alpha, double a, double b)
{
	if (!(r > 0.0 && alpha > 0.0 && a > 0.0 && b > 0.0) ||
		isinf(r) || isinf(alpha) || isinf(a) || isinf(b))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("BG/NBD parameters r = %g, alpha = %g, a = %g, b = %g are invalid", r, alpha, a, b),
				 errdetail("r, alpha, a and b must be finite and greater than 0.")));
}

ror_noreturn static void
bgnbd_invalid(int code, const char *what, const char *rule)
{
	ereport(ERROR,
			(errcode(code),
			 errmsg("invalid %s: %s", BGNBD_TYPNAME, what),
			 errdetail("%s", rule)));
}

static void
check_se(int code, const char *name, double v)
{
	if (!isnan(v) && (!(v >= 0.0) || isinf(v)))
		bgnbd_invalid(code, psprintf("%s is %g", name, v), "A standard error is NaN (not computed), or finite and not negative.");
}

/* every check a model built by the constructor or a fit passes; code: 22P02 or 22P03 */
static void
bgnbd_validate(const Bgnbd *m, int code)
{
	if (!(m->r > 0.0) || isinf(m->r))
		bgnbd_invalid(code, psprintf("r is %g", m->r), "r must be finite and greater than 0.");
	if (!(m->alpha > 0.0) || isinf(m->alpha))
		bgnbd_invalid(code, psprintf("alpha is %g", m->alpha), "alpha must be finite and greater than 0.");
	if (!(m->a > 0.0) || isinf(m->a))
		bgnbd_invalid(code, psprintf("a is %g", m->a), "a must be finite and greater than 0.");
	if (!(m->b > 0.0) || isinf(m->b))
		bgnbd_invalid(code, psprintf("b is %g", m->b), "b must be finite and greater than 0.");
	if (m->customers < 0 || m->iterations < 0 || m->excluded < 0)
		bgnbd_invalid(code, "a count is negative", "customers, iterations and excluded must not be negative.");
	if (!(m->weight >= 0.0) || isinf(m->weight))
		bgnbd_invalid(code, psprintf("weight is %g", m->weight), "weight must be finite and not negative.");
	if (isinf(m->loglik))
		bgnbd_invalid(code, "loglik is infinite", "loglik must be finite, or NaN.");
	if (m->converged != 0 && m->converged != 1)
		bgnbd_invalid(code, psprintf("converged is " INT64_FORMAT, m->converged), "converged must be 0 or 1.");
	check_se(code, "se_r", m->se_r);
	check_se(code, "se_alpha", m->se_alpha);
	check_se(code, "se_a", m->se_a);
	check_se(code, "se_b", m->se_b);
	if (m->customers == 0 &&
		(m->weight != 0.0 || m->loglik != 0.0 || m->iterations != 0 || m->converged != 0 ||
		 m->excluded != 0 || m->se_r != 0.0 || m->se_alpha != 0.0 || m->se_a != 0.0 || m->se_b != 0.0))
		bgnbd_invalid(code, "a model with 0 customers has diagnostics", "A model of 0 customers has weight, loglik, iterations, converged, excluded and every standard error 0.");
	if (m->customers > 0 && !(m->weight > 0.0))
		bgnbd_invalid(code, "a fitted model has no weight", "A model of one customer or more has a weight greater than 0.");
}

/* one NaN bit pattern, so text and binary round trips are bit for bit */
static void
bgnbd_canonical_nan(Bgnbd *m)
{
	double	   *v[] = {&m->loglik, &m->se_r, &m->se_alpha, &m->se_a, &m->se_b};

	for (int i = 0; i < 5; i++)
		if (isnan(*v[i]))
			*v[i] = get_float8_nan();
}

PG_FUNCTION_INFO_V1(bgnbd_in);
Datum
bgnbd_in(PG_FUNCTION_ARGS)
{
	char	   *input = PG_GETARG_CSTRING(0);
	Bgnbd	   *m = palloc0(sizeof(Bgnbd));
	RorField	f[BGNBD_NFIELDS];

	bgnbd_fields(m, f);
	ror_text_parse(BGNBD_TYPNAME, input, f, BGNBD_NFIELDS);
	bgnbd_canonical_nan(m);
	bgnbd_validate(m, ERRCODE_INVALID_TEXT_REPRESENTATION);
	PG_RETURN_BGNBD_P(m);
}

PG_FUNCTION_INFO_V1(bgnbd_out);
Datum
bgnbd_out(PG_FUNCTION_ARGS)
{
	Bgnbd		copy = *PG_GETARG_BGNBD_P(0);
	RorField	f[BGNBD_NFIELDS];
	StringInfoData buf;

	initStringInfo(&buf);
	bgnbd_fields(&copy, f);
	ror_text_format(&buf, f, BGNBD_NFIELDS);
	PG_RETURN_CSTRING(buf.data);
}

PG_FUNCTION_INFO_V1(bgnbd_recv);
Datum
bgnbd_recv(PG_FUNCTION_ARGS)
{
	StringInfo	msg = (StringInfo) PG_GETARG_POINTER(0);
	Bgnbd	   *m = palloc0(sizeof(Bgnbd));
	RorField	f[BGNBD_NFIELDS];

	ror_binary_check_version(msg, BGNBD_TYPNAME, BGNBD_VERSION);
	bgnbd_fields(m, f);
	ror_binary_recv_fields(msg, f, BGNBD_NFIELDS);
	bgnbd_canonical_nan(m);
	bgnbd_validate(m, ERRCODE_INVALID_BINARY_REPRESENTATION);
	PG_RETURN_BGNBD_P(m);
}

PG_FUNCTION_INFO_V1(bgnbd_send);
Datum
bgnbd_send(PG_FUNCTION_ARGS)
{
	Bgnbd		copy = *PG_GETARG_BGNBD_P(0);
	RorField	f[BGNBD_NFIELDS];
	StringInfoData buf;

	pq_begintypsend(&buf);
	bgnbd_fields(&copy, f);
	ror_binary_send_fields(&buf, BGNBD_VERSION, f, BGNBD_NFIELDS);
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

/* bitwise equality: the text round trip must preserve every bit */
PG_FUNCTION_INFO_V1(bgnbd_eq);
Datum
bgnbd_eq(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(memcmp(PG_GETARG_BGNBD_P(0), PG_GETARG_BGNBD_P(1), sizeof(Bgnbd)) == 0);
}

PG_FUNCTION_INFO_V1(bgnbd_ne);
Datum
bgnbd_ne(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(memcmp(PG_GETARG_BGNBD_P(0), PG_GETARG_BGNBD_P(1), sizeof(Bgnbd)) != 0);
}

/* hash of the bytes equality compares: for GROUP BY, DISTINCT, UNION, hash joins */
PG_FUNCTION_INFO_V1(bgnbd_hash);
Datum
bgnbd_hash(PG_FUNCTION_ARGS)
{
	return hash_any((const unsigned char *) PG_GETARG_BGNBD_P(0), sizeof(Bgnbd));
}

/* ror.bgnbd(r, alpha, a, b): a model with given parameters, diagnostics 0 */
PG_FUNCTION_INFO_V1(bgnbd_make);
Datum
bgnbd_make(PG_FUNCTION_ARGS)
{
	Bgnbd	   *m = palloc0(sizeof(Bgnbd));

	m->r = PG_GETARG_FLOAT8(0);
	m->alpha = PG_GETARG_FLOAT8(1);
	m->a = PG_GETARG_FLOAT8(2);
	m->b = PG_GETARG_FLOAT8(3);
	bgnbd_check_params(m->r, m->alpha, m->a, m->b);
	PG_RETURN_BGNBD_P(m);
}

/* a float as JSON: shortest exact digits, null for NaN */
static void
append_json_float(StringInfo buf, double v)
{
	if (isnan(v))
		appendStringInfoString(buf, "null");
	else
		ror_append_float8(buf, v);
}

/*
 * m::jsonb: {"r":..,"alpha":..,"a":..,"b":..,"fitted":bool, then the
 * diagnostics}, which are null for a constructed (not fitted) model, as for
 * ror.gamma_gamma.  Floats are written in their shortest exact form, which
 * jsonb's numeric keeps digit for digit.
 */
PG_FUNCTION_INFO_V1(bgnbd_to_jsonb);
Datum
bgnbd_to_jsonb(PG_FUNCTION_ARGS)
{
	Bgnbd	   *m = PG_GETARG_BGNBD_P(0);
	StringInfoData buf;

	initStringInfo(&buf);
	appendStringInfoString(&buf, "{\"r\": ");
	ror_append_float8(&buf, m->r);
	appendStringInfoString(&buf, ", \"alpha\": ");
	ror_append_float8(&buf, m->alpha);
	appendStringInfoString(&buf, ", \"a\": ");
	ror_append_float8(&buf, m->a);
	appendStringInfoString(&buf, ", \"b\": ");
	ror_append_float8(&buf, m->b);
	if (m->customers > 0)
	{
		appendStringInfo(&buf, ", \"fitted\": true, \"customers\": " INT64_FORMAT ", \"weight\": ",
						 m->customers);
		ror_append_float8(&buf, m->weight);
		appendStringInfoString(&buf, ", \"loglik\": ");
		append_json_float(&buf, m->loglik);
		appendStringInfo(&buf, ", \"iterations\": " INT64_FORMAT ", \"converged\": %s, \"excluded\": " INT64_FORMAT,
						 m->iterations, m->converged ? "true" : "false", m->excluded);
		appendStringInfoString(&buf, ", \"se_r\": ");
		append_json_float(&buf, m->se_r);
		appendStringInfoString(&buf, ", \"se_alpha\": ");
		append_json_float(&buf, m->se_alpha);
		appendStringInfoString(&buf, ", \"se_a\": ");
		append_json_float(&buf, m->se_a);
		appendStringInfoString(&buf, ", \"se_b\": ");
		append_json_float(&buf, m->se_b);
		appendStringInfoChar(&buf, '}');
	}
	else
		appendStringInfoString(&buf, ", \"fitted\": false, \"customers\": null, \"weight\": null, \"loglik\": null, \"iterations\": null, \"converged\": null, \"excluded\": null, \"se_r\": null, \"se_alpha\": null, \"se_a\": null, \"se_b\": null}");
	PG_RETURN_DATUM(DirectFunctionCall1(jsonb_in, CStringGetDatum(buf.data)));
}
