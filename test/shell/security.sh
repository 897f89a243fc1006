#!/usr/bin/env bash
# Security: a hostile search_path changes nothing (CVE-2018-1058's attack on
# extensions); no SECURITY DEFINER; only a superuser installs ror (it is not
# trusted, see the README's Security section).
# Run by test/run against its cluster (PGHOST, PGPORT, PGUSER set); prints TAP.
#
# test/lib/hostile_search_path.sql plants traps in public (operators and
# functions that shadow the built-ins ror's scripts use, or beat them after
# implicit casts) and in pg_temp (tables named like ror's relations and like
# built-in types).  Then, in that session: a fresh install of ror, and an
# update from every released version along the chain of update scripts; in
# each, a workload run with search_path = public, pg_catalog (the traps
# first): demo data, settings, bindings (one refused, so its hint is built),
# snapshots, and every view of schema ror read into a table.  It passes when
# no trap fired, the catalog (test/lib/catalog_snapshot.sql) is identical to
# a clean install's, and every view answered exactly as in a clean database.
# Also: no function of ror is SECURITY DEFINER, and every SQL or PL/pgSQL
# function of ror resolves names when installed (SQL-standard body) or with
# its own search_path (pg_catalog first).
set -euo pipefail
cd "$(dirname "$0")/../.."
q() { psql -X -q -At -v ON_ERROR_STOP=1 "$@"; }
export PGOPTIONS="${PGOPTIONS:-} -c client_min_messages=warning"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
chmod 755 "$work"

# the function names ror's scripts call and the names of its relations (traps for both)
names="{$(grep -ohE '\b[a-z_][a-z0-9_]*[[:space:]]*\(' sql/install/*.sql | sed -E 's/[[:space:]]*\($//' | sort -u | paste -sd, -)}"
rels="{$(sed -nE 's/^CREATE (TABLE|VIEW) @extschema@\.([a-z_]+).*/\2/p' sql/install/*.sql | sort -u | paste -sd, -)}"
. test/lib/versions.sh

# workload VIEWS...: the same statements in every database (no unqualified name
# but ror's own columns, so the traps can only fire inside ror)
workload() {
    cat <<'SQL'
SELECT ror.generate_demo_data('ror_sp_demo', 600, 5);
SELECT ror.set_setting('as_of', '2026-06-30');
SELECT ror.set_setting('period', 'month');
SELECT ror.reset_setting('period');
SELECT ror.set_setting('period', 'week');
DO $$ BEGIN
    PERFORM ror.bind_source('responses', 'ror_sp_demo.interactions', '{"responded_at": "occurred_at", "score": "kind"}');
EXCEPTION WHEN datatype_mismatch THEN
    RAISE NOTICE 'refused as expected';
END $$;
SELECT ror.unbind_source('interactions');
SELECT ror.bind_source('interactions', 'ror_sp_demo.interactions');
SELECT ror.snapshot_scorecard('2026-05-31');
SELECT ror.backfill_scorecard('2026-01-01', '2026-04-30');
-- the internal functions that are inlined into report queries, called directly
CREATE TABLE public.ror_sp_result_periods AS
SELECT ror._period_start(d, p) AS s, ror._period_step(p) AS st, ror._period_index('2024-02-29'::pg_catalog.date, d, p) AS i,
       ror._accepts_text(a) AS t
FROM (VALUES ('2026-03-31'::pg_catalog.date, 'week', 'id'), ('2026-08-15', 'month', 'time'),
             ('2027-01-01', 'quarter', 'number')) v(d, p, a);
SELECT ror._demo_normal(), ror._demo_gamma(0.5, 2.0), ror._demo_gamma(3.0, 1.0);
SQL
    for v in "$@"; do printf 'CREATE TABLE public.ror_sp_result_%s AS SELECT * FROM ror.%s;\n' "$v" "$v"; done
}

# answers DB VIEWS...: one md5 per view read by the workload (the binding and
# snapshot times left out), from a session with a clean search_path
answers() {
    local db=$1 v; shift
    for v in "$@"; do
        printf '%s ' "$v"
        q -d "$db" -c "SET search_path = pg_catalog" \
          -c "SELECT md5(coalesce(string_agg(x, E'\n' ORDER BY x), '')) || ' ' || count(*)
              FROM (SELECT ((to_jsonb(row_) - 'bound_at') - 'taken_at')::text AS x FROM public.ror_sp_result_$v row_) s"
    done
}

ok() { if [ "$1" = 0 ]; then echo "ok $2"; else echo "not ok $2"; fi; }

n_targets=$((1 + $(printf '%s\n' $older | grep -c . || true)))
echo "1..$((4 + 4 * n_targets))"

