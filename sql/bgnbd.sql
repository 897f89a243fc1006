-- BG/NBD: the CDNOW sample against the published fit, predictions against
-- published and independently computed values (python3 Decimal, 80 digits,
-- the 2F1 series summed directly), I/O round trips, bad input.
SET timezone = 'UTC';
SET datestyle = ISO;
SET extra_float_digits = 0;

CREATE TABLE cdnow (id int, x bigint, t_x float8, t_cal float8, zbar float8);
\copy cdnow from '../shared/data/cdnow/cdnow_summary.csv' csv header

-- the fit (weeks): FHL 2005 / lifetimes: r, alpha, a, b = 0.242593, 4.413532,
-- 0.792886, 2.425752 and log-likelihood -9582.43
CREATE TABLE fit AS SELECT ror.bgnbd_fit(x, t_x, t_cal) AS m FROM cdnow;
SELECT round((m::jsonb->>'r')::numeric, 6) AS r, round((m::jsonb->>'alpha')::numeric, 6) AS alpha,
       round((m::jsonb->>'a')::numeric, 6) AS a, round((m::jsonb->>'b')::numeric, 5) AS b,
       round((m::jsonb->>'loglik')::numeric, 2) AS loglik,
       m::jsonb->'customers' AS customers, m::jsonb->'converged' AS converged
FROM fit;
SELECT abs((m::jsonb->>'r')::float8 / 0.242593 - 1) < 1e-4 AS r_ok,
       abs((m::jsonb->>'alpha')::float8 / 4.413532 - 1) < 1e-4 AS alpha_ok,
       abs((m::jsonb->>'a')::float8 / 0.792886 - 1) < 1e-4 AS a_ok,
       abs((m::jsonb->>'b')::float8 / 2.425752 - 1) < 1e-4 AS b_ok,
       abs((m::jsonb->>'loglik')::float8 + 9582.43) < 0.01 AS loglik_ok
FROM fit;
-- standard errors from the observed information (delta method on the log scale)
SELECT round((m::jsonb->>'se_r')::numeric, 3) AS se_r, round((m::jsonb->>'se_alpha')::numeric, 3) AS se_alpha,
       round((m::jsonb->>'se_a')::numeric, 3) AS se_a, round((m::jsonb->>'se_b')::numeric, 3) AS se_b FROM fit;
-- the int8 and float8 frequency forms and weight 1 give the same fit
SELECT (SELECT ror.bgnbd_fit(x::float8, t_x, t_cal) FROM cdnow) OPERATOR(ror.=) m AS float_form,
       (SELECT ror.bgnbd_fit(x, t_x, t_cal, 1.0) FROM cdnow) OPERATOR(ror.=) m AS weighted_form
FROM fit;
-- the ror.rfm form (composite rows, NULL rows skipped) gives the same fit
SELECT (SELECT ror.bgnbd_fit(c) FROM (SELECT ROW(x, t_x, t_cal, zbar)::ror.rfm c FROM cdnow
                                      UNION ALL SELECT NULL::ror.rfm UNION ALL SELECT ROW(NULL, 1, 2, 0)::ror.rfm) q)
       OPERATOR(ror.=) m AS rfm_form
FROM fit;
-- weights as counts: the histogram of the sample, fitted with weights, is the same fit
SELECT abs((w::jsonb->>'r')::float8 / (m::jsonb->>'r')::float8 - 1) < 1e-7 AS weighted_same,
       (w::jsonb->>'weight')::float8 AS weight
FROM fit, (SELECT ror.bgnbd_fit(x, t_x, t_cal, n::float8) w
           FROM (SELECT x, t_x, t_cal, count(*) n FROM cdnow GROUP BY 1, 2, 3) g) q;

-- Hardie's worked example: E[X(39) | x=2, t_x=30.43, T=38.86] = 1.226
SELECT round(ror.expected_purchases(m, 39, 2, 30.43, 38.86)::numeric, 3) AS published_1_226 FROM fit;
-- with the full-precision parameters, against the 80-digit reference
-- 1.22591038569389386407 and P(alive) 0.72660910245625074715
CREATE TABLE fixed AS SELECT ror.bgnbd(0.242593, 4.413532, 0.792886, 2.425752) AS m;
SELECT abs(ror.expected_purchases(m, 39, 2, 30.43, 38.86) / 1.22591038569389386407 - 1) < 1e-12 AS cond_ok,
       abs(ror.p_alive(m, 2, 30.43, 38.86) / 0.72660910245625074715 - 1) < 1e-13 AS p_alive_ok
