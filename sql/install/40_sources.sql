-- ============================================================================
-- Sources and settings: the user binds their own tables (or views) to the four
-- kinds of source the report views read, and sets how periods, time zone and
-- as-of date are read.  Both are rows of configuration tables that pg_dump
-- keeps (pg_extension_config_dump).  Nothing here copies the user's data.
-- ============================================================================

-- The canonical columns of each kind, what types they accept, and whether a
-- binding needs them.  Part of the extension, not configuration.
CREATE TABLE @extschema@.source_column (
    kind      text NOT NULL,
    name      text NOT NULL,
    accepts   text NOT NULL CHECK (accepts IN ('id', 'time', 'label', 'number', 'integer')),
    required  boolean NOT NULL,
    position  int NOT NULL,
    PRIMARY KEY (kind, name)
);
COMMENT ON TABLE @extschema@.source_column IS
    'the canonical columns of each kind of source (customers, orders, responses, interactions), the types each accepts and whether a binding needs it';
COMMENT ON COLUMN @extschema@.source_column.kind IS 'kind of source';
COMMENT ON COLUMN @extschema@.source_column.name IS 'canonical column name, the key in ror.bind_source''s column mapping';
COMMENT ON COLUMN @extschema@.source_column.accepts IS
    'id: any type with = ; time: date, timestamp, timestamptz; label: text, varchar, char, enum; number: any numeric type; integer: smallint, integer, bigint';
COMMENT ON COLUMN @extschema@.source_column.required IS 'false for the optional columns (segment, acquisition_cost of customers)';
COMMENT ON COLUMN @extschema@.source_column.position IS 'order of the column in its kind';
INSERT INTO @extschema@.source_column VALUES
    ('customers', 'customer_id', 'id', true, 1),
    ('customers', 'acquired_at', 'time', true, 2),
    ('customers', 'churned_at', 'time', true, 3),
    ('customers', 'segment', 'label', false, 4),
    ('customers', 'acquisition_cost', 'number', false, 5),
    ('orders', 'customer_id', 'id', true, 1),
    ('orders', 'ordered_at', 'time', true, 2),
    ('orders', 'amount', 'number', true, 3),
    ('responses', 'customer_id', 'id', true, 1),
    ('responses', 'responded_at', 'time', true, 2),
    ('responses', 'score', 'integer', true, 3),
    ('interactions', 'customer_id', 'id', true, 1),
    ('interactions', 'occurred_at', 'time', true, 2),
    ('interactions', 'kind', 'label', true, 3);
GRANT SELECT ON @extschema@.source_column TO PUBLIC;

-- One row per bound kind.  The relation is a regclass (an OID: a renamed table
-- stays bound) and each mapped column is kept by number as well as by name, so
-- renaming a column keeps the binding too.
CREATE TABLE @extschema@.source_binding (
    kind      text PRIMARY KEY CHECK (kind IN ('customers', 'orders', 'responses', 'interactions')),
    relation  regclass NOT NULL,
    columns   jsonb NOT NULL,
    bound_at  timestamptz NOT NULL DEFAULT now()
);
COMMENT ON TABLE @extschema@.source_binding IS
    'the user''s tables bound as ror sources (ror.bind_source); read through the view ror.sources';
COMMENT ON COLUMN @extschema@.source_binding.kind IS 'kind of source: customers, orders, responses or interactions';
COMMENT ON COLUMN @extschema@.source_binding.relation IS 'the bound table or view';
COMMENT ON COLUMN @extschema@.source_binding.columns IS
    'canonical column name -> {"attnum": column number in the relation}; optional columns not bound are absent';
COMMENT ON COLUMN @extschema@.source_binding.bound_at IS 'when the binding was made';
SELECT pg_catalog.pg_extension_config_dump('@extschema@.source_binding', '');

CREATE TABLE @extschema@.setting_value (
    name   text PRIMARY KEY,
    value  text NOT NULL
);
COMMENT ON TABLE @extschema@.setting_value IS
    'settings changed from their defaults (ror.set_setting); read through the view ror.settings';
