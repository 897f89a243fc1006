/* shim.h: what the fuzz harness needs from shim.c */
#ifndef ROR_FUZZ_SHIM_H
#define ROR_FUZZ_SHIM_H

/* free every chunk palloc'ed since the last call (a memory context reset) */
extern void shim_free_all(void);

/* a harness defect or a finding: print and abort, so libFuzzer keeps the input */
extern void shim_defect(const char *fmt,...) __attribute__((format(printf, 1, 2))) pg_attribute_noreturn();

/* the SQLSTATE (MAKE_SQLSTATE form) and message of the last ERROR */
extern int	shim_last_sqlstate;
extern const char *shim_last_message;

#endif