FROM fixed;
-- new customer: E[X(39)] = 1.19501652449555120440, E[X(10^4)] = 15.0550724637834602580
SELECT abs(ror.expected_purchases(m, 39) / 1.19501652449555120440 - 1) < 1e-12 AS new_39,
       abs(ror.expected_purchases(m, 10000) / 15.0550724637834602580 - 1) < 1e-12 AS new_10000
FROM fixed;
-- large frequency and horizon: x = 500, t_x = T = 100, t = 10^4: 3815.23621160029249996
SELECT abs(ror.expected_purchases(m, 10000, 500, 100, 100) / 3815.23621160029249996 - 1) < 1e-12 AS x500_t10000,
       abs(ror.expected_purchases(m, 10000, 500, 95, 100) / 0.0000527705964701768539 - 1) < 1e-10 AS x500_dead
FROM fixed;
-- longer horizons stay finite and increase
SELECT bool_and(isfinite) AS finite, bool_and(e > prev) AS increasing
FROM (SELECT e, e < 'Infinity'::float8 AS isfinite, lag(e, 1, 0::float8) OVER (ORDER BY t) AS prev
      FROM (SELECT t, ror.expected_purchases(m, t) e
            FROM fixed, unnest(ARRAY[1e2, 1e4, 1e6, 1e9, 1e12]::float8[]) t) q) q;
-- horizons so long that t/(alpha+t) rounds to 1 (t/alpha > 2^53), and
-- ordinary horizons of a model with a tiny alpha, against python3 Decimal
-- (60 digits, the connection formula A&S 15.3.6 to 1 - z):
-- E[X(1e17)] = 12077.2729410096113497, E[X(1e300)] = 4.60632060051982262709e62,
-- E[Y(1e17) | 2, 30.43, 38.86] = 19312.5940967549095498;
-- alpha = 1e-20: E[X(10)] = 110609.483913016583597;
-- alpha = 1e-300: E[X(10)] = 1.00886824789192472323e63
SELECT round(ror.expected_purchases(m, 1e17)::numeric, 6) AS t_1e17,
       abs(ror.expected_purchases(m, 1e17) / 12077.2729410096113497 - 1) < 1e-13 AS t_1e17_ok,
       abs(ror.expected_purchases(m, 1e300) / 4.60632060051982262709e62 - 1) < 1e-12 AS t_1e300_ok,
       abs(ror.expected_purchases(m, 1e17, 2, 30.43, 38.86) / 19312.5940967549095498 - 1) < 1e-13 AS cond_1e17_ok
FROM (SELECT ror.bgnbd(0.243, 4.414, 0.793, 2.426) AS m) q;
SELECT round(ror.expected_purchases(ror.bgnbd(0.243, 1e-20, 0.793, 2.426), 10)::numeric, 6) AS alpha_1e_20,
       abs(ror.expected_purchases(ror.bgnbd(0.243, 1e-20, 0.793, 2.426), 10) / 110609.483913016583597 - 1) < 1e-13 AS alpha_1e_20_ok,
       abs(ror.expected_purchases(ror.bgnbd(0.243, 1e-300, 0.793, 2.426), 10) / 1.00886824789192472323e63 - 1) < 1e-12 AS alpha_1e_300_ok;

-- a = 1 exactly: the removable singularity, against the limit computed at
-- a = 1 + 1e-30 with 80 digits: E[X(100)] = 1.84414478988760553526,
-- E[Y(52) | 3, 20, 30] = 2.02825081358051593075; a = 1 +- 1e-7 lies next to it
CREATE TABLE a1 AS SELECT ror.bgnbd(0.242593, 4.413532, 1, 2.425752) AS m,
       ror.bgnbd(0.242593, 4.413532, 1 - 1e-7, 2.425752) AS lo, ror.bgnbd(0.242593, 4.413532, 1 + 1e-7, 2.425752) AS hi;
