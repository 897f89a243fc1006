-- ============================================================================
-- Bindings: ror.bind_source / ror.unbind_source, the view ror.sources, the
-- guard against dropping what is bound, and _source_sql, which turns a binding
-- into the SELECT the reports read (identifiers quoted, never pasted).
-- ============================================================================

-- The base type of a type (a domain's underlying type), for type checks.
CREATE FUNCTION @extschema@._base_type(t oid) RETURNS oid
LANGUAGE sql STABLE PARALLEL SAFE SET search_path = pg_catalog, pg_temp AS $$
    WITH RECURSIVE d(oid, base, typtype) AS (
        SELECT ty.oid, ty.typbasetype, ty.typtype FROM pg_type ty WHERE ty.oid = t
        UNION ALL
        SELECT ty.oid, ty.typbasetype, ty.typtype FROM pg_type ty JOIN d ON ty.oid = d.base WHERE d.typtype = 'd')
    SELECT oid FROM d WHERE typtype <> 'd'
$$;
COMMENT ON FUNCTION @extschema@._base_type(oid) IS 'internal: the type under any domains';

-- Whether a column type is usable for what a canonical column accepts.
CREATE FUNCTION @extschema@._type_accepted(accepts text, t oid) RETURNS boolean
LANGUAGE sql STABLE PARALLEL SAFE SET search_path = pg_catalog, pg_temp AS $$
    SELECT CASE accepts
        -- equality the planner can hash or sort on (varchar: text's, by a binary cast)
        WHEN 'id' THEN EXISTS (SELECT 1 FROM pg_opclass c JOIN pg_am a ON a.oid = c.opcmethod
                               WHERE a.amname IN ('btree', 'hash') AND c.opcdefault
                                 AND (c.opcintype = b
                                      OR EXISTS (SELECT 1 FROM pg_cast k WHERE k.castsource = b
                                                 AND k.casttarget = c.opcintype AND k.castmethod = 'b')))
        WHEN 'time' THEN b IN ('date'::regtype, 'timestamp'::regtype, 'timestamptz'::regtype)
        WHEN 'label' THEN b IN ('text'::regtype, 'varchar'::regtype, 'bpchar'::regtype, 'name'::regtype)
                          OR EXISTS (SELECT 1 FROM pg_type e WHERE e.oid = b AND e.typtype = 'e')
        WHEN 'number' THEN b IN ('int2'::regtype, 'int4'::regtype, 'int8'::regtype, 'numeric'::regtype,
                                 'float4'::regtype, 'float8'::regtype)
        WHEN 'integer' THEN b IN ('int2'::regtype, 'int4'::regtype, 'int8'::regtype)
    END
    FROM (SELECT @extschema@._base_type(t) AS b) x
$$;
COMMENT ON FUNCTION @extschema@._type_accepted(text, oid) IS 'internal: whether a column type suits a canonical column';

CREATE FUNCTION @extschema@._accepts_text(accepts text) RETURNS text
LANGUAGE sql IMMUTABLE PARALLEL SAFE
RETURN CASE accepts
        WHEN 'id' THEN 'a type with equality (bigint, integer, text, uuid, ...)'
        WHEN 'time' THEN 'date, timestamp or timestamptz'
        WHEN 'label' THEN 'text, varchar, char or an enum'
        WHEN 'number' THEN 'a numeric type (smallint, integer, bigint, numeric, real, double precision)'
        WHEN 'integer' THEN 'smallint, integer or bigint'
    END;
COMMENT ON FUNCTION @extschema@._accepts_text(text) IS 'internal: the types a canonical column accepts, in words';

-- _check_kind(kind): 22023 unless kind is one of ror.source_column's kinds
CREATE FUNCTION @extschema@._check_kind(kind text) RETURNS void
LANGUAGE plpgsql STABLE PARALLEL SAFE SET search_path = pg_catalog, pg_temp AS $$
BEGIN
    IF kind IS NULL OR NOT EXISTS (SELECT 1 FROM @extschema@.source_column s WHERE s.kind = _check_kind.kind) THEN
        RAISE EXCEPTION 'unknown kind of ror source: %', coalesce('"' || kind || '"', 'NULL')
            USING ERRCODE = 'invalid_parameter_value', HINT = 'the kinds are customers, orders, responses, interactions';
    END IF;
END $$;
COMMENT ON FUNCTION @extschema@._check_kind(text) IS 'internal: raises 22023 for an unknown kind of source';

CREATE FUNCTION @extschema@.bind_source(kind text, relation regclass, columns jsonb DEFAULT '{}')
RETURNS void
LANGUAGE plpgsql VOLATILE SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    c record; k text; user_col text; att record; mapping jsonb := '{}'; id_type oid; other record;
BEGIN
    PERFORM @extschema@._check_kind(kind);
    IF relation IS NULL THEN
        RAISE EXCEPTION 'ror.bind_source(''%'', NULL): the relation to bind is NULL', kind
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    IF NOT EXISTS (SELECT 1 FROM pg_class r WHERE r.oid = relation AND r.relkind IN ('r', 'p', 'v', 'm', 'f')) THEN
        RAISE EXCEPTION '% cannot be bound as the % source: it is not a table or view', relation, kind
            USING ERRCODE = 'wrong_object_type';
    END IF;
    columns := coalesce(columns, '{}');
    IF jsonb_typeof(columns) <> 'object' THEN
        RAISE EXCEPTION 'the column mapping of ror.bind_source must be a JSON object, not %', columns
            USING ERRCODE = 'invalid_parameter_value',
                  HINT = 'e.g. {"customer_id": "buyer", "ordered_at": "created"}: canonical name -> your column';
    END IF;
    FOR k IN SELECT jsonb_object_keys(columns) LOOP
        IF NOT EXISTS (SELECT 1 FROM @extschema@.source_column s WHERE s.kind = bind_source.kind AND s.name = k) THEN
            RAISE EXCEPTION 'unknown column "%" in the mapping of the % source', k, kind
                USING ERRCODE = 'invalid_parameter_value',
                      HINT = 'its columns are ' || (SELECT string_agg(s.name, ', ' ORDER BY s.position)
                                                    FROM @extschema@.source_column s WHERE s.kind = bind_source.kind);
        END IF;
        IF jsonb_typeof(columns -> k) <> 'string' THEN
            RAISE EXCEPTION 'the mapping of "%" must name a column of % as a string, not %', k, relation, columns -> k
                USING ERRCODE = 'invalid_parameter_value';
        END IF;
    END LOOP;
    FOR c IN SELECT * FROM @extschema@.source_column s WHERE s.kind = bind_source.kind ORDER BY s.position LOOP
        user_col := coalesce(columns ->> c.name, c.name);
        SELECT a.attnum, a.atttypid INTO att FROM pg_attribute a
        WHERE a.attrelid = relation AND a.attname = user_col AND a.attnum > 0 AND NOT a.attisdropped;
        IF NOT FOUND THEN
            IF NOT c.required AND NOT columns ? c.name THEN
                CONTINUE;       -- optional and not there: left unbound
            END IF;
            RAISE EXCEPTION 'column "%" of relation % does not exist', user_col, relation
                USING ERRCODE = 'undefined_column',
                      HINT = format('the %s source needs a column for %s; map it with ror.bind_source(%L, %L, ''{"%s": "your_column"}'')',
                                    kind, c.name, kind, relation::text, c.name);
        END IF;
        IF NOT @extschema@._type_accepted(c.accepts, att.atttypid) THEN
            RAISE EXCEPTION 'column "%" of relation % has type %, which cannot serve as % of the % source',
                            user_col, relation, format_type(att.atttypid, NULL), c.name, kind
                USING ERRCODE = 'datatype_mismatch', HINT = c.name || ' accepts ' || @extschema@._accepts_text(c.accepts);
        END IF;
        IF c.name = 'customer_id' THEN id_type := att.atttypid; END IF;
        mapping := mapping || jsonb_build_object(c.name, jsonb_build_object('attnum', att.attnum));
    END LOOP;
    -- every bound source must name customers the same way, or the reports cannot join them
    FOR other IN
        SELECT b.kind, b.relation, a.atttypid FROM @extschema@.source_binding b
        JOIN pg_attribute a ON a.attrelid = b.relation AND a.attnum = (b.columns -> 'customer_id' ->> 'attnum')::int2
        WHERE b.kind <> bind_source.kind
    LOOP
        IF @extschema@._base_type(other.atttypid) <> @extschema@._base_type(id_type) THEN
            RAISE EXCEPTION 'customer_id of % is %, but the % source (%) has %',
                            relation, format_type(id_type, NULL), other.kind, other.relation, format_type(other.atttypid, NULL)
                USING ERRCODE = 'datatype_mismatch',
                      HINT = 'every bound source must use one type for customer_id; bind a view that casts it';
        END IF;
    END LOOP;
    INSERT INTO @extschema@.source_binding AS b (kind, relation, columns) VALUES (kind, relation, mapping)
        ON CONFLICT ON CONSTRAINT source_binding_pkey
        DO UPDATE SET relation = excluded.relation, columns = excluded.columns, bound_at = now();
END $$;
COMMENT ON FUNCTION @extschema@.bind_source(text, regclass, jsonb) IS
    'binds a table or view as a ror source (customers, orders, responses, interactions); columns maps canonical names to its columns (default: the same names); rebinding a kind replaces it';

CREATE FUNCTION @extschema@.unbind_source(kind text) RETURNS boolean
LANGUAGE plpgsql VOLATILE SET search_path = pg_catalog, pg_temp AS $$
BEGIN
    PERFORM @extschema@._check_kind(kind);
    DELETE FROM @extschema@.source_binding b WHERE b.kind = unbind_source.kind;
    RETURN FOUND;
END $$;
COMMENT ON FUNCTION @extschema@.unbind_source(text) IS
    'removes the binding of a kind of source (true if there was one); the views that read it become empty';

CREATE VIEW @extschema@.sources WITH (security_invoker = true) AS
SELECT b.kind, b.relation,
       (SELECT jsonb_object_agg(s.name, a.attname ORDER BY s.position)
        FROM @extschema@.source_column s
        JOIN pg_catalog.pg_attribute a ON a.attrelid = b.relation
             AND a.attnum = (b.columns -> s.name ->> 'attnum')::int2 AND NOT a.attisdropped
        WHERE s.kind = b.kind) AS column_mapping,
       b.bound_at
FROM @extschema@.source_binding b
JOIN @extschema@.source_column k ON k.kind = b.kind AND k.position = 1
ORDER BY CASE b.kind WHEN 'customers' THEN 1 WHEN 'orders' THEN 2 WHEN 'responses' THEN 3 ELSE 4 END;
COMMENT ON VIEW @extschema@.sources IS 'the bound sources: kind, relation and the column each canonical name reads';
COMMENT ON COLUMN @extschema@.sources.kind IS 'kind of source: customers, orders, responses or interactions';
COMMENT ON COLUMN @extschema@.sources.relation IS 'the bound table or view';
COMMENT ON COLUMN @extschema@.sources.column_mapping IS 'canonical column name -> the column of the relation it reads (now, after any renames)';
COMMENT ON COLUMN @extschema@.sources.bound_at IS 'when the binding was made';
GRANT SELECT ON @extschema@.sources TO PUBLIC;
GRANT SELECT ON @extschema@.source_binding TO PUBLIC;

-- Dropping a bound relation, or a bound column of it, is refused: the reports
-- would lose a source silently.  DROP EXTENSION and DROP SCHEMA ror pass.
-- The trigger runs as whoever drops anything in the database (it is not
-- SECURITY DEFINER): a role that cannot read the bindings (no USAGE on the
-- schema, no SELECT on the table) drops unhindered, and if it dropped a bound
-- relation the views say so (ror.data_issues, _source_broken).
CREATE FUNCTION @extschema@._guard_bound_drop() RETURNS event_trigger
LANGUAGE plpgsql SET search_path = pg_catalog, pg_temp AS $$
DECLARE hit record;
BEGIN
    -- one test per statement: PL/pgSQL parses a statement (and looks up the
    -- names in it, needing USAGE) only when it reaches it
    IF NOT has_schema_privilege('@extschema@', 'USAGE') THEN
        RETURN;
    END IF;
    IF to_regclass('@extschema@.source_binding') IS NULL THEN
        RETURN;
    END IF;
    IF NOT has_table_privilege('@extschema@.source_binding', 'SELECT')
       OR EXISTS (SELECT 1 FROM pg_event_trigger_dropped_objects() o
                  WHERE o.classid = 'pg_class'::regclass AND o.objid = '@extschema@.source_binding'::regclass) THEN
        RETURN;
    END IF;
    SELECT b.kind, o.object_identity, o.objsubid INTO hit
    FROM pg_event_trigger_dropped_objects() o
    JOIN @extschema@.source_binding b ON o.classid = 'pg_class'::regclass AND o.objid = b.relation::oid
    WHERE o.objsubid = 0
       OR o.objsubid IN (SELECT (v ->> 'attnum')::int FROM jsonb_each(b.columns) AS e(k, v))
    LIMIT 1;
    IF FOUND THEN
        RAISE EXCEPTION '% is bound as the ror % source', hit.object_identity, hit.kind
            USING ERRCODE = 'dependent_objects_still_exist',
                  HINT = format('unbind it first: SELECT ror.unbind_source(%L)', hit.kind);
    END IF;
END $$;
COMMENT ON FUNCTION @extschema@._guard_bound_drop() IS 'internal: refuses to drop a relation or column bound as a ror source';
CREATE EVENT TRIGGER ror_guard_bound_drop ON sql_drop EXECUTE FUNCTION @extschema@._guard_bound_drop();

-- _source_broken(kind, id type): why the binding of kind can no longer be
-- read (its relation or a column is gone, a column changed to a type it does
-- not accept, customer_id's type differs from the other sources'), or NULL
-- when it can be read or is not bound
CREATE FUNCTION @extschema@._source_broken(p_kind text, p_id_type text) RETURNS text
LANGUAGE plpgsql STABLE PARALLEL SAFE SET search_path = pg_catalog, pg_temp AS $$
DECLARE b record; c record; a record;
BEGIN
    SELECT * INTO b FROM @extschema@.source_binding sb WHERE sb.kind = p_kind;
    IF NOT FOUND THEN
        RETURN NULL;
    END IF;
    IF NOT EXISTS (SELECT 1 FROM pg_class r WHERE r.oid = b.relation) THEN
        RETURN format('the bound relation (oid %s) no longer exists: bind the %s source again', b.relation::oid, p_kind);
    END IF;
    FOR c IN SELECT * FROM @extschema@.source_column s WHERE s.kind = p_kind AND b.columns ? s.name ORDER BY s.position LOOP
        SELECT att.attname, att.atttypid INTO a FROM pg_attribute att
        WHERE att.attrelid = b.relation AND att.attnum = (b.columns -> c.name ->> 'attnum')::int2 AND NOT att.attisdropped;
        IF NOT FOUND THEN
            RETURN format('column %s of %s is gone: bind the %s source again', c.name, b.relation, p_kind);
        END IF;
        IF NOT @extschema@._type_accepted(c.accepts, a.atttypid) THEN
            RETURN format('column %I of %s now has type %s, which %s does not accept: bind the %s source again',
                          a.attname, b.relation, format_type(a.atttypid, NULL), c.name, p_kind);
        END IF;
        IF c.accepts = 'id' AND @extschema@._type_name(@extschema@._base_type(a.atttypid)) <> p_id_type THEN
            RETURN format('customer_id of %s is now %s, but the other sources use %s: bind the %s source again',
                          b.relation, format_type(a.atttypid, NULL), p_id_type, p_kind);
        END IF;
    END LOOP;
    RETURN NULL;
END $$;
COMMENT ON FUNCTION @extschema@._source_broken(text, text) IS
    'internal: why a binding can no longer be read, or NULL when it can (or is not bound)';

-- numeric::float8 for the report views: the same double, about eight times
-- faster, and NULL where the cast raises (a value outside float8's range), so
-- that such a row is counted in ror.data_issues instead of breaking the views
CREATE FUNCTION @extschema@._numeric_float8(numeric) RETURNS float8
    AS 'MODULE_PATHNAME', 'ror_numeric_float8' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@._numeric_float8(numeric) IS
    'internal: numeric::float8 (the same double), NULL where that cast raises: the value is out of float8''s range';

-- (ts AT TIME ZONE zone)::date for the report views: the same date, with the
-- zone looked up once per query instead of once per row
CREATE FUNCTION @extschema@._local_date(timestamptz, text) RETURNS date
    AS 'MODULE_PATHNAME', 'ror_local_date' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@._local_date(timestamptz, text) IS
    'internal: (ts AT TIME ZONE zone)::date, the zone looked up once per query';

-- _source_sql(kind, settings): a SELECT of the bound relation with the
-- canonical columns, times as local dates, plus a `problem` column (NULL for a
-- usable row, else why the reports leave it out).  An unbound kind, or a
-- broken binding (_source_broken), gives no rows (and for a broken binding
-- one row naming the problem, for ror.data_issues).
CREATE FUNCTION @extschema@._source_sql(p_kind text, p_time_zone text, p_id_type text)
RETURNS text
LANGUAGE plpgsql STABLE PARALLEL SAFE SET search_path = pg_catalog, pg_temp AS $$
DECLARE
    b record; c record; a record; expr jsonb := '{}'; e text; sel text; problem text;
    broken text := @extschema@._source_broken(p_kind, p_id_type);
    id text := 'NULL::' || p_id_type; bound boolean;
    -- the problem checks read the raw columns: a conversion to a local date
    -- costs more than the check, and would run once per check.  A numeric becomes
    -- float8 by ror._numeric_float8, cheap, and NULL out of float8's range
    -- (numeric::float8 raises there): fin is then NULL, and rng tells the
    -- two apart (only for the rows that fail)
    raw jsonb := '{}'; fin jsonb := '{}'; rng jsonb := '{}'; is_numeric boolean;
BEGIN
    SELECT * INTO b FROM @extschema@.source_binding sb WHERE sb.kind = p_kind;
    bound := FOUND;
    IF bound AND broken IS NULL THEN
        FOR c IN SELECT * FROM @extschema@.source_column s WHERE s.kind = p_kind ORDER BY s.position LOOP
            IF NOT b.columns ? c.name THEN
                -- an optional column left unbound: a typed NULL
                expr := expr || jsonb_build_object(c.name, CASE c.accepts WHEN 'label' THEN 'NULL::text'
                                                                          WHEN 'number' THEN 'NULL::float8' END);
                raw := raw || jsonb_build_object(c.name, 'NULL');
                fin := fin || jsonb_build_object(c.name, 'true');
                rng := rng || jsonb_build_object(c.name, 'true');
                CONTINUE;
            END IF;
            -- there, and of an accepted type: _source_broken said so
            SELECT att.attname, att.atttypid INTO a FROM pg_attribute att
            WHERE att.attrelid = b.relation AND att.attnum = (b.columns -> c.name ->> 'attnum')::int2 AND NOT att.attisdropped;
            e := format('s.%I', a.attname);
            is_numeric := c.accepts = 'number' AND @extschema@._base_type(a.atttypid) = 'numeric'::regtype;
            raw := raw || jsonb_build_object(c.name, e);
            fin := fin || jsonb_build_object(c.name, CASE
                WHEN c.accepts = 'time' THEN format('isfinite(%s)', e)
                WHEN is_numeric THEN format('@extschema@._numeric_float8(%s) NOT IN (''NaN'', ''Infinity'', ''-Infinity'')', e)
                WHEN @extschema@._base_type(a.atttypid) IN ('float4'::regtype, 'float8'::regtype)
                THEN format('%s NOT IN (''NaN'', ''Infinity'', ''-Infinity'')', e)
                ELSE 'true' END);
            rng := rng || jsonb_build_object(c.name, CASE
                WHEN is_numeric THEN format('@extschema@._numeric_float8(%s) IS NOT NULL', e) ELSE 'true' END);
            IF c.accepts = 'time' THEN
                e := CASE @extschema@._base_type(a.atttypid)
                    WHEN 'timestamptz'::regtype THEN format('@extschema@._local_date(%s, %L)', e, p_time_zone)
                    WHEN 'timestamp'::regtype THEN format('(%s)::date', e)
                    ELSE format('(%s)::date', e) END;
            ELSIF c.accepts = 'label' THEN
                e := format('(%s)::text', e);
            ELSIF is_numeric THEN
                e := format('@extschema@._numeric_float8(%s)', e);
            ELSIF c.accepts IN ('number', 'integer') THEN
                e := format('(%s)::float8', e);
            END IF;     -- ids as they are: the bindings agree on their base type
            expr := expr || jsonb_build_object(c.name, e);
        END LOOP;
    END IF;
    IF NOT bound OR broken IS NOT NULL THEN
        -- no rows of the right shape; a broken binding says why in one row
        sel := CASE p_kind
            WHEN 'customers' THEN format('SELECT %s AS customer_id, NULL::date AS acquired_on, NULL::date AS churned_on, NULL::text AS segment, NULL::float8 AS acquisition_cost', id)
            WHEN 'orders' THEN format('SELECT %s AS customer_id, NULL::date AS ordered_on, NULL::float8 AS amount', id)
            WHEN 'responses' THEN format('SELECT %s AS customer_id, NULL::date AS responded_on, NULL::float8 AS score', id)
            ELSE format('SELECT %s AS customer_id, NULL::date AS occurred_on, NULL::text AS kind', id)
        END;
        RETURN sel || format(', %L::text AS problem WHERE %s', broken, CASE WHEN broken IS NULL THEN 'false' ELSE 'true' END);
    END IF;
    -- why a row is left out, in the order the checks are listed in ror.data_issues
    problem := CASE p_kind
        WHEN 'customers' THEN format($f$CASE
            WHEN %1$s IS NULL THEN 'customer_id is NULL'
            WHEN %2$s IS NULL THEN 'acquired_at is NULL'
            WHEN NOT %3$s THEN 'acquired_at is infinite'
            WHEN %4$s IS NOT NULL AND NOT %5$s THEN 'churned_at is infinite'
            WHEN %4$s IS NOT NULL AND %6$s < %7$s THEN 'churned before acquired'
            WHEN %8$s IS NOT NULL AND (%8$s < 0 OR NOT coalesce(%9$s, false))
            THEN CASE WHEN %10$s THEN 'acquisition_cost is negative or not finite'
                      ELSE 'acquisition_cost is out of range for float8' END
            END$f$, raw ->> 'customer_id', raw ->> 'acquired_at', fin ->> 'acquired_at', raw ->> 'churned_at',
            fin ->> 'churned_at', expr ->> 'churned_at', expr ->> 'acquired_at', raw ->> 'acquisition_cost',
            fin ->> 'acquisition_cost', rng ->> 'acquisition_cost')
        WHEN 'orders' THEN format($f$CASE
            WHEN %1$s IS NULL THEN 'customer_id is NULL'
            WHEN %2$s IS NULL THEN 'ordered_at is NULL'
            WHEN NOT %3$s THEN 'ordered_at is infinite'
            WHEN %4$s IS NULL THEN 'amount is NULL'
            -- a negative amount is a refund: kept, summed per day as ror.rfm_agg does
            WHEN NOT coalesce(%5$s, false)
            THEN CASE WHEN %6$s THEN 'amount is not finite' ELSE 'amount is out of range for float8' END
            END$f$, raw ->> 'customer_id', raw ->> 'ordered_at', fin ->> 'ordered_at', raw ->> 'amount', fin ->> 'amount',
            rng ->> 'amount')
        WHEN 'responses' THEN format($f$CASE
            WHEN %1$s IS NULL THEN 'customer_id is NULL'
            WHEN %2$s IS NULL THEN 'responded_at is NULL'
            WHEN NOT %3$s THEN 'responded_at is infinite'
            WHEN %4$s IS NULL THEN 'score is NULL'
            WHEN %4$s NOT BETWEEN 0 AND 10 THEN 'score outside 0-10'
            END$f$, raw ->> 'customer_id', raw ->> 'responded_at', fin ->> 'responded_at', raw ->> 'score')
        ELSE format($f$CASE
            WHEN %1$s IS NULL THEN 'customer_id is NULL'
            WHEN %2$s IS NULL THEN 'occurred_at is NULL'
            WHEN NOT %3$s THEN 'occurred_at is infinite'
            WHEN %4$s IS NULL THEN 'kind is NULL'
            END$f$, raw ->> 'customer_id', raw ->> 'occurred_at', fin ->> 'occurred_at', raw ->> 'kind')
    END;
    sel := CASE p_kind
        WHEN 'customers' THEN format('SELECT %s AS customer_id, %s AS acquired_on, %s AS churned_on, %s AS segment, %s AS acquisition_cost',
                                     expr ->> 'customer_id', expr ->> 'acquired_at', expr ->> 'churned_at', expr ->> 'segment', expr ->> 'acquisition_cost')
        WHEN 'orders' THEN format('SELECT %s AS customer_id, %s AS ordered_on, %s AS amount',
                                  expr ->> 'customer_id', expr ->> 'ordered_at', expr ->> 'amount')
        WHEN 'responses' THEN format('SELECT %s AS customer_id, %s AS responded_on, %s AS score',
                                     expr ->> 'customer_id', expr ->> 'responded_at', expr ->> 'score')
        ELSE format('SELECT %s AS customer_id, %s AS occurred_on, %s AS kind',
                    expr ->> 'customer_id', expr ->> 'occurred_at', expr ->> 'kind')
    END;
    RETURN format('%s, %s AS problem FROM %s AS s', sel, problem, b.relation);
END $$;
COMMENT ON FUNCTION @extschema@._source_sql(text, text, text) IS
    'internal: the SELECT that reads a bound source with canonical columns, local dates and a problem column';

-- A type's name for a cast that keeps every value: format_type says
-- "character" for bpchar, which as a cast means char(1).
CREATE FUNCTION @extschema@._type_name(t oid) RETURNS text
LANGUAGE sql STABLE PARALLEL SAFE SET search_path = pg_catalog, pg_temp AS $$
    SELECT CASE WHEN t = 'bpchar'::regtype THEN 'bpchar' ELSE format_type(t, NULL) END
$$;
COMMENT ON FUNCTION @extschema@._type_name(oid) IS 'internal: a type name that casts without truncating (bpchar, not character)';

-- The customer_id type the bindings agree on (bigint when nothing is bound).
CREATE FUNCTION @extschema@._id_type() RETURNS text
LANGUAGE sql STABLE PARALLEL SAFE SET search_path = pg_catalog, pg_temp AS $$
    SELECT coalesce(
        (SELECT @extschema@._type_name(@extschema@._base_type(a.atttypid))
         FROM @extschema@.source_binding b
         JOIN pg_attribute a ON a.attrelid = b.relation AND a.attnum = (b.columns -> 'customer_id' ->> 'attnum')::int2
                            AND NOT a.attisdropped
         ORDER BY b.kind LIMIT 1),
        'bigint')
$$;
COMMENT ON FUNCTION @extschema@._id_type() IS 'internal: the type of customer_id in the bound sources';

-- _source_usable(kind): bound, and its binding can be read
CREATE FUNCTION @extschema@._source_usable(p_kind text) RETURNS boolean
LANGUAGE sql STABLE PARALLEL SAFE SET search_path = pg_catalog, pg_temp AS $$
    SELECT EXISTS (SELECT 1 FROM @extschema@.source_binding b WHERE b.kind = p_kind)
       AND @extschema@._source_broken(p_kind, @extschema@._id_type()) IS NULL
$$;
COMMENT ON FUNCTION @extschema@._source_usable(text) IS 'internal: whether kind is bound and its binding can be read';

-- _customer_id_unique(): the bound customers relation holds at most one row
-- per customer_id, by a unique index the views can rely on: valid, checked at
-- once (not deferrable), on the customer_id column alone (no expression, no
-- predicate), with the type's default equality and the column's collation,
-- and covering every row the views read (no inheritance children outside it;
-- a partitioned table's index covers its partitions).  The views then skip
-- the DISTINCT ON, a sort of every customer, and the count of duplicates.
-- Read with the snapshot the rows are read with, so an index dropped and a
-- duplicate inserted since cannot be half seen.
CREATE FUNCTION @extschema@._customer_id_unique() RETURNS boolean
LANGUAGE sql STABLE PARALLEL SAFE SET search_path = pg_catalog, pg_temp AS $$
    SELECT EXISTS (
        SELECT 1
        FROM @extschema@.source_binding b
        JOIN pg_class r ON r.oid = b.relation
        JOIN pg_attribute a ON a.attrelid = b.relation AND NOT a.attisdropped
                           AND a.attnum = (b.columns -> 'customer_id' ->> 'attnum')::int2
        JOIN pg_index i ON i.indrelid = b.relation
        JOIN pg_opclass oc ON oc.oid = i.indclass[0]
        WHERE b.kind = 'customers'
          AND (r.relkind = 'p' OR (r.relkind IN ('r', 'm') AND NOT r.relhassubclass))
          AND i.indisunique AND i.indimmediate AND i.indisvalid
          AND i.indnkeyatts = 1 AND i.indkey[0] = a.attnum AND i.indexprs IS NULL AND i.indpred IS NULL
          AND oc.opcdefault AND i.indcollation[0] = a.attcollation)
$$;
COMMENT ON FUNCTION @extschema@._customer_id_unique() IS
    'internal: whether a unique index guarantees one row per customer_id in the bound customers relation';
