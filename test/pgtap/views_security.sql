-- The views read the bound sources as the user who queries: they are
-- security_invoker, a role with SELECT on the views and the bound tables
-- reads them all, row-level security on a bound table limits what a role
-- sees (also for the owner with FORCE), and a role without SELECT on a bound
-- table gets 42501 rather than an empty answer.  Roles are made inside the
-- transaction and vanish with it.
BEGIN;
SELECT plan(43);
-- dates as most clients see them (other DateStyles are tested in views_reports and views_settings)
SET LOCAL DateStyle = 'ISO, MDY';

SELECT ror.unbind_source(k) FROM unnest(ARRAY['customers', 'orders', 'responses', 'interactions']) k \g /dev/null
SELECT ror.reset_setting(name) FROM ror.setting_definition \g /dev/null
SELECT ror.set_setting('as_of', '2024-06-30') \g /dev/null

SELECT is_empty($$
    SELECT c.relname FROM pg_class c
    WHERE c.relnamespace = 'ror'::regnamespace AND c.relkind = 'v'
      AND NOT coalesce(c.reloptions @> ARRAY['security_invoker=true'], false) $$,
    'every ror view is security_invoker');
SELECT ok((SELECT count(*) FROM pg_class c WHERE c.relnamespace = 'ror'::regnamespace AND c.relkind = 'v'
           AND c.relname IN ('sources', 'settings', 'nps_by_period', 'churn_by_period', 'cohort_retention', 'data_issues')) = 6,
          'the six views are there');
-- the functions the views read run as the caller too
CREATE TEMP VIEW tap_vsec_view_functions AS
SELECT DISTINCT c.relname, p.oid::regprocedure::text AS fn, p.prosecdef
FROM pg_class c
JOIN pg_rewrite w ON w.ev_class = c.oid
JOIN pg_depend d ON d.classid = 'pg_rewrite'::regclass AND d.objid = w.oid AND d.refclassid = 'pg_proc'::regclass
JOIN pg_proc p ON p.oid = d.refobjid
WHERE c.relnamespace = 'ror'::regnamespace AND c.relkind = 'v';
SELECT ok((SELECT count(DISTINCT relname) FROM tap_vsec_view_functions
           WHERE relname IN ('nps_by_period', 'churn_by_period', 'cohort_retention', 'data_issues')) = 4
          AND NOT EXISTS (SELECT FROM tap_vsec_view_functions WHERE prosecdef),
          'the report views read functions, none of them security definer');

CREATE SCHEMA tap_vsec;
CREATE TABLE tap_vsec.customers (customer_id int, acquired_at date, churned_at date, segment text, owner name);
INSERT INTO tap_vsec.customers VALUES
    (1, '2024-01-05', NULL, 'a', 'tap_vsec_reader'), (2, '2024-01-20', '2024-03-10', 'b', 'tap_vsec_reader'),
    (3, '2024-02-05', '2024-04-01', 'a', 'tap_vsec_owner'), (4, '2024-03-15', NULL, NULL, 'tap_vsec_owner'),
    (5, '2024-04-01', '2024-05-20', 'b', 'somebody_else'), (NULL, '2024-01-01', NULL, 'a', 'somebody_else');
CREATE TABLE tap_vsec.orders (customer_id int, ordered_at date, amount numeric);
INSERT INTO tap_vsec.orders VALUES (1, '2024-02-01', 10), (3, '2024-02-10', 5), (5, '2024-07-10', 1);
CREATE TABLE tap_vsec.responses (customer_id int, responded_at date, score int, owner name);
INSERT INTO tap_vsec.responses VALUES
    (1, '2024-01-10', 10, 'tap_vsec_reader'), (2, '2024-01-25', 3, 'tap_vsec_reader'), (1, '2024-02-10', 8, 'tap_vsec_reader'),
    (3, '2024-02-15', 9, 'tap_vsec_owner'), (4, '2024-03-20', 0, 'tap_vsec_owner'), (4, '2024-03-21', 10, 'tap_vsec_owner'),
    (5, '2024-04-10', 6, 'somebody_else'), (9, '2024-01-12', 9, 'somebody_else'), (1, '2024-05-01', 11, 'somebody_else'),
    (2, '2024-02-20', NULL, 'tap_vsec_reader');