SELECT abs(ror.expected_purchases(m, 100) / 1.84414478988760553526 - 1) < 1e-13 AS new_limit,
       abs(ror.expected_purchases(m, 52, 3, 20, 30) / 2.02825081358051593075 - 1) < 1e-13 AS cond_limit,
       abs(ror.expected_purchases(lo, 100) / ror.expected_purchases(m, 100) - 1) < 1e-6 AS below,
       abs(ror.expected_purchases(hi, 100) / ror.expected_purchases(m, 100) - 1) < 1e-6 AS above,
       (ror.expected_purchases(lo, 100) - ror.expected_purchases(m, 100))
         * (ror.expected_purchases(hi, 100) - ror.expected_purchases(m, 100)) <= 0 AS between
FROM a1;

-- P(X(t) = n) with (0.243, 4.414, 0.793, 2.426): BTYD gives 0.5737864 and 1.07869e-07
CREATE TABLE pub AS SELECT ror.bgnbd(0.243, 4.414, 0.793, 2.426) AS m;
SELECT round(ror.purchase_probability(m, 0, 39)::numeric, 7) AS p0_39,
       to_char(ror.purchase_probability(m, 10, 2), '9.99999EEEE') AS p10_2
FROM pub;
-- the probabilities sum to 1 and their mean is E[X(t)]
SELECT round(sum(ror.purchase_probability(m, n, 39))::numeric, 10) AS total,
       round((sum(n * ror.purchase_probability(m, n, 39)) - min(ror.expected_purchases(m, 39)))::numeric, 8) AS mean_diff
FROM pub, generate_series(0, 3000) n;
SELECT ror.purchase_probability(m, 0, 0) AS p0_t0, ror.purchase_probability(m, 1, 0) AS p1_t0 FROM pub;

-- p_alive: frequency 0 is alive for sure; x = 2, t_x = T: 1/(1 + a/(b+1))
SELECT ror.p_alive(m, 0, 0, 50) AS x0,
       abs(ror.p_alive(m, 2, 40, 40) - 1 / (1 + 0.792886 / (2.425752 + 1))) < 1e-15 AS xt_eq_T
FROM fixed;

-- clv(bg, gg, ...) against the 80-digit reference: the conditional expectation
-- differences times the Gamma-Gamma mean p(gamma + x m)/(p x + q - 1),
-- discounted per period: 12 monthly periods (4.345 weeks) for x = 2 and 120
-- periods (horizons up to 521 weeks) for a one-time buyer
CREATE TABLE gg AS SELECT ror.gamma_gamma(6.25, 3.74, 15.44) AS g;
SELECT abs(ror.clv(m, g, 2, 30.43, 38.86, 22.35, 12, 0.01, 4.345) / 36.2859943747746605251 - 1) < 1e-12 AS clv_12,
       abs(ror.clv(m, g, 0, 0, 38.86, 0, 120, 0.01, 4.345) / 33.2121219233305506499 - 1) < 1e-11 AS clv_120,
       ror.clv(m, g, 2, 30.43, 38.86, 22.35, 0, 0.01, 4.345) AS no_periods
FROM fixed, gg;
-- 300 periods, three chunks of horizons, against python3 Decimal (80 digits):
-- (0.243, 4.414, 0.793, 2.426), x = 2 monthly: 136.847691449358901653 (most
-- horizons past z = 1/2, the continuation); x = 0, L = 0.1: 1.77990350560646237090
-- (every z <= 1/2: one shared series)
SELECT abs(ror.clv(m, g, 2, 30.43, 38.86, 22.35, 300, 0.01, 4.345) / 136.847691449358901653 - 1) < 1e-13 AS clv_300,
       abs(ror.clv(m, g, 0, 0, 38.86, 0, 300, 0.01, 0.1) / 1.77990350560646237090 - 1) < 1e-13 AS clv_300_shared
FROM (SELECT ror.bgnbd(0.243, 4.414, 0.793, 2.426) AS m) q, gg;
-- memory does not grow with periods and a long CLV can be cancelled
SET statement_timeout = '300ms';
SELECT ror.clv(m, g, 2, 30.43, 38.86, 22.35, 2147483647, 0.01, 4.345) FROM fixed, gg;
SELECT ror.clv(m, g, 2, 30.43, 38.86, 22.35, 2147483647, 0.01, 1e-9) FROM fixed, gg;
RESET statement_timeout;
SELECT ror.clv(m, g, 2, 30.43, 38.86, 22.35, 12, -1, 4.345) FROM fixed, gg;
SELECT ror.clv(m, g, 2, 30.43, 38.86, 22.35, 12, 0.01, 0) FROM fixed, gg;

