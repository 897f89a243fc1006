/*
 * gamma_gamma_io.c: ror.gamma_gamma text and binary I/O, validation,
 * equality, the constructor, the jsonb cast and expected_avg_value.
 */
#include "postgres.h"

#include "gamma_gamma.h"

#include <math.h>

#include "common/hashfn.h"
#include "libpq/pqformat.h"
#include "utils/builtins.h"
#include "utils/jsonb.h"
#include "rorbinary.h"

/* the text form's fields, in print order */
static void
gg_fields(GammaGamma *m, RorField *f)
{
	f[0] = (RorField) {"p", ROR_FIELD_FLOAT8, &m->p};
	f[1] = (RorField) {"q", ROR_FIELD_FLOAT8, &m->q};
	f[2] = (RorField) {"gamma", ROR_FIELD_FLOAT8, &m->gamma};
	f[3] = (RorField) {"customers", ROR_FIELD_INT64, &m->customers};
	f[4] = (RorField) {"weight", ROR_FIELD_FLOAT8, &m->weight};
	f[5] = (RorField) {"loglik", ROR_FIELD_FLOAT8, &m->loglik};
	f[6] = (RorField) {"iterations", ROR_FIELD_INT64, &m->iterations};
	f[7] = (RorField) {"converged", ROR_FIELD_INT64, &m->converged};
	f[8] = (RorField) {"excluded", ROR_FIELD_INT64, &m->excluded};
}
#define GG_NFIELDS 9

ror_noreturn static void
gg_invalid(int code, const char *what, const char *rule)
{
	ereport(ERROR,
			(errcode(code),
			 errmsg("invalid %s: %s", GAMMA_GAMMA_TYPNAME, what),
			 errdetail("%s", rule)));
}

static void
gg_check_param(const char *name, double v)
{
	if (!(v > 0.0) || isinf(v))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("Gamma-Gamma parameter %s = %g is invalid", name, v),
				 errdetail("p, q and gamma must be finite and greater than 0.")));
}

/* every check a model built by the constructor or a fit passes; code: 22P02 or 22P03 */
static void
gg_validate(const GammaGamma *m, int code)
{
	if (!(m->p > 0.0) || isinf(m->p))
		gg_invalid(code, psprintf("p is %g", m->p), "p must be finite and greater than 0.");
	if (!(m->q > 0.0) || isinf(m->q))
		gg_invalid(code, psprintf("q is %g", m->q), "q must be finite and greater than 0.");
	if (!(m->gamma > 0.0) || isinf(m->gamma))
		gg_invalid(code, psprintf("gamma is %g", m->gamma), "gamma must be finite and greater than 0.");
	if (m->customers < 0 || m->iterations < 0 || m->excluded < 0)
		gg_invalid(code, "a count is negative", "customers, iterations and excluded must not be negative.");
	if (!(m->weight >= 0.0) || isinf(m->weight))
		gg_invalid(code, psprintf("weight is %g", m->weight), "weight must be finite and not negative.");
	if (isnan(m->loglik) || isinf(m->loglik))
		gg_invalid(code, psprintf("loglik is %g", m->loglik), "loglik must be finite.");
	if (m->converged != 0 && m->converged != 1)
		gg_invalid(code, psprintf("converged is " INT64_FORMAT, m->converged), "converged must be 0 or 1.");
	if (m->customers == 0 &&
		(m->weight != 0.0 || m->loglik != 0.0 || m->iterations != 0 ||
		 m->converged != 0 || m->excluded != 0))
		gg_invalid(code, "diagnostics without customers", "A model of 0 customers has weight, loglik, iterations, converged and excluded 0.");
}

PG_FUNCTION_INFO_V1(gamma_gamma_in);
Datum
gamma_gamma_in(PG_FUNCTION_ARGS)
{
	char	   *input = PG_GETARG_CSTRING(0);
	GammaGamma *m = palloc0(sizeof(GammaGamma));
	RorField	f[GG_NFIELDS];

	gg_fields(m, f);
	ror_text_parse(GAMMA_GAMMA_TYPNAME, input, f, GG_NFIELDS);
	gg_validate(m, ERRCODE_INVALID_TEXT_REPRESENTATION);
	PG_RETURN_GAMMA_GAMMA_P(m);
}

