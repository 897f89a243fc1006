-- test/fuzz/sqlsmith_setup.sql: the database sqlsmith runs against (see
-- test/fuzz/sqlsmith.sh): ror, stored values of every ror type (large,
-- small, empty, NULL) in table store.src, and a login role smith that may
-- read them and use schema ror, as a reporting role would.
CREATE EXTENSION ror;
\set schema store
\i test/lib/stored_values.sql
DO $$ BEGIN
    IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = 'smith') THEN CREATE ROLE smith LOGIN; END IF;
END $$;
GRANT USAGE ON SCHEMA ror, store TO smith;
GRANT SELECT ON ALL TABLES IN SCHEMA store TO smith;
ALTER ROLE smith SET statement_timeout = '2s';
ALTER ROLE smith IN DATABASE :"DBNAME" SET search_path = store, ror, public;
