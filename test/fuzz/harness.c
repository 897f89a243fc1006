/*
 * harness.c: libFuzzer entry point for ror's text input and binary receive
 * functions, built from ror's own C files with shim.c (test/fuzz/libfuzzer.sh).
 *
 * ROR_FUZZ_TARGET names one of 18 targets, "<type>_in" or "<type>_recv".
 * Each input goes to that function as the server would pass it (a C string
 * cut at the first NUL, or a message buffer).  Then:
 *   - an ERROR must carry one of the SQLSTATEs bad input may give (below);
 *     any other (an elog's XX000 among them) is a finding;
 *   - an accepted value is copied to an allocation of exactly its size (as
 *     the server copies a datum), and that copy must print, read back, print
 *     the same text again, compare equal and hash equal to the copy; its
 *     binary form must be read back whole into an equal value.
 * A finding aborts, so libFuzzer saves the input; AddressSanitizer and
 * UndefinedBehaviorSanitizer abort the same way.
 */
#include "postgres.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fmgr.h"
#include "lib/stringinfo.h"
#include "datatype/timestamp.h"
#include "utils/datetime.h"
#include "utils/elog.h"

#include "shim.h"

/* each type's support functions, defined in src/ (the hash of survival has its own name) */
#define DECLARE_TYPE(t, hash) \
	extern Datum t##_in(PG_FUNCTION_ARGS), t##_out(PG_FUNCTION_ARGS), t##_recv(PG_FUNCTION_ARGS), \
		t##_send(PG_FUNCTION_ARGS), t##_eq(PG_FUNCTION_ARGS), hash(PG_FUNCTION_ARGS)
#define TYPE_FUNCS(t) t##_in, t##_out, t##_recv, t##_send, t##_eq

DECLARE_TYPE(nps_summary, nps_summary_hash);
DECLARE_TYPE(churn_summary, churn_summary_hash);
DECLARE_TYPE(survival, survival_hash_value);
DECLARE_TYPE(rfm_state, rfm_state_hash);
DECLARE_TYPE(gamma_gamma, gamma_gamma_hash);
DECLARE_TYPE(gamma_gamma_state, gamma_gamma_state_hash);
DECLARE_TYPE(bgnbd, bgnbd_hash);
DECLARE_TYPE(bgnbd_hist, bgnbd_hist_hash);
DECLARE_TYPE(sbg, sbg_hash);

typedef struct FuzzType
{
	const char *name;
	int			typlen;			/* INTERNALLENGTH in sql/install/, -1 = VARIABLE */
	PGFunction	in,
				out,
				recv,
				send,
				eq,
				hash;
} FuzzType;

static const FuzzType types[] = {
	{"nps_summary", 40, TYPE_FUNCS(nps_summary), nps_summary_hash},
	{"churn_summary", 64, TYPE_FUNCS(churn_summary), churn_summary_hash},
	{"survival", -1, TYPE_FUNCS(survival), survival_hash_value},
	{"rfm_state", -1, TYPE_FUNCS(rfm_state), rfm_state_hash},
	{"gamma_gamma", 80, TYPE_FUNCS(gamma_gamma), gamma_gamma_hash},
	{"gamma_gamma_state", -1, TYPE_FUNCS(gamma_gamma_state), gamma_gamma_state_hash},
	{"bgnbd", 112, TYPE_FUNCS(bgnbd), bgnbd_hash},
	{"bgnbd_hist", -1, TYPE_FUNCS(bgnbd_hist), bgnbd_hist_hash},
	{"sbg", 72, TYPE_FUNCS(sbg), sbg_hash},
};

/* what bad input may answer: anything else is a finding */
static const int expected_codes[] = {
	ERRCODE_INVALID_TEXT_REPRESENTATION,	/* 22P02 */
	ERRCODE_INVALID_BINARY_REPRESENTATION,	/* 22P03 */
	ERRCODE_NUMERIC_VALUE_OUT_OF_RANGE, /* 22003 */
	ERRCODE_INVALID_PARAMETER_VALUE,	/* 22023 */
	ERRCODE_PROGRAM_LIMIT_EXCEEDED, /* 54000 */
	ERRCODE_PROTOCOL_VIOLATION, /* 08P01: a message too short */
};