CREATE TABLE tap_vsec.interactions (customer_id int, occurred_at date, kind text);
INSERT INTO tap_vsec.interactions VALUES (1, '2024-02-01', 'call'), (NULL, '2024-02-01', 'call');
SELECT ror.bind_source(k, ('tap_vsec.' || k)::regclass) FROM unnest(ARRAY['customers', 'orders', 'responses', 'interactions']) k \g /dev/null

-- expected NPS counts per month and segment of the responses a role sees
CREATE FUNCTION tap_vsec.exp_nps(visible name[]) RETURNS TABLE (p date, s text, n int8, pr int8, pa int8, de int8)
LANGUAGE sql AS $$
    SELECT date_trunc('month', r.responded_at::timestamp)::date, c.segment, count(*),
           count(*) FILTER (WHERE r.score >= 9), count(*) FILTER (WHERE r.score BETWEEN 7 AND 8),
           count(*) FILTER (WHERE r.score <= 6)
    FROM tap_vsec.responses r LEFT JOIN tap_vsec.customers c ON c.customer_id = r.customer_id
    WHERE r.score BETWEEN 0 AND 10 AND r.owner = ANY (visible)
    GROUP BY 1, 2
$$;
-- computed now, as the superuser, for the roles to compare with
CREATE TABLE tap_vsec.expected AS
SELECT 'all' AS who, * FROM tap_vsec.exp_nps(ARRAY['tap_vsec_reader', 'tap_vsec_owner', 'somebody_else']::name[])
UNION ALL SELECT 'reader', * FROM tap_vsec.exp_nps(ARRAY['tap_vsec_reader']::name[])
UNION ALL SELECT 'owner', * FROM tap_vsec.exp_nps(ARRAY['tap_vsec_owner']::name[]);
CREATE VIEW tap_vsec.nps AS SELECT period_start, segment, responses, promoters, passives, detractors FROM ror.nps_by_period;
-- what the superuser reads, for the roles to compare with
CREATE TABLE tap_vsec.super_churn AS SELECT * FROM ror.churn_by_period;
CREATE TABLE tap_vsec.super_cohort AS SELECT * FROM ror.cohort_retention;
CREATE TABLE tap_vsec.super_issues AS SELECT * FROM ror.data_issues;
CREATE TABLE tap_vsec.super_sources AS SELECT kind, relation::text, column_mapping FROM ror.sources;
CREATE TABLE tap_vsec.super_relationship AS SELECT * FROM ror.customer_relationship;
CREATE TABLE tap_vsec.super_scorecard AS SELECT * FROM ror.scorecard;
SELECT ror.snapshot_scorecard() \g /dev/null
SELECT ok(EXISTS (SELECT p, s, n, pr, pa, de FROM tap_vsec.expected WHERE who = 'all'
                   EXCEPT SELECT p, s, n, pr, pa, de FROM tap_vsec.expected WHERE who = 'reader')
          AND EXISTS (SELECT p, s, n, pr, pa, de FROM tap_vsec.expected WHERE who = 'all'
                      EXCEPT SELECT p, s, n, pr, pa, de FROM tap_vsec.expected WHERE who = 'owner')
          AND EXISTS (SELECT FROM tap_vsec.expected WHERE who = 'reader')
          AND EXISTS (SELECT FROM tap_vsec.expected WHERE who = 'owner'),
          'the expected answers of the reader, the owner and everyone differ');
SELECT set_eq('SELECT * FROM tap_vsec.nps', $$SELECT p, s, n, pr, pa, de FROM tap_vsec.expected WHERE who = 'all'$$,
              'the superuser sees every response');
SELECT ok((SELECT count(*) FROM tap_vsec.super_churn) > 0 AND (SELECT count(*) FROM tap_vsec.super_cohort) > 0
          AND (SELECT count(*) FROM tap_vsec.super_issues) > 0,
          'the superuser''s churn, cohorts and data issues are not empty');

