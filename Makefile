# ror: PGXS build. `make demo` and `make test` are the README's two commands;
# they install what is missing, so they must work before pg_config exists.

EXTENSION   = ror
EXTVERSION  = $(shell sed -n "s/^default_version = '\(.*\)'/\1/p" ror.control)

MODULE_big  = ror
OBJS        = $(patsubst %.c,%.o,$(sort $(wildcard src/*.c)))

# The install script is assembled from one piece per concern (sql/install/NN_*.sql,
# in name order), as pgvector builds vector--X.sql from vector.sql.
INSTALL_PARTS = $(sort $(wildcard sql/install/*.sql))
DATA_built  = sql/$(EXTENSION)--$(EXTVERSION).sql
DATA        = $(filter-out $(DATA_built),$(wildcard sql/$(EXTENSION)--*.sql))

# pg_regress: every sql/*.sql except the extension scripts, in name order.
REGRESS     = $(sort $(patsubst sql/%.sql,%,$(filter-out sql/$(EXTENSION)--%,$(wildcard sql/*.sql))))
REGRESS_OPTS = --inputdir=. --load-extension=$(EXTENSION)

# -Wall -Wextra for our code; the server headers are read as system headers
# (-isystem wins over PGXS's -I for the same folder) since -Wextra flags them.
ROR_WERROR ?= -Werror
PG_CFLAGS  += -Wall -Wextra $(ROR_WERROR)
PG_CPPFLAGS += -isystem $(shell $(PG_CONFIG) --includedir-server 2>/dev/null)

EXTRA_CLEAN = $(DATA_built)

PG_CONFIG ?= pg_config
PGXS := $(shell $(PG_CONFIG) --pgxs 2>/dev/null)
ifneq ($(PGXS),)
include $(PGXS)
else
all install installcheck:
	@echo "pg_config not found (PG_CONFIG=$(PG_CONFIG)); run 'make demo' or 'make test', which install the build dependencies" >&2; exit 1
endif

# PGXS tracks no header dependencies: rebuild everything when a header changes
$(OBJS): $(wildcard src/*.h)

$(DATA_built): $(INSTALL_PARTS) ror.control
	cat $(INSTALL_PARTS) > $@

.PHONY: demo demo-stop test bench
demo:
	@bash demo/run

demo-stop:
	@bash demo/run stop

test:
	@bash test/run

bench:
	@bash bench/run
