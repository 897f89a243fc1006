-- Every ror type hashes consistently with its "=" (bit-for-bit equality of
-- the canonical form), so GROUP BY, DISTINCT, UNION and hash joins work on
-- stored summaries and states, whatever layout a value arrives in.
SELECT plan(27);

CREATE SCHEMA tap_hash;
-- values with repeats: each group's value is built twice, once as the
-- aggregate leaves it (a transition layout for some types) and once read
-- back from text (always canonical)
CREATE TABLE tap_hash.rows AS
SELECT i, i % 7 AS g, (i * 7) % 11 AS score, 0.25 * (1 + i % 4) AS w,
       daterange(date '2024-01-01' - (i % 40), date '2024-01-10' + (i % 30)) AS life,
       0.5 * (i % 90) AS dur, i % 3 = 0 AS churned,
       date '2024-01-01' + (i * 13) % 200 AS day, 1.25 * (1 + i % 50) AS amount,
       (i % 5)::float8 AS x, (i % 5) * 1.5 AS tx, 10 + (i % 5) * 2.0 AS tt, 5 + (i % 17) * 0.5 AS m
FROM generate_series(1, 3000) i;
CREATE TABLE tap_hash.v AS
SELECT g,
       ror.nps_summary_agg(score, w) AS nps,
       ror.churn_summary_agg(life, daterange(date '2024-01-01', date '2024-02-01')) AS churn,
       ror.survival_agg(dur, churned) AS surv,
       ror.rfm_state_agg(day, amount, date '2024-12-31') AS rfms,
       ror.gamma_gamma_state_agg(x, m) AS ggs,
       ror.bgnbd_hist_agg(x, tx, tt) AS hist,
       ror.gamma_gamma(1 + g, 2 + g, 3 + g) AS gg,
       ror.bgnbd(1 + g, 2 + g, 0.5, 1.5) AS bg,
       ror.sbg(1 + g, 2 + 0.5 * g) AS sb
FROM tap_hash.rows GROUP BY g;
CREATE TABLE tap_hash.all_v AS
SELECT g, nps, churn, surv, rfms, ggs, hist, gg, bg, sb FROM tap_hash.v
UNION ALL
SELECT g, nps::text::ror.nps_summary, churn::text::ror.churn_summary, surv::text::ror.survival,
       rfms::text::ror.rfm_state, ggs::text::ror.gamma_gamma_state, hist::text::ror.bgnbd_hist,
       gg::text::ror.gamma_gamma, bg::text::ror.bgnbd, sb::text::ror.sbg
FROM tap_hash.v;

-- equal values hash equal, in any layout; different values (nearly always) differ
SELECT is((SELECT count(*) FROM tap_hash.v WHERE ror.nps_summary_hash(nps) <> ror.nps_summary_hash(nps::text::ror.nps_summary)), 0::bigint, 'nps_summary: equal values hash equal');
SELECT is((SELECT count(*) FROM tap_hash.v WHERE ror.churn_summary_hash(churn) <> ror.churn_summary_hash(churn::text::ror.churn_summary)), 0::bigint, 'churn_summary: equal values hash equal');
SELECT is((SELECT count(*) FROM tap_hash.v WHERE ror.survival_hash(surv) <> ror.survival_hash(surv::text::ror.survival)), 0::bigint, 'survival: equal values hash equal');
SELECT is((SELECT count(*) FROM tap_hash.v WHERE ror.rfm_state_hash(rfms) <> ror.rfm_state_hash(rfms::text::ror.rfm_state)), 0::bigint, 'rfm_state: equal values hash equal');
SELECT is((SELECT count(*) FROM tap_hash.v WHERE ror.gamma_gamma_state_hash(ggs) <> ror.gamma_gamma_state_hash(ggs::text::ror.gamma_gamma_state)), 0::bigint, 'gamma_gamma_state: equal values hash equal');
SELECT is((SELECT count(*) FROM tap_hash.v WHERE ror.bgnbd_hist_hash(hist) <> ror.bgnbd_hist_hash(hist::text::ror.bgnbd_hist)), 0::bigint, 'bgnbd_hist: equal values hash equal');
SELECT is((SELECT count(*) FROM tap_hash.v WHERE ror.gamma_gamma_hash(gg) <> ror.gamma_gamma_hash(gg::text::ror.gamma_gamma)), 0::bigint, 'gamma_gamma: equal values hash equal');
SELECT is((SELECT count(*) FROM tap_hash.v WHERE ror.bgnbd_hash(bg) <> ror.bgnbd_hash(bg::text::ror.bgnbd)), 0::bigint, 'bgnbd: equal values hash equal');
SELECT is((SELECT count(*) FROM tap_hash.v WHERE ror.sbg_hash(sb) <> ror.sbg_hash(sb::text::ror.sbg)), 0::bigint, 'sbg: equal values hash equal');
SELECT is((SELECT count(DISTINCT h) FROM (SELECT ror.nps_summary_hash(nps) h FROM tap_hash.v UNION ALL SELECT ror.churn_summary_hash(churn) FROM tap_hash.v
                                         UNION ALL SELECT ror.survival_hash(surv) FROM tap_hash.v UNION ALL SELECT ror.rfm_state_hash(rfms) FROM tap_hash.v
                                         UNION ALL SELECT ror.gamma_gamma_state_hash(ggs) FROM tap_hash.v UNION ALL SELECT ror.bgnbd_hist_hash(hist) FROM tap_hash.v
                                         UNION ALL SELECT ror.gamma_gamma_hash(gg) FROM tap_hash.v UNION ALL SELECT ror.bgnbd_hash(bg) FROM tap_hash.v
                                         UNION ALL SELECT ror.sbg_hash(sb) FROM tap_hash.v) q),
          9 * 7::bigint, 'the 63 different values have 63 different hashes');

