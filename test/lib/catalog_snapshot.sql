-- test/lib/catalog_snapshot.sql: what extension ror put in the catalog, one
-- line per fact, sorted, with names instead of OIDs, so that two databases
-- (a fresh install and an install updated along the chain, or a clean install
-- and one made under a hostile search_path) can be compared with diff.
-- Run with psql -X -q -At -f.  Names print as seen from search_path pg_catalog
-- (which also keeps objects planted elsewhere out of this query).  Covers the extension's members
-- (functions with their whole definition, aggregates, types, operators,
-- operator classes and families, casts, tables and their columns, constraints,
-- indexes, triggers, views with their definition, event triggers), their
-- comments and privileges, and the extension's configuration tables.
SET search_path = pg_catalog, pg_temp;
WITH ext AS (SELECT oid, extconfig, extcondition FROM pg_extension WHERE extname = 'ror'),
member AS (
    SELECT d.classid, d.objid FROM pg_depend d, ext
    WHERE d.refclassid = 'pg_extension'::regclass AND d.refobjid = ext.oid AND d.deptype = 'e'),
fn AS (SELECT p.* FROM pg_proc p JOIN member m ON m.classid = 'pg_proc'::regclass AND m.objid = p.oid),
rel AS (SELECT c.* FROM pg_class c JOIN member m ON m.classid = 'pg_class'::regclass AND m.objid = c.oid),
typ AS (SELECT t.* FROM pg_type t JOIN member m ON m.classid = 'pg_type'::regclass AND m.objid = t.oid),
facts(line) AS (
    -- every member, by its description
    SELECT 'member ' || pg_describe_object(m.classid, m.objid, 0) FROM member m
    -- functions (not aggregates): the whole CREATE statement, with owner-independent privileges
    UNION ALL
    SELECT 'function ' || p.oid::regprocedure || E'\n' || pg_get_functiondef(p.oid)
    FROM fn p WHERE p.prokind <> 'a'
    UNION ALL
    SELECT 'acl ' || p.oid::regprocedure || ' ' || coalesce(p.proacl::text, 'default') FROM fn p
    -- aggregates
    UNION ALL
    SELECT format('aggregate %s kind=%s args=%s trans=%s final=%s(%s,%s) combine=%s serial=%s deserial=%s '
                  'mtrans=%s minv=%s mfinal=%s stype=%s sspace=%s mstype=%s init=%s minit=%s sortop=%s '
                  'strict=%s parallel=%s volatile=%s',
                  p.oid::regprocedure, a.aggkind, a.aggnumdirectargs, a.aggtransfn::regprocedure,
                  a.aggfinalfn::regprocedure, a.aggfinalextra, a.aggfinalmodify, a.aggcombinefn::regprocedure,
                  a.aggserialfn::regprocedure, a.aggdeserialfn::regprocedure, a.aggmtransfn::regprocedure,
                  a.aggminvtransfn::regprocedure, a.aggmfinalfn::regprocedure, a.aggtranstype::regtype,
                  a.aggtransspace, a.aggmtranstype::regtype, a.agginitval, a.aggminitval,
                  a.aggsortop::regoperator, p.proisstrict, p.proparallel, p.provolatile)
    FROM fn p JOIN pg_aggregate a ON a.aggfnoid = p.oid
    -- types
    UNION ALL
    SELECT format('type %s len=%s byval=%s type=%s cat=%s pref=%s delim=%s rel=%s elem=%s array=%s '
                  'in=%s out=%s recv=%s send=%s tmodin=%s tmodout=%s analyze=%s subscript=%s align=%s '
                  'storage=%s notnull=%s base=%s typmod=%s ndims=%s collation=%s default=%s',
                  t.oid::regtype, t.typlen, t.typbyval, t.typtype, t.typcategory, t.typispreferred,
                  t.typdelim, t.typrelid::regclass, t.typelem::regtype, t.typarray::regtype,
                  t.typinput::regproc, t.typoutput::regproc, t.typreceive::regproc, t.typsend::regproc,
                  t.typmodin::regproc, t.typmodout::regproc, t.typanalyze::regproc, t.typsubscript::regproc,
                  t.typalign, t.typstorage, t.typnotnull, t.typbasetype::regtype, t.typtypmod, t.typndims,
                  t.typcollation, t.typdefault)
    FROM typ t
    UNION ALL
    SELECT format('type %s attribute %s %s %s', t.oid::regtype, a.attnum, a.attname,
                  format_type(a.atttypid, a.atttypmod))
    FROM typ t JOIN pg_attribute a ON a.attrelid = t.typrelid AND t.typrelid <> 0 AND a.attnum > 0 AND NOT a.attisdropped
    UNION ALL
    SELECT format('type %s acl %s', t.oid::regtype, coalesce(t.typacl::text, 'default')) FROM typ t
    -- operators
    UNION ALL
    SELECT format('operator %s code=%s com=%s neg=%s rest=%s join=%s hashes=%s merges=%s result=%s',
                  o.oid::regoperator, o.oprcode::regprocedure, o.oprcom::regoperator, o.oprnegate::regoperator,
                  o.oprrest::regproc, o.oprjoin::regproc, o.oprcanhash, o.oprcanmerge, o.oprresult::regtype)
    FROM pg_operator o JOIN member m ON m.classid = 'pg_operator'::regclass AND m.objid = o.oid
    -- operator classes, families and their members
    UNION ALL
    SELECT format('opclass %s %s for %s family %s default=%s keytype=%s', am.amname, c.opcname,
                  c.opcintype::regtype, f.opfname, c.opcdefault, c.opckeytype::regtype)
    FROM pg_opclass c JOIN member m ON m.classid = 'pg_opclass'::regclass AND m.objid = c.oid
    JOIN pg_am am ON am.oid = c.opcmethod JOIN pg_opfamily f ON f.oid = c.opcfamily
    UNION ALL
    SELECT format('opfamily %s %s op %s %s %s purpose=%s', am.amname, f.opfname, ao.amopstrategy,
                  ao.amopopr::regoperator, ao.amoplefttype::regtype || ',' || ao.amoprighttype::regtype, ao.amoppurpose)
    FROM pg_opfamily f JOIN pg_am am ON am.oid = f.opfmethod JOIN pg_amop ao ON ao.amopfamily = f.oid
    WHERE f.oid IN (SELECT c.opcfamily FROM pg_opclass c JOIN member m ON m.classid = 'pg_opclass'::regclass AND m.objid = c.oid)
       OR f.oid IN (SELECT m.objid FROM member m WHERE m.classid = 'pg_opfamily'::regclass)
    UNION ALL
    SELECT format('opfamily %s %s proc %s %s %s', am.amname, f.opfname, ap.amprocnum, ap.amproc::regprocedure,
                  ap.amproclefttype::regtype || ',' || ap.amprocrighttype::regtype)
    FROM pg_opfamily f JOIN pg_am am ON am.oid = f.opfmethod JOIN pg_amproc ap ON ap.amprocfamily = f.oid
    WHERE f.oid IN (SELECT c.opcfamily FROM pg_opclass c JOIN member m ON m.classid = 'pg_opclass'::regclass AND m.objid = c.oid)
       OR f.oid IN (SELECT m.objid FROM member m WHERE m.classid = 'pg_opfamily'::regclass)
    -- casts
    UNION ALL
    SELECT format('cast %s -> %s func=%s context=%s method=%s', c.castsource::regtype, c.casttarget::regtype,
                  c.castfunc::regprocedure, c.castcontext, c.castmethod)
    FROM pg_cast c JOIN member m ON m.classid = 'pg_cast'::regclass AND m.objid = c.oid
    -- relations: kind, options, privileges, columns, constraints, indexes, triggers, view definitions
    UNION ALL
    SELECT format('relation %s kind=%s persistence=%s options=%s rls=%s acl=%s', c.oid::regclass, c.relkind,
                  c.relpersistence, c.reloptions, c.relrowsecurity, coalesce(c.relacl::text, 'default'))
    FROM rel c
    UNION ALL
    SELECT format('relation %s column %s %s %s notnull=%s default=%s identity=%s generated=%s acl=%s',
                  c.oid::regclass, a.attnum, a.attname, format_type(a.atttypid, a.atttypmod), a.attnotnull,
                  pg_get_expr(d.adbin, d.adrelid), a.attidentity, a.attgenerated, a.attacl)
    FROM rel c JOIN pg_attribute a ON a.attrelid = c.oid AND a.attnum > 0 AND NOT a.attisdropped
    LEFT JOIN pg_attrdef d ON d.adrelid = c.oid AND d.adnum = a.attnum
    UNION ALL
    SELECT format('relation %s constraint %s %s', k.conrelid::regclass, k.conname, pg_get_constraintdef(k.oid))
    FROM pg_constraint k JOIN rel c ON c.oid = k.conrelid
    UNION ALL
    SELECT format('relation %s index %s', i.indrelid::regclass, pg_get_indexdef(i.indexrelid))
    FROM pg_index i JOIN rel c ON c.oid = i.indrelid
    UNION ALL
    SELECT format('relation %s trigger %s', t.tgrelid::regclass, pg_get_triggerdef(t.oid))
    FROM pg_trigger t JOIN rel c ON c.oid = t.tgrelid WHERE NOT t.tgisinternal
    UNION ALL
    SELECT format('relation %s view %s', c.oid::regclass, pg_get_viewdef(c.oid)) FROM rel c WHERE c.relkind IN ('v', 'm')
    UNION ALL
    SELECT format('event trigger %s on %s function %s enabled=%s tags=%s', e.evtname, e.evtevent,
                  e.evtfoid::regprocedure, e.evtenabled, e.evttags)
    FROM pg_event_trigger e JOIN member m ON m.classid = 'pg_event_trigger'::regclass AND m.objid = e.oid
    -- comments on every member and on columns of member relations
    UNION ALL
    SELECT format('comment %s: %s', pg_describe_object(d.classoid, d.objoid, d.objsubid), d.description)
    FROM pg_description d JOIN member m ON m.classid = d.classoid AND m.objid = d.objoid
    -- the configuration tables pg_dump dumps
    UNION ALL
    SELECT format('config %s where %s', c::regclass, w) FROM ext, unnest(ext.extconfig, ext.extcondition) AS u(c, w)
    -- the schema
    UNION ALL
    SELECT format('schema %s owner-is-extension-owner=%s acl=%s', n.nspname,
                  n.nspowner = (SELECT extowner FROM pg_extension WHERE extname = 'ror'), n.nspacl)
    FROM pg_namespace n WHERE n.nspname = 'ror'
)
SELECT line FROM facts ORDER BY line COLLATE "C";
