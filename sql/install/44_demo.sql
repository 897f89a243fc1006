-- ============================================================================
-- ror.generate_demo_data: realistic, reproducible demo tables bound as the four
-- sources.  Customers in three segments with acquisition costs; subscriptions
-- that churn with a monthly hazard per segment; orders from a BG/NBD process
-- with Gamma-Gamma spend while subscribed; NPS answers that go with activity;
-- interactions (referrals, shares, reviews, ...) that go with advocacy; and a
-- few bad rows, which ror.data_issues counts.  Data end on 2026-06-30.
-- ============================================================================

-- Random draws for the generator (random() after setseed: reproducible).  Like
-- every SQL function here they resolve names at install, not in the caller's
-- search_path: a SQL-standard body, or SET search_path.
CREATE FUNCTION @extschema@._demo_normal() RETURNS float8
LANGUAGE sql VOLATILE PARALLEL RESTRICTED
RETURN sqrt(-2 * ln(1 - random())) * cos(2 * pi() * random());
COMMENT ON FUNCTION @extschema@._demo_normal() IS 'internal: a standard normal draw (Box-Muller), for the demo data';

-- Gamma(shape, scale) by Marsaglia and Tsang (2000); shape < 1 boosted by U^(1/shape)
CREATE FUNCTION @extschema@._demo_gamma(shape float8, scale float8) RETURNS float8
LANGUAGE plpgsql VOLATILE PARALLEL RESTRICTED SET search_path = pg_catalog, pg_temp AS $$
DECLARE d float8; c float8; x float8; v float8; u float8; boost float8 := 1;
BEGIN
    IF shape < 1 THEN
        boost := (1 - random()) ^ (1 / shape);
        shape := shape + 1;
    END IF;
    d := shape - 1.0 / 3; c := 1 / sqrt(9 * d);
    LOOP
        x := @extschema@._demo_normal();
        v := (1 + c * x) ^ 3;
        CONTINUE WHEN v <= 0;
        u := 1 - random();
        EXIT WHEN ln(u) < 0.5 * x * x + d - d * v + d * ln(v);
    END LOOP;
    RETURN d * v * scale * boost;
END $$;
COMMENT ON FUNCTION @extschema@._demo_gamma(float8, float8) IS 'internal: a Gamma(shape, scale) draw (Marsaglia-Tsang), for the demo data';

CREATE FUNCTION @extschema@.generate_demo_data(schema name DEFAULT 'ror_demo', customers integer DEFAULT 10000,
                                               seed integer DEFAULT 1)
RETURNS TABLE (kind text, relation regclass, rows int8)
LANGUAGE plpgsql VOLATILE SET search_path = pg_catalog, pg_temp
    -- dates and floats become text in literals and stored settings: the same in every session
    SET DateStyle = 'ISO, YMD' SET extra_float_digits = 1 AS $$
DECLARE
    n int := customers;
    s text := quote_ident(schema);
    data_end constant date := date '2026-06-30';
    span constant int := 3 * 365;
    c record; t float8; horizon float8; lambda float8; p float8; nu float8;
    order_c bigint[] := '{}'; order_at timestamptz[] := '{}'; order_amt float8[] := '{}'; k int;
    flush text;