PG_FUNCTION_INFO_V1(gamma_gamma_out);
Datum
gamma_gamma_out(PG_FUNCTION_ARGS)
{
	GammaGamma	copy = *PG_GETARG_GAMMA_GAMMA_P(0);
	RorField	f[GG_NFIELDS];
	StringInfoData buf;

	initStringInfo(&buf);
	gg_fields(&copy, f);
	ror_text_format(&buf, f, GG_NFIELDS);
	PG_RETURN_CSTRING(buf.data);
}

PG_FUNCTION_INFO_V1(gamma_gamma_recv);
Datum
gamma_gamma_recv(PG_FUNCTION_ARGS)
{
	StringInfo	msg = (StringInfo) PG_GETARG_POINTER(0);
	GammaGamma *m = palloc0(sizeof(GammaGamma));
	RorField	f[GG_NFIELDS];

	ror_binary_check_version(msg, GAMMA_GAMMA_TYPNAME, GAMMA_GAMMA_VERSION);
	gg_fields(m, f);
	ror_binary_recv_fields(msg, f, GG_NFIELDS);
	gg_validate(m, ERRCODE_INVALID_BINARY_REPRESENTATION);
	PG_RETURN_GAMMA_GAMMA_P(m);
}

PG_FUNCTION_INFO_V1(gamma_gamma_send);
Datum
gamma_gamma_send(PG_FUNCTION_ARGS)
{
	GammaGamma	copy = *PG_GETARG_GAMMA_GAMMA_P(0);
	RorField	f[GG_NFIELDS];
	StringInfoData buf;

	pq_begintypsend(&buf);
	gg_fields(&copy, f);
	ror_binary_send_fields(&buf, GAMMA_GAMMA_VERSION, f, GG_NFIELDS);
	PG_RETURN_BYTEA_P(pq_endtypsend(&buf));
}

/* bitwise equality: the text round trip must preserve every bit */
PG_FUNCTION_INFO_V1(gamma_gamma_eq);
Datum
gamma_gamma_eq(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(memcmp(PG_GETARG_GAMMA_GAMMA_P(0), PG_GETARG_GAMMA_GAMMA_P(1),
						  GAMMA_GAMMA_COMPARED_BYTES) == 0);
}

PG_FUNCTION_INFO_V1(gamma_gamma_ne);
Datum
gamma_gamma_ne(PG_FUNCTION_ARGS)
{
	PG_RETURN_BOOL(memcmp(PG_GETARG_GAMMA_GAMMA_P(0), PG_GETARG_GAMMA_GAMMA_P(1),
						  GAMMA_GAMMA_COMPARED_BYTES) != 0);
}

/* hash of the bytes equality compares: for GROUP BY, DISTINCT, UNION, hash joins */
PG_FUNCTION_INFO_V1(gamma_gamma_hash);
Datum
gamma_gamma_hash(PG_FUNCTION_ARGS)
{
	return hash_any((const unsigned char *) PG_GETARG_GAMMA_GAMMA_P(0),
					GAMMA_GAMMA_COMPARED_BYTES);
}

/* ror.gamma_gamma(p, q, gamma): a model with known parameters and no fit diagnostics */
PG_FUNCTION_INFO_V1(gamma_gamma_make);
Datum
gamma_gamma_make(PG_FUNCTION_ARGS)
{
	GammaGamma *m = palloc0(sizeof(GammaGamma));

	m->p = PG_GETARG_FLOAT8(0);
	m->q = PG_GETARG_FLOAT8(1);
	m->gamma = PG_GETARG_FLOAT8(2);
	gg_check_param("p", m->p);
	gg_check_param("q", m->q);
	gg_check_param("gamma", m->gamma);
	PG_RETURN_GAMMA_GAMMA_P(m);
}

