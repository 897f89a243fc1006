#!/usr/bin/env bash
# pg_dump / pg_restore keep ror's types, stored summaries and dependent views.
# Run by test/run against its cluster (PGHOST, PGPORT, PGUSER set); prints TAP.
set -euo pipefail
bindir=$("${PG_CONFIG:-pg_config}" --bindir)
q() { psql -X -q -At -v ON_ERROR_STOP=1 "$@"; }
dump=$(mktemp)
trap 'rm -f "$dump"' EXIT

echo "1..4"
q -c "DROP DATABASE IF EXISTS ror_dump" -c "DROP DATABASE IF EXISTS ror_restore" \
  -c "CREATE DATABASE ror_dump" -c "CREATE DATABASE ror_restore"
q -d ror_dump <<'SQL'
CREATE EXTENSION ror;
CREATE TABLE answers (seg text, score int, w float8);
INSERT INTO answers SELECT 's' || (i % 5), (i * 7) % 11, 1.0 / (1 + i % 7) FROM generate_series(1, 1000) i;
CREATE TABLE rollup AS SELECT seg, ror.nps_summary_agg(score, w) AS s FROM answers GROUP BY seg;
CREATE MATERIALIZED VIEW nps_view AS SELECT seg, ror.nps_agg(score) AS nps FROM answers GROUP BY seg;
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
q -c "DROP DATABASE ror_dump" -c "DROP DATABASE ror_restore"