-- the type: text and binary round trips, jsonb, constructor
SELECT ror.bgnbd(0.243, 4.414, 0.793, 2.426);
SELECT ror.bgnbd(0.243, 4.414, 0.793, 2.426)::jsonb;
SELECT m::text::ror.bgnbd OPERATOR(ror.=) m AS text_round_trip FROM fit;
SELECT jsonb_object_keys(m::jsonb) AS key FROM fit ORDER BY 1;
CREATE TABLE models (m ror.bgnbd);
INSERT INTO models SELECT m FROM fit;
INSERT INTO models SELECT m FROM fixed;
-- binary files go to the data directory: private to this cluster
SELECT current_setting('data_directory') || '/ror_bgnbd_models.bin' AS bin_models,
       current_setting('data_directory') || '/ror_bgnbd_hists.bin' AS bin_hists,
       current_setting('data_directory') || '/ror_bgnbd_raw.bin' AS bin_raw \gset
COPY models TO :'bin_models' WITH (FORMAT binary);
CREATE TABLE models2 (m ror.bgnbd);
COPY models2 FROM :'bin_models' WITH (FORMAT binary);
SELECT count(*) AS same FROM models a JOIN models2 b ON a.m OPERATOR(ror.=) b.m;

-- the state: a small histogram, its canonical text and round trips
SELECT ror.bgnbd_hist_agg(x, tx, t) FROM (VALUES (2, 30.43, 38.86), (0, 0, 38.86), (2, 30.43, 38.86), (1, 1.5, 20)) v(x, tx, t);
SELECT ror.bgnbd_hist_agg(x, tx, t, w) FROM (VALUES (2, 30.43, 38.86, 0.5), (0, 0, 38.86, 0), (2, 30.43, 38.86, 2)) v(x, tx, t, w);
SELECT h::text::ror.bgnbd_hist OPERATOR(ror.=) h AS text_round_trip
FROM (SELECT ror.bgnbd_hist_agg(x, t_x, t_cal) h FROM cdnow) q;
CREATE TABLE hists (h ror.bgnbd_hist);
INSERT INTO hists SELECT ror.bgnbd_hist_agg(x, t_x, t_cal) FROM cdnow GROUP BY id % 3;
COPY hists TO :'bin_hists' WITH (FORMAT binary);
CREATE TABLE hists2 (h ror.bgnbd_hist);
COPY hists2 FROM :'bin_hists' WITH (FORMAT binary);
SELECT count(*) AS same FROM hists a JOIN hists2 b ON a.h OPERATOR(ror.=) b.h;
-- stored states merge to the direct fit
SELECT (SELECT ror.bgnbd_fit(h) FROM hists2)::jsonb->'loglik' = (SELECT m FROM fit)::jsonb->'loglik' AS merged_fit;

-- NULLs skipped, no usable rows -> NULL
SELECT ror.bgnbd_fit(x, t_x, t_cal) IS NULL AS no_rows FROM cdnow WHERE false;
SELECT ror.bgnbd_fit(x, tx, t) IS NULL AS all_null FROM (VALUES (NULL::float8, 1::float8, 2::float8), (1, NULL, 2)) v(x, tx, t);
SELECT ror.bgnbd_fit(x, tx, t, w) IS NULL AS zero_weight FROM (VALUES (1::float8, 1::float8, 2::float8, 0::float8)) v(x, tx, t, w);
SELECT (ror.bgnbd_fit(x, t_x, t_cal, w)::jsonb)->'excluded' AS excluded
FROM (SELECT x, t_x, t_cal, CASE WHEN id <= 10 THEN 0 WHEN id <= 20 THEN NULL ELSE 1 END::float8 w FROM cdnow) q;

