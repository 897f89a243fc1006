-- bench/load/check.sql: the checks after the load, one line each: PASS|FAIL name detail.
-- psql -At -v tx_order=N -v tx_response=N -v tx_interaction=N -v tx_customer=N (pgbench's
-- committed transactions per insert script)
\set ON_ERROR_STOP 1
-- the quiet re-run of every view
INSERT INTO load.hash_log (phase, v, hash, hash12)
SELECT 'after', w.v, h.hash, h.hash12 FROM load.views w CROSS JOIN LATERAL load.view_hash(w.v) h ORDER BY w.i;

CREATE TEMP TABLE expected AS
SELECT :tx_order::int8 AS tx_order, :tx_response::int8 AS tx_response,
       :tx_interaction::int8 AS tx_interaction, :tx_customer::int8 AS tx_customer;

-- every inserted row, with its token (client, n) read back from its date
CREATE TEMP TABLE inserted AS
SELECT t.tbl, t.customer_id, (s / 1000000)::int AS client, (s % 1000000)::int AS n
FROM (SELECT 'customers' AS tbl, customer_id, acquired_at AS at FROM ror_demo.customers WHERE acquired_at >= load.base()
      UNION ALL SELECT 'orders', customer_id, ordered_at FROM ror_demo.orders WHERE ordered_at >= load.base()
      UNION ALL SELECT 'responses', customer_id, responded_at FROM ror_demo.responses WHERE responded_at >= load.base()
      UNION ALL SELECT 'interactions', customer_id, occurred_at FROM ror_demo.interactions WHERE occurred_at >= load.base()) t
CROSS JOIN LATERAL (SELECT extract(epoch FROM t.at - load.base())::int8 AS s) e;

-- rows per table: the baseline plus what pgbench committed
WITH got AS (SELECT tbl, count(*) AS n FROM inserted GROUP BY tbl),
want AS (
    SELECT 'customers' AS tbl, b.customers + x.tx_customer AS n FROM load.baseline b, expected x
    UNION ALL SELECT 'orders', b.orders + x.tx_order + x.tx_customer FROM load.baseline b, expected x
    UNION ALL SELECT 'responses', b.responses + x.tx_response + x.tx_customer FROM load.baseline b, expected x
    UNION ALL SELECT 'interactions', b.interactions + x.tx_interaction FROM load.baseline b, expected x)
SELECT CASE WHEN coalesce(g.n, 0) = w.n THEN 'PASS' ELSE 'FAIL' END, 'rows_inserted_' || w.tbl,
       format('%s rows dated after as_of, expected %s', coalesce(g.n, 0), w.n)
FROM want w LEFT JOIN got g USING (tbl)
ORDER BY array_position(ARRAY['customers', 'orders', 'responses', 'interactions'], w.tbl);

-- tokens: one per committed insert transaction, none missing in any client's sequence, each
-- with the rows of its script (1 row; or customer + order + response of one new customer)
WITH tok AS (
    SELECT client, n, count(*) FILTER (WHERE tbl = 'customers') AS c, count(*) FILTER (WHERE tbl = 'orders') AS o,
           count(*) FILTER (WHERE tbl = 'responses') AS r, count(*) AS total,
           count(DISTINCT customer_id) AS ids, min(customer_id) AS id
    FROM inserted GROUP BY client, n),
per_client AS (SELECT client, count(*) AS tokens, max(n) AS last FROM tok GROUP BY client),
bad_shape AS (
    SELECT * FROM tok
    WHERE NOT (total = 1 AND c = 0 OR (c, o, r, total, ids) = (1, 1, 1, 3, 1) AND id = 1000000000 + client * 1000000 + n))
SELECT CASE WHEN (SELECT sum(tokens) FROM per_client) IS NOT DISTINCT FROM
                 (SELECT tx_order + tx_response + tx_interaction + tx_customer FROM expected)
            THEN 'PASS' ELSE 'FAIL' END, 'insert_tokens_vs_pgbench',
       format('%s tokens, pgbench committed %s insert transactions', (SELECT sum(tokens) FROM per_client),
              (SELECT tx_order + tx_response + tx_interaction + tx_customer FROM expected))
