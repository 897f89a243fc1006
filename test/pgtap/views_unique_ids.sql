-- One row per customer_id: the report views keep the earliest acquired row of
-- each customer_id, which takes sorting every customer, unless a unique index
-- on the bound customers guarantees one row per id (ror._customer_id_unique).
-- Both ways give the same rows in every view, and only an index that really
-- guarantees it lets the sort go.
BEGIN;
SELECT plan(33);

SELECT * FROM ror.generate_demo_data('tap_uq', 700, 4) \g /dev/null
SELECT ror.set_setting('time_zone', 'America/New_York') \g /dev/null

-- every view's rows, as text in a fixed order
CREATE FUNCTION pg_temp.rows_of(v text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE r text;
BEGIN
    EXECUTE format('SELECT md5(coalesce(string_agg(t::text, %L ORDER BY t::text), %L)) || %L || count(*) FROM ror.%I t',
                   E'\n', '', '/', v) INTO r;
    RETURN r;
END $$;
CREATE TEMP TABLE views (v text);
INSERT INTO views VALUES ('nps_by_period'), ('churn_by_period'), ('cohort_retention'), ('customer_value'),
    ('model_fit'), ('data_issues'), ('customer_relationship'), ('scorecard'), ('retention_projection');

-- the demo's customers table has a primary key on customer_id
SELECT ok(ror._customer_id_unique(), 'a primary key on customer_id guarantees one row per customer');
SELECT ok(position('DISTINCT ON' IN ror._report_with()) = 0, 'and the reports then do not sort for it');
CREATE TEMP TABLE with_key AS SELECT v, pg_temp.rows_of(v) AS r FROM views;

-- the same rows through a view: no index to go by
CREATE VIEW tap_uq.customers_v AS SELECT * FROM tap_uq.customers;
SELECT ror.bind_source('customers', 'tap_uq.customers_v') \g /dev/null
SELECT ok(NOT ror._customer_id_unique(), 'a bound view has no index: not known to be unique');
SELECT ok(position('DISTINCT ON' IN ror._report_with()) > 0, 'and the reports then keep one row per customer_id');
SELECT is(pg_temp.rows_of(k.v), k.r, k.v || ': the same rows with and without the unique index')
FROM with_key k ORDER BY k.v;
SELECT ok((SELECT count(*) > 100 FROM ror.customer_value) AND (SELECT count(*) > 10 FROM ror.cohort_retention),
          'the views compared are not empty');

-- which indexes count: the customers bound alone (ids of one type)
SELECT ror.unbind_source(k) FROM unnest(ARRAY['orders', 'responses', 'interactions']) k \g /dev/null
CREATE FUNCTION pg_temp.unique_with(ddl text, id_type text DEFAULT 'bigint') RETURNS boolean LANGUAGE plpgsql AS $$
BEGIN
    PERFORM ror.unbind_source('customers');
    DROP TABLE IF EXISTS tap_uq.c CASCADE;
    EXECUTE format('CREATE TABLE tap_uq.c (customer_id %s, acquired_at date, churned_at date, segment text)', id_type);
    EXECUTE replace(ddl, '{t}', 'tap_uq.c');
    PERFORM ror.bind_source('customers', 'tap_uq.c');
    RETURN ror._customer_id_unique();
END $$;
SELECT ok(NOT pg_temp.unique_with('SELECT'), 'no index: not unique');
SELECT ok(NOT pg_temp.unique_with('CREATE INDEX ON {t} (customer_id)'), 'an index that is not unique: not unique');
SELECT ok(pg_temp.unique_with('ALTER TABLE {t} ADD UNIQUE (customer_id)'), 'a UNIQUE constraint: unique');
SELECT ok(pg_temp.unique_with('CREATE UNIQUE INDEX ON {t} (customer_id) INCLUDE (segment)'),
          'a unique index with included columns: unique');
SELECT ok(NOT pg_temp.unique_with('CREATE UNIQUE INDEX ON {t} (customer_id, acquired_at)'),
          'unique over customer_id and another column: not unique');
SELECT ok(NOT pg_temp.unique_with('CREATE UNIQUE INDEX ON {t} (segment)'), 'unique over another column: not unique');
SELECT ok(NOT pg_temp.unique_with('CREATE UNIQUE INDEX ON {t} (customer_id) WHERE churned_at IS NULL'),
          'a partial unique index: not unique');
SELECT ok(NOT pg_temp.unique_with('CREATE UNIQUE INDEX ON {t} ((customer_id + 0))'),
          'a unique index on an expression: not unique');
SELECT ok(NOT pg_temp.unique_with('ALTER TABLE {t} ADD UNIQUE (customer_id) DEFERRABLE'),
          'a deferrable unique constraint (duplicates until commit): not unique');
SELECT ok(NOT pg_temp.unique_with($$CREATE UNIQUE INDEX ON {t} (customer_id);
                                   UPDATE pg_index SET indisvalid = false WHERE indrelid = '{t}'::regclass$$),
          'an invalid unique index (a failed CREATE INDEX CONCURRENTLY): not unique');
SELECT ok(NOT pg_temp.unique_with('CREATE UNIQUE INDEX ON {t} (customer_id text_pattern_ops)', 'text'),
          'a unique index with an operator class that is not the default: not unique');
SELECT ok(NOT pg_temp.unique_with('CREATE UNIQUE INDEX ON {t} (customer_id COLLATE "POSIX")', 'text'),
          'a unique index in another collation than the column''s: not unique');
SELECT ok(pg_temp.unique_with('ALTER TABLE {t} ADD PRIMARY KEY (customer_id)', 'text'), 'a text primary key: unique');

-- a parent's key says nothing of its inheritance children, which the views read too
SELECT ok(NOT pg_temp.unique_with('ALTER TABLE {t} ADD PRIMARY KEY (customer_id); CREATE TABLE tap_uq.c_child () INHERITS ({t})'),
          'a primary key on a table with inheritance children: not unique');
INSERT INTO tap_uq.c VALUES (1, '2026-01-05', NULL, 'a');
INSERT INTO tap_uq.c_child VALUES (1, '2026-01-02', NULL, 'b'), (2, '2026-01-03', NULL, 'b');
SELECT ror.set_setting('as_of', '2026-02-28') \g /dev/null
SELECT is((SELECT rows FROM ror.data_issues WHERE problem LIKE 'duplicate customer_id%'), 1::int8,
          'the child''s duplicate id is counted');
SELECT is((SELECT array_agg(cohort_size::int || ':' || coalesce(segment, '-') ORDER BY segment) FROM ror.cohort_retention
           WHERE period_number = 0),
          ARRAY['2:b'], 'and the earliest acquired row is kept, the child''s');
-- a partitioned table's index covers its partitions
SELECT ok(pg_temp.unique_with('DROP TABLE {t}; CREATE TABLE {t} (customer_id bigint PRIMARY KEY, acquired_at date, churned_at date, segment text)
                                 PARTITION BY HASH (customer_id);
                               CREATE TABLE tap_uq.c_p0 PARTITION OF {t} FOR VALUES WITH (MODULUS 2, REMAINDER 0);
                               CREATE TABLE tap_uq.c_p1 PARTITION OF {t} FOR VALUES WITH (MODULUS 2, REMAINDER 1)'),
          'a partitioned table with a primary key on customer_id: unique');
SELECT ok(NOT pg_temp.unique_with('DROP TABLE {t}; CREATE TABLE {t} (customer_id bigint, acquired_at date, churned_at date, segment text)
                                     PARTITION BY RANGE (acquired_at);
                                   CREATE TABLE tap_uq.c_p0 PARTITION OF {t} FOR VALUES FROM (MINVALUE) TO (MAXVALUE);
                                   CREATE UNIQUE INDEX ON tap_uq.c_p0 (customer_id)'),
          'partitions unique each, the partitioned table not: not unique');
SELECT ok(pg_temp.unique_with('DROP TABLE {t}; CREATE TABLE tap_uq.c0 (customer_id bigint, acquired_at date, churned_at date, segment text);
                               CREATE MATERIALIZED VIEW {t} AS SELECT * FROM tap_uq.c0;
                               CREATE UNIQUE INDEX ON {t} (customer_id)'),
          'a materialized view with a unique index on customer_id: unique');

SELECT * FROM finish();
ROLLBACK;
