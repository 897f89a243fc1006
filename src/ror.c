/*
 * ror.c: the module itself.  Everything else lives in one file per concern
 * (the README's Layout section lists them).
 */
#include "postgres.h"

#include "compat.h"

#include "fmgr.h"

/* from 18 on, the module names itself and its version (pg_get_loaded_modules) */
#ifdef PG_MODULE_MAGIC_EXT
PG_MODULE_MAGIC_EXT(.name = "ror", .version = ROR_VERSION);
#else
PG_MODULE_MAGIC;
#endif
