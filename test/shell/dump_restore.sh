#!/usr/bin/env bash
# pg_dump / pg_restore keep ror's types, stored summaries and dependent views.
# Run by test/run against its cluster (PGHOST, PGPORT, PGUSER set); prints TAP.
set -euo pipefail
cd "$(dirname "$0")/../.."
bindir=$("${PG_CONFIG:-pg_config}" --bindir)
q() { psql -X -q -At -v ON_ERROR_STOP=1 "$@"; }
dump=$(mktemp)
trap 'rm -f "$dump"' EXIT

echo "1..10"
q -c "DROP DATABASE IF EXISTS ror_dump" -c "DROP DATABASE IF EXISTS ror_restore" \
  -c "CREATE DATABASE ror_dump" -c "CREATE DATABASE ror_restore"
q -d ror_dump >/dev/null <<'SQL'
CREATE EXTENSION ror;
CREATE TABLE answers (seg text, score int, w float8);
INSERT INTO answers SELECT 's' || (i % 5), (i * 7) % 11, 1.0 / (1 + i % 7) FROM generate_series(1, 1000) i;
CREATE TABLE rollup AS SELECT seg, ror.nps_summary_agg(score, w) AS s FROM answers GROUP BY seg;
CREATE MATERIALIZED VIEW nps_view AS SELECT seg, ror.nps_agg(score) AS nps FROM answers GROUP BY seg;
CREATE MATERIALIZED VIEW nps_rollup AS SELECT seg, ror.nps_summary_agg(score, w) AS s FROM answers GROUP BY seg;
-- stored values of every ror type (large, small, empty, NULL)
\set schema store
\i test/lib/stored_values.sql
-- bound sources (odd names) and settings, which live in ror's configuration tables
CREATE SCHEMA "My Shop";
CREATE TABLE "My Shop"."Clients; list" ("Id" int, since timestamptz, "until" timestamptz, "Seg" text);
INSERT INTO "My Shop"."Clients; list"
SELECT i, timestamptz '2024-01-01' + i * interval '7 hours', CASE WHEN i % 3 = 0 THEN timestamptz '2024-03-01' + i * interval '5 hours' END,
       's' || (i % 4) FROM generate_series(1, 300) i;
CREATE TABLE survey (who int, answered date, score int);
INSERT INTO survey SELECT i % 300 + 1, date '2024-01-01' + i % 120, (i * 7) % 12 FROM generate_series(1, 2000) i;
SELECT ror.bind_source('customers', '"My Shop"."Clients; list"', '{"customer_id": "Id", "acquired_at": "since", "churned_at": "until", "segment": "Seg"}');
SELECT ror.bind_source('responses', 'survey', '{"customer_id": "who", "responded_at": "answered"}');
CREATE TABLE sales (buyer int, at timestamptz, amt numeric(10, 2));
-- customer c buys c % 7 times, every 5 + c % 29 days, some stop after two: repeat buyers and dropouts
INSERT INTO sales SELECT c, timestamptz '2024-01-01' + c * interval '7 hours' + k * (5 + c % 29) * interval '1 day',
                         5 + (c * 13 + k * 7) % 70
FROM generate_series(1, 300) c, generate_series(0, 6) k WHERE k < c % 7 AND (c % 5 <> 0 OR k < 2);
SELECT ror.bind_source('orders', 'sales', '{"customer_id": "buyer", "ordered_at": "at", "amount": "amt"}');
SELECT ror.set_setting('as_of', '2024-04-15'), ror.set_setting('period', 'week'), ror.set_setting('time_zone', 'Asia/Tokyo');
SELECT ror.set_setting('score_weights', '{1,2,3,0,1}');
SELECT ror.backfill_scorecard('2024-03-01', '2024-04-15');
SQL
"$bindir/pg_dump" -Fc -d ror_dump -f "$dump"
if "$bindir/pg_restore" --exit-on-error -d ror_restore "$dump"; then
    echo "ok 1 - pg_restore of a database using ror succeeds"
else
    echo "not ok 1 - pg_restore of a database using ror succeeds"
fi
before=$(q -d ror_dump -c "SELECT string_agg(seg || s::text, ';' ORDER BY seg) FROM rollup")
after=$(q -d ror_restore -c "SELECT string_agg(seg || s::text, ';' ORDER BY seg) FROM rollup")
[ -n "$before" ] && [ "$before" = "$after" ] \
    && echo "ok 2 - stored summaries are identical after restore" \
    || echo "not ok 2 - stored summaries are identical after restore"
q -d ror_restore -c "REFRESH MATERIALIZED VIEW nps_view" >/dev/null
before=$(q -d ror_dump -c "SELECT string_agg(seg || nps, ';' ORDER BY seg) FROM nps_view")
after=$(q -d ror_restore -c "SELECT string_agg(seg || nps, ';' ORDER BY seg) FROM nps_view")
[ -n "$before" ] && [ "$before" = "$after" ] \
    && echo "ok 3 - a materialized view over ror aggregates refreshes after restore" \
    || echo "not ok 3 - a materialized view over ror aggregates refreshes after restore"