-- ---------------------------------------------------------------------------
-- A reader: USAGE on ror (EXECUTE on its functions is the default), SELECT
-- on the views (granted to PUBLIC) and on the bound tables
-- ---------------------------------------------------------------------------
CREATE ROLE tap_vsec_reader NOLOGIN;
CREATE ROLE tap_vsec_owner NOLOGIN;
CREATE ROLE tap_vsec_nobody NOLOGIN;
GRANT USAGE ON SCHEMA ror TO tap_vsec_reader, tap_vsec_owner, tap_vsec_nobody;
GRANT USAGE ON SCHEMA tap_vsec TO tap_vsec_reader, tap_vsec_owner, tap_vsec_nobody;
GRANT SELECT ON tap_vsec.customers, tap_vsec.orders, tap_vsec.responses, tap_vsec.interactions TO tap_vsec_reader;
GRANT SELECT ON tap_vsec.expected, tap_vsec.super_churn, tap_vsec.super_cohort, tap_vsec.super_issues, tap_vsec.super_sources,
                tap_vsec.nps, tap_vsec.super_relationship, tap_vsec.super_scorecard TO tap_vsec_reader, tap_vsec_owner, tap_vsec_nobody;

SET ROLE tap_vsec_reader;
SELECT set_eq('SELECT * FROM tap_vsec.nps', $$SELECT p, s, n, pr, pa, de FROM tap_vsec.expected WHERE who = 'all'$$,
              'reader: nps_by_period as the superuser sees it');
SELECT set_eq('SELECT * FROM ror.churn_by_period', 'SELECT * FROM tap_vsec.super_churn', 'reader: churn_by_period');
SELECT set_eq('SELECT * FROM ror.cohort_retention', 'SELECT * FROM tap_vsec.super_cohort', 'reader: cohort_retention');
SELECT set_eq('SELECT * FROM ror.data_issues', 'SELECT * FROM tap_vsec.super_issues', 'reader: data_issues');
SELECT set_eq('SELECT kind, relation::text, column_mapping FROM ror.sources', 'SELECT * FROM tap_vsec.super_sources',
              'reader: sources');
SELECT is((SELECT value FROM ror.settings WHERE name = 'as_of'), '2024-06-30', 'reader: settings');
SELECT set_eq('SELECT * FROM ror.customer_relationship', 'SELECT * FROM tap_vsec.super_relationship', 'reader: customer_relationship');
SELECT set_eq('SELECT * FROM ror.scorecard', 'SELECT * FROM tap_vsec.super_scorecard', 'reader: scorecard');
-- the snapshots are ror's own table, readable like the views; storing them is not the reader's
SELECT set_eq('SELECT * FROM ror.scorecard_history', $$SELECT '2024-06-30'::date, * FROM tap_vsec.super_scorecard$$,
              'reader: scorecard_history holds the snapshot the superuser took');
SELECT throws_ok('SELECT ror.snapshot_scorecard()', '42501', NULL, 'reader: snapshot_scorecard is refused (42501)');
RESET ROLE;
REVOKE SELECT ON ror.scorecard_snapshot FROM PUBLIC;
SET ROLE tap_vsec_reader;
SELECT throws_ok('SELECT * FROM ror.scorecard_history', '42501', NULL,
                 'SELECT on ror.scorecard_snapshot revoked from PUBLIC: scorecard_history raises 42501');
RESET ROLE;
GRANT SELECT ON ror.scorecard_snapshot TO PUBLIC;
SET ROLE tap_vsec_reader;
-- configuration is not the reader's to change
SELECT throws_ok($$SELECT ror.set_setting('period', 'week')$$, '42501', NULL, 'reader: set_setting is refused (42501)');
SELECT throws_ok($$SELECT ror.bind_source('responses', 'tap_vsec.customers', '{"responded_at": "acquired_at", "score": "customer_id"}')$$,
                 '42501', NULL, 'reader: bind_source is refused (42501)');
SELECT throws_ok($$SELECT ror.unbind_source('orders')$$, '42501', NULL, 'reader: unbind_source is refused (42501)');
RESET ROLE;