/*
 * m::jsonb: {"p":..,"q":..,"gamma":..,"fitted":bool, then the diagnostics},
 * which are null for a constructed (not fitted) model.  Floats are written
 * in their shortest exact form, which jsonb's numeric keeps digit for digit.
 */
PG_FUNCTION_INFO_V1(gamma_gamma_to_jsonb);
Datum
gamma_gamma_to_jsonb(PG_FUNCTION_ARGS)
{
	GammaGamma *m = PG_GETARG_GAMMA_GAMMA_P(0);
	StringInfoData buf;

	initStringInfo(&buf);
	appendStringInfoString(&buf, "{\"p\": ");
	ror_append_float8(&buf, m->p);
	appendStringInfoString(&buf, ", \"q\": ");
	ror_append_float8(&buf, m->q);
	appendStringInfoString(&buf, ", \"gamma\": ");
	ror_append_float8(&buf, m->gamma);
	if (gamma_gamma_is_fitted(m))
	{
		appendStringInfo(&buf, ", \"fitted\": true, \"customers\": " INT64_FORMAT ", \"weight\": ",
						 m->customers);
		ror_append_float8(&buf, m->weight);
		appendStringInfoString(&buf, ", \"loglik\": ");
		ror_append_float8(&buf, m->loglik);
		appendStringInfo(&buf, ", \"iterations\": " INT64_FORMAT ", \"converged\": %s, \"excluded\": " INT64_FORMAT "}",
						 m->iterations, m->converged ? "true" : "false", m->excluded);
	}
	else
		appendStringInfoString(&buf, ", \"fitted\": false, \"customers\": null, \"weight\": null, \"loglik\": null, \"iterations\": null, \"converged\": null, \"excluded\": null}");
	PG_RETURN_DATUM(DirectFunctionCall1(jsonb_in, CStringGetDatum(buf.data)));
}

double
gamma_gamma_expected_avg_value(const GammaGamma *m, double x, double mx)
{
	double		denom,
				v;

	if (isnan(x) || isinf(x) || x < 0.0 || isnan(mx) || isinf(mx) || mx < 0.0)
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("expected_avg_value got frequency %g and monetary %g", x, mx),
				 errdetail("The frequency must be finite and not negative; the mean spend must be finite and not negative.")));
	denom = m->p * x + m->q - 1.0;
	if (!(denom > 0.0))
		ereport(ERROR,
				(errcode(ERRCODE_INVALID_PARAMETER_VALUE),
				 errmsg("expected_avg_value is undefined for frequency %g with p = %g and q = %g", x, m->p, m->q),
				 errdetail("The expectation is finite only when p * frequency + q - 1 > 0."),
				 errhint("For frequency 0 the model needs q > 1 (a finite population mean spend).")));
	v = m->p * (m->gamma + x * mx) / denom;
	if (!isfinite(v))
	{
		/*
		 * An intermediate overflowed (e.g. p and gamma near 1e300): the same
		 * formula on the log scale, log(a + b) = log(max) + log1p(min / max)
		 */
		double		la = log(m->gamma),
					lb = (x > 0.0 && mx > 0.0) ? log(x) + log(mx) : -INFINITY,
					hi = fmax(la, lb),
					lo = fmin(la, lb);

		v = exp(log(m->p) + hi + log1p(exp(lo - hi)) - log(denom));
	}
	if (isinf(v) || isnan(v))
		ereport(ERROR,
				(errcode(ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE),
				 errmsg("expected_avg_value out of range for frequency %g and monetary %g with p = %g, q = %g and gamma = %g",
						x, mx, m->p, m->q, m->gamma),
				 errdetail("The expected mean spend is too large for double precision.")));
	return v;
}

/* ror.expected_avg_value(m, frequency, monetary) */
PG_FUNCTION_INFO_V1(gamma_gamma_expected_avg_value_sql);
Datum
gamma_gamma_expected_avg_value_sql(PG_FUNCTION_ARGS)
{
	PG_RETURN_FLOAT8(gamma_gamma_expected_avg_value(PG_GETARG_GAMMA_GAMMA_P(0),
													PG_GETARG_FLOAT8(1),
													PG_GETARG_FLOAT8(2)));
}
