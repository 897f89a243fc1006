-- The report views' queries as Metabase writes them (a month-truncated GROUP
-- BY with sums, a raw LIMIT 2000, the fingerprint LIMIT 10000), one list for
-- bench/cases/views.sql (and views_1m.sql) and views_scaling.sql, so that
-- their figures are of the same queries.  ord 1 is the baseline, the plain
-- count(*) of the orders the views read ({s}: the demo data's schema).
-- ord 20 and up are no view: the plain SQL a user would write for the same
-- joins and groupings, without ror (is_view false), the floor a view's
-- scaling is compared with (a hash table of a million customers outgrows
-- the CPU caches in the executor's own plans too).
-- Not a case itself: it lies outside bench/cases/.
CREATE TEMP TABLE view_queries (ord int, name text, q text, is_view boolean DEFAULT true);
INSERT INTO view_queries VALUES
 (1, 'count(*) orders', 'SELECT count(*) FROM {s}.orders'),
 (2, 'nps_by_period by month', $q$SELECT CAST(date_trunc('month', period_start) AS date) AS m, segment, sum(responses), sum(promoters), sum(detractors)
  FROM ror.nps_by_period GROUP BY 1, 2 ORDER BY 1, 2$q$),
 (3, 'churn_by_period by month', $q$SELECT CAST(date_trunc('month', period_start) AS date) AS m, segment, sum(customers_at_start), sum(churned_from_start)
  FROM ror.churn_by_period GROUP BY 1, 2 ORDER BY 1, 2$q$),
 (4, 'cohort_retention LIMIT 2000', 'SELECT * FROM ror.cohort_retention LIMIT 2000'),
 (5, 'retention_projection by period number', $q$SELECT period_number, is_projected, avg(observed_retention), avg(projected_retention)
  FROM ror.retention_projection WHERE segment = 'basic' GROUP BY 1, 2 ORDER BY 1, 2$q$),
 (6, 'customer_value by segment', 'SELECT segment, count(*), sum(clv), avg(p_alive) FROM ror.customer_value GROUP BY 1 ORDER BY 1'),
 (7, 'customer_value LIMIT 2000', 'SELECT * FROM ror.customer_value LIMIT 2000'),
 (8, 'model_fit', 'SELECT * FROM ror.model_fit'),
 (9, 'data_issues', 'SELECT * FROM ror.data_issues'),
 (10, 'nps_by_period fingerprint LIMIT 10000', 'SELECT * FROM ror.nps_by_period LIMIT 10000'),
 (11, 'customer_relationship by band', 'SELECT band, count(*), avg(ror_score) FROM ror.customer_relationship GROUP BY 1 ORDER BY 1'),
 (12, 'customer_relationship LIMIT 2000', 'SELECT * FROM ror.customer_relationship LIMIT 2000'),
 (13, 'scorecard', 'SELECT * FROM ror.scorecard');
INSERT INTO view_queries VALUES
 (20, 'plain SQL: responses join customers, by month and segment', $q$SELECT CAST(date_trunc('month', r.responded_at) AS date), c.segment, count(*),
       count(*) FILTER (WHERE r.score >= 9), count(*) FILTER (WHERE r.score <= 6)
  FROM {s}.responses r LEFT JOIN {s}.customers c ON c.customer_id = r.customer_id GROUP BY 1, 2$q$, false),
 (21, 'plain SQL: orders by customer join customers, by segment', $q$SELECT c.segment, count(*), sum(o.n), sum(o.s)
  FROM (SELECT customer_id, min(ordered_at) AS f, max(ordered_at) AS l, count(*) AS n, sum(amount) AS s
        FROM {s}.orders GROUP BY customer_id) o
  LEFT JOIN {s}.customers c ON c.customer_id = o.customer_id GROUP BY 1$q$, false);
