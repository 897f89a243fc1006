/*
 * sbg_io.c: ror.sbg text and binary I/O, validation, equality, the
 * constructor and the jsonb cast.
 */
#include "postgres.h"

#include "sbg.h"

#include <math.h>

#include "common/hashfn.h"
#include "libpq/pqformat.h"
#include "utils/builtins.h"
#include "utils/float.h"
#include "utils/jsonb.h"
#include "rorbinary.h"

/* the text form's fields, in print order */
static void
sbg_fields(Sbg *m, RorField *f)
{
	f[0] = (RorField) {"alpha", ROR_FIELD_FLOAT8, &m->alpha};
	f[1] = (RorField) {"beta", ROR_FIELD_FLOAT8, &m->beta};
	f[2] = (RorField) {"customers", ROR_FIELD_INT64, &m->customers};
	f[3] = (RorField) {"periods", ROR_FIELD_INT64, &m->periods};
	f[4] = (RorField) {"loglik", ROR_FIELD_FLOAT8, &m->loglik};
	f[5] = (RorField) {"iterations", ROR_FIELD_INT64, &m->iterations};
	f[6] = (RorField) {"converged", ROR_FIELD_INT64, &m->converged};
	f[7] = (RorField) {"se_alpha", ROR_FIELD_FLOAT8, &m->se_alpha};
	f[8] = (RorField) {"se_beta", ROR_FIELD_FLOAT8, &m->se_beta};
}
#define SBG_NFIELDS 9

void
sbg_check_params(double alpha, double beta)
{
	if (!(alpha > 0.0 && beta > 0.0) || isinf(alpha) || isinf(beta))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("sBG parameters alpha = %g, beta = %g are invalid", alpha, beta),
				 errdetail("alpha and beta must be finite and greater than 0.")));
}

ror_noreturn static void
sbg_invalid(int code, const char *what, const char *rule)
{
	ereport(ERROR,
			(errcode(code),
			 errmsg("invalid %s: %s", SBG_TYPNAME, what),
			 errdetail("%s", rule)));
}

static void
check_positive(int code, const char *name, double v)
{
	if (!(v > 0.0) || isinf(v))
		sbg_invalid(code, psprintf("%s is %g", name, v),
					psprintf("%s must be finite and greater than 0.", name));
}

static void
check_se(int code, const char *name, double v)
{
	if (!isnan(v) && (!(v >= 0.0) || isinf(v)))
		sbg_invalid(code, psprintf("%s is %g", name, v),
					"A standard error is NaN (not computed), or finite and not negative.");
}

/* every check a model built by the constructor or a fit passes; code: 22P02 or 22P03 */
static void
sbg_validate(const Sbg *m, int code)
{
	check_positive(code, "alpha", m->alpha);
	check_positive(code, "beta", m->beta);
	if (m->customers < 0 || m->periods < 0 || m->iterations < 0)
		sbg_invalid(code, "a count is negative", "customers, periods and iterations must not be negative.");
	if (m->loglik > 0.0 || isinf(m->loglik))
		sbg_invalid(code, psprintf("loglik is %g", m->loglik), "loglik must be finite and not positive, or NaN.");
	if (m->converged != 0 && m->converged != 1)
		sbg_invalid(code, psprintf("converged is " INT64_FORMAT, m->converged), "converged must be 0 or 1.");
	check_se(code, "se_alpha", m->se_alpha);
	check_se(code, "se_beta", m->se_beta);
	if (m->customers == 0 &&
		(m->periods != 0 || m->loglik != 0.0 || m->iterations != 0 || m->converged != 0 ||
		 m->se_alpha != 0.0 || m->se_beta != 0.0))
		sbg_invalid(code, "a model with 0 customers has diagnostics",
					"A model of 0 customers has periods, loglik, iterations, converged and both standard errors 0.");
	if (m->customers > 0 && m->periods == 0)
		sbg_invalid(code, "a fitted model has 0 periods",
					"A model fitted to customers has observed 1 period or more.");
}

/* one NaN bit pattern, so text and binary round trips are bit for bit */
static void
sbg_canonical_nan(Sbg *m)
{
	double	   *v[] = {&m->loglik, &m->se_alpha, &m->se_beta};

	for (int i = 0; i < (int) lengthof(v); i++)
		if (isnan(*v[i]))
			*v[i] = get_float8_nan();
}

PG_FUNCTION_INFO_V1(sbg_in);
Datum
sbg_in(PG_FUNCTION_ARGS)
{
	char	   *input = PG_GETARG_CSTRING(0);
	Sbg		   *m = palloc0(sizeof(Sbg));
	RorField	f[SBG_NFIELDS];

	sbg_fields(m, f);
	ror_text_parse(SBG_TYPNAME, input, f, SBG_NFIELDS);
	sbg_canonical_nan(m);
	sbg_validate(m, ERRCODE_INVALID_TEXT_REPRESENTATION);
	PG_RETURN_SBG_P(m);
}