-- DISTINCT, GROUP BY, UNION and a hash join, by hashing only (no sort is possible)
SET enable_sort = off;
SELECT is((SELECT count(*) FROM (SELECT DISTINCT nps FROM tap_hash.all_v) q), 7::bigint, 'DISTINCT nps_summary');
SELECT is((SELECT count(*) FROM (SELECT DISTINCT churn FROM tap_hash.all_v) q), 7::bigint, 'DISTINCT churn_summary');
SELECT is((SELECT count(*) FROM (SELECT DISTINCT surv FROM tap_hash.all_v) q), 7::bigint, 'DISTINCT survival');
SELECT is((SELECT count(*) FROM (SELECT DISTINCT rfms FROM tap_hash.all_v) q), 7::bigint, 'DISTINCT rfm_state');
SELECT is((SELECT count(*) FROM (SELECT DISTINCT ggs FROM tap_hash.all_v) q), 7::bigint, 'DISTINCT gamma_gamma_state');
SELECT is((SELECT count(*) FROM (SELECT DISTINCT hist FROM tap_hash.all_v) q), 7::bigint, 'DISTINCT bgnbd_hist');
SELECT is((SELECT count(*) FROM (SELECT DISTINCT gg FROM tap_hash.all_v) q), 7::bigint, 'DISTINCT gamma_gamma');
SELECT is((SELECT count(*) FROM (SELECT DISTINCT bg FROM tap_hash.all_v) q), 7::bigint, 'DISTINCT bgnbd');
SELECT is((SELECT count(*) FROM (SELECT DISTINCT sb FROM tap_hash.all_v) q), 7::bigint, 'DISTINCT sbg');
SELECT is((SELECT array_agg(n ORDER BY n) FROM (SELECT count(*) n FROM tap_hash.all_v GROUP BY nps, churn, surv, rfms, ggs, hist, gg, bg, sb) q),
          array_fill(2::bigint, ARRAY[7]), 'GROUP BY all nine types: each group holds its two copies');
SELECT is((SELECT count(*) FROM (SELECT nps, churn, surv, rfms, ggs, hist, gg, bg, sb FROM tap_hash.v
                                 UNION SELECT nps, churn, surv, rfms, ggs, hist, gg, bg, sb FROM tap_hash.all_v) q),
          7::bigint, 'UNION of the values with their copies');
SELECT is((SELECT count(*) FROM tap_hash.v a JOIN tap_hash.all_v b
           ON a.nps OPERATOR(ror.=) b.nps AND a.churn OPERATOR(ror.=) b.churn AND a.surv OPERATOR(ror.=) b.surv AND a.rfms OPERATOR(ror.=) b.rfms
          AND a.ggs OPERATOR(ror.=) b.ggs AND a.hist OPERATOR(ror.=) b.hist AND a.gg OPERATOR(ror.=) b.gg AND a.bg OPERATOR(ror.=) b.bg
          AND a.sb OPERATOR(ror.=) b.sb),
          14::bigint, 'a join on all nine types finds each value''s two copies');
SELECT is((SELECT count(*) FROM tap_hash.v a JOIN tap_hash.all_v b ON a.hist OPERATOR(ror.=) b.hist WHERE a.g <> b.g), 0::bigint,
          'a join matches no different values');
RESET enable_sort;
SELECT is((SELECT count(*) FROM pg_opclass c JOIN pg_am a ON a.oid = c.opcmethod
           WHERE a.amname = 'hash' AND c.opcdefault AND c.opcintype IN
                 (SELECT t.oid FROM pg_type t WHERE t.typnamespace = 'ror'::regnamespace AND t.typtype = 'b' AND t.typcategory <> 'A')),
          (SELECT count(*) FROM pg_type t WHERE t.typnamespace = 'ror'::regnamespace AND t.typtype = 'b' AND t.typcategory <> 'A'),
          'every ror base type has a default hash operator class');

-- the planner uses the hash operator class for a hash join and a hashed DISTINCT
SELECT matches(tap_helpers.plan_of($$SELECT * FROM tap_hash.v a JOIN tap_hash.all_v b ON a.surv OPERATOR(ror.=) b.surv$$),
               'Hash Join', 'a join on survival runs as a hash join');
SELECT matches(tap_helpers.plan_of($$SELECT DISTINCT rfms FROM tap_hash.all_v$$),
               'HashAggregate', 'DISTINCT rfm_state runs as a HashAggregate');

-- NULLs group like any type's
INSERT INTO tap_hash.all_v (g) VALUES (99), (100);
SELECT is((SELECT count(*) FROM (SELECT DISTINCT nps, surv FROM tap_hash.all_v) q), 8::bigint, 'NULL values form one DISTINCT group');

DROP SCHEMA tap_hash CASCADE;
SELECT * FROM finish();