/* "22P02" from errcode()'s packed form */
static const char *
sqlstate_text(int code)
{
	static char buf[6];

	for (int i = 0; i < 5; i++)
		buf[i] = PGUNSIXBIT(code >> (6 * i));
	buf[5] = '\0';
	return buf;
}

static const FuzzType *type;
static bool binary;

/*
 * ROR_FUZZ_SELFTEST plants a defect, so test/shell/fuzz.sh can show that
 * the harness would report one: "overflow" writes a byte past an accepted
 * value (AddressSanitizer), "roundtrip" garbles its text form before
 * reading it back (the round-trip check).
 */
static const char *selftest = "";

static Datum
call(PGFunction f, int nargs, Datum a0, Datum a1, Datum a2)
{
	LOCAL_FCINFO(fcinfo, 3);
	FmgrInfo	flinfo;
	Datum		result;

	memset(&flinfo, 0, sizeof(flinfo));
	flinfo.fn_addr = f;
	flinfo.fn_nargs = nargs;
	flinfo.fn_strict = true;
	flinfo.fn_mcxt = CurrentMemoryContext;
	InitFunctionCallInfoData(*fcinfo, &flinfo, nargs, InvalidOid, NULL, NULL);
	fcinfo->args[0].value = a0;
	fcinfo->args[1].value = a1;
	fcinfo->args[2].value = a2;
	for (int i = 0; i < 3; i++)
		fcinfo->args[i].isnull = false;
	result = f(fcinfo);
	if (fcinfo->isnull)
		shim_defect("%s: a support function returned NULL", type->name);
	return result;
}

static Datum
read_text(const char *s)
{
	return call(type->in, 3, CStringGetDatum(s), ObjectIdGetDatum(InvalidOid), Int32GetDatum(-1));
}

static Datum
read_binary(StringInfo msg)
{
	return call(type->recv, 3, PointerGetDatum(msg), ObjectIdGetDatum(InvalidOid), Int32GetDatum(-1));
}

/* the value as the server keeps it: exactly its length, in a fresh chunk */
static Datum
copy_value(Datum v)
{
	size_t		len = type->typlen > 0 ? (size_t) type->typlen : VARSIZE(DatumGetPointer(v));
	void	   *copy;

	if (type->typlen < 0 && (VARATT_IS_EXTENDED(DatumGetPointer(v)) || len < VARHDRSZ))
		shim_defect("%s: not a plain varlena (header %08x)", type->name,
					*(uint32 *) DatumGetPointer(v));
	copy = palloc(len);
	memcpy(copy, DatumGetPointer(v), len);
	return PointerGetDatum(copy);
}

static void
check_same(Datum a, Datum b, const char *how, const char *text)
{
	if (!DatumGetBool(call(type->eq, 2, a, b, 0)))
		shim_defect("%s: %s is not equal to the value (text form \"%s\")", type->name, how, text);
	if (DatumGetInt32(call(type->hash, 1, a, 0, 0)) != DatumGetInt32(call(type->hash, 1, b, 0, 0)))
		shim_defect("%s: %s hashes differently (text form \"%s\")", type->name, how, text);
}

