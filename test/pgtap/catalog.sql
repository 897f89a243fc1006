-- Catalog checks: every ror aggregate is two-step and parallel safe, and
-- every public object carries a comment.
SELECT plan(11);

SELECT is_empty($$
  SELECT p.oid::regprocedure::text FROM pg_aggregate a JOIN pg_proc p ON p.oid = a.aggfnoid
  WHERE p.pronamespace = 'ror'::regnamespace AND a.aggcombinefn = 0 $$,
  'every ror aggregate has a combine function');

SELECT is_empty($$
  SELECT p.oid::regprocedure::text FROM pg_aggregate a JOIN pg_proc p ON p.oid = a.aggfnoid
  WHERE p.pronamespace = 'ror'::regnamespace
    AND (a.aggtranstype = 'internal'::regtype
         OR (a.aggmtranstype <> 0 AND a.aggmtranstype = 'internal'::regtype)) $$,
  'no ror aggregate has an internal state type');

SELECT is_empty($$
  SELECT p.oid::regprocedure::text FROM pg_proc p
  WHERE p.pronamespace = 'ror'::regnamespace AND p.proparallel <> 's'
    AND p.oid NOT IN ('ror.bind_source(text, regclass, jsonb)'::regprocedure, 'ror.unbind_source(text)'::regprocedure,
                      'ror.set_setting(text, text)'::regprocedure, 'ror.reset_setting(text)'::regprocedure,
                      'ror._guard_bound_drop()'::regprocedure, 'ror._build_customer_value()'::regprocedure,
                      'ror._bindings_changed()'::regprocedure, 'ror._build_id_view(text, text, text[])'::regprocedure,
                      'ror._build_customer_relationship()'::regprocedure,
                      'ror.snapshot_scorecard(date)'::regprocedure, 'ror.backfill_scorecard(date, date)'::regprocedure,
                      'ror.generate_demo_data(name, integer, integer)'::regprocedure,
                      'ror._demo_normal()'::regprocedure, 'ror._demo_gamma(float8, float8)'::regprocedure) $$,
  'every ror function and aggregate is parallel safe, but those that change the configuration, store snapshots or make demo data');

SELECT is_empty($$
  SELECT p.oid::regprocedure::text FROM pg_proc p
  WHERE p.oid IN ('ror.bind_source(text, regclass, jsonb)'::regprocedure, 'ror.unbind_source(text)'::regprocedure,
                  'ror.set_setting(text, text)'::regprocedure, 'ror.reset_setting(text)'::regprocedure,
                  'ror.snapshot_scorecard(date)'::regprocedure, 'ror.backfill_scorecard(date, date)'::regprocedure)
    AND (p.proparallel <> 'u' OR p.provolatile <> 'v' OR p.prosecdef) $$,
  'the functions that change the configuration or store snapshots are volatile, parallel unsafe and not security definer');

SELECT is_empty($$
  SELECT p.oid::regprocedure::text FROM pg_proc p
  WHERE p.pronamespace = 'ror'::regnamespace
    AND obj_description(p.oid, 'pg_proc') IS NULL $$,
  'every ror function and aggregate has a comment');

SELECT is_empty($$
  SELECT t.oid::regtype::text FROM pg_type t
  WHERE t.typnamespace = 'ror'::regnamespace AND t.typtype IN ('b', 'c', 'd', 'e')
    AND t.typrelid = 0 AND t.typcategory <> 'A' AND obj_description(t.oid, 'pg_type') IS NULL $$,
  'every ror type has a comment');

SELECT is_empty($$
  SELECT c.oid::regclass::text FROM pg_class c
  WHERE c.relnamespace = 'ror'::regnamespace AND c.relkind IN ('r', 'v', 'm', 'p')
    AND obj_description(c.oid, 'pg_class') IS NULL $$,
  'every ror table and view has a comment');

SELECT is_empty($$
  SELECT c.oid::regclass::text || '.' || a.attname FROM pg_class c
  JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
  WHERE c.relnamespace = 'ror'::regnamespace AND c.relkind IN ('r', 'v', 'm', 'p')
    AND col_description(c.oid, a.attnum) IS NULL $$,
  'every column of every ror table and view has a comment');

SELECT is_empty($$
  SELECT c.oid::regclass::text FROM pg_class c
  WHERE c.relnamespace = 'ror'::regnamespace AND c.relkind = 'v'
    AND NOT coalesce(c.reloptions @> ARRAY['security_invoker=true'], false) $$,
  'every ror view is security_invoker');

-- a reporting role needs no grant from ror: SELECT on every view is PUBLIC's
SELECT is_empty($$
  SELECT c.oid::regclass::text FROM pg_class c
  WHERE c.relnamespace = 'ror'::regnamespace AND c.relkind = 'v'
    AND NOT has_table_privilege('public', c.oid, 'SELECT') $$,
  'every ror view grants SELECT to PUBLIC');

-- from 18 on, the loaded module names itself and the version of its SQL
DO $$ BEGIN PERFORM ror.advocacy(9); END $$;  -- load the module
SELECT CASE WHEN current_setting('server_version_num')::int < 180000
            THEN skip('pg_get_loaded_modules() and PG_MODULE_MAGIC_EXT are new in PostgreSQL 18', 1)
            -- (catalog text is collated "C", the function's result by default: compare in "C")
            ELSE results_eq($$ SELECT (version COLLATE "C") = (SELECT extversion COLLATE "C" FROM pg_extension WHERE extname = 'ror')
                               FROM pg_get_loaded_modules() WHERE module_name = 'ror' $$,
                            $$ VALUES (true) $$,
                            'the ror module reports its name and the extension''s version') END;

SELECT * FROM finish();
