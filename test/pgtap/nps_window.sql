-- Rolling NPS with a moving frame (inverse transition) equals a self-join.
SELECT plan(3);

CREATE SCHEMA tap_npsw;
CREATE TABLE tap_npsw.answers AS
SELECT i AS id, CASE WHEN i % 7 = 0 THEN NULL ELSE (i * 7919 % 11) END AS score
FROM generate_series(1, 3000) i;

SELECT is_empty($$
  WITH w AS (
    SELECT id, ror.nps_agg(score) OVER (ORDER BY id ROWS BETWEEN 29 PRECEDING AND CURRENT ROW) AS rolling
    FROM tap_npsw.answers),
  j AS (
    SELECT a.id, 100.0::float8 * (count(*) FILTER (WHERE b.score >= 9) - count(*) FILTER (WHERE b.score <= 6))
                 / nullif(count(b.score), 0) AS rolling
    FROM tap_npsw.answers a JOIN tap_npsw.answers b ON b.id BETWEEN a.id - 29 AND a.id
    GROUP BY a.id)
  SELECT * FROM w JOIN j USING (id) WHERE w.rolling IS DISTINCT FROM j.rolling $$,
  'rolling 30-row NPS equals the self-join computation');

-- a frame holding only NULL scores gives NULL, as in PostgreSQL's own aggregates
SELECT is((SELECT count(*) FROM (
            SELECT ror.nps_agg(score) OVER (ORDER BY id ROWS BETWEEN 0 PRECEDING AND CURRENT ROW) r, score
            FROM tap_npsw.answers) q WHERE score IS NULL AND r IS NOT NULL), 0::bigint,
          'a frame of NULL scores gives NULL');

SELECT is_empty($$
  WITH w AS (
    SELECT id, ror.nps_agg(score) OVER (ORDER BY id RANGE BETWEEN 100 PRECEDING AND 50 FOLLOWING) AS rolling
    FROM tap_npsw.answers),
  j AS (
    SELECT a.id, 100.0::float8 * (count(*) FILTER (WHERE b.score >= 9) - count(*) FILTER (WHERE b.score <= 6))
                 / nullif(count(b.score), 0) AS rolling
    FROM tap_npsw.answers a JOIN tap_npsw.answers b ON b.id BETWEEN a.id - 100 AND a.id + 50
    GROUP BY a.id)
  SELECT * FROM w JOIN j USING (id) WHERE w.rolling IS DISTINCT FROM j.rolling $$,
  'RANGE frame NPS equals the self-join computation');

DROP SCHEMA tap_npsw CASCADE;
SELECT * FROM finish();
