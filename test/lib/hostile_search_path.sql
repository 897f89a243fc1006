-- test/lib/hostile_search_path.sql: objects that shadow built-ins, planted
-- the way CVE-2018-1058 describes, for test/shell/search_path.sh.  \i'd by a
-- superuser in the session that then installs or updates ror, with psql
-- variables names (a text[] literal: the function names ror's scripts call)
-- and rels (a text[] literal: the names of ror's tables and views).
--
-- In schema public, every trap raises WARNING 'TRAP fired: ...' and then
-- does what the built-in does, so a hijacked call shows in the log without
-- changing the answer the test compares:
--   - an operator of the same name and argument types for every built-in
--     operator over the common types, and one for every pair of those types
--     that has no operator of its own (int4 * float8: a better match than the
--     built-in after implicit casts, whatever the order of search_path);
--   - a function of the same signature for every built-in function named in
--     ror's scripts, and one taking integer where the built-in takes another
--     number (sqrt(int4) beats sqrt(float8) for an integer argument).
-- In schema pg_temp (searched first for relations and types unless listed):
-- a table named like every ror table and view and like every built-in type
-- that is not an SQL keyword (text, date, jsonb, ...).  These come last: from
-- then on this session's own unqualified type names are hijacked too.
SET client_min_messages = warning;
-- planting itself must not trip the traps it plants
SET search_path = pg_catalog, pg_temp;

CREATE FUNCTION public.ror_trap(what text) RETURNS void
LANGUAGE plpgsql SET search_path = pg_catalog AS $$
BEGIN
    RAISE WARNING 'TRAP fired: %', what;
END $$;

SET ror_trap.names = :'names';
SET ror_trap.rels = :'rels';

-- operators
DO $do$
DECLARE
    types text[] := ARRAY['int2', 'int4', 'int8', 'numeric', 'float4', 'float8', 'text', 'varchar', 'date',
                          'timestamp', 'timestamptz', 'interval', 'bool', 'jsonb', 'name', 'oid', 'regclass'];
    ops text[] := ARRAY['+', '-', '*', '/', '%', '^', '=', '<>', '<', '<=', '>', '>=', '||', '~~', '~',
                        '->>', '->', '?', '@>', '<@', '&&', '#>>'];
    o text; l text; r text; res text; n int := 0;
BEGIN
    FOREACH o IN ARRAY ops LOOP
        FOREACH l IN ARRAY types LOOP
            FOREACH r IN ARRAY types LOOP
                BEGIN
                    EXECUTE format('SELECT pg_catalog.pg_typeof(NULL::pg_catalog.%s OPERATOR(pg_catalog.%s) NULL::pg_catalog.%s)::pg_catalog.text',
                                   l, o, r) INTO res;
                EXCEPTION WHEN OTHERS THEN
                    CONTINUE;   -- no such operator even after casts
                END;
                n := n + 1;
                EXECUTE format($f$CREATE FUNCTION public.ror_trap_op_%s(a pg_catalog.%s, b pg_catalog.%s) RETURNS %s
                                  LANGUAGE plpgsql SET search_path = pg_catalog AS $t$
                                  BEGIN PERFORM public.ror_trap(%L); RETURN a OPERATOR(pg_catalog.%s) b; END $t$$f$,
                               n, l, r, res, format('operator %s(%s, %s)', o, l, r), o);
                EXECUTE format('CREATE OPERATOR public.%s (LEFTARG = pg_catalog.%s, RIGHTARG = pg_catalog.%s, FUNCTION = public.ror_trap_op_%s)',
                               o, l, r, n);
            END LOOP;
        END LOOP;
    END LOOP;
    RAISE NOTICE 'planted % trap operators', n;
END $do$;

-- functions
DO $do$
DECLARE
    f record; args text[]; sig text; call text; n int := 0; variant int;
BEGIN
    FOR f IN
        SELECT p.oid, p.proname, p.proargtypes::oid[] AS argtypes, p.prorettype
        FROM pg_catalog.pg_proc p
        WHERE p.pronamespace = 'pg_catalog'::pg_catalog.regnamespace
          AND p.proname = ANY (pg_catalog.current_setting('ror_trap.names')::pg_catalog.text[])
          AND p.prokind = 'f' AND NOT p.proretset AND p.provariadic = 0 AND p.pronargs BETWEEN 0 AND 4
          -- plain types only: no pseudo-types (any, internal, cstring, record), no arrays of them
          AND NOT EXISTS (SELECT 1 FROM pg_catalog.unnest(p.proargtypes::oid[] || p.prorettype) t(oid)
                          JOIN pg_catalog.pg_type y ON y.oid = t.oid WHERE y.typtype = 'p')
    LOOP
        FOR variant IN 0 .. 1 LOOP
            -- variant 1: integer where the built-in takes another number
            args := ARRAY(SELECT CASE WHEN variant = 1 AND t::pg_catalog.regtype IN ('int2', 'int8', 'numeric', 'float4', 'float8')
                                      THEN 'pg_catalog.int4' ELSE t::pg_catalog.regtype::pg_catalog.text END
                          FROM pg_catalog.unnest(f.argtypes) WITH ORDINALITY u(t, i) ORDER BY i);
            CONTINUE WHEN variant = 1 AND args = ARRAY(SELECT t::pg_catalog.regtype::pg_catalog.text
                                                        FROM pg_catalog.unnest(f.argtypes) WITH ORDINALITY u(t, i) ORDER BY i);
            sig := pg_catalog.array_to_string(args, ', ');
            -- a built-in of this very signature already wins (variant 1 only)
            CONTINUE WHEN variant = 1 AND pg_catalog.to_regprocedure(format('pg_catalog.%I(%s)', f.proname, sig)) IS NOT NULL;
            CONTINUE WHEN pg_catalog.to_regprocedure(format('public.%I(%s)', f.proname, sig)) IS NOT NULL;
            call := (SELECT pg_catalog.string_agg(format('$%s::%s', i, t::pg_catalog.regtype), ', ' ORDER BY i)
                     FROM pg_catalog.unnest(f.argtypes) WITH ORDINALITY u(t, i));
            n := n + 1;
            EXECUTE format($f$CREATE FUNCTION public.%I(%s) RETURNS %s LANGUAGE plpgsql SET search_path = pg_catalog AS $t$
                              BEGIN PERFORM public.ror_trap(%L); RETURN pg_catalog.%I(%s); END $t$$f$,
                           f.proname, sig, f.prorettype::pg_catalog.regtype, format('function %s(%s)', f.proname, sig),
                           f.proname, call);
        END LOOP;
    END LOOP;
    RAISE NOTICE 'planted % trap functions', n;
END $do$;

-- relations and types in pg_temp (last: they shadow this session's type names)
DO $do$
DECLARE
    r text;
BEGIN
    FOREACH r IN ARRAY pg_catalog.current_setting('ror_trap.rels')::pg_catalog.text[]
                       || ARRAY['text', 'date', 'jsonb', 'regclass', 'regtype', 'name', 'oid', 'int2', 'int4', 'int8',
                                'float4', 'float8', 'bool', 'timestamptz', 'daterange', 'tstzrange', 'uuid', 'record'] LOOP
        EXECUTE format('CREATE TEMP TABLE %I (trap pg_catalog.int4)', r);
        EXECUTE format('INSERT INTO pg_temp.%I VALUES (1)', r);
    END LOOP;
END $do$;

RESET client_min_messages;
RESET search_path;
