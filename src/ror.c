/*
 * ror.c: the module itself.  Everything else lives in one file per concern:
 * nps_*.c (NPS), rortext.c (the summaries' text form), normal.c (normal
 * distribution).
 */
#include "compat.h"

#include "fmgr.h"

PG_MODULE_MAGIC;