COMMENT ON COLUMN @extschema@.setting_value.name IS 'setting name';
COMMENT ON COLUMN @extschema@.setting_value.value IS 'its value, as given to ror.set_setting after validation';
SELECT pg_catalog.pg_extension_config_dump('@extschema@.setting_value', '');

CREATE TABLE @extschema@.setting_definition (
    name         text PRIMARY KEY,
    default_text text NOT NULL,
    description  text NOT NULL,
    position     int NOT NULL
);
COMMENT ON TABLE @extschema@.setting_definition IS 'the settings ror knows, their defaults and meaning';
COMMENT ON COLUMN @extschema@.setting_definition.name IS 'setting name';
COMMENT ON COLUMN @extschema@.setting_definition.default_text IS 'the default, as text';
COMMENT ON COLUMN @extschema@.setting_definition.description IS 'what the setting changes';
COMMENT ON COLUMN @extschema@.setting_definition.position IS 'display order';
INSERT INTO @extschema@.setting_definition VALUES
    ('time_zone', 'UTC', 'timestamptz values become local dates in this zone; period boundaries are local', 1),
    ('period', 'month', 'period of the report views: week (ISO, starting Monday), month or quarter', 2),
    ('as_of', '(today in time_zone)', 'everything is computed as of the end of this date; later rows are ignored', 3),
    ('inactivity_days', '(off)', 'when set, a customer with no churned_at whose last order is older than this many days counts as churned at last order + inactivity_days', 4),
    ('discount_rate', '0.01', 'discount rate per period, for CLV', 5),
    ('clv_periods', '12', 'horizon of the CLV, in periods', 6),
    ('score_window_days', '365', 'the ROR score''s window: advocacy, referral and engagement count the days (as_of - score_window_days, as_of]', 7),
    ('score_weights', '{1,1,1,1,1}', 'weights of the ROR score''s components: value, loyalty, advocacy, referral, engagement', 8);
GRANT SELECT ON @extschema@.setting_definition TO PUBLIC;

-- ---------------------------------------------------------------------------
-- Settings
-- ---------------------------------------------------------------------------

-- _unknown_setting(name): the error for a name ror.setting_definition lacks
CREATE FUNCTION @extschema@._unknown_setting(p_name text) RETURNS void
LANGUAGE plpgsql STABLE PARALLEL SAFE SET search_path = pg_catalog, pg_temp AS $$
BEGIN
    RAISE EXCEPTION 'unknown ror setting "%"', p_name
        USING ERRCODE = 'invalid_parameter_value',
              HINT = 'the settings are ' || (SELECT string_agg(d.name, ', ' ORDER BY d.position)
                                             FROM @extschema@.setting_definition d);
END $$;
COMMENT ON FUNCTION @extschema@._unknown_setting(text) IS 'internal: raises 22023 for an unknown setting, listing the known ones';

-- _check_setting(name, value): the value in its canonical text form, or an
-- ERROR 22023 naming the setting and what it accepts.
CREATE FUNCTION @extschema@._check_setting(p_name text, p_value text) RETURNS text
LANGUAGE plpgsql STABLE PARALLEL SAFE SET search_path = pg_catalog, pg_temp
    -- dates and floats become text in literals and stored settings: the same in every session
    SET DateStyle = 'ISO, YMD' SET extra_float_digits = 1 AS $$
DECLARE
    d date; i bigint; f float8; w float8[]; top bigint; why text;