# the clean reference: default search_path, nothing planted
q -c "DROP DATABASE IF EXISTS ror_sp_clean" -c "CREATE DATABASE ror_sp_clean"
q -d ror_sp_clean -c "CREATE EXTENSION ror"
views=$(q -d ror_sp_clean -c "SELECT string_agg(relname, ' ' ORDER BY relname) FROM pg_class
                              WHERE relnamespace = 'ror'::regnamespace AND relkind = 'v'")
results="$views periods"
# shellcheck disable=SC2086
workload $views | q -d ror_sp_clean >/dev/null
q -d ror_sp_clean -f test/lib/catalog_snapshot.sql >"$work/clean.catalog"
# shellcheck disable=SC2086
answers ror_sp_clean $results >"$work/clean.answers"

n=1
bad=$(q -d ror_sp_clean -c "SELECT string_agg(p.oid::regprocedure::text, ', ') FROM pg_proc p
                            JOIN pg_depend d ON d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e'
                            JOIN pg_extension e ON e.oid = d.refobjid AND e.extname = 'ror' WHERE p.prosecdef")
ok "$([ -z "$bad" ]; echo $?)" "$n - no function of ror is SECURITY DEFINER${bad:+ (but: $bad)}"
n=$((n + 1))
bad=$(q -d ror_sp_clean -c "SELECT string_agg(p.oid::regprocedure::text, ', ') FROM pg_proc p
                            JOIN pg_language l ON l.oid = p.prolang AND l.lanname IN ('sql', 'plpgsql')
                            JOIN pg_depend d ON d.classid = 'pg_proc'::regclass AND d.objid = p.oid AND d.deptype = 'e'
                            JOIN pg_extension e ON e.oid = d.refobjid AND e.extname = 'ror'
                            WHERE p.prosqlbody IS NULL
                              AND NOT coalesce('search_path=pg_catalog, pg_temp' = ANY (p.proconfig), false)")
ok "$([ -z "$bad" ]; echo $?)" "$n - every SQL and PL/pgSQL function of ror has a SQL-standard body or SET search_path = pg_catalog, pg_temp${bad:+ (not: $bad)}"

# not trusted: a role that may create in the database still cannot install ror; and ror's
# event trigger (which refuses to drop a bound table) runs as any role that drops its own
q -c "DROP ROLE IF EXISTS ror_sp_creator" -c "CREATE ROLE ror_sp_creator" \
  -c "DROP DATABASE IF EXISTS ror_sp_plain" -c "CREATE DATABASE ror_sp_plain OWNER ror_sp_creator"
n=$((n + 1))
if out=$(q -d ror_sp_plain -c "SET ROLE ror_sp_creator" -c "CREATE EXTENSION ror" 2>&1); then
    echo "not ok $n - a non-superuser (owner of the database) cannot CREATE EXTENSION ror"
else
    echo "$out" | grep -q 'permission denied to create extension "ror"' \
        && echo "ok $n - a non-superuser (owner of the database) cannot CREATE EXTENSION ror" \
        || { echo "not ok $n - a non-superuser (owner of the database) cannot CREATE EXTENSION ror"; echo "$out" | sed 's/^/# /'; }
fi
n=$((n + 1))
status=0
out=$(q -d ror_sp_clean -c "CREATE SCHEMA ror_sp_own AUTHORIZATION ror_sp_creator" -c "SET ROLE ror_sp_creator" \
        -c "CREATE TABLE ror_sp_own.t (x int)" -c "DROP TABLE ror_sp_own.t" -c "RESET ROLE" -c "DROP SCHEMA ror_sp_own" 2>&1) || status=$?
ok "$status" "$n - a plain role drops its own table with ror's event trigger installed"
[ "$status" = 0 ] || echo "$out" | sed 's/^/# /'
q -c "DROP DATABASE ror_sp_plain"

# one hostile database per target: a fresh install of the newest, an update from each older release
for from in "" $older; do
    db=ror_sp_${from:-fresh}; db=${db//./_}
    if [ -z "$from" ]; then what="a fresh install"; install="CREATE EXTENSION ror;"
    else what="an update from $from"; install="CREATE EXTENSION ror VERSION '$from'; ALTER EXTENSION ror UPDATE TO '$newest';"
    fi
    q -c "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db"
    # shellcheck disable=SC2086
    { printf '\\i test/lib/hostile_search_path.sql\n%s\nSET search_path = public, pg_catalog;\n' "$install"
      workload $views; } >"$work/$db.sql"
    status=0
    psql -X -q -At -v ON_ERROR_STOP=1 -v names="$names" -v rels="$rels" -d "$db" -f "$work/$db.sql" \
        >/dev/null 2>"$work/$db.log" || status=$?
    n=$((n + 1)); ok "$status" "$n - $what and the workload succeed under a hostile search_path"
    [ "$status" = 0 ] || sed -n '1,20s/^/# /p' "$work/$db.log"
    traps=$(grep -c 'TRAP fired' "$work/$db.log" || true)
    n=$((n + 1)); ok "$([ "$traps" = 0 ]; echo $?)" "$n - $what: no trap planted in public or pg_temp fired ($traps)"
    { grep 'TRAP fired' "$work/$db.log" || true; } | sort | uniq -c | sort -rn | sed -n '1,10s/^/# /p'
    q -d "$db" -f test/lib/catalog_snapshot.sql >"$work/$db.catalog" 2>&1 || true
    n=$((n + 1))
    if diff -u "$work/clean.catalog" "$work/$db.catalog" >"$work/$db.diff"; then
        echo "ok $n - $what: the catalog is identical to a clean install's"
    else
        echo "not ok $n - $what: the catalog is identical to a clean install's"
        sed -n '1,30s/^/# /p' "$work/$db.diff"
    fi
    # shellcheck disable=SC2086
    answers "$db" $results >"$work/$db.answers" 2>&1 || true
    n=$((n + 1))
    if diff "$work/clean.answers" "$work/$db.answers" >"$work/$db.adiff"; then
        echo "ok $n - $what: every view of ror answers as in a clean database ($(echo $views | wc -w) views, and the inlined helpers)"
    else
        echo "not ok $n - $what: every view of ror answers as in a clean database"
        sed 's/^/# /' "$work/$db.adiff"
    fi
    q -c "DROP DATABASE $db"
done
q -c "DROP DATABASE ror_sp_clean" -c "DROP ROLE ror_sp_creator"
