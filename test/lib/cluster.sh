# test/lib/cluster.sh: shared by demo/run, test/run and bench/run (sourced, not run).
#
# Installs what is missing (apt, through sudo when not root), builds ror, and
# installs it into a private copy of the PostgreSQL installation ("stage"), so
# nothing is written to the system's PostgreSQL folders.  PostgreSQL finds its
# share and lib folders relative to its own binary, so a copied bin/ beside
# symlinked share/ and lib/ is a complete server that loads our ror.so.
# A throw-away cluster then runs from the stage on a private unix socket.

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
# PG_CONFIG as the user gave it (empty: choose the server, see pick_server)
ROR_PG_CONFIG_GIVEN=${PG_CONFIG:-}
# Debian's layout: one folder per installed major (overridable for test/shell/deps.sh)
PGROOT=${ROR_PGROOT:-/usr/lib/postgresql}

say() { printf '%s\n' "$*" >&2; }
die() { say "error: $*"; exit 1; }

as_root() {
    if [ "$(id -u)" = 0 ]; then "$@"
    elif command -v sudo >/dev/null; then sudo "$@"
    else die "need root for: $* (install sudo or run as root)"
    fi
}

# apt_install PKG...: ROR_DEPS_DRY_RUN=1 only says what it would install.
apt_install() {
    if [ -n "${ROR_DEPS_DRY_RUN:-}" ]; then say "== would install: $*"; return 0; fi
    command -v apt-get >/dev/null \
        || die "missing: $* (no apt-get here: install the equivalent packages, or set PG_CONFIG)"
    say "== installing: $*"
    [ -n "${ROR_APT_UPDATED:-}" ] || { as_root apt-get update -qq >&2; ROR_APT_UPDATED=1; }
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >&2
}

# major_of PG_CONFIG: the server major a pg_config belongs to.  Read from the
# path (/usr/lib/postgresql/NN/bin/pg_config) before the headers and even the
# file exist, else from `pg_config --version`.
major_of() {
    local m
    m=$(printf '%s\n' "$1" | sed -nE 's@^.*/postgresql/([0-9]+)/bin/pg_config$@\1@p')
    if [ -z "$m" ] && [ -x "$1" ]; then
        m=$("$1" --version 2>/dev/null | sed -nE 's/^PostgreSQL ([0-9]+).*/\1/p')
    fi
    printf '%s' "$m"
}