-- privileges on the bound columns only are enough: the views read no other column
CREATE ROLE tap_vsec_columns NOLOGIN;
GRANT USAGE ON SCHEMA ror, tap_vsec TO tap_vsec_columns;
GRANT SELECT (customer_id, acquired_at, churned_at, segment) ON tap_vsec.customers TO tap_vsec_columns;
GRANT SELECT (customer_id, ordered_at, amount) ON tap_vsec.orders TO tap_vsec_columns;
GRANT SELECT (customer_id, responded_at, score) ON tap_vsec.responses TO tap_vsec_columns;
GRANT SELECT (customer_id, occurred_at, kind) ON tap_vsec.interactions TO tap_vsec_columns;
GRANT SELECT ON tap_vsec.expected, tap_vsec.super_churn, tap_vsec.super_issues, tap_vsec.nps TO tap_vsec_columns;
SET ROLE tap_vsec_columns;
SELECT set_eq('SELECT * FROM tap_vsec.nps', $$SELECT p, s, n, pr, pa, de FROM tap_vsec.expected WHERE who = 'all'$$,
              'SELECT on the bound columns only: nps_by_period');
SELECT set_eq('SELECT * FROM ror.churn_by_period', 'SELECT * FROM tap_vsec.super_churn',
              'SELECT on the bound columns only: churn_by_period');
SELECT set_eq('SELECT * FROM ror.data_issues', 'SELECT * FROM tap_vsec.super_issues',
              'SELECT on the bound columns only: data_issues');
RESET ROLE;
REVOKE SELECT (score) ON tap_vsec.responses FROM tap_vsec_columns;
SET ROLE tap_vsec_columns;
SELECT throws_ok('SELECT * FROM ror.nps_by_period', '42501', NULL, 'without SELECT on the bound score column: 42501');
RESET ROLE;

-- ---------------------------------------------------------------------------
-- Row-level security on the bound responses
-- ---------------------------------------------------------------------------
CREATE TABLE tap_vsec.expected_reader_issues AS
SELECT CASE WHEN score IS NULL THEN 'score is NULL' ELSE 'score outside 0-10' END AS problem, count(*) AS n
FROM tap_vsec.responses WHERE owner = 'tap_vsec_reader' AND (score IS NULL OR score NOT BETWEEN 0 AND 10) GROUP BY 1;
GRANT SELECT ON tap_vsec.expected_reader_issues TO tap_vsec_reader;
ALTER TABLE tap_vsec.responses ENABLE ROW LEVEL SECURITY;
CREATE POLICY own_rows ON tap_vsec.responses FOR SELECT USING (owner = current_user);

SET ROLE tap_vsec_reader;
SELECT set_eq('SELECT * FROM tap_vsec.nps', $$SELECT p, s, n, pr, pa, de FROM tap_vsec.expected WHERE who = 'reader'$$,
              'RLS: the reader sees only its own responses through nps_by_period');
SELECT set_eq($$SELECT problem, rows FROM ror.data_issues WHERE kind = 'responses'$$,
              'SELECT * FROM tap_vsec.expected_reader_issues',
              'RLS: data_issues counts only the reader''s rows');
-- customer 1's latest response in the window (May 1, score 11) is invalid; visible to the reader: Feb 10, score 8
SELECT is((SELECT advocacy FROM ror.customer_relationship WHERE customer_id = 1), 0.5::float8,
          'RLS: customer_relationship''s advocacy comes from the responses the reader sees');
SELECT is((SELECT nps FROM ror.scorecard WHERE is_total), 0::float8,
          'RLS: the scorecard''s NPS counts the reader''s responses only (10, 3, 8 in the window: 100 * (1 - 1) / 3)');
RESET ROLE;
SELECT set_eq('SELECT * FROM tap_vsec.nps', $$SELECT p, s, n, pr, pa, de FROM tap_vsec.expected WHERE who = 'all'$$,
              'RLS: the superuser still sees every response');

-- the owner of the table is exempt from its policies unless FORCE
ALTER TABLE tap_vsec.responses OWNER TO tap_vsec_owner;
GRANT SELECT ON tap_vsec.customers, tap_vsec.orders, tap_vsec.interactions TO tap_vsec_owner;
SET ROLE tap_vsec_owner;
SELECT set_eq('SELECT * FROM tap_vsec.nps', $$SELECT p, s, n, pr, pa, de FROM tap_vsec.expected WHERE who = 'all'$$,
              'RLS without FORCE: the owner sees every response');
