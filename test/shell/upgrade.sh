#!/usr/bin/env bash
# The upgrade chain: every released version (sql/released/ror--X.sql) updated
# with ALTER EXTENSION ror UPDATE along sql/updates/ror--A--B.sql to the newest
# ends up exactly like a fresh install, and keeps the user's data.
# Run by test/run against its cluster (PGHOST, PGPORT, PGUSER set); prints TAP.
#
# For each older release X: a database with ror X holding stored values of
# every ror type (test/lib/stored_values.sql, also saved as text and as a
# binary COPY file), bound demo sources, settings and scorecard snapshots is
# updated to the newest version.  Then: the catalog (test/lib/catalog_snapshot.sql)
# equals a fresh install's with the same bindings; the stored values read as
# before, equal their own text and the values the newest version computes
# from the same rows, merge like them, and come back from the binary COPY
# file; bindings, settings and snapshots are unchanged.
set -euo pipefail
cd "$(dirname "$0")/../.."
q() { psql -X -q -At -v ON_ERROR_STOP=1 "$@"; }
export PGOPTIONS="${PGOPTIONS:-} -c client_min_messages=warning"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

. test/lib/versions.sh
if [ -z "$older" ]; then
    echo "1..1"
    echo "ok 1 # SKIP no release older than $newest in sql/released/"
    exit 0
fi

# the types, their merging aggregates (none: a fitted model) and whether the
# newest version must compute the very same value from the same rows
types="nps:nps_summary:nps_summary_agg churn:churn_summary:churn_summary_agg surv:survival:survival_agg
       rfm:rfm_state:rfm_state_agg gg:gamma_gamma:- ggs:gamma_gamma_state:gamma_gamma_state_agg
       bg:bgnbd:- bgh:bgnbd_hist:bgnbd_hist_agg sbg:sbg:-"

# user data: stored values, bound demo sources, settings, snapshots
setup() {
    cat <<'SQL'
\set schema store
\i test/lib/stored_values.sql
-- every stored value as text (the columns of the types this version has)
SELECT format('CREATE TABLE store.saved AS SELECT id, %s FROM store.src',
              string_agg(format('%I::text AS %I', attname, attname), ', ' ORDER BY attnum))
FROM pg_attribute WHERE attrelid = 'store.src'::regclass AND attnum > 1 AND NOT attisdropped \gexec
SELECT ror.generate_demo_data('ror_up_demo', 400, 11);
SELECT ror.set_setting('as_of', '2026-06-30'), ror.set_setting('period', 'month'), ror.set_setting('score_weights', '{1,2,3,0,1}');
SELECT ror.backfill_scorecard('2026-01-01', '2026-05-31');
SQL
}
# what must survive the update, as text
kept() {
    q -d "$1" -c "SELECT kind || ' ' || relation::text || ' ' || column_mapping::text FROM ror.sources ORDER BY kind" \
              -c "SELECT name || '=' || coalesce(value, '') FROM ror.settings ORDER BY name" \
              -c "SELECT ((to_jsonb(s) - 'taken_at'))::text FROM ror.scorecard_snapshot s ORDER BY 1" \
              -c "SELECT (to_jsonb(h))::text FROM ror.scorecard_history h ORDER BY 1" \
              -c "SELECT v::text FROM store.saved v ORDER BY id"
}

per_version=9
echo "1..$(( per_version * $(printf '%s\n' $older | wc -l) ))"
n=0
ok() { n=$((n + 1)); if [ "$1" = 0 ]; then echo "ok $n - $2"; else echo "not ok $n - $2"; fi; }

# the fresh install of the newest, with the same bindings (the views ror.customer_value and
# ror.customer_relationship take the type of the bound customer_id)
q -c "DROP DATABASE IF EXISTS ror_up_fresh" -c "CREATE DATABASE ror_up_fresh"
{ echo "CREATE EXTENSION ror;"; setup; } | q -d ror_up_fresh >/dev/null
q -d ror_up_fresh -f test/lib/catalog_snapshot.sql >"$work/fresh.catalog"