/* every check an accepted value must pass; an ERROR here is a finding */
static void
check_value(Datum v)
{
	Datum		value = copy_value(v);
	char	   *text = DatumGetCString(call(type->out, 1, value, 0, 0));
	Datum		again;
	char	   *text2;
	bytea	   *bin;
	StringInfoData msg;

	if (strcmp(selftest, "overflow") == 0)
		((char *) DatumGetPointer(value))[type->typlen > 0 ? type->typlen : VARSIZE(DatumGetPointer(value))] = 0;
	if (strcmp(selftest, "roundtrip") == 0)
		text[0] = '#';
	again = copy_value(read_text(text));
	text2 = DatumGetCString(call(type->out, 1, again, 0, 0));
	if (strcmp(text, text2) != 0)
		shim_defect("%s: text form \"%s\" reads back as \"%s\"", type->name, text, text2);
	check_same(value, again, "the value read back from its text form", text);

	bin = DatumGetByteaPP(call(type->send, 1, value, 0, 0));
	msg.data = VARDATA(bin);
	msg.len = VARSIZE(bin) - VARHDRSZ;
	msg.maxlen = msg.len;
	msg.cursor = 0;
	again = copy_value(read_binary(&msg));
	if (msg.cursor != msg.len)
		shim_defect("%s: binary receive left %d of %d bytes unread", type->name,
					msg.len - msg.cursor, msg.len);
	check_same(value, again, "the value read back from its binary form", text);
}

int
LLVMFuzzerInitialize(int *argc, char ***argv)
{
	const char *target = getenv("ROR_FUZZ_TARGET");

	if (getenv("ROR_FUZZ_SELFTEST") != NULL)
		selftest = getenv("ROR_FUZZ_SELFTEST");
	int			y,
				m,
				d;

	for (int i = 0; target != NULL && i < (int) lengthof(types); i++)
	{
		size_t		n = strlen(types[i].name);

		if (strncmp(target, types[i].name, n) != 0)
			continue;
		if (strcmp(target + n, "_in") == 0 || strcmp(target + n, "_recv") == 0)
		{
			type = &types[i];
			binary = target[n + 1] == 'r';
		}
	}
	if (type == NULL)
		shim_defect("set ROR_FUZZ_TARGET to <type>_in or <type>_recv, type one of nps_summary, "
					"churn_summary, survival, rfm_state, gamma_gamma, gamma_gamma_state, "
					"bgnbd, bgnbd_hist, sbg (given: %s)", target ? target : "nothing");

	/* the shim's calendar against the server's fixed points (timestamp.h) */
	j2date(DATE_END_JULIAN - 1, &y, &m, &d);
	if (date2j(2000, 1, 1) != POSTGRES_EPOCH_JDATE || date2j(1970, 1, 1) != UNIX_EPOCH_JDATE ||
		date2j(JULIAN_MINYEAR, JULIAN_MINMONTH, JULIAN_MINDAY) != DATETIME_MIN_JULIAN ||
		date2j(JULIAN_MAXYEAR, 1, 1) != DATE_END_JULIAN ||
		date2j(294277, 1, 1) != TIMESTAMP_END_JULIAN ||
		y != JULIAN_MAXYEAR - 1 || m != 12 || d != 31)
		shim_defect("the shim's date2j/j2date disagree with the server's calendar");
	return 0;
}

int
LLVMFuzzerTestOneInput(const uint8_t *data, size_t size)
{
	sigjmp_buf	jump;
	volatile bool checking = false;

	if (sigsetjmp(jump, 0) == 0)
	{
		Datum		v;

		PG_exception_stack = &jump;
		if (binary)
		{
			StringInfoData msg;

			/* the server's message buffers end with a NUL past len */
			msg.data = palloc(size + 1);
			memcpy(msg.data, data, size);
			msg.data[size] = '\0';
			msg.len = (int) size;
			msg.maxlen = (int) size + 1;
			msg.cursor = 0;
			v = read_binary(&msg);
		}
		else
			v = read_text(pnstrdup((const char *) data, size));
		checking = true;
		check_value(v);
	}
	else
	{
		bool		expected = false;

		for (int i = 0; i < (int) lengthof(expected_codes); i++)
			expected |= shim_last_sqlstate == expected_codes[i];
		if (checking)
			shim_defect("%s: ERROR %s while checking an accepted value: %s", type->name,
						sqlstate_text(shim_last_sqlstate), shim_last_message);
		if (!expected)
			shim_defect("%s: ERROR with unexpected SQLSTATE %s: %s", type->name,
						sqlstate_text(shim_last_sqlstate), shim_last_message);
	}
	PG_exception_stack = NULL;
	shim_free_all();
	return 0;
}