BEGIN
    IF p_value IS NULL THEN
        RAISE EXCEPTION 'ror setting "%" cannot be NULL', p_name
            USING ERRCODE = 'invalid_parameter_value', HINT = 'ror.reset_setting(name) restores the default';
    END IF;
    CASE p_name
    WHEN 'time_zone' THEN
        BEGIN
            PERFORM now() AT TIME ZONE p_value;
        EXCEPTION WHEN invalid_parameter_value OR feature_not_supported THEN
            RAISE EXCEPTION 'invalid value for ror setting "time_zone": "%"', p_value
                USING ERRCODE = 'invalid_parameter_value',
                      HINT = 'expected a time zone PostgreSQL knows, such as UTC, Europe/Berlin or America/New_York (see pg_timezone_names)';
        END;
        RETURN p_value;
    WHEN 'period' THEN
        IF p_value NOT IN ('week', 'month', 'quarter') THEN
            RAISE EXCEPTION 'invalid value for ror setting "period": "%"', p_value
                USING ERRCODE = 'invalid_parameter_value', HINT = 'expected week, month or quarter';
        END IF;
        RETURN p_value;
    WHEN 'as_of' THEN
        BEGIN
            d := p_value::date;
        EXCEPTION WHEN OTHERS THEN
            d := NULL;
        END;
        IF d IS NULL OR NOT isfinite(d) OR p_value !~ '^\s*\d{4,}-\d{1,2}-\d{1,2}\s*$' THEN
            RAISE EXCEPTION 'invalid value for ror setting "as_of": "%"', p_value
                USING ERRCODE = 'invalid_parameter_value', HINT = 'expected a date as YYYY-MM-DD; ror.reset_setting(''as_of'') follows today again';
        END IF;
        RETURN d::text;
    WHEN 'inactivity_days', 'clv_periods', 'score_window_days' THEN
        BEGIN
            i := p_value::bigint;
        EXCEPTION WHEN OTHERS THEN
            i := NULL;
        END;
        IF p_name = 'clv_periods' THEN
            top := 1200; why := 'expected a whole number of periods from 1 to 1200';
        ELSIF p_name = 'score_window_days' THEN
            top := 36500; why := 'expected a whole number of days from 1 to 36500';
        ELSE
            top := 36500; why := 'expected a whole number of days from 1 to 36500; ror.reset_setting(''inactivity_days'') turns the rule off';
        END IF;
        IF i IS NULL OR i < 1 OR i > top THEN
            RAISE EXCEPTION 'invalid value for ror setting "%": "%"', p_name, p_value
                USING ERRCODE = 'invalid_parameter_value', HINT = why;
        END IF;
        RETURN i::text;
    WHEN 'discount_rate' THEN
        BEGIN
            f := p_value::float8;
        EXCEPTION WHEN OTHERS THEN
            f := NULL;
        END;
        IF f IS NULL OR f <> f OR f < 0 OR f >= 1 THEN
            RAISE EXCEPTION 'invalid value for ror setting "discount_rate": "%"', p_value
                USING ERRCODE = 'invalid_parameter_value', HINT = 'expected a rate per period, at least 0 and below 1, such as 0.01';
        END IF;
        RETURN (f + 0)::text;   -- -0 is 0
    WHEN 'score_weights' THEN
        BEGIN
            w := p_value::float8[];
        EXCEPTION WHEN OTHERS THEN
            w := NULL;
        END;
        IF w IS NULL OR array_ndims(w) IS DISTINCT FROM 1 OR cardinality(w) <> 5 OR array_position(w, NULL) IS NOT NULL
           OR EXISTS (SELECT 1 FROM unnest(w) x WHERE x < 0 OR x >= 'Infinity')   -- NaN sorts above Infinity
           OR NOT EXISTS (SELECT 1 FROM unnest(w) x WHERE x > 0) THEN
            RAISE EXCEPTION 'invalid value for ror setting "score_weights": "%"', p_value
                USING ERRCODE = 'invalid_parameter_value',
                      HINT = 'expected five finite weights, each at least 0 and not all 0, for value, loyalty, advocacy, referral and engagement, such as {1,1,1,1,1}';
        END IF;
        RETURN (SELECT array_agg(u.x + 0 ORDER BY u.n) FROM unnest(w) WITH ORDINALITY u(x, n))::text;
    ELSE
        PERFORM @extschema@._unknown_setting(p_name);
    END CASE;
END $$;
COMMENT ON FUNCTION @extschema@._check_setting(text, text) IS
    'internal: validates a setting value and returns its canonical text, or raises 22023';

CREATE FUNCTION @extschema@.set_setting(name text, value text) RETURNS text
LANGUAGE plpgsql VOLATILE SET search_path = pg_catalog, pg_temp AS $$
DECLARE v text := @extschema@._check_setting(name, value);
BEGIN
    INSERT INTO @extschema@.setting_value AS s VALUES (set_setting.name, v)
        ON CONFLICT ON CONSTRAINT setting_value_pkey DO UPDATE SET value = excluded.value;
    RETURN v;
