-- test/lib/regress_binary.sql: helpers for pg_regress tests of binary input
-- (\i from sql/*.sql).  pg_temp.try_recv(field, path, tbl) writes a binary
-- COPY file holding one row with one field of the given bytes and COPYs it
-- into table tbl: 'accepted', or the SQLSTATE and message of the error.
CREATE FUNCTION pg_temp.copy_file(field bytea) RETURNS bytea LANGUAGE sql AS $$
  SELECT '\x5047434f50590aff0d0a00'::bytea || '\x0000000000000000'::bytea
      || '\x0001'::bytea || int4send(length(field)) || field || '\xffff'::bytea $$;
CREATE FUNCTION pg_temp.try_recv(field bytea, path text, tbl text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE lo oid;
BEGIN
  lo := lo_from_bytea(0, pg_temp.copy_file(field));
  PERFORM lo_export(lo, path);
  PERFORM lo_unlink(lo);
  EXECUTE format('COPY %I FROM %L (FORMAT binary)', tbl, path);
  RETURN 'accepted';
EXCEPTION WHEN OTHERS THEN
  RETURN SQLSTATE || ': ' || SQLERRM;
END $$;
