# ror: PGXS build. `make demo` and `make test` are the README's two commands;
# they install what is missing, so they must work before pg_config exists.

EXTENSION   = ror
EXTVERSION  = $(shell sed -n "s/^default_version = '\(.*\)'/\1/p" ror.control)

MODULE_big  = ror
OBJS        = $(patsubst %.c,%.o,$(sort $(wildcard src/*.c)))

# The install script of the newest version is assembled from one piece per
# concern (sql/install/NN_*.sql, in name order), as pgvector builds vector--X.sql
# from vector.sql.  A released version's install script is frozen in
# sql/released/ror--X.sql (installed as is, so CREATE EXTENSION ror VERSION 'X'
# keeps working); what changes after a release ships as sql/updates/ror--A--B.sql.
# While default_version is released, the pieces must still add up to its frozen
# script (ror-check-frozen, run by every build): a change to them needs a new
# default_version and an update script.
INSTALL_PARTS = $(sort $(wildcard sql/install/*.sql))
RELEASED    = $(sort $(wildcard sql/released/$(EXTENSION)--*.sql))
UPDATES     = $(sort $(wildcard sql/updates/$(EXTENSION)--*--*.sql))
FROZEN      = $(wildcard sql/released/$(EXTENSION)--$(EXTVERSION).sql)
ifeq ($(FROZEN),)
DATA_built  = sql/$(EXTENSION)--$(EXTVERSION).sql
endif
DATA        = $(RELEASED) $(UPDATES)

# pg_regress: every sql/*.sql except the extension scripts, in name order.
# Tests that compare with the published CDNOW estimates read the data set from
# ../shared/data/cdnow (beside a development checkout; the tests name that
# path); where it is absent (a release archive, a package build) they are left
# out, and said so.  ROR_REQUIRE_DATA=1 (test/run) makes its absence an error.
ROR_DATA    := ../shared/data/cdnow
REGRESS_ALL  = $(sort $(patsubst sql/%.sql,%,$(filter-out sql/$(EXTENSION)--%,$(wildcard sql/*.sql))))
REGRESS_DATA = $(patsubst sql/%.sql,%,$(shell grep -l 'shared/data/cdnow' $(wildcard sql/*.sql) /dev/null 2>/dev/null))
ifneq ($(wildcard $(ROR_DATA)/cdnow_summary.csv),)
REGRESS      = $(REGRESS_ALL)
else
REGRESS      = $(filter-out $(REGRESS_DATA),$(REGRESS_ALL))
ifneq ($(filter installcheck,$(MAKECMDGOALS)),)
ifeq ($(ROR_REQUIRE_DATA),1)
$(error the CDNOW data set is not in $(ROR_DATA), which the tests that compare with its published estimates read; put shared/ beside the checkout, or run without them: ROR_REQUIRE_DATA=0)
endif
$(warning CDNOW data not found in $(ROR_DATA): skipping the tests that need it: $(REGRESS_DATA))
endif
endif
REGRESS_OPTS = --inputdir=. --load-extension=$(EXTENSION)

# -Wall -Wextra for our code; the server headers are read as system headers
# (-isystem wins over PGXS's -I for the same folder) since -Wextra flags them.
# -Werror only where we choose the compiler (test/run, test/matrix): a user's
# newer compiler may warn about code that is fine, and must not fail the build.
ROR_WERROR ?=
PG_CFLAGS  += -Wall -Wextra $(ROR_WERROR)
PG_CPPFLAGS += -isystem $(shell $(PG_CONFIG) --includedir-server 2>/dev/null)
PG_CPPFLAGS += -DROR_VERSION=\"$(EXTVERSION)\"

EXTRA_CLEAN = sql/$(EXTENSION)--$(EXTVERSION).sql

# PGXS's first target, all, must stay the default goal: no rule above its include
.DEFAULT_GOAL := all

# the module carries the version (PG_MODULE_MAGIC_EXT on 18)
src/ror.o: ror.control

PG_CONFIG ?= pg_config
PGXS := $(shell $(PG_CONFIG) --pgxs 2>/dev/null)
# pg_config ships with the client; PGXS and the headers with postgresql-server-dev-NN
ifneq ($(wildcard $(PGXS)),)
include $(PGXS)
else
all install installcheck:
	@echo "PGXS not found (PG_CONFIG=$(PG_CONFIG) says '$(PGXS)'): install the server headers (Debian: postgresql-server-dev-NN for your server's major NN), or run 'make demo' / 'make test', which install them" >&2; exit 1
endif

# Debian ships pg_config and PGXS with the client, the headers apart: say so
# before the compiler does.  (installcheck needs no headers.)
ifeq ($(wildcard $(shell $(PG_CONFIG) --includedir-server 2>/dev/null)/postgres.h),)
$(OBJS): | ror-no-headers
.PHONY: ror-no-headers
ror-no-headers:
	@echo "the server headers are missing (no postgres.h in '$(shell $(PG_CONFIG) --includedir-server 2>/dev/null)'): install them (Debian: postgresql-server-dev-$(shell $(PG_CONFIG) --version 2>/dev/null | sed -E 's/^PostgreSQL ([0-9]+).*/\1/')), or run 'make demo' / 'make test', which do" >&2; exit 1
endif

# PGXS tracks no header dependencies: rebuild everything when a header changes
$(OBJS): $(wildcard src/*.h)

sql/$(EXTENSION)--$(EXTVERSION).sql: $(INSTALL_PARTS) ror.control
	cat $(INSTALL_PARTS) > $@

# a released version's install script never changes (see RELEASED above)
.PHONY: ror-check-frozen
all: ror-check-frozen
ror-check-frozen:
ifneq ($(FROZEN),)
	@cat $(INSTALL_PARTS) | cmp -s - $(FROZEN) || { echo "sql/install/ no longer adds up to $(FROZEN): ror $(EXTVERSION) is released and frozen. Set a new default_version in ror.control and write sql/updates/$(EXTENSION)--$(EXTVERSION)--NEW.sql with the same change (test/shell/upgrade.sh checks that the update and a fresh install agree)" >&2; exit 1; }
endif

.PHONY: demo demo-stop test bench
demo:
	@bash demo/run

demo-stop:
	@bash demo/run stop

test:
	@bash test/run

bench:
	@bash bench/run

# PGXN release: ror-X.Y.Z.zip in this folder, one top folder ror-X.Y.Z/, only the
# files committed at HEAD (git archive), so no build outputs, tmp/ or results/.
# Needs git, not pg_config (it is outside the PGXS conditional above).
.PHONY: dist
dist:
	@command -v git >/dev/null 2>&1 || { echo "make dist: git not found; the archive is made with 'git archive'" >&2; exit 1; }
	@[ "$$(git rev-parse --show-toplevel 2>/dev/null)" = "$$(pwd -P)" ] || { echo "make dist: $(CURDIR) is not the top of a git checkout; the archive is made from the committed files with 'git archive'" >&2; exit 1; }
	@[ -n "$(EXTVERSION)" ] || { echo "make dist: no default_version in ror.control" >&2; exit 1; }
	@[ -z "$$(git status --porcelain --untracked-files=no)" ] || echo "make dist: warning: uncommitted changes are not in the archive (it holds HEAD)" >&2
	git archive --format=zip --prefix=ror-$(EXTVERSION)/ -o ror-$(EXTVERSION).zip HEAD \
	    || { rm -f ror-$(EXTVERSION).zip; exit 1; }