-- bad rows: ERROR 22023 naming the values
SELECT ror.bgnbd_fit(x, tx, t) FROM (VALUES (-1::float8, 0::float8, 5::float8)) v(x, tx, t);
SELECT ror.bgnbd_fit(x, tx, t) FROM (VALUES (2::float8, 6::float8, 5::float8)) v(x, tx, t);
SELECT ror.bgnbd_fit(x, tx, t) FROM (VALUES (0::float8, 1::float8, 5::float8)) v(x, tx, t);
SELECT ror.bgnbd_fit(x, tx, t) FROM (VALUES (1.5::float8, 1::float8, 5::float8)) v(x, tx, t);
SELECT ror.bgnbd_fit(x, tx, t) FROM (VALUES (1::float8, 'NaN'::float8, 5::float8)) v(x, tx, t);
SELECT ror.bgnbd_fit(x, tx, t) FROM (VALUES (1::float8, 1::float8, 'Infinity'::float8)) v(x, tx, t);
SELECT ror.bgnbd_fit(x, tx, t, w) FROM (VALUES (1::float8, 1::float8, 5::float8, -1::float8)) v(x, tx, t, w);
SELECT ror.bgnbd_fit(x, tx, t, w) FROM (VALUES (1::float8, 1::float8, 5::float8, 'NaN'::float8)) v(x, tx, t, w);
-- bad parameters and arguments
SELECT ror.bgnbd(0, 1, 1, 1);
SELECT ror.bgnbd(1, 'Infinity', 1, 1);
SELECT ror.bgnbd(1, 1, 'NaN', 1);
SELECT ror.expected_purchases(m, -1) FROM fixed;
SELECT ror.expected_purchases(m, 1, 2, 3, 1) FROM fixed;
SELECT ror.purchase_probability(m, -1, 1) FROM fixed;
-- hostile text input
SELECT '(r=1,alpha=1,a=1,b=0,customers=0,weight=0,loglik=0,iterations=0,converged=0,excluded=0,se_r=0,se_alpha=0,se_a=0,se_b=0)'::ror.bgnbd;
SELECT '(r=1,alpha=1,a=1,b=1,customers=0,weight=0,loglik=0,iterations=0,converged=2,excluded=0,se_r=0,se_alpha=0,se_a=0,se_b=0)'::ror.bgnbd;
SELECT '(r=1,alpha=1,a=1,b=1,customers=0,weight=1,loglik=0,iterations=0,converged=0,excluded=0,se_r=0,se_alpha=0,se_a=0,se_b=0)'::ror.bgnbd;
SELECT '(r=1,alpha=NaN,a=1,b=1,customers=0,weight=0,loglik=0,iterations=0,converged=0,excluded=0,se_r=0,se_alpha=0,se_a=0,se_b=0)'::ror.bgnbd;
SELECT '(r=1,alpha=1,a=1,b=1)'::ror.bgnbd;
SELECT '(rows=1,excluded=0,weight=1,patterns=1,data={{1,2,1,1}})'::ror.bgnbd_hist;
SELECT '(rows=2,excluded=0,weight=2,patterns=2,data={{1,1,2,1},{0,0,2,1}})'::ror.bgnbd_hist;
SELECT '(rows=1,excluded=0,weight=2,patterns=1,data={{1,1,2,1}})'::ror.bgnbd_hist;
-- frequency -0 would hash apart from 0 and break merging
SELECT '(rows=2,excluded=0,weight=2,patterns=1,data={{-0,0,5,2}})'::ror.bgnbd_hist;
SELECT '(rows=1,excluded=0,weight=1,patterns=2,data={{1,1,2,1}})'::ror.bgnbd_hist;
SELECT '(rows=1,excluded=0,weight=1,patterns=99999999,data={{1,1,2,1}})'::ror.bgnbd_hist;
SELECT '(rows=1,excluded=0,weight=1,patterns=1,data={{1,1,2,-1}})'::ror.bgnbd_hist;
SELECT '(rows=1,excluded=0,weight=1,patterns=1,data={{1,1,2,1}}) x'::ror.bgnbd_hist;
SELECT '(rows=1,excluded=0,weight=1,patterns=1,data={{1,1,2,1e999}})'::ror.bgnbd_hist;
SELECT '(rows=1,excluded=0,weight=1,patterns=1,data={{1,1,0x1p3,1}})'::ror.bgnbd_hist;
SELECT '(rows=0,excluded=3,weight=0,patterns=0,data={})'::ror.bgnbd_hist;
-- hostile binary input: a bytea column's binary COPY carries raw bytes that
-- the type's receive function then reads
CREATE TABLE raw (b bytea);
CREATE TABLE recv_m (m ror.bgnbd);
CREATE TABLE recv_h (h ror.bgnbd_hist);
INSERT INTO raw VALUES ('\x02'::bytea || decode(repeat('00', 111), 'hex'));
COPY raw TO :'bin_raw' WITH (FORMAT binary);
COPY recv_m FROM :'bin_raw' WITH (FORMAT binary);
TRUNCATE raw;
-- version 1, r = 0
INSERT INTO raw VALUES ('\x01'::bytea || decode(repeat('00', 112), 'hex'));
COPY raw TO :'bin_raw' WITH (FORMAT binary);
COPY recv_m FROM :'bin_raw' WITH (FORMAT binary);
TRUNCATE raw;
-- a histogram announcing 1000 patterns with no data
INSERT INTO raw VALUES ('\x01'::bytea || decode(repeat('00', 24) || '000003e8', 'hex'));
COPY raw TO :'bin_raw' WITH (FORMAT binary);
COPY recv_h FROM :'bin_raw' WITH (FORMAT binary);
TRUNCATE raw;
-- a histogram whose pattern has recency > age
INSERT INTO raw SELECT '\x01'::bytea || int8send(1) || int8send(0) || float8send(1) || int4send(1)
    || float8send(1) || float8send(3) || float8send(2) || float8send(1);