BEGIN
    IF n IS NULL OR n < 1 OR n > 10000000 THEN
        RAISE EXCEPTION 'ror.generate_demo_data: customers must be between 1 and 10000000, not %', n
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    IF schema IS NULL OR seed IS NULL THEN
        RAISE EXCEPTION 'ror.generate_demo_data: schema and seed must not be NULL'
            USING ERRCODE = 'invalid_parameter_value';
    END IF;
    PERFORM setseed(((seed::int8 % 2000003) / 2000003.0 * 2 - 1) * 0.999);
    -- a schema made by an earlier call goes, with the bindings of its tables
    PERFORM @extschema@.unbind_source(b.kind) FROM @extschema@.source_binding b
    JOIN pg_class r ON r.oid = b.relation JOIN pg_namespace ns ON ns.oid = r.relnamespace
    WHERE ns.nspname = schema;
    EXECUTE format('DROP SCHEMA IF EXISTS %s CASCADE', s);
    EXECUTE format('CREATE SCHEMA %s', s);
    EXECUTE format('COMMENT ON SCHEMA %s IS %L', s, 'demo data of the ror extension (ror.generate_demo_data)');
    EXECUTE format($t$
        CREATE TABLE %1$s.customers (customer_id bigint PRIMARY KEY, acquired_at timestamptz NOT NULL,
                                     churned_at timestamptz, segment text, acquisition_cost numeric(10, 2));
        CREATE TABLE %1$s.orders (order_id bigserial PRIMARY KEY, customer_id bigint, ordered_at timestamptz, amount numeric(10, 2));
        CREATE TABLE %1$s.responses (response_id bigserial PRIMARY KEY, customer_id bigint, responded_at timestamptz, score int);
        CREATE TABLE %1$s.interactions (interaction_id bigserial PRIMARY KEY, customer_id bigint, occurred_at timestamptz, kind text)
    $t$, s);

    -- customers: segment, acquisition uniform over three years, monthly churn hazard per segment
    EXECUTE format($t$
        INSERT INTO %1$s.customers
        SELECT i, %2$L::timestamptz - (random() * %3$s) * interval '1 day', NULL, seg,
               round((CASE seg WHEN 'basic' THEN 40 WHEN 'plus' THEN 90 ELSE 220 END
                      * exp(0.35 * @extschema@._demo_normal()))::numeric, 2)
        FROM (SELECT i, CASE WHEN u < 0.5 THEN 'basic' WHEN u < 0.8 THEN 'plus' ELSE 'pro' END AS seg
              FROM (SELECT i, random() AS u FROM generate_series(1, %4$s) i) x) y
    $t$, s, data_end + 1, span, n);
    EXECUTE format($t$
        UPDATE %1$s.customers
        SET churned_at = acquired_at + (ln(1 - random()) / ln(1 - CASE segment WHEN 'basic' THEN 0.06 WHEN 'plus' THEN 0.035 ELSE 0.02 END))
                                       * interval '30.44 days'
    $t$, s);
    EXECUTE format('UPDATE %1$s.customers SET churned_at = NULL WHERE churned_at > %2$L::timestamptz', s, data_end + 1);

    -- orders: BG/NBD while subscribed (first order at acquisition; lambda ~ Gamma(0.9, 1/20) a day,
    -- dropout after each purchase with p ~ Beta(0.5, 4)); spend Gamma(6, 1/nu), nu ~ Gamma(4, 1/15)
    -- orders go in by the 100,000 (one INSERT per customer made 1 M statements)
    flush := format('INSERT INTO %s.orders (customer_id, ordered_at, amount) SELECT * FROM unnest($1, $2, $3)', s);
    FOR c IN EXECUTE format('SELECT customer_id, acquired_at, churned_at FROM %s.customers ORDER BY customer_id', s) LOOP
        horizon := extract(epoch FROM (coalesce(c.churned_at, (data_end + 1)::timestamptz) - c.acquired_at)) / 86400;
        lambda := @extschema@._demo_gamma(0.9, 1.0 / 20);
        t := @extschema@._demo_gamma(0.5, 1); p := t / (t + @extschema@._demo_gamma(4, 1));
        nu := @extschema@._demo_gamma(4, 1.0 / 15);
        t := 0; k := 0;
        LOOP
            order_c := order_c || c.customer_id;
            order_at := order_at || (c.acquired_at + t * interval '1 day');
            order_amt := order_amt || round(@extschema@._demo_gamma(6, 1 / nu)::numeric, 2)::float8;
            k := k + 1;
            EXIT WHEN random() < p OR k >= 500;
            t := t - ln(1 - random()) / lambda;
            EXIT WHEN t >= horizon;
        END LOOP;
        IF cardinality(order_c) >= 100000 THEN
            EXECUTE flush USING order_c, order_at, order_amt;
            order_c := '{}'; order_at := '{}'; order_amt := '{}';
        END IF;
    END LOOP;
    EXECUTE flush USING order_c, order_at, order_amt;

    -- NPS: nine in ten customers answer one to three times while subscribed; those who
    -- buy more often, and are not about to churn, score higher
    EXECUTE format($t$
        INSERT INTO %1$s.responses (customer_id, responded_at, score)
        SELECT c.customer_id, at,
               least(10, greatest(0, round(7.2 + CASE c.segment WHEN 'pro' THEN 0.8 WHEN 'plus' THEN 0.3 ELSE -0.3 END
                                     + 0.6 * ln(1 + o.n) - CASE WHEN c.churned_at < at + interval '60 days' THEN 2.5 ELSE 0 END
                                     + 1.6 * @extschema@._demo_normal())))::int
        FROM %1$s.customers c
        JOIN (SELECT customer_id, count(*) AS n FROM %1$s.orders GROUP BY 1) o USING (customer_id)
        CROSS JOIN LATERAL (SELECT generate_series(1, 1 + floor(random() * 3)::int) WHERE c.customer_id IS NOT NULL) j
        CROSS JOIN LATERAL (SELECT c.acquired_at + random() * (coalesce(c.churned_at, %2$L::timestamptz) - c.acquired_at) AS at) w
        WHERE random() < 0.9
    $t$, s, data_end + 1);

    -- interactions: promoters refer, share and review more
    EXECUTE format($t$
        INSERT INTO %1$s.interactions (customer_id, occurred_at, kind)
        SELECT r.customer_id, r.responded_at + random() * interval '90 days',
               (ARRAY['referral', 'share', 'review', 'mention', 'follow'])[1 + floor(random() * 5)::int]
        FROM %1$s.responses r
        CROSS JOIN LATERAL generate_series(1, CASE WHEN r.score >= 9 THEN 3 WHEN r.score >= 7 THEN 1 ELSE 0 END) j
        WHERE random() < 0.5 AND r.responded_at + interval '90 days' < %2$L::timestamptz
    $t$, s, data_end + 1);

    -- a few bad rows, as real tables have them: the views leave them out and count them
    EXECUTE format($t$
        INSERT INTO %1$s.responses (customer_id, responded_at, score)
            VALUES (1, %2$L::timestamptz - interval '3 days', 11), (2, NULL, 8), (NULL, %2$L::timestamptz - interval '9 days', 10);
        INSERT INTO %1$s.orders (customer_id, ordered_at, amount) VALUES (3, %2$L::timestamptz - interval '5 days', NULL)
    $t$, s, data_end);

    EXECUTE format('ANALYZE %1$s.customers, %1$s.orders, %1$s.responses, %1$s.interactions', s);
    PERFORM @extschema@.bind_source('customers', format('%s.customers', s)::regclass);
    PERFORM @extschema@.bind_source('orders', format('%s.orders', s)::regclass);
    PERFORM @extschema@.bind_source('responses', format('%s.responses', s)::regclass);
    PERFORM @extschema@.bind_source('interactions', format('%s.interactions', s)::regclass);
    PERFORM @extschema@.set_setting('as_of', data_end::text);
    RETURN QUERY EXECUTE format($q$
        SELECT 'customers', %1$L::regclass, count(*) FROM %1$s
        UNION ALL SELECT 'orders', %2$L::regclass, count(*) FROM %2$s
        UNION ALL SELECT 'responses', %3$L::regclass, count(*) FROM %3$s
        UNION ALL SELECT 'interactions', %4$L::regclass, count(*) FROM %4$s $q$,
        s || '.customers', s || '.orders', s || '.responses', s || '.interactions');
END $$;
COMMENT ON FUNCTION @extschema@.generate_demo_data(name, integer, integer) IS
    'creates reproducible demo tables (customers, orders, responses, interactions, up to 2026-06-30) in the schema, binds them as the four sources and sets as_of to 2026-06-30';