RESET ROLE;
ALTER TABLE tap_vsec.responses FORCE ROW LEVEL SECURITY;
SET ROLE tap_vsec_owner;
SELECT set_eq('SELECT * FROM tap_vsec.nps', $$SELECT p, s, n, pr, pa, de FROM tap_vsec.expected WHERE who = 'owner'$$,
              'RLS with FORCE: the owner sees only its own responses');
RESET ROLE;
SET ROLE tap_vsec_reader;
SELECT set_eq('SELECT * FROM tap_vsec.nps', $$SELECT p, s, n, pr, pa, de FROM tap_vsec.expected WHERE who = 'reader'$$,
              'RLS with FORCE: the reader still sees only its own responses');
RESET ROLE;

-- RLS on customers too: the segments of customers the reader cannot see are NULL
ALTER TABLE tap_vsec.customers ENABLE ROW LEVEL SECURITY;
CREATE POLICY own_customers ON tap_vsec.customers FOR SELECT USING (owner = current_user);
CREATE TABLE tap_vsec.expected_reader_segments AS
SELECT date_trunc('month', r.responded_at::timestamp)::date AS p, c.segment AS s, count(*) AS n
FROM tap_vsec.responses r
LEFT JOIN tap_vsec.customers c ON c.customer_id = r.customer_id AND c.owner = 'tap_vsec_reader'
WHERE r.owner = 'tap_vsec_reader' AND r.score BETWEEN 0 AND 10
GROUP BY 1, 2;
GRANT SELECT ON tap_vsec.expected_reader_segments TO tap_vsec_reader;
SET ROLE tap_vsec_reader;
SELECT set_eq('SELECT period_start, segment, responses FROM ror.nps_by_period', 'SELECT * FROM tap_vsec.expected_reader_segments',
              'RLS on customers and responses: the reader''s responses with the segments it can see');
SELECT is((SELECT min(period_start) FROM ror.churn_by_period),
          (SELECT date_trunc('month', min(acquired_at)::timestamp)::date FROM tap_vsec.customers),
          'RLS on customers: churn_by_period starts with the reader''s first customer');
RESET ROLE;

-- ---------------------------------------------------------------------------
-- No SELECT on a bound table: an error, not an empty answer
-- ---------------------------------------------------------------------------
SET ROLE tap_vsec_nobody;
SELECT throws_ok('SELECT * FROM ror.nps_by_period', '42501', NULL, 'no SELECT on the bound tables: nps_by_period raises 42501');
SELECT throws_ok('SELECT * FROM ror.churn_by_period', '42501', NULL, 'no SELECT on the bound tables: churn_by_period raises 42501');
SELECT throws_ok('SELECT * FROM ror.data_issues', '42501', NULL, 'no SELECT on the bound tables: data_issues raises 42501');
SELECT throws_ok('SELECT * FROM ror.cohort_retention', '42501', NULL, 'no SELECT on the bound tables: cohort_retention raises 42501');
SELECT throws_ok('SELECT * FROM ror.customer_value', '42501', NULL, 'no SELECT on the bound tables: customer_value raises 42501');
SELECT throws_ok('SELECT * FROM ror.model_fit', '42501', NULL, 'no SELECT on the bound tables: model_fit raises 42501');
SELECT throws_ok('SELECT * FROM ror.customer_relationship', '42501', NULL, 'no SELECT on the bound tables: customer_relationship raises 42501');
SELECT throws_ok('SELECT * FROM ror.scorecard', '42501', NULL, 'no SELECT on the bound tables: scorecard raises 42501');
RESET ROLE;
-- SELECT on everything but the responses
GRANT SELECT ON tap_vsec.customers, tap_vsec.orders, tap_vsec.interactions TO tap_vsec_nobody;
SET ROLE tap_vsec_nobody;
SELECT throws_ok('SELECT * FROM ror.nps_by_period', '42501', NULL, 'no SELECT on the bound responses only: nps_by_period raises 42501');
RESET ROLE;

SELECT * FROM finish();
ROLLBACK;
