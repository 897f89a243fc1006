#!/usr/bin/env bash
# Which packages `make demo` / `make test` install (test/lib/cluster.sh's
# ensure_deps), in a dry run against a fake Debian layout of servers: exactly
# the headers of the server being built for, never every version.  Prints TAP.
set -uo pipefail
here=$(cd "$(dirname "$0")" && pwd)
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
root=$tmp/postgresql
n=0

# server MAJOR [headers]: a fake /usr/lib/postgresql/MAJOR with postgres and pg_config
server() {
    local d=$root/$1
    mkdir -p "$d/bin" "$d/include/server" "$d/lib/pgxs/src/makefiles" "$d/share/extension"
    : >"$d/bin/postgres"; chmod +x "$d/bin/postgres"
    cat >"$d/bin/pg_config" <<CFG
#!/bin/sh
case \$1 in
  --version) echo "PostgreSQL $1.3 (fake)" ;;
  --bindir) echo "$d/bin" ;;
  --includedir-server) echo "$d/include/server" ;;
  --pgxs) echo "$d/lib/pgxs/src/makefiles/pgxs.mk" ;;
  --sharedir) echo "$d/share" ;;
esac
CFG
    chmod +x "$d/bin/pg_config"
    if [ "${2:-}" = headers ]; then
        : >"$d/include/server/postgres.h"; : >"$d/lib/pgxs/src/makefiles/pgxs.mk"
    fi
}

# plan PG_CONFIG: the "would install" lines of a dry run (PG_CONFIG empty: unset)
plan() (
    # the system PATH only: a pg_config of a source build in /usr/local would be picked
    export ROR_PGROOT=$root ROR_DEPS_DRY_RUN=1 PATH=/usr/sbin:/usr/bin:/sbin:/bin
    if [ -n "$1" ]; then export PG_CONFIG=$1; else unset PG_CONFIG; fi
    . "$here/../lib/cluster.sh"
    ensure_deps test 2>&1
    echo "major=$PG_MAJOR config=$PG_CONFIG"
)

check() {   # check NAME OUTPUT REGEX [REGEX_THAT_MUST_NOT_MATCH]
    n=$((n + 1))
    if grep -Eq -- "$3" <<<"$2" && { [ -z "${4:-}" ] || ! grep -Eq -- "$4" <<<"$2"; }; then
        echo "ok $n - $1"
    else
        echo "not ok $n - $1"; sed 's/^/# /' <<<"$2"
    fi
}

echo "1..7"
out=$(plan "")
check "no server installed: Debian's default server (package postgresql)" "$out" \
      'would install: postgresql$'

server 15
out=$(plan "")
check "server 15 without headers: postgresql-server-dev-15, nothing else of the server" "$out" \
      'would install: postgresql-server-dev-15 postgresql-15-pgtap' 'server-dev-all|install: postgresql-15 |postgresql$'

server 17 headers
out=$(plan "")
check "15 and 17 installed, no PG_CONFIG: the newest (17), whose headers are there" "$out" \
      "major=17 config=$root/17/bin/pg_config" 'server-dev'

out=$(plan "$root/15/bin/pg_config")
check "PG_CONFIG names 15: the headers of 15 only" "$out" \
      'would install: postgresql-server-dev-15 ' 'server-dev-(17|all)'

out=$(plan "$root/18/bin/pg_config")
check "PG_CONFIG names a major not installed (18): its server and headers" "$out" \
      'would install: postgresql-18 postgresql-server-dev-18 postgresql-18-pgtap' 'server-dev-(15|17|all)'

out=$(plan "$root/17/bin/pg_config")
check "PG_CONFIG names 17 with headers: no server package" "$out" \
      "major=17" 'postgresql-(server-dev-)?[0-9]+ |install: postgresql$'

out=$(plan "/nowhere/pg_config" || true)
check "PG_CONFIG that is no pg_config: an error naming it" "$out" \
      'PG_CONFIG=/nowhere/pg_config is not a pg_config'
