#!/usr/bin/env bash
# The Metabase path: test/metabase/MetabaseSync.java, through the PostgreSQL
# JDBC driver over TCP, as a role with only CONNECT, USAGE on schema ror and the
# demo schema, SELECT on the views and the bound tables (EXECUTE on functions is
# PostgreSQL's default).  Run by test/run against its cluster (which listens on
# 127.0.0.1 for this); prints TAP.  Needs Java 17 and libpostgresql-jdbc-java,
# which `make test` installs (skipped, and said so, where they are missing).
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
jar=/usr/share/java/postgresql.jar
if ! command -v java >/dev/null || [ ! -f "$jar" ]; then
    echo "1..1"
    echo "ok 1 - the Metabase path over JDBC # SKIP no java or $jar here"
    exit 0
fi
q() { psql -X -q -At -v ON_ERROR_STOP=1 "$@"; }
q -c "DROP DATABASE IF EXISTS ror_metabase" -c "DROP ROLE IF EXISTS ror_reader" -c "CREATE DATABASE ror_metabase"
trap 'q -c "DROP DATABASE IF EXISTS ror_metabase" -c "DROP ROLE IF EXISTS ror_reader" >/dev/null 2>&1 || true' EXIT
q -d ror_metabase >/dev/null <<'SQL'
CREATE EXTENSION ror;
SELECT * FROM ror.generate_demo_data('mb', 2000, 7);
CREATE ROLE ror_reader LOGIN;
REVOKE ALL ON DATABASE ror_metabase FROM PUBLIC;
GRANT CONNECT ON DATABASE ror_metabase TO ror_reader;
GRANT USAGE ON SCHEMA ror, mb TO ror_reader;
GRANT SELECT ON ALL TABLES IN SCHEMA mb TO ror_reader;
SELECT ror.backfill_scorecard('2026-01-01', '2026-06-30');
GRANT SELECT ON ror.nps_by_period, ror.churn_by_period, ror.cohort_retention, ror.customer_value,
                ror.model_fit, ror.data_issues, ror.customer_relationship, ror.scorecard, ror.scorecard_history,
                ror.retention_projection TO ror_reader;
SQL
java -cp "$jar" "$here/../metabase/MetabaseSync.java" "jdbc:postgresql://127.0.0.1:${PGPORT}/ror_metabase" ror_reader 2>&1
