-- COPY of every ror type, out and back in, in the binary and the text
-- format: values built by the aggregates (small, large, empty, with
-- weights, fractional), NULLs, read back equal (the type's = and the text
-- form), and a second binary COPY out of the copy is byte for byte the
-- first one (send is a function of the value alone).
SELECT plan(26);

CREATE SCHEMA tap_copyb;
CREATE TABLE tap_copyb.src (
    id int, nps ror.nps_summary, churn ror.churn_summary, surv ror.survival, rfm ror.rfm_state,
    gg ror.gamma_gamma, ggs ror.gamma_gamma_state, bg ror.bgnbd, bgh ror.bgnbd_hist);

-- row 1: large values from simulated customers; row 2: small and fractional
-- ones; row 3: empty states; row 4: NULLs
CREATE TABLE tap_copyb.customers AS
SELECT customer_id AS id, frequency, round(recency)::float8 AS recency, round(age)::float8 AS age
FROM ror.bgnbd_simulate(ror.bgnbd(0.243, 30.9, 0.793, 2.426), 20000, 365, 1095, 5);
INSERT INTO tap_copyb.src
SELECT 1,
       (SELECT ror.nps_summary_agg((id * 7) % 11, 1.0 / (1 + id % 5)) FROM tap_copyb.customers),
       (SELECT ror.churn_summary_agg(daterange(DATE '2024-01-01' + id % 300, CASE WHEN id % 3 = 0 THEN DATE '2024-01-01' + id % 300 + 30 + id % 200 END),
                                     daterange('2024-01-01', '2025-01-01')) FROM tap_copyb.customers),
       (SELECT ror.survival_agg(age, id % 4 = 0) FROM tap_copyb.customers),
       (SELECT ror.rfm_state_agg(DATE '2023-01-01' + id % 700, (id % 4000) / 4.0, DATE '2024-12-31') FROM tap_copyb.customers),
       (SELECT ror.gamma_gamma_fit(frequency, 10 + id % 60) FROM tap_copyb.customers),
       (SELECT ror.gamma_gamma_state_agg(frequency, 10 + id % 60) FROM tap_copyb.customers),
       (SELECT ror.bgnbd_fit(frequency, recency, age) FROM tap_copyb.customers),
       (SELECT ror.bgnbd_hist_agg(frequency, recency, age) FROM tap_copyb.customers);
INSERT INTO tap_copyb.src
SELECT 2,
       (SELECT ror.nps_summary_agg(s, 0.1) FROM (VALUES (0), (9), (10)) v(s)),
       (SELECT ror.churn_summary_agg(tstzrange('2024-01-01 10:30+00', '2024-02-01 00:00:00.5+00'),
                                     tstzrange('2024-01-01', '2024-03-01'))),
       (SELECT ror.survival_agg(d, c) FROM (VALUES (0.5, true), (1e-300, false), (1e300, true)) v(d, c)),
       (SELECT ror.rfm_state_agg(d, a, DATE '2024-02-29') FROM (VALUES (DATE '2024-02-29', 0.1), ('2024-01-01', -3.25), ('2024-01-01', 1e-9)) v(d, a)),
       ror.gamma_gamma(6.25, 3.74, 15.44),
       (SELECT ror.gamma_gamma_state_agg(x, m, w) FROM (VALUES (1.0, 0.3, 0.5), (2, 1e10, 2)) v(x, m, w)),
       ror.bgnbd(0.24, 4.41, 0.79, 2.43),
       (SELECT ror.bgnbd_hist_agg(x, tx, t, w) FROM (VALUES (0.0, 0.0, 38.86, 1.5), (2, 30.43, 38.86, 2), (2, 30.43, 38.86, 0)) v(x, tx, t, w));
