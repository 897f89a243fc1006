-- ror.bind_source / unbind_source / sources: odd identifiers, every accepted
-- column type, the errors (SQLSTATE and what the message names), rebinding,
-- renames, the guard against dropping what is bound, and empty views when
-- nothing is bound.  The reports read from the bound tables are compared with
-- plain SQL over the canonical data the tables are copied from.
BEGIN;
SELECT plan(142);
-- dates as most clients see them (other DateStyles are tested in views_reports and views_settings)
SET LOCAL DateStyle = 'ISO, MDY';
SET LOCAL client_min_messages = warning;   -- the CASCADE notices of the refused drops

SELECT ror.unbind_source(k) FROM unnest(ARRAY['customers', 'orders', 'responses', 'interactions']) k \g /dev/null
SELECT ror.reset_setting(name) FROM ror.setting_definition \g /dev/null
SELECT ror.set_setting('as_of', '2024-06-30') \g /dev/null

CREATE SCHEMA tap_vb;

-- the message, SQLSTATE and hint of the error a statement raises (NULL if none)
CREATE FUNCTION tap_vb.error_of(q text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE st text; msg text; hint text;
BEGIN
    EXECUTE q;
    RETURN NULL;
EXCEPTION WHEN OTHERS THEN
    GET STACKED DIAGNOSTICS st = RETURNED_SQLSTATE, msg = MESSAGE_TEXT, hint = PG_EXCEPTION_HINT;
    RETURN st || ': ' || msg || ' HINT: ' || coalesce(hint, '');
END $$;

-- set_eq, but a view that raises is one failed test, not the end of the file
CREATE FUNCTION tap_vb.try_set_eq(have text, want text, descr text) RETURNS text LANGUAGE plpgsql AS $$
BEGIN
    RETURN set_eq(have, want, descr);
EXCEPTION WHEN OTHERS THEN
    RETURN fail(descr) || E'\n' || diag('    died: ' || SQLSTATE || ': ' || SQLERRM);
END $$;

-- ---------------------------------------------------------------------------
-- Nothing bound: every view is empty, none fails.
-- ---------------------------------------------------------------------------
SELECT is_empty('SELECT * FROM ror.sources', 'nothing bound: ror.sources is empty');
SELECT is_empty('SELECT * FROM ror.nps_by_period', 'nothing bound: nps_by_period is empty');
SELECT is_empty('SELECT * FROM ror.churn_by_period', 'nothing bound: churn_by_period is empty');
SELECT is_empty('SELECT * FROM ror.cohort_retention', 'nothing bound: cohort_retention is empty');
SELECT is_empty('SELECT * FROM ror.data_issues', 'nothing bound: data_issues is empty');

-- ---------------------------------------------------------------------------
-- Canonical data, and the expected reports from it (month, UTC, as_of 2024-06-30).
-- ---------------------------------------------------------------------------
CREATE TABLE tap_vb.c0 (id int, acq date, churn date, seg text);
INSERT INTO tap_vb.c0 VALUES
    (1, '2024-01-01', NULL, 'aa'), (2, '2024-01-20', '2024-03-01', 'bb'), (3, '2024-02-10', '2024-02-25', 'aa'),
    (4, '2024-03-05', NULL, NULL), (5, '2024-03-31', '2024-05-01', 'bb');
CREATE TABLE tap_vb.r0 (id int, at date, score int);
INSERT INTO tap_vb.r0 VALUES
    (1, '2024-01-05', 10), (1, '2024-03-03', 7), (2, '2024-01-25', 3), (2, '2024-02-05', 9), (3, '2024-02-12', 6),
    (4, '2024-04-01', 9), (5, '2024-04-30', 0), (50, '2024-02-01', 8), (50, '2024-02-29', 10);

CREATE VIEW tap_vb.exp_nps AS
SELECT date_trunc('month', r.at::timestamp)::date AS period_start, c.seg AS segment, count(*) AS responses,
       count(*) FILTER (WHERE r.score >= 9) AS promoters, count(*) FILTER (WHERE r.score BETWEEN 7 AND 8) AS passives,
       count(*) FILTER (WHERE r.score <= 6) AS detractors
FROM tap_vb.r0 r LEFT JOIN tap_vb.c0 c ON c.id = r.id
GROUP BY 1, 2;

CREATE VIEW tap_vb.exp_cohort AS
SELECT date_trunc('month', m.acq::timestamp)::date AS cohort_start, m.seg AS segment, n AS period_number,
       count(*) AS cohort_size,
       count(*) FILTER (WHERE m.churn IS NULL OR m.churn > (date_trunc('month', m.acq::timestamp) + (n + 1) * interval '1 month')::date) AS retained
FROM tap_vb.c0 m CROSS JOIN generate_series(0, 12) n
WHERE (date_trunc('month', m.acq::timestamp) + (n + 1) * interval '1 month')::date - 1 <= date '2024-06-30'
GROUP BY 1, 2, 3;

CREATE VIEW tap_vb.nps_counts AS
SELECT period_start, segment, responses, promoters, passives, detractors FROM ror.nps_by_period;
CREATE VIEW tap_vb.cohort_counts AS
SELECT cohort_start, segment, period_number, cohort_size, retained FROM ror.cohort_retention;

-- Only responses bound: segments are NULL, churn and cohorts empty.
CREATE TABLE tap_vb.responses_only AS SELECT id::bigint AS customer_id, at AS responded_at, score FROM tap_vb.r0;
SELECT lives_ok($$SELECT ror.bind_source('responses', 'tap_vb.responses_only')$$, 'binds a table with the canonical column names');
SELECT set_eq('SELECT * FROM tap_vb.nps_counts',
              $$SELECT date_trunc('month', at::timestamp)::date AS p, NULL::text AS s, count(*) AS n,
                       count(*) FILTER (WHERE score >= 9) AS pr, count(*) FILTER (WHERE score BETWEEN 7 AND 8) AS pa,
                       count(*) FILTER (WHERE score <= 6) AS de
                FROM tap_vb.r0 GROUP BY 1$$,
              'customers unbound: nps_by_period has every response, without segment');
SELECT is_empty('SELECT * FROM ror.churn_by_period', 'customers unbound: churn_by_period is empty');
SELECT is_empty('SELECT * FROM ror.cohort_retention', 'customers unbound: cohort_retention is empty');
SELECT is(ror.unbind_source('responses'), true, 'unbind_source returns true when the kind was bound');
SELECT is(ror.unbind_source('responses'), false, 'unbind_source returns false when it was not');
SELECT is_empty('SELECT * FROM ror.nps_by_period', 'after unbind_source nps_by_period is empty again');

-- ---------------------------------------------------------------------------
-- Odd identifiers: quotes, spaces, semicolons, upper case; a view as source.
-- ---------------------------------------------------------------------------
CREATE SCHEMA "Odd ""Sch""; x";
CREATE TABLE "Odd ""Sch""; x"."Cust ""T""; DROP TABLE tap_vb.c0; --" (
    "Cust ID" bigint, "Acq;At" date, "churn""ed" date, "SEG" text, "Cost $" numeric);
INSERT INTO "Odd ""Sch""; x"."Cust ""T""; DROP TABLE tap_vb.c0; --" SELECT id, acq, churn, seg, 1 FROM tap_vb.c0;
CREATE TABLE tap_vb."RESP base" (who bigint, at date, s int);
INSERT INTO tap_vb."RESP base" SELECT id, at, score FROM tap_vb.r0;
CREATE VIEW "Odd ""Sch""; x"."Resp View" ("WHO", "When?", "Score'); --") AS SELECT who, at, s FROM tap_vb."RESP base";

SELECT lives_ok($$SELECT ror.bind_source('customers', '"Odd ""Sch""; x"."Cust ""T""; DROP TABLE tap_vb.c0; --"',
                                         '{"customer_id": "Cust ID", "acquired_at": "Acq;At", "churned_at": "churn\"ed",
                                           "segment": "SEG", "acquisition_cost": "Cost $"}')$$,
                'binds a table whose schema, name and columns need quoting');
SELECT lives_ok($$SELECT ror.bind_source('responses', '"Odd ""Sch""; x"."Resp View"',
                                         jsonb_build_object('customer_id', 'WHO', 'responded_at', 'When?', 'score', 'Score''); --'))$$,
                'binds a view whose columns need quoting');
SELECT set_eq($$SELECT kind, relation, column_mapping FROM ror.sources$$,
              $$VALUES ('customers', '"Odd ""Sch""; x"."Cust ""T""; DROP TABLE tap_vb.c0; --"'::regclass,
                        jsonb_build_object('customer_id', 'Cust ID', 'acquired_at', 'Acq;At', 'churned_at', 'churn"ed',
                                           'segment', 'SEG', 'acquisition_cost', 'Cost $')),
                       ('responses', '"Odd ""Sch""; x"."Resp View"'::regclass,
                        jsonb_build_object('customer_id', 'WHO', 'responded_at', 'When?', 'score', 'Score''); --'))$$,
              'ror.sources shows both bindings and their column mapping');
SELECT ok((SELECT bool_and(bound_at = now()) FROM ror.sources), 'bound_at is the time of binding');
SELECT set_eq('SELECT * FROM tap_vb.nps_counts', 'SELECT * FROM tap_vb.exp_nps', 'odd names: nps_by_period');
SELECT set_eq('SELECT * FROM tap_vb.cohort_counts', 'SELECT * FROM tap_vb.exp_cohort', 'odd names: cohort_retention');
SELECT is_empty('SELECT * FROM ror.data_issues', 'odd names: no data issues');
SELECT ok(to_regclass('tap_vb.c0') IS NOT NULL, 'a name that reads like SQL is never run as SQL');

-- renaming the table, a column, the schema keeps the binding
ALTER TABLE "Odd ""Sch""; x"."Cust ""T""; DROP TABLE tap_vb.c0; --" RENAME TO "Renamed ""T""";
ALTER TABLE "Odd ""Sch""; x"."Renamed ""T""" RENAME COLUMN "SEG" TO "Seg ment";
ALTER TABLE "Odd ""Sch""; x"."Renamed ""T""" RENAME COLUMN "Acq;At" TO acquired;
ALTER VIEW "Odd ""Sch""; x"."Resp View" RENAME COLUMN "WHO" TO "Who Now";
ALTER SCHEMA "Odd ""Sch""; x" RENAME TO "Renamed Sch";
SELECT set_eq($$SELECT kind, relation, column_mapping FROM ror.sources$$,
              $$VALUES ('customers', '"Renamed Sch"."Renamed ""T"""'::regclass,
                        jsonb_build_object('customer_id', 'Cust ID', 'acquired_at', 'acquired', 'churned_at', 'churn"ed',
                                           'segment', 'Seg ment', 'acquisition_cost', 'Cost $')),
                       ('responses', '"Renamed Sch"."Resp View"'::regclass,
                        jsonb_build_object('customer_id', 'Who Now', 'responded_at', 'When?', 'score', 'Score''); --'))$$,
              'after renames ror.sources shows the new names');
SELECT set_eq('SELECT * FROM tap_vb.nps_counts', 'SELECT * FROM tap_vb.exp_nps', 'after renames: nps_by_period unchanged');
SELECT set_eq('SELECT * FROM tap_vb.cohort_counts', 'SELECT * FROM tap_vb.exp_cohort', 'after renames: cohort_retention unchanged');

-- dropping what is bound is refused
SELECT throws_ok('DROP TABLE "Renamed Sch"."Renamed ""T"""', '2BP01', NULL, 'dropping a bound table: 2BP01');
SELECT matches(tap_vb.error_of('DROP TABLE "Renamed Sch"."Renamed ""T"""'),
               'Renamed ""T"".*customers.*HINT: .*unbind_source\(''customers''\)',
               'the error names the table and the kind, the hint says to unbind first');
SELECT throws_ok('ALTER TABLE "Renamed Sch"."Renamed ""T""" DROP COLUMN "Seg ment"', '2BP01', NULL,
                 'dropping a bound column (an optional one): 2BP01');
SELECT throws_ok('ALTER TABLE "Renamed Sch"."Renamed ""T""" DROP COLUMN "Cust ID"', '2BP01', NULL,
                 'dropping the bound customer_id column: 2BP01');
SELECT throws_ok('DROP VIEW "Renamed Sch"."Resp View"', '2BP01', NULL, 'dropping a bound view: 2BP01');
SELECT throws_ok('DROP TABLE tap_vb."RESP base" CASCADE', '2BP01', NULL,
                 'dropping the table under a bound view with CASCADE: 2BP01');
SELECT throws_ok('DROP SCHEMA "Renamed Sch" CASCADE', '2BP01', NULL, 'dropping the schema of a bound table: 2BP01');
ALTER TABLE "Renamed Sch"."Renamed ""T""" ADD COLUMN spare int;
SELECT lives_ok('ALTER TABLE "Renamed Sch"."Renamed ""T""" DROP COLUMN spare', 'dropping a column that is not bound works');
SELECT isnt(to_regclass('"Renamed Sch"."Renamed ""T"""'), NULL, 'the bound table is still there');
SELECT is((SELECT count(*) FROM ror.sources), 2::int8, 'both bindings are still there');
SELECT set_eq('SELECT * FROM tap_vb.nps_counts', 'SELECT * FROM tap_vb.exp_nps', 'after the refused drops: nps_by_period unchanged');
-- after unbinding, the drops work
SELECT is(ror.unbind_source('customers'), true, 'unbind customers');
SELECT lives_ok('ALTER TABLE "Renamed Sch"."Renamed ""T""" DROP COLUMN "Seg ment"', 'after unbind the column drop works');
SELECT lives_ok('DROP TABLE "Renamed Sch"."Renamed ""T"""', 'after unbind the table drop works');
SELECT is(ror.unbind_source('responses'), true, 'unbind responses');
SELECT lives_ok('DROP SCHEMA "Renamed Sch" CASCADE', 'after unbind the schema drop works');
SELECT is_empty('SELECT * FROM ror.sources', 'no binding left');

-- ---------------------------------------------------------------------------
-- Every accepted type.  Each case copies the canonical data into a customers
-- and a responses table with the column types given, binds both, and compares
-- nps_by_period and cohort_retention with the canonical expectation.
-- ---------------------------------------------------------------------------
CREATE DOMAIN tap_vb.id_dom AS bigint CHECK (VALUE > 0);
CREATE DOMAIN tap_vb.text_id_dom AS text;
CREATE DOMAIN tap_vb.day_dom AS date;
CREATE DOMAIN tap_vb.tstz_dom AS timestamptz;
CREATE TYPE tap_vb.seg_enum AS ENUM ('bb', 'aa');
CREATE DOMAIN tap_vb.seg_dom AS varchar(8);
CREATE DOMAIN tap_vb.score_dom AS smallint CHECK (VALUE BETWEEN -5 AND 20);

-- id: the SQL type and an expression of the canonical integer {i};
-- time: the SQL type and an expression of the canonical date {d}
CREATE FUNCTION tap_vb.check_types(label text, id_type text, id_expr text, time_type text, time_expr text,
                                   seg_type text, score_type text)
RETURNS SETOF text LANGUAGE plpgsql AS $f$
DECLARE
    c text := format('tap_vb.%I', 'customers ' || label);
    r text := format('tap_vb.%I', 'responses ' || label);
    i_c text := replace(id_expr, '{i}', 'c0.id');
    i_r text := replace(id_expr, '{i}', 'r0.id');
BEGIN
    EXECUTE format('CREATE TABLE %s (customer_id %s, acquired_at %s, churned_at %s, segment %s)',
                   c, id_type, time_type, time_type, seg_type);
    EXECUTE format('INSERT INTO %s SELECT %s, %s, %s, seg::%s FROM tap_vb.c0',
                   c, i_c, replace(time_expr, '{d}', 'c0.acq'), replace(time_expr, '{d}', 'c0.churn'), seg_type);
    EXECUTE format('CREATE TABLE %s (customer_id %s, responded_at %s, score %s)', r, id_type, time_type, score_type);
    EXECUTE format('INSERT INTO %s SELECT %s, %s, score FROM tap_vb.r0', r, i_r, replace(time_expr, '{d}', 'r0.at'));
    PERFORM ror.unbind_source('customers');
    PERFORM ror.unbind_source('responses');
    RETURN NEXT lives_ok(format('SELECT ror.bind_source(%L, %L), ror.bind_source(%L, %L)', 'customers', c, 'responses', r),
                         label || ': binds');
    RETURN NEXT tap_vb.try_set_eq('SELECT * FROM tap_vb.nps_counts', 'SELECT * FROM tap_vb.exp_nps', label || ': nps_by_period');
    RETURN NEXT tap_vb.try_set_eq('SELECT * FROM tap_vb.cohort_counts', 'SELECT * FROM tap_vb.exp_cohort', label || ': cohort_retention');
END $f$;

SELECT * FROM tap_vb.check_types('integer id, date', 'integer', '{i}', 'date', '{d}', 'text', 'integer');
SELECT * FROM tap_vb.check_types('text id, timestamp', 'text', '''cust-'' || {i}', 'timestamp', '({d} + time ''13:00'')', 'text', 'integer');
SELECT * FROM tap_vb.check_types('uuid id, timestamptz', 'uuid', '(''00000000-0000-4000-8000-'' || lpad({i}::text, 12, ''0''))::uuid',
                                 'timestamptz', '(({d} + time ''23:59'') AT TIME ZONE ''UTC'')', 'text', 'integer');
SELECT * FROM tap_vb.check_types('bigint domain id, date domain', 'tap_vb.id_dom', '{i}', 'tap_vb.day_dom', '{d}', 'text', 'integer');
SELECT * FROM tap_vb.check_types('text domain id, timestamptz domain', 'tap_vb.text_id_dom', '''#'' || {i}', 'tap_vb.tstz_dom',
                                 '(({d} + time ''00:00'') AT TIME ZONE ''UTC'')', 'text', 'integer');
SELECT * FROM tap_vb.check_types('varchar id', 'varchar(12)', '''v'' || {i}', 'date', '{d}', 'text', 'integer');
SELECT * FROM tap_vb.check_types('numeric id', 'numeric(8,1)', '{i} + 0.5', 'date', '{d}', 'text', 'integer');
-- char(n) ids: the canonical type of customer_id must keep the length
SELECT * FROM tap_vb.check_types('char(5) id', 'char(5)', '''C'' || lpad({i}::text, 4, ''0'')', 'date', '{d}', 'text', 'integer');
SELECT * FROM tap_vb.check_types('enum segment, smallint score', 'bigint', '{i}', 'date', '{d}', 'tap_vb.seg_enum', 'smallint');
SELECT * FROM tap_vb.check_types('varchar segment, bigint score', 'bigint', '{i}', 'date', '{d}', 'varchar(5)', 'bigint');
SELECT * FROM tap_vb.check_types('char segment, score domain', 'bigint', '{i}', 'date', '{d}', 'char(2)', 'tap_vb.score_dom');
SELECT * FROM tap_vb.check_types('segment domain', 'bigint', '{i}', 'date', '{d}', 'tap_vb.seg_dom', 'integer');

-- a partitioned table and a materialized view bind too
SELECT ror.unbind_source(k) FROM unnest(ARRAY['customers', 'responses']) k \g /dev/null
CREATE TABLE tap_vb.customers_parted (customer_id bigint, acquired_at date, churned_at date, segment text)
    PARTITION BY RANGE (acquired_at);
CREATE TABLE tap_vb.customers_parted_1 PARTITION OF tap_vb.customers_parted FOR VALUES FROM (MINVALUE) TO ('2024-02-01');
CREATE TABLE tap_vb.customers_parted_2 PARTITION OF tap_vb.customers_parted FOR VALUES FROM ('2024-02-01') TO (MAXVALUE);
INSERT INTO tap_vb.customers_parted SELECT id, acq, churn, seg FROM tap_vb.c0;
CREATE MATERIALIZED VIEW tap_vb.responses_mat AS SELECT id::bigint AS customer_id, at AS responded_at, score FROM tap_vb.r0;
SELECT lives_ok($$SELECT ror.bind_source('customers', 'tap_vb.customers_parted'), ror.bind_source('responses', 'tap_vb.responses_mat')$$,
                'binds a partitioned table and a materialized view');
SELECT set_eq('SELECT * FROM tap_vb.nps_counts', 'SELECT * FROM tap_vb.exp_nps', 'partitioned table, materialized view: nps_by_period');
SELECT set_eq('SELECT * FROM tap_vb.cohort_counts', 'SELECT * FROM tap_vb.exp_cohort', 'partitioned table: cohort_retention');
SELECT ror.unbind_source(k) FROM unnest(ARRAY['customers', 'responses']) k \g /dev/null

-- acquisition_cost and amount: every numeric type and a domain; the rows a
-- report leaves out (a negative or non-finite cost, a non-finite amount) are
-- counted in data_issues
CREATE DOMAIN tap_vb.money_dom AS numeric(12,2);
CREATE FUNCTION tap_vb.check_numbers(num_type text, vals text) RETURNS SETOF text LANGUAGE plpgsql AS $f$
DECLARE
    c text := format('tap_vb.%I', 'cost ' || num_type);
    o text := format('tap_vb.%I', 'amount ' || num_type);
BEGIN
    PERFORM ror.unbind_source(k) FROM unnest(ARRAY['customers', 'orders', 'responses']) k;
    EXECUTE format('CREATE TABLE %s (customer_id bigint, acquired_at date, churned_at date, acquisition_cost %s)', c, num_type);
    EXECUTE format('INSERT INTO %s SELECT row_number() OVER (), date ''2024-01-01'', NULL, v::%s FROM unnest(%L::text[]) v',
                   c, num_type, vals);
    EXECUTE format('CREATE TABLE %s (customer_id bigint, ordered_at date, amount %s)', o, num_type);
    EXECUTE format('INSERT INTO %s SELECT 1, date ''2024-02-01'', v::%s FROM unnest(%L::text[]) v', o, num_type, vals);
    RETURN NEXT lives_ok(format('SELECT ror.bind_source(%L, %L), ror.bind_source(%L, %L)', 'customers', c, 'orders', o),
                         num_type || ': binds as acquisition_cost and amount');
    RETURN NEXT tap_vb.try_set_eq(
        $$SELECT kind, problem, rows FROM ror.data_issues$$,
        format($$SELECT k, p, n FROM (
                   SELECT 'customers' AS k, 'acquisition_cost is negative or not finite' AS p,
                          count(*) FILTER (WHERE v::float8 < 0 OR v::float8 IN ('NaN', 'Infinity')) AS n
                   FROM unnest(%1$L::text[]) v
                   UNION ALL
                   SELECT 'orders', 'amount is NULL', count(*) FILTER (WHERE v IS NULL) FROM unnest(%1$L::text[]) v
                   UNION ALL
                   SELECT 'orders', 'amount is not finite',   -- a negative amount is a refund, kept
                          count(*) FILTER (WHERE v::float8 IN ('NaN', 'Infinity', '-Infinity')) FROM unnest(%1$L::text[]) v
                 ) x WHERE n > 0$$, vals),
        num_type || ': negative and non-finite values counted in data_issues');
    RETURN NEXT is((SELECT sum(customers_at_start + new_customers) FROM ror.churn_by_period WHERE period_start = '2024-01-01'),
                   (SELECT count(*) FROM unnest(vals::text[]) v
                    WHERE v IS NULL OR NOT (v::float8 < 0 OR v::float8 IN ('NaN', 'Infinity')))::numeric,
                   num_type || ': the customers with a usable cost are counted');
END $f$;
SELECT * FROM tap_vb.check_numbers('numeric', '{10.5,0,-1,NaN,Infinity,-Infinity,NULL}');
SELECT * FROM tap_vb.check_numbers('integer', '{10,0,-1,NULL}');
SELECT * FROM tap_vb.check_numbers('smallint', '{10,-3,NULL}');
SELECT * FROM tap_vb.check_numbers('bigint', '{10,0,-1,-2}');
SELECT * FROM tap_vb.check_numbers('real', '{10.5,0,-1,NaN,Infinity,NULL}');
SELECT * FROM tap_vb.check_numbers('double precision', '{1e300,0,-0.5,NaN,-Infinity}');
SELECT * FROM tap_vb.check_numbers('tap_vb.money_dom', '{12.34,-0.01,NULL}');

-- ---------------------------------------------------------------------------
-- Errors
-- ---------------------------------------------------------------------------
SELECT ror.unbind_source(k) FROM unnest(ARRAY['customers', 'orders', 'responses', 'interactions']) k \g /dev/null
CREATE TABLE tap_vb.c (customer_id bigint, acquired_at date, churned_at date, segment text, label int, doc json,
                       "Mixed Case" text, when_text text, score_num numeric, score_real real);
CREATE TABLE tap_vb.c_other (customer_id bigint, acquired_at date, churned_at date);
CREATE TABLE tap_vb.o_text (customer_id text, ordered_at date, amount numeric);
CREATE TABLE tap_vb.o_int (customer_id integer, ordered_at date, amount numeric);
CREATE TABLE tap_vb.o_dom (customer_id tap_vb.id_dom, ordered_at date, amount numeric);
CREATE TABLE tap_vb.r_bad (customer_id bigint, responded_at date, score numeric, score_real real, score_text text);
CREATE TABLE tap_vb.i_ok (customer_id bigint, occurred_at timestamptz, kind varchar(20), n int);
CREATE SEQUENCE tap_vb.seq;

SELECT throws_ok($$SELECT ror.bind_source('invoices', 'tap_vb.c')$$, '22023', NULL, 'unknown kind: 22023');
SELECT matches(tap_vb.error_of($$SELECT ror.bind_source('invoices', 'tap_vb.c')$$),
               'invoices.*HINT: .*customers.*orders.*responses.*interactions',
               'unknown kind: the message names it, the hint lists the kinds');
SELECT throws_ok($$SELECT ror.bind_source(NULL, 'tap_vb.c')$$, '22023', NULL, 'NULL kind: 22023');
SELECT throws_ok($$SELECT ror.unbind_source('invoices')$$, '22023', NULL, 'unbind_source of an unknown kind: 22023');
SELECT throws_ok($$SELECT ror.bind_source('customers', NULL)$$, '22023', NULL, 'NULL relation: 22023');
SELECT throws_ok($$SELECT ror.bind_source('customers', 'tap_vb.seq')$$, '42809', NULL, 'a sequence is not a table or view: 42809');

SELECT throws_ok($$SELECT ror.bind_source('orders', 'tap_vb.c')$$, '42703', NULL, 'missing column: 42703');
SELECT matches(tap_vb.error_of($$SELECT ror.bind_source('orders', 'tap_vb.c')$$),
               '"ordered_at".*tap_vb\.c\M', 'missing column: the message names the column and the relation');
SELECT throws_ok($$SELECT ror.bind_source('customers', 'tap_vb.c', '{"customer_id": "Customer Id"}')$$, '42703', NULL,
                 'a mapped column that does not exist: 42703');
SELECT matches(tap_vb.error_of($$SELECT ror.bind_source('customers', 'tap_vb.c', '{"customer_id": "Customer Id"}')$$),
               '"Customer Id".*tap_vb\.c\M', 'a mapped column that does not exist: the message names it and the relation');
SELECT throws_ok($$SELECT ror.bind_source('customers', 'tap_vb.c', '{"segment": "mixed case"}')$$, '42703', NULL,
                 'mapping names are case sensitive, and a missing optional column mapped explicitly: 42703');
SELECT lives_ok($$SELECT ror.bind_source('customers', 'tap_vb.c', '{"segment": "Mixed Case"}')$$,
                'the mapping takes the exact column name');

SELECT throws_ok($$SELECT ror.bind_source('customers', 'tap_vb.c', '{"customer_id": "doc"}')$$, '42804', NULL,
                 'json customer_id (no equality): 42804');
SELECT matches(tap_vb.error_of($$SELECT ror.bind_source('customers', 'tap_vb.c', '{"customer_id": "doc"}')$$),
               '"doc".*tap_vb\.c\M.*json', 'unusable type: the message names the column, the relation and the type');
SELECT throws_ok($$SELECT ror.bind_source('customers', 'tap_vb.c', '{"acquired_at": "label"}')$$, '42804', NULL,
                 'integer acquired_at: 42804');
SELECT throws_ok($$SELECT ror.bind_source('customers', 'tap_vb.c', '{"churned_at": "when_text"}')$$, '42804', NULL,
                 'text churned_at: 42804');
SELECT throws_ok($$SELECT ror.bind_source('customers', 'tap_vb.c', '{"segment": "label"}')$$, '42804', NULL,
                 'integer segment: 42804');
SELECT throws_ok($$SELECT ror.bind_source('customers', 'tap_vb.c', '{"acquisition_cost": "segment"}')$$, '42804', NULL,
                 'text acquisition_cost: 42804');
SELECT throws_ok($$SELECT ror.bind_source('responses', 'tap_vb.r_bad')$$, '42804', NULL, 'numeric score: 42804');
SELECT throws_ok($$SELECT ror.bind_source('responses', 'tap_vb.r_bad', '{"score": "score_real"}')$$, '42804', NULL,
                 'real score: 42804');
SELECT throws_ok($$SELECT ror.bind_source('responses', 'tap_vb.r_bad', '{"score": "score_text"}')$$, '42804', NULL,
                 'text score: 42804');
SELECT throws_ok($$SELECT ror.bind_source('interactions', 'tap_vb.i_ok', '{"kind": "n"}')$$, '42804', NULL,
                 'integer interaction kind: 42804');
SELECT lives_ok($$SELECT ror.bind_source('interactions', 'tap_vb.i_ok')$$, 'interactions with a varchar kind bind');

-- customers is bound with a bigint customer_id
SELECT throws_ok($$SELECT ror.bind_source('orders', 'tap_vb.o_text')$$, '42804', NULL,
                 'text customer_id beside a bigint one: 42804');
SELECT matches(tap_vb.error_of($$SELECT ror.bind_source('orders', 'tap_vb.o_text')$$),
               'tap_vb\.o_text.*text.*customers.*tap_vb\.c\M.*bigint',
               'differing customer_id: the message names both relations and both types');
SELECT throws_ok($$SELECT ror.bind_source('orders', 'tap_vb.o_int')$$, '42804', NULL,
                 'integer customer_id beside a bigint one: 42804');
SELECT lives_ok($$SELECT ror.bind_source('orders', 'tap_vb.o_dom')$$, 'a domain over bigint agrees with bigint');

SELECT throws_ok($$SELECT ror.bind_source('orders', 'tap_vb.o_dom', '{"bogus": "x"}')$$, '22023', NULL,
                 'unknown key in the mapping: 22023');
SELECT matches(tap_vb.error_of($$SELECT ror.bind_source('orders', 'tap_vb.o_dom', '{"bogus": "x"}')$$),
               '"bogus".*orders.*HINT: .*customer_id.*ordered_at.*amount',
               'unknown key: the message names it, the hint lists the columns of the kind');
SELECT throws_ok($$SELECT ror.bind_source('orders', 'tap_vb.o_dom', '["customer_id"]')$$, '22023', NULL,
                 'a JSON array as mapping: 22023');
SELECT throws_ok($$SELECT ror.bind_source('orders', 'tap_vb.o_dom', '"customer_id"')$$, '22023', NULL,
                 'a JSON string as mapping: 22023');
SELECT throws_ok($$SELECT ror.bind_source('orders', 'tap_vb.o_dom', 'null')$$, '22023', NULL,
                 'JSON null as mapping: 22023');
SELECT throws_ok($$SELECT ror.bind_source('orders', 'tap_vb.o_dom', '{"amount": 3}')$$, '22023', NULL,
                 'a mapping value that is not a string: 22023');

-- a failed rebinding keeps the binding in place; a good one replaces it
SELECT is((SELECT relation FROM ror.sources WHERE kind = 'customers'), 'tap_vb.c'::regclass, 'customers bound to tap_vb.c');
SELECT throws_ok($$SELECT ror.bind_source('customers', 'tap_vb.c', '{"segment": "label"}')$$, '42804', NULL,
                 'a failed rebinding raises');
SELECT is((SELECT column_mapping ->> 'segment' FROM ror.sources WHERE kind = 'customers'), 'Mixed Case',
          'and leaves the binding as it was');
SELECT lives_ok($$SELECT ror.bind_source('customers', 'tap_vb.c_other')$$, 'rebinding customers to another table');
SELECT is((SELECT relation FROM ror.sources WHERE kind = 'customers'), 'tap_vb.c_other'::regclass, 'the binding is replaced');
SELECT is((SELECT column_mapping FROM ror.sources WHERE kind = 'customers'),
          '{"customer_id": "customer_id", "acquired_at": "acquired_at", "churned_at": "churned_at"}'::jsonb,
          'optional columns absent from the new table are left unbound');
SELECT is((SELECT count(*) FROM ror.sources WHERE kind = 'customers'), 1::int8, 'one binding per kind');
SELECT lives_ok('DROP TABLE tap_vb.c', 'the table bound before is no longer guarded');
SELECT lives_ok($$SELECT ror.bind_source('orders', 'tap_vb.o_dom', NULL)$$, 'a NULL mapping means the canonical names');

SELECT * FROM finish();
ROLLBACK;
