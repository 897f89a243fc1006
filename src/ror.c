/*
 * ror.c: the module itself.  Everything else lives in one file per concern
 * (the README's Layout section lists them).
 */
#include "compat.h"

#include "fmgr.h"

PG_MODULE_MAGIC;