PG_FUNCTION_INFO_V1(sbg_out);
Datum
sbg_out(PG_FUNCTION_ARGS)
{
	Sbg			copy = *PG_GETARG_SBG_P(0);
	RorField	f[SBG_NFIELDS];
	StringInfoData buf;

	initStringInfo(&buf);
	sbg_fields(&copy, f);
	ror_text_format(&buf, f, SBG_NFIELDS);
	PG_RETURN_CSTRING(buf.data);
}

PG_FUNCTION_INFO_V1(sbg_recv);
Datum
sbg_recv(PG_FUNCTION_ARGS)
{
	StringInfo	msg = (StringInfo) PG_GETARG_POINTER(0);
	Sbg		   *m = palloc0(sizeof(Sbg));
	RorField	f[SBG_NFIELDS];

	ror_binary_check_version(msg, SBG_TYPNAME, SBG_VERSION);
	sbg_fields(m, f);
	ror_binary_recv_fields(msg, f, SBG_NFIELDS);
	sbg_canonical_nan(m);
	sbg_validate(m, ERRCODE_INVALID_BINARY_REPRESENTATION);
	PG_RETURN_SBG_P(m);
}

PG_FUNCTION_INFO_V1(sbg_send);
Datum
sbg_send(PG_FUNCTION_ARGS)
{
	Sbg			copy = *PG_GETARG_SBG_P(0);
	RorField	f[SBG_NFIELDS];
	StringInfoData buf;

	pq_begintypsend(&buf);
	sbg_fields(&copy, f);
	ror_binary_send_fields(&buf, SBG_VERSION, f, SBG_NFIELDS);
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

/* bitwise equality (the struct has no padding): the round trips keep every bit */
PG_FUNCTION_INFO_V1(sbg_eq);
Datum
sbg_eq(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(memcmp(PG_GETARG_SBG_P(0), PG_GETARG_SBG_P(1), sizeof(Sbg)) == 0);
}

PG_FUNCTION_INFO_V1(sbg_ne);
Datum
sbg_ne(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(memcmp(PG_GETARG_SBG_P(0), PG_GETARG_SBG_P(1), sizeof(Sbg)) != 0);
}

/* hash of the bytes equality compares: GROUP BY, DISTINCT, UNION, hash joins */
PG_FUNCTION_INFO_V1(sbg_hash);
Datum
sbg_hash(PG_FUNCTION_ARGS)
{
	return hash_any((const unsigned char *) PG_GETARG_SBG_P(0), sizeof(Sbg));
}

/* ror.sbg(alpha, beta): a model with given parameters, diagnostics 0 */
PG_FUNCTION_INFO_V1(sbg_make);
Datum
sbg_make(PG_FUNCTION_ARGS)
{
	Sbg		   *m = palloc0(sizeof(Sbg));

	m->alpha = PG_GETARG_FLOAT8(0);
	m->beta = PG_GETARG_FLOAT8(1);
	sbg_check_params(m->alpha, m->beta);
	PG_RETURN_SBG_P(m);
}

/* ", "key": v" with v in shortest exact digits, null for NaN */
static void
append_key_float(StringInfo buf, const char *key, double v)
{
	appendStringInfo(buf, ", \"%s\": ", key);
	if (isnan(v))
		appendStringInfoString(buf, "null");
	else
		ror_append_float8(buf, v);
}

/*
 * m::jsonb: {"alpha", "beta", "fitted", then the diagnostics}, null for a
 * model built by hand, as for ror.bgnbd.
 */
PG_FUNCTION_INFO_V1(sbg_to_jsonb);
Datum
sbg_to_jsonb(PG_FUNCTION_ARGS)
{
	Sbg		   *m = PG_GETARG_SBG_P(0);
	StringInfoData buf;

	initStringInfo(&buf);
	appendStringInfoString(&buf, "{\"alpha\": ");
	ror_append_float8(&buf, m->alpha);
	append_key_float(&buf, "beta", m->beta);
	if (m->customers > 0)
	{
		appendStringInfo(&buf, ", \"fitted\": true, \"customers\": " INT64_FORMAT
						 ", \"periods\": " INT64_FORMAT, m->customers, m->periods);
		append_key_float(&buf, "loglik", m->loglik);
		appendStringInfo(&buf, ", \"iterations\": " INT64_FORMAT ", \"converged\": %s",
						 m->iterations, m->converged ? "true" : "false");
		append_key_float(&buf, "se_alpha", m->se_alpha);
		append_key_float(&buf, "se_beta", m->se_beta);
		appendStringInfoChar(&buf, '}');
	}
	else
		appendStringInfoString(&buf, ", \"fitted\": false, \"customers\": null, \"periods\": null, \"loglik\": null, \"iterations\": null, \"converged\": null, \"se_alpha\": null, \"se_beta\": null}");
	PG_RETURN_DATUM(DirectFunctionCall1(jsonb_in, CStringGetDatum(buf.data)));
}