END $$;
COMMENT ON FUNCTION @extschema@.set_setting(text, text) IS
    'changes a ror setting (see ror.settings) and returns the value stored; 22023 for an unknown setting or a value it does not accept';

CREATE FUNCTION @extschema@.reset_setting(name text) RETURNS void
LANGUAGE plpgsql VOLATILE SET search_path = pg_catalog, pg_temp AS $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM @extschema@.setting_definition d WHERE d.name = reset_setting.name) THEN
        PERFORM @extschema@._unknown_setting(reset_setting.name);
    END IF;
    DELETE FROM @extschema@.setting_value s WHERE s.name = reset_setting.name;
END $$;
COMMENT ON FUNCTION @extschema@.reset_setting(text) IS 'restores a ror setting to its default';

-- The effective settings as typed values: one row, read by every report.
CREATE FUNCTION @extschema@.current_settings(
    OUT time_zone text, OUT period text, OUT as_of date, OUT inactivity_days int,
    OUT discount_rate float8, OUT clv_periods int, OUT score_window_days int, OUT score_weights float8[])
LANGUAGE plpgsql STABLE PARALLEL SAFE SET search_path = pg_catalog, pg_temp
    -- dates and floats become text in literals and stored settings: the same in every session
    SET DateStyle = 'ISO, YMD' SET extra_float_digits = 1 AS $$
DECLARE r record;
BEGIN
    time_zone := 'UTC'; period := 'month'; as_of := NULL; inactivity_days := NULL;
    discount_rate := 0.01; clv_periods := 12; score_window_days := 365; score_weights := '{1,1,1,1,1}';
    FOR r IN SELECT s.name, s.value FROM @extschema@.setting_value s LOOP
        CASE r.name
        WHEN 'time_zone' THEN time_zone := r.value;
        WHEN 'period' THEN period := r.value;
        WHEN 'as_of' THEN as_of := r.value::date;
        WHEN 'inactivity_days' THEN inactivity_days := r.value::int;
        WHEN 'discount_rate' THEN discount_rate := r.value::float8;
        WHEN 'clv_periods' THEN clv_periods := r.value::int;
        WHEN 'score_window_days' THEN score_window_days := r.value::int;
        WHEN 'score_weights' THEN score_weights := r.value::float8[];
        ELSE NULL;
        END CASE;
    END LOOP;
    IF as_of IS NULL THEN
        as_of := (now() AT TIME ZONE time_zone)::date;
    END IF;
END $$;
COMMENT ON FUNCTION @extschema@.current_settings() IS
    'the effective settings, typed: time_zone, period, as_of (today in time_zone unless set), inactivity_days (NULL: off), discount_rate, clv_periods, score_window_days, score_weights';

CREATE VIEW @extschema@.settings WITH (security_invoker = true) AS
SELECT d.name,
       CASE d.name
           WHEN 'as_of' THEN coalesce(v.value, c.as_of::text)
           ELSE coalesce(v.value, CASE WHEN d.default_text LIKE '(%' THEN NULL ELSE d.default_text END)
       END AS value,
       d.default_text AS "default",
       d.description
FROM @extschema@.setting_definition d
LEFT JOIN @extschema@.setting_value v ON v.name = d.name
CROSS JOIN @extschema@.current_settings() c
ORDER BY d.position;
COMMENT ON VIEW @extschema@.settings IS 'ror''s settings: the value in force, the default and what each changes (ror.set_setting, ror.reset_setting)';
COMMENT ON COLUMN @extschema@.settings.name IS 'setting name';
COMMENT ON COLUMN @extschema@.settings.value IS 'the value in force (as_of: the date used now; inactivity_days NULL: off)';
COMMENT ON COLUMN @extschema@.settings."default" IS 'the default';
COMMENT ON COLUMN @extschema@.settings.description IS 'what the setting changes';
GRANT SELECT ON @extschema@.settings TO PUBLIC;
GRANT SELECT ON @extschema@.setting_value TO PUBLIC;