# pick_server: set PG_CONFIG and PG_MAJOR.  PG_CONFIG when given (every step
# then uses that server); else the newest server installed the Debian way;
# else a pg_config on PATH whose bindir holds a server (a source build);
# else Debian's default server (package postgresql), installed now.
pick_server() {
    local newest onpath
    if [ -n "$ROR_PG_CONFIG_GIVEN" ]; then
        PG_CONFIG=$ROR_PG_CONFIG_GIVEN
        case $PG_CONFIG in */*) ;; *) PG_CONFIG=$(command -v "$PG_CONFIG" || printf '%s' "$PG_CONFIG") ;; esac
        PG_MAJOR=$(major_of "$PG_CONFIG")
        [ -n "$PG_MAJOR" ] || die "PG_CONFIG=$ROR_PG_CONFIG_GIVEN is not a pg_config (expected e.g. $PGROOT/15/bin/pg_config)"
        return 0
    fi
    newest=$(ls -v "$PGROOT"/*/bin/postgres 2>/dev/null | tail -n 1 || true)
    if [ -z "$newest" ] && onpath=$(command -v pg_config) && [ "$onpath" != /usr/bin/pg_config ] \
        && [ -x "$("$onpath" --bindir 2>/dev/null)/postgres" ]; then
        PG_CONFIG=$onpath; PG_MAJOR=$(major_of "$onpath"); return 0
    fi
    if [ -z "$newest" ]; then
        apt_install postgresql
        newest=$(ls -v "$PGROOT"/*/bin/postgres 2>/dev/null | tail -n 1 || true)
        if [ -z "$newest" ] && [ -n "${ROR_DEPS_DRY_RUN:-}" ]; then PG_MAJOR=DEFAULT PG_CONFIG=pg_config; return 0; fi
        [ -n "$newest" ] || die "no PostgreSQL server found in $PGROOT after installing package postgresql (set PG_CONFIG)"
    fi
    PG_CONFIG=${newest%/postgres}/pg_config
    PG_MAJOR=$(major_of "$PG_CONFIG")
}

# has_headers: the server headers and PGXS of PG_CONFIG's server are there
# (pg_config itself ships with the client package, without them).
has_headers() {
    [ -x "$PG_CONFIG" ] || return 1
    [ -f "$("$PG_CONFIG" --includedir-server 2>/dev/null)/postgres.h" ] \
        && [ -f "$("$PG_CONFIG" --pgxs 2>/dev/null)" ]
}

# ensure_deps [test]: what building against the chosen server needs (a C
# compiler, make, the server, exactly its headers: postgresql-server-dev-NN),
# plus pgTAP, pg_prove, Java and the JDBC driver for `test`.  Installs only
# what is missing.
ensure_deps() {
    local want=()
    command -v make >/dev/null || want+=(make)
    command -v gcc >/dev/null || want+=(gcc libc6-dev)
    [ ${#want[@]} = 0 ] || apt_install "${want[@]}"
    pick_server
    want=()
    [ -x "$("$PG_CONFIG" --bindir 2>/dev/null)/postgres" ] || want+=("postgresql-$PG_MAJOR")
    has_headers || want+=("postgresql-server-dev-$PG_MAJOR")
    if [ "${1:-}" = test ]; then
        [ -f "$("$PG_CONFIG" --sharedir 2>/dev/null)/extension/pgtap.control" ] || want+=("postgresql-$PG_MAJOR-pgtap")
        command -v pg_prove >/dev/null || want+=(libtap-parser-sourcehandler-pgtap-perl)
        # the Metabase path (test/shell/metabase.sh): Java and the JDBC driver;
        # ROR_NO_JAVA=1 leaves them out (that test then says it was skipped)
        if [ -z "${ROR_NO_JAVA:-}" ]; then
            command -v java >/dev/null || want+=(default-jdk-headless)
            [ -f /usr/share/java/postgresql.jar ] || want+=(libpostgresql-jdbc-java)
        fi
    fi
    [ ${#want[@]} = 0 ] || apt_install "${want[@]}"
    [ -n "${ROR_DEPS_DRY_RUN:-}" ] && return 0
    [ -x "$("$PG_CONFIG" --bindir 2>/dev/null)/postgres" ] \
        || die "no PostgreSQL $PG_MAJOR server next to $PG_CONFIG"
    has_headers || die "no server headers for $PG_CONFIG (package postgresql-server-dev-$PG_MAJOR)"
    export PG_CONFIG PG_MAJOR
}

# choose_rundir NAME: where the cluster lives: tmp/NAME-pgNN in the checkout,
# unless the postgres user (who runs the server when we are root) cannot
# reach the checkout.  demo, test and bench each have their own.
choose_rundir() {
    RUNDIR="$ROOT/tmp/$1-pg$PG_MAJOR"
    if [ "$(id -u)" = 0 ] && ! runuser -u postgres -- test -r "$ROOT/ror.control" 2>/dev/null; then
        RUNDIR="/tmp/ror-$(printf '%s' "$ROOT" | md5sum | cut -c1-8)/$1-pg$PG_MAJOR"
        say "note: the postgres user cannot reach $ROOT; the cluster lives in $RUNDIR"
    fi
    STAGE="$RUNDIR/stage"
    PGDATA_DIR="$RUNDIR/data"
    SOCKDIR="$RUNDIR/sock"
}

build_and_stage() {
    local bindir sharedir pkglibdir
    stop_cluster quiet   # a cluster left running from the old stage
    bindir=$("$PG_CONFIG" --bindir)
    sharedir=$("$PG_CONFIG" --sharedir)
    pkglibdir=$("$PG_CONFIG" --pkglibdir)
    say "== building ror against PostgreSQL $PG_MAJOR"
    make -C "$ROOT" -s PG_CONFIG="$PG_CONFIG" >&2
    rm -rf "$STAGE"
    mkdir -p "$STAGE$bindir" "$(dirname "$STAGE$sharedir")" "$(dirname "$STAGE$pkglibdir")"
    cp -a "$bindir/." "$STAGE$bindir/"
    cp -as "$sharedir" "$STAGE$sharedir"
    cp -as "$pkglibdir" "$STAGE$pkglibdir"
    # never link to a ror installed system-wide: ours is installed next
    rm -rf "$STAGE$pkglibdir"/ror.so "$STAGE$pkglibdir"/bitcode/ror "$STAGE$pkglibdir"/bitcode/ror.index.bc \
           "$STAGE$sharedir"/extension/ror.control "$STAGE$sharedir"/extension/ror--*.sql
    make -C "$ROOT" -s PG_CONFIG="$PG_CONFIG" install DESTDIR="$STAGE" >/dev/null
    PGBIN="$STAGE$bindir"
}

# run a server command as the cluster owner
as_owner() {
    if [ "$(id -u)" = 0 ]; then (cd / && runuser -u postgres -- "$@"); else "$@"; fi
}

# start_cluster [extra postgres -c settings...]
start_cluster() {
    local port=${ROR_PORT:-5499}
    rm -rf "$PGDATA_DIR" "$SOCKDIR"
    mkdir -p "$PGDATA_DIR" "$SOCKDIR"
    if [ "$(id -u)" = 0 ]; then
        chown postgres: "$PGDATA_DIR" "$SOCKDIR"
        chmod a+rx "$RUNDIR" "$(dirname "$RUNDIR")" 2>/dev/null || true
        chmod -R a+rX "$STAGE"
        export PGUSER=postgres
    else
        export PGUSER=$(id -un)
    fi
    as_owner "$PGBIN/initdb" -D "$PGDATA_DIR" -A trust --no-locale -E UTF8 >"$RUNDIR/initdb.log" 2>&1 \
        || { cat "$RUNDIR/initdb.log" >&2; die "initdb failed"; }
    cat >>"$PGDATA_DIR/postgresql.conf" <<CONF
listen_addresses = ''
port = $port
unix_socket_directories = '$SOCKDIR'
fsync = off
synchronous_commit = off
full_page_writes = off
max_worker_processes = 16
max_parallel_workers = 8
CONF
    for setting in "$@"; do printf '%s\n' "$setting" >>"$PGDATA_DIR/postgresql.conf"; done
    as_owner "$PGBIN/pg_ctl" -D "$PGDATA_DIR" -l "$PGDATA_DIR/server.log" -w -t 60 start >/dev/null \
        || { cat "$PGDATA_DIR/server.log" >&2; die "the server did not start"; }
    export PGHOST="$SOCKDIR" PGPORT="$port" PGDATABASE=postgres
}

stop_cluster() {
    [ -n "${PGDATA_DIR:-}" ] && [ -f "$PGDATA_DIR/postmaster.pid" ] || return 0
    # the system's pg_ctl: the stage may already be gone or rebuilt
    as_owner "$("$PG_CONFIG" --bindir)/pg_ctl" -D "$PGDATA_DIR" -m fast -w stop >/dev/null 2>&1 \
        || [ "${1:-}" = quiet ] || say "warning: could not stop the cluster in $PGDATA_DIR"
}
