-- COPY of every ror type, out and back in, in the binary and the text
-- format: values built by the aggregates (small, large, empty, with
-- weights, fractional), NULLs, read back equal (the type's = and the text
-- form), and a second binary COPY out of the copy is byte for byte the
-- first one (send is a function of the value alone).
SELECT plan(28);

\set schema tap_copyb
\i test/lib/stored_values.sql

SELECT is((SELECT count(*) FROM tap_copyb.src WHERE id < 3 AND num_nulls(nps, churn, surv, rfm, gg, ggs, bg, bgh, sbg) = 0), 2::bigint,
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
FROM unnest(ARRAY['bin', 'txt']) t, unnest(ARRAY['nps', 'churn', 'surv', 'rfm', 'gg', 'ggs', 'bg', 'bgh', 'sbg']) c;

-- what was copied still works: merged and fitted like the originals
SELECT ok((SELECT ror.bgnbd_fit(bgh) FROM tap_copyb.bin WHERE id = 1) OPERATOR(ror.=) (SELECT bg FROM tap_copyb.src WHERE id = 1),
          'the copied BG/NBD state fits to the original fit');
SELECT ok((SELECT ror.survival_agg(surv) FROM tap_copyb.bin) OPERATOR(ror.=) (SELECT ror.survival_agg(surv) FROM tap_copyb.src),
          'the copied survival states merge to the original merge');

SELECT * FROM finish();
DROP SCHEMA tap_copyb CASCADE;
