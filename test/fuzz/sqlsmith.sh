#!/usr/bin/env bash
# test/fuzz/sqlsmith.sh [queries per seed] [seed ...]: random SQL (sqlsmith,
# a Debian package) against a database holding stored values of every ror
# type, as the role smith (no superuser: reads, calls, fails); fails when
# the server log shows a backend terminated by a signal.  Starts its own
# throw-away cluster like test/run.  Not part of make test (minutes);
# the result of the last run is in test/fuzz/README.md.
#   bash test/fuzz/sqlsmith.sh 20000 13 101 202
set -euo pipefail
. "$(dirname "$0")/../lib/cluster.sh"

per_seed=${1:-20000}
shift || true
seeds=("$@")
[ ${#seeds[@]} -gt 0 ] || seeds=(13)

ensure_deps
command -v sqlsmith >/dev/null || apt_install sqlsmith
choose_rundir sqlsmith
build_and_stage
trap stop_cluster EXIT
start_cluster "max_parallel_workers_per_gather = 2"

cd "$ROOT"
psql -X -q -v ON_ERROR_STOP=1 -c "CREATE DATABASE ror_sqlsmith"
psql -X -q -v ON_ERROR_STOP=1 -d ror_sqlsmith -f test/fuzz/sqlsmith_setup.sql
for seed in "${seeds[@]}"; do
    say "== sqlsmith: $per_seed queries, seed $seed"
    sqlsmith --target="host=$PGHOST port=$PGPORT dbname=ror_sqlsmith user=smith" --exclude-catalog --verbose \
             --max-queries="$per_seed" --seed="$seed" >/dev/null 2>"$RUNDIR/sqlsmith-$seed.log" || true
    grep -a "^queries:" "$RUNDIR/sqlsmith-$seed.log" | tail -1 || true
done
crashes=$(grep -c "terminated by signal" "$PGDATA_DIR/server.log" || true)
echo "queries: $(( per_seed * ${#seeds[@]} )), backends terminated by a signal: $crashes"
if [ "$crashes" = 0 ]; then echo "1 passed, 0 failed"; else grep -a -B2 "terminated by signal" "$PGDATA_DIR/server.log" | head -40; echo "0 passed, 1 failed"; exit 1; fi