n=$(q -d ror_restore -c "SELECT count(*) FROM pg_depend d JOIN pg_extension e ON e.oid = d.refobjid
                          WHERE e.extname = 'ror' AND d.deptype = 'e'")
m=$(q -d ror_dump -c "SELECT count(*) FROM pg_depend d JOIN pg_extension e ON e.oid = d.refobjid
                       WHERE e.extname = 'ror' AND d.deptype = 'e'")
[ "$n" = "$m" ] && [ "$n" -gt 0 ] \
    && echo "ok 4 - the restored extension has all its $n member objects" \
    || echo "not ok 4 - the restored extension has all its member objects ($n vs $m)"
# bindings and settings come back, and every report view answers as before
conf="SELECT (SELECT string_agg(kind || relation::text || column_mapping::text, ';' ORDER BY kind) FROM ror.sources)
          || (SELECT string_agg(name || '=' || coalesce(value, ''), ';' ORDER BY name) FROM ror.settings)"
before=$(q -d ror_dump -c "$conf")
after=$(q -d ror_restore -c "$conf")
[ -n "$before" ] && [ "$before" = "$after" ] \
    && echo "ok 5 - bound sources and settings survive pg_dump / pg_restore" \
    || { echo "not ok 5 - bound sources and settings survive pg_dump / pg_restore"; echo "# before: $before"; echo "# after:  $after"; }
views="SELECT (SELECT count(*) || md5(string_agg(v::text, ';' ORDER BY v::text)) FROM ror.nps_by_period v)
          || (SELECT count(*) || md5(string_agg(v::text, ';' ORDER BY v::text)) FROM ror.churn_by_period v)
          || (SELECT count(*) || md5(string_agg(v::text, ';' ORDER BY v::text)) FROM ror.cohort_retention v)
          || (SELECT count(*) || md5(coalesce(string_agg(v::text, ';' ORDER BY v::text), '')) FROM ror.data_issues v)"
before=$(q -d ror_dump -c "$views")
after=$(q -d ror_restore -c "$views")
nonempty=$(q -d ror_dump -c "SELECT (SELECT count(*) FROM ror.nps_by_period) > 0 AND (SELECT count(*) FROM ror.churn_by_period) > 0
                                    AND (SELECT count(*) FROM ror.cohort_retention) > 0")
[ "$nonempty" = t ] && [ "$before" = "$after" ] \
    && echo "ok 6 - the report views answer identically after restore, with no manual step" \
    || { echo "not ok 6 - the report views answer identically after restore"; echo "# before: $before"; echo "# after:  $after"; }
# the scorecard snapshots come back; the score views answer as before
score="SELECT (SELECT count(*) || md5(string_agg(v::text, ';' ORDER BY v::text)) FROM ror.scorecard_history v)
          || (SELECT count(*) || md5(string_agg(v::text, ';' ORDER BY v::text)) FROM ror.scorecard v)
          || (SELECT count(*) || md5(string_agg(v::text, ';' ORDER BY v::text)) FROM ror.customer_relationship v)"
before=$(q -d ror_dump -c "$score" 2>/dev/null)
after=$(q -d ror_restore -c "$score" 2>/dev/null)
snaps=$(q -d ror_dump -c "SELECT count(DISTINCT as_of) FROM ror.scorecard_history")
[ "$snaps" -ge 6 ] && [ -n "$before" ] && [ "$before" = "$after" ] \
    && echo "ok 7 - scorecard snapshots ($snaps dates), the scorecard and customer_relationship are identical after restore" \
    || { echo "not ok 7 - scorecard snapshots, the scorecard and customer_relationship are identical after restore"; echo "# before: $before"; echo "# after:  $after"; }
# stored values of every type come back exactly (their text form is exact)
stored="SELECT count(*) || ' ' || md5(string_agg(v::text, ';' ORDER BY id)) FROM store.src v"
before=$(q -d ror_dump -c "$stored")
after=$(q -d ror_restore -c "$stored" 2>&1)
[ "${before%% *}" = 4 ] && [ "$before" = "$after" ] \
    && echo "ok 8 - stored values of all eight ror types are identical after restore" \
    || { echo "not ok 8 - stored values of all eight ror types are identical after restore"; echo "# before: $before"; echo "# after:  $after"; }
# a materialized view over nps_summary_agg is restored with its data, and refreshes to the same
mv="SELECT string_agg(seg || ' ' || s::text, ';' ORDER BY seg) FROM nps_rollup"
before=$(q -d ror_dump -c "$mv")
after=$(q -d ror_restore -c "$mv" 2>&1)
q -d ror_restore -c "REFRESH MATERIALIZED VIEW nps_rollup" >/dev/null
refreshed=$(q -d ror_restore -c "$mv" 2>&1)
[ -n "$before" ] && [ "$before" = "$after" ] && [ "$before" = "$refreshed" ] \
    && echo "ok 9 - a materialized view over nps_summary_agg is restored and refreshes to the same states" \
    || { echo "not ok 9 - a materialized view over nps_summary_agg is restored and refreshes to the same states"; echo "# before: $before"; echo "# after:  $after"; echo "# refreshed: $refreshed"; }
# the value views (model fits over the bound orders) answer as before
value="SELECT (SELECT count(*) || ' ' || md5(string_agg(v::text, ';' ORDER BY v::text)) FROM ror.customer_value v)
          || ' ' || (SELECT count(*) || ' ' || md5(string_agg(v::text, ';' ORDER BY v::text)) FROM ror.model_fit v)"
before=$(q -d ror_dump -c "$value")
after=$(q -d ror_restore -c "$value")
[ "${before%% *}" -gt 0 ] 2>/dev/null && [ "$before" = "$after" ] \
    && echo "ok 10 - customer_value and model_fit answer identically after restore" \
    || { echo "not ok 10 - customer_value and model_fit answer identically after restore"; echo "# before: $before"; echo "# after:  $after"; }
q -c "DROP DATABASE ror_dump" -c "DROP DATABASE ror_restore"