INSERT INTO tap_copyb.src
SELECT 3, '(responses=0,promoters=0,passives=0,detractors=0,sum_w2=0)'::ror.nps_summary,
       (SELECT ror.churn_summary_agg(daterange('2020-01-01', '2020-02-01'), daterange('2024-01-01', '2024-02-01'))),
       '{}'::ror.survival, '(observation_end=2024-01-01,days=[])'::ror.rfm_state, NULL,
       '(customers=0,excluded=0,patterns=[])'::ror.gamma_gamma_state,
       NULL, '(rows=0,excluded=2,weight=0,patterns=0,data={})'::ror.bgnbd_hist;
INSERT INTO tap_copyb.src (id) VALUES (4);

SELECT is((SELECT count(*) FROM tap_copyb.src WHERE id < 3 AND num_nulls(nps, churn, surv, rfm, gg, ggs, bg, bgh) = 0), 2::bigint,
          'rows 1 and 2 hold a value of every type');
SELECT ok((SELECT pg_column_size(bgh) > 50000 AND octet_length(rfm::text) > 10000 FROM tap_copyb.src WHERE id = 1),
          'row 1 holds large states (stored toasted, compressed)');

-- binary: out to a file (in the data directory), into a copy of the table, out again
CREATE TABLE tap_copyb.bin (LIKE tap_copyb.src);
CREATE TABLE tap_copyb.txt (LIKE tap_copyb.src);
SELECT lives_ok(format('COPY tap_copyb.src TO %L (FORMAT binary)', current_setting('data_directory') || '/ror_tap_copy.bin'), 'COPY TO in binary');
SELECT lives_ok(format('COPY tap_copyb.bin FROM %L (FORMAT binary)', current_setting('data_directory') || '/ror_tap_copy.bin'), 'COPY FROM in binary');
SELECT lives_ok(format('COPY tap_copyb.bin TO %L (FORMAT binary)', current_setting('data_directory') || '/ror_tap_copy2.bin'), 'COPY TO of the copy in binary');
SELECT is(pg_read_binary_file('ror_tap_copy2.bin'), pg_read_binary_file('ror_tap_copy.bin'),
          'the second binary file equals the first byte for byte');
SELECT lives_ok(format('COPY tap_copyb.src TO %L', current_setting('data_directory') || '/ror_tap_copy.txt'), 'COPY TO in text');
SELECT lives_ok(format('COPY tap_copyb.txt FROM %L', current_setting('data_directory') || '/ror_tap_copy.txt'), 'COPY FROM in text');

-- every column of every row equal after each round trip
CREATE FUNCTION tap_copyb.same(tbl text, col text) RETURNS bigint LANGUAGE plpgsql AS $f$
DECLARE n bigint;
BEGIN
    EXECUTE format($q$SELECT count(*) FROM tap_copyb.src s JOIN tap_copyb.%I c USING (id)
                      WHERE (s.%2$I IS NULL AND c.%2$I IS NULL)
                         OR (s.%2$I OPERATOR(ror.=) c.%2$I AND s.%2$I::text = c.%2$I::text)$q$, tbl, col) INTO n;
    RETURN n;
END $f$;
SELECT is(tap_copyb.same(t, c), 4::bigint, format('%s: %s equal after the round trip', t, c))
FROM unnest(ARRAY['bin', 'txt']) t, unnest(ARRAY['nps', 'churn', 'surv', 'rfm', 'gg', 'ggs', 'bg', 'bgh']) c;

-- what was copied still works: merged and fitted like the originals
SELECT ok((SELECT ror.bgnbd_fit(bgh) FROM tap_copyb.bin WHERE id = 1) OPERATOR(ror.=) (SELECT bg FROM tap_copyb.src WHERE id = 1),
          'the copied BG/NBD state fits to the original fit');
SELECT ok((SELECT ror.survival_agg(surv) FROM tap_copyb.bin) OPERATOR(ror.=) (SELECT ror.survival_agg(surv) FROM tap_copyb.src),
          'the copied survival states merge to the original merge');

SELECT * FROM finish();
DROP SCHEMA tap_copyb CASCADE;
