-- Catalog checks: every ror aggregate is two-step and parallel safe, and
-- every public object carries a comment.
SELECT plan(6);

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
  WHERE p.pronamespace = 'ror'::regnamespace AND p.proparallel <> 's' $$,
  'every ror function and aggregate is parallel safe');

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

SELECT * FROM finish();
