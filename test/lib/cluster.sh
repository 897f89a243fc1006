# test/lib/cluster.sh: shared by demo/run, test/run and bench/run (sourced, not run).
#
# Installs what is missing (apt, through sudo when not root), builds ror, and
# installs it into a private copy of the PostgreSQL installation ("stage"), so
# nothing is written to the system's PostgreSQL folders.  PostgreSQL finds its
# share and lib folders relative to its own binary, so a copied bin/ beside
# symlinked share/ and lib/ is a complete server that loads our ror.so.
# A throw-away cluster then runs from the stage on a private unix socket.

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
PG_CONFIG=${PG_CONFIG:-pg_config}

say() { printf '%s\n' "$*" >&2; }
die() { say "error: $*"; exit 1; }

as_root() {
    if [ "$(id -u)" = 0 ]; then "$@"
    elif command -v sudo >/dev/null; then sudo "$@"
    else die "need root for: $* (install sudo or run as root)"
    fi
}

apt_install() {
    say "== installing: $*"
    [ -n "${ROR_APT_UPDATED:-}" ] || { as_root apt-get update -qq >&2; ROR_APT_UPDATED=1; }
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "$@" >&2
}

# Build tools, the server and its headers, pgTAP and pg_prove.
ensure_deps() {
    local want=()
    command -v make >/dev/null || want+=(make)
    command -v gcc >/dev/null || want+=(gcc libc6-dev)
    command -v "$PG_CONFIG" >/dev/null && "$PG_CONFIG" --pgxs >/dev/null 2>&1 \
        && [ -x "$("$PG_CONFIG" --bindir)/postgres" ] \
        || want+=(postgresql postgresql-server-dev-all)
    [ ${#want[@]} = 0 ] || apt_install "${want[@]}"
    command -v "$PG_CONFIG" >/dev/null || die "pg_config not found after install (set PG_CONFIG)"
    PG_MAJOR=$("$PG_CONFIG" --version | sed -E 's/^PostgreSQL ([0-9]+).*/\1/')
    want=()
    [ -f "$("$PG_CONFIG" --sharedir)/extension/pgtap.control" ] || want+=("postgresql-$PG_MAJOR-pgtap")
    command -v pg_prove >/dev/null || want+=(libtap-parser-sourcehandler-pgtap-perl)
    [ ${#want[@]} = 0 ] || apt_install "${want[@]}"
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