COPY raw TO :'bin_raw' WITH (FORMAT binary);
COPY recv_h FROM :'bin_raw' WITH (FORMAT binary);
TRUNCATE raw;
-- a histogram whose pattern has frequency -0
INSERT INTO raw SELECT '\x01'::bytea || int8send(1) || int8send(0) || float8send(1) || int4send(1)
    || float8send('-0') || float8send(0) || float8send(5) || float8send(1);
COPY raw TO :'bin_raw' WITH (FORMAT binary);
COPY recv_h FROM :'bin_raw' WITH (FORMAT binary);
-- a frequency -0 in the rows is stored as 0 and merges with it
SELECT ror.bgnbd_hist_agg(x, tx, t) FROM (VALUES ('-0'::float8, 0::float8, 5::float8), (0, 0, 5)) v(x, tx, t);

-- user-defined aggregates over the C support functions: the INITCOND is
-- copied into a state of our own, never updated in place, so every group
-- starts from it
CREATE AGGREGATE hist_from(float8, float8, float8) (SFUNC = ror.bgnbd_hist_accum, STYPE = ror.bgnbd_hist,
    INITCOND = '(rows=3,excluded=1,weight=3,patterns=2,data={{0,0,5,2},{1,2,5,1}})');
SELECT g, hist_from(x, tx, t)
FROM (VALUES (1, 0::float8, 0::float8, 5::float8), (1, 2, 1, 5), (2, 1, 2, 5), (3, 0, 0, 5)) v(g, x, tx, t)
GROUP BY g ORDER BY g;
SELECT hist_from(x, tx, t) FROM (VALUES (1::float8, 2::float8, 5::float8)) v(x, tx, t) WHERE false;
CREATE AGGREGATE hist_from_empty(float8, float8, float8) (SFUNC = ror.bgnbd_hist_accum, STYPE = ror.bgnbd_hist,
    INITCOND = '(rows=0,excluded=3,weight=0,patterns=0,data={})');
SELECT hist_from_empty(x, tx, t) FROM (VALUES (0::float8, 0::float8, 5::float8), (1, 1, 5)) v(x, tx, t);
CREATE AGGREGATE hist_merge_from(ror.bgnbd_hist) (SFUNC = ror.bgnbd_hist_combine, STYPE = ror.bgnbd_hist,
    INITCOND = '(rows=1,excluded=0,weight=1,patterns=1,data={{1,2,5,1}})');
SELECT g, hist_merge_from(h)
FROM (VALUES (1, '(rows=2,excluded=1,weight=2,patterns=1,data={{1,2,5,2}})'::ror.bgnbd_hist),
             (1, '(rows=1,excluded=0,weight=1,patterns=1,data={{0,0,4,1}})'),
             (2, '(rows=1,excluded=0,weight=0.5,patterns=1,data={{3,4,5,0.5}})')) v(g, h)
GROUP BY g ORDER BY g;
-- stored, compressed states as the combine function's second argument
CREATE TABLE big_hists AS
SELECT ror.bgnbd_hist_agg(g % 400, (g % 400) * 0.25, 100) AS h FROM generate_series(1, 800) g, generate_series(1, 3) k GROUP BY k;
SELECT bool_and(pg_column_size(h) < 400 * 32) AS compressed FROM big_hists;
SELECT (SELECT hist_merge_from(h) FROM big_hists)::text
     = (SELECT ror.bgnbd_hist_agg(s) FROM (SELECT h AS s FROM big_hists
            UNION ALL SELECT '(rows=1,excluded=0,weight=1,patterns=1,data={{1,2,5,1}})') q)::text AS merged_compressed;