UNION ALL
SELECT CASE WHEN count(*) FILTER (WHERE tokens <> last) = 0 THEN 'PASS' ELSE 'FAIL' END, 'insert_tokens_no_gap',
       format('%s clients inserted, %s with a gap in 1..n (%s)', count(*), count(*) FILTER (WHERE tokens <> last),
              string_agg(format('client %s: %s of %s', client, tokens, last), ', ') FILTER (WHERE tokens <> last))
FROM per_client
UNION ALL
SELECT CASE WHEN count(*) = 0 THEN 'PASS' ELSE 'FAIL' END, 'insert_tokens_shape',
       format('%s tokens with rows not of one insert script', count(*))
FROM bad_shape;

-- data_issues counts the rows after as_of: exactly those inserted
WITH di AS (SELECT kind, rows FROM ror.data_issues WHERE problem LIKE '%after as\_of%'),
got AS (SELECT tbl, count(*) AS n FROM inserted GROUP BY tbl)
SELECT CASE WHEN bool_and(coalesce(di.rows, 0) = coalesce(g.n, 0)) THEN 'PASS' ELSE 'FAIL' END, 'data_issues_after_as_of',
       string_agg(format('%s %s/%s', k, coalesce(di.rows, 0), coalesce(g.n, 0)), ', ' ORDER BY k)
FROM unnest(ARRAY['customers', 'orders', 'responses', 'interactions']) k
LEFT JOIN di ON di.kind = k LEFT JOIN got g ON g.tbl = k;

-- every view's answer: the same md5 before, in every sample during the load, and after
SELECT CASE WHEN count(*) FILTER (WHERE h.hash <> b.hash) = 0 AND count(*) FILTER (WHERE h.phase = 'after') = 1
            THEN 'PASS' ELSE 'FAIL' END, 'same_answer_' || v.v,
       format('%s samples during the load, %s differ from before; after: %s%s', count(*) FILTER (WHERE h.phase = 'during'),
              count(*) FILTER (WHERE h.phase = 'during' AND h.hash <> b.hash),
              CASE WHEN bool_and(h.hash = b.hash) FILTER (WHERE h.phase = 'after') THEN 'same' ELSE 'DIFFERS' END,
              CASE WHEN count(*) FILTER (WHERE h.hash <> b.hash) = 0 THEN ''
                   WHEN count(*) FILTER (WHERE h.hash12 <> b.hash12) = 0 THEN ' (only beyond 12 significant digits)'
                   ELSE format(' (%s differ also to 12 significant digits)', count(*) FILTER (WHERE h.hash12 <> b.hash12)) END)
FROM load.views v
JOIN load.hash_log b ON b.v = v.v AND b.phase = 'before'
LEFT JOIN load.hash_log h ON h.v = v.v AND h.phase <> 'before'
GROUP BY v.i, v.v ORDER BY v.i;
-- the same with every float8 rounded to 12 significant digits: a difference here is not rounding
SELECT CASE WHEN count(*) FILTER (WHERE h.hash12 <> b.hash12) = 0 THEN 'PASS' ELSE 'FAIL' END, 'same_answer_12_digits',
       format('%s hashes of %s views, %s differ from before to 12 significant digits%s', count(*), count(DISTINCT h.v),
              count(*) FILTER (WHERE h.hash12 <> b.hash12),
              ': ' || string_agg(DISTINCT h.v, ', ') FILTER (WHERE h.hash12 <> b.hash12))
FROM load.hash_log b JOIN load.hash_log h ON h.v = b.v AND h.phase <> 'before'
WHERE b.phase = 'before';

-- the snapshots: the month ends stored before the load, one row per segment and the total each
SELECT CASE WHEN count(DISTINCT as_of) = 6 AND count(*) = count(DISTINCT (as_of, is_total, segment)) AND max(n) = min(n)
            THEN 'PASS' ELSE 'FAIL' END, 'snapshots_intact',
       format('%s dates, %s rows', count(DISTINCT as_of), count(*))
FROM (SELECT *, count(*) OVER (PARTITION BY as_of) AS n FROM ror.scorecard_snapshot) s;
