-- Fuzz the text input of the CLV types: thousands of random mutations and
-- truncations of valid text forms either fail with a data error (22P02 or
-- 22003) or parse to a value whose text form reads back to itself, and an
-- error's detail is valid UTF-8 even when a multibyte character is cut.
SELECT plan(9);

CREATE SCHEMA tap_clvf;
CREATE FUNCTION tap_clvf.try(t text, typ text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE out text; again text; detail text; state text;
BEGIN
  EXECUTE format('SELECT (%L::%s)::text', t, typ) INTO out;
  EXECUTE format('SELECT (%L::%s)::text', out, typ) INTO again;
  RETURN CASE WHEN out = again THEN 'ok' ELSE 'roundtrip:' || out END;
EXCEPTION WHEN others THEN
  GET STACKED DIAGNOSTICS detail = PG_EXCEPTION_DETAIL, state = RETURNED_SQLSTATE;
  BEGIN
    -- convert_from verifies the encoding: half a character fails
    PERFORM convert_from(convert_to(coalesce(detail, ''), 'UTF8'), 'UTF8');
  EXCEPTION WHEN others THEN
    RETURN 'bad detail: ' || state;
  END;
  RETURN state;
END $$;

-- n mutants of a valid text: one to three characters replaced from an alphabet
-- of the syntax's own characters, or the text cut short
CREATE FUNCTION tap_clvf.mutants(valid text, n int) RETURNS SETOF text LANGUAGE plpgsql AS $$
DECLARE alphabet text := '0123456789.,:;[]()=-+eEaNIinfy xpé€'; s text; k int; p int;
BEGIN
  FOR i IN 1 .. n LOOP
    s := valid;
    IF random() < 0.2 THEN
      s := left(s, (random() * length(s))::int);
    ELSE
      FOR j IN 1 .. 1 + (random() * 2)::int LOOP
        p := 1 + (random() * (length(s) - 1))::int;
        k := 1 + (random() * (length(alphabet) - 1))::int;
        s := overlay(s placing substr(alphabet, k, 1) from p for 1);
      END LOOP;
    END IF;
    RETURN NEXT s;
  END LOOP;
END $$;

SELECT setseed(0.42);
CREATE TABLE tap_clvf.results AS
SELECT 'ror.gamma_gamma_state' AS typ, tap_clvf.try(m, 'ror.gamma_gamma_state') AS r
FROM tap_clvf.mutants('(customers=3,excluded=1,patterns=[1:2.5:1,1:3.25:0.5,12:1e-3:1.5])', 3000) m
UNION ALL
SELECT 'ror.rfm_state', tap_clvf.try(m, 'ror.rfm_state')
FROM tap_clvf.mutants('(observation_end=1997-09-30,days=[1997-01-01:29.33,1997-01-18:-29.73,1997-08-02:14.96])', 3000) m
UNION ALL
SELECT 'ror.gamma_gamma', tap_clvf.try(m, 'ror.gamma_gamma')
FROM tap_clvf.mutants('(p=6.2488069342415,q=3.7445867302420894,gamma=15.447732216437842,customers=946,weight=946,loglik=-4055.923243502695,iterations=288,converged=1,excluded=0)', 3000) m;

SELECT is_empty($$ SELECT DISTINCT typ, r FROM tap_clvf.results WHERE r NOT IN ('ok', '22P02', '22003') $$,
                'mutated text input fails only with 22P02 or 22003, or round-trips');
SELECT ok((SELECT count(*) FROM tap_clvf.results WHERE typ = 'ror.gamma_gamma_state' AND r = 'ok') > 0,
          'some gamma_gamma_state mutants are valid and round-trip');
SELECT ok((SELECT count(*) FROM tap_clvf.results WHERE typ = 'ror.gamma_gamma_state' AND r = '22P02') > 0,
          'some gamma_gamma_state mutants are rejected');
SELECT ok((SELECT count(*) FROM tap_clvf.results WHERE typ = 'ror.rfm_state' AND r = 'ok') > 0,
          'some rfm_state mutants are valid and round-trip');
SELECT ok((SELECT count(*) FROM tap_clvf.results WHERE typ = 'ror.rfm_state' AND r = '22P02') > 0,
          'some rfm_state mutants are rejected');
SELECT ok((SELECT count(*) FROM tap_clvf.results WHERE typ = 'ror.gamma_gamma' AND r = 'ok') > 0,
          'some gamma_gamma mutants are valid and round-trip');
SELECT ok((SELECT count(*) FROM tap_clvf.results WHERE typ = 'ror.gamma_gamma' AND r = '22P02') > 0,
          'some gamma_gamma mutants are rejected');

-- a detail quotes at most 20 bytes of the input: with 2- and 3-byte characters
-- at every offset, the cut never splits one
SELECT is_empty($$ SELECT r FROM (SELECT tap_clvf.try('(customers=1,excluded=0,patterns=[1:1:' || repeat('x', k) || repeat('é€', 12) || '])',
                                                      'ror.gamma_gamma_state') AS r
                                  FROM generate_series(0, 6) k
                                  UNION ALL
                                  SELECT tap_clvf.try('(observation_end=2020-01-01,days=[' || repeat('x', k) || repeat('€é', 12) || '])',
                                                      'ror.rfm_state')
                                  FROM generate_series(0, 6) k) q WHERE r <> '22P02' $$,
                'multibyte input in an error detail is never cut inside a character');

-- random valid states round-trip through text bit for bit
SELECT ok((SELECT bool_and(s::text::ror.gamma_gamma_state OPERATOR(ror.=) s)
           FROM (SELECT g, ror.gamma_gamma_state_agg(1 + floor(random() * 30), random() * 1e3 + 1e-300, random()) s
                 FROM generate_series(1, 20000) i, LATERAL (SELECT i % 50 AS g) z GROUP BY g) q),
          'random weighted states round-trip through text');

DROP SCHEMA tap_clvf CASCADE;
SELECT * FROM finish();
