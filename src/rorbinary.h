/*
 * rorbinary.h: the binary form shared by ror summary types: a version byte,
 * then the fields of the text form ("(name=value,...)", rortext.h) in the
 * same order, int64 and float8 in network byte order.
 */
#ifndef ROR_RORBINARY_H
#define ROR_RORBINARY_H

#include "rortext.h"

/* read the version byte; ERROR 22P03 unless it is `version` */
extern void ror_binary_check_version(StringInfo msg, const char *typname, int version);

/* the version byte and the fields, for a _send function */
extern void ror_binary_send_fields(StringInfo buf, int version, const RorField *fields, int nfields);

/* the fields after the version byte, for a _recv function (values not validated) */
extern void ror_binary_recv_fields(StringInfo msg, const RorField *fields, int nfields);

#endif							/* ROR_RORBINARY_H */