for from in $older; do
    db=ror_up_${from//./_}
    q -c "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db"
    { echo "CREATE EXTENSION ror VERSION '$from';"; setup; } | q -d "$db" >/dev/null
    q -d "$db" -c "\\copy store.src TO '$work/$db.bin' (FORMAT binary)"
    kept "$db" >"$work/$db.before"
    status=0
    q -d "$db" -c "ALTER EXTENSION ror UPDATE" 2>"$work/$db.log" || status=$?
    version=$(q -d "$db" -c "SELECT extversion FROM pg_extension WHERE extname = 'ror'")
    ok "$([ "$status" = 0 ] && [ "$version" = "$newest" ]; echo $?)" "$from: ALTER EXTENSION ror UPDATE reaches $newest (at $version)"
    [ "$status" = 0 ] || sed 's/^/# /' "$work/$db.log"

    q -d "$db" -f test/lib/catalog_snapshot.sql >"$work/$db.catalog"
    if diff -u "$work/fresh.catalog" "$work/$db.catalog" >"$work/$db.diff"; then
        ok 0 "$from: the updated catalog is identical to a fresh install's ($(wc -l <"$work/fresh.catalog") facts)"
    else
        ok 1 "$from: the updated catalog is identical to a fresh install's"
        sed -n '1,40s/^/# /p' "$work/$db.diff"
    fi

    kept "$db" >"$work/$db.after"
    if diff "$work/$db.before" "$work/$db.after" >"$work/$db.kdiff"; then
        ok 0 "$from: bindings, settings, snapshots and stored values read exactly as before"
    else
        ok 1 "$from: bindings, settings, snapshots and stored values read exactly as before"
        sed -n '1,20s/^/# /p' "$work/$db.kdiff"
    fi

    # (IS DISTINCT FROM finds ror's = through search_path)
    # every stored value equals its text as saved before the update, parsed by the newest version
    eq="" same="" merge="" copy=""
    # the types the old version has (stored_values.sql adds a column for each)
    cols=" $(q -d "$db" -c "SELECT string_agg(attname, ' ') FROM pg_attribute WHERE attrelid = 'store.src'::regclass AND attnum > 0") "
    for t in $types; do
        IFS=: read -r col typ agg <<<"$t"
        [[ $cols == *" $col "* ]] || continue
        eq+="${eq:+ + }count(*) FILTER (WHERE s.$col IS DISTINCT FROM v.$col::ror.$typ)"
        [ "$agg" = - ] && continue
        same+="${same:+ + }count(*) FILTER (WHERE s.$col IS DISTINCT FROM f.$col)"
        # each state merged with itself (states of different periods do not merge)
        merge+="${merge:+ + }(SELECT count(*) FROM
                   (SELECT x.id, ror.$agg(x.$col) AS m FROM store.src x, generate_series(1, 2) g GROUP BY x.id) a
              JOIN (SELECT x.id, ror.$agg(x.$col) AS m FROM fresh.src x, generate_series(1, 2) g GROUP BY x.id) b
              USING (id) WHERE a.m IS DISTINCT FROM b.m)"
    done
    bad=$(q -d "$db" -c "SET search_path = public, ror" -c "SELECT $eq FROM store.src s JOIN store.saved v USING (id)")
    ok "$([ "$bad" = 0 ]; echo $?)" "$from: every stored value equals its own text, parsed by $newest ($bad differ)"
    # the newest version computes the same summaries from the same rows, and merges them alike
    printf '\\set schema fresh\n\\i test/lib/stored_values.sql\n' | q -d "$db" >/dev/null
    bad=$(q -d "$db" -c "SET search_path = public, ror" -c "SELECT $same FROM store.src s JOIN fresh.src f USING (id)")
    ok "$([ "$bad" = 0 ]; echo $?)" "$from: stored summaries equal what $newest computes from the same rows ($bad differ)"
    bad=$(q -d "$db" -c "SET search_path = public, ror" -c "SELECT $merge")
    ok "$([ "$bad" = 0 ]; echo $?)" "$from: stored summaries merge (the *_agg of states) as $newest's own do ($bad differ)"
    # binary COPY written by the old version reads back in the newest
    q -d "$db" -c "CREATE TABLE store.copied (LIKE store.src)" -c "\\copy store.copied FROM '$work/$db.bin' (FORMAT binary)"
    bad=$(q -d "$db" -c "SELECT count(*) FROM store.src s FULL JOIN store.copied c USING (id)
                         WHERE (s.*)::text IS DISTINCT FROM (c.*)::text")
    ok "$([ "$bad" = 0 ]; echo $?)" "$from: a binary COPY of every type made by $from reads back in $newest ($bad rows differ)"
    # the views still answer, and the updated database works on: a new snapshot, a rebinding
    status=0
    q -d "$db" -c "SELECT count(*) FROM ror.scorecard" -c "SELECT count(*) FROM ror.customer_value" \
              -c "SELECT ror.snapshot_scorecard('2026-06-30')" -c "SELECT ror.unbind_source('interactions')" \
              -c "SELECT ror.bind_source('interactions', 'ror_up_demo.interactions')" >/dev/null 2>"$work/$db.log" || status=$?
    ok "$status" "$from: after the update the views answer, snapshots are taken, sources rebind"
    [ "$status" = 0 ] || sed 's/^/# /' "$work/$db.log"
    # and the two databases answer the same
    a=$(q -d "$db" -c "SELECT md5(string_agg((to_jsonb(c))::text, E'\n' ORDER BY customer_id)) FROM ror.customer_relationship c")
    b=$(q -d ror_up_fresh -c "SELECT md5(string_agg((to_jsonb(c))::text, E'\n' ORDER BY customer_id)) FROM ror.customer_relationship c")
    ok "$([ -n "$a" ] && [ "$a" = "$b" ]; echo $?)" "$from: ror.customer_relationship answers as in the fresh install"
    q -c "DROP DATABASE $db"
done
q -c "DROP DATABASE ror_up_fresh"
