-- Fuzz the text input of ror.bgnbd and ror.bgnbd_hist: thousands of
-- mutations of valid text (characters replaced, dropped, duplicated) either
-- parse to a value that prints back to the same text, or fail with 22P02 or
-- 22003; nothing else, and the backend survives.
SELECT plan(4);

CREATE SCHEMA tap_bgnbd_fuzz;
CREATE FUNCTION tap_bgnbd_fuzz.mutate(s text, seed int) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
  alphabet text := '0123456789.,=(){}-+eEaNIn x';
  r float8;
  pos int;
  out text := s;
BEGIN
  PERFORM setseed((seed % 1000) / 1000.0);
  FOR k IN 1 .. 1 + (seed % 3) LOOP
    r := random();
    pos := 1 + floor(random() * greatest(length(out), 1))::int;
    IF r < 0.4 THEN
      out := overlay(out placing substr(alphabet, 1 + floor(random() * length(alphabet))::int, 1) from pos for 1);
    ELSIF r < 0.7 THEN
      out := overlay(out placing '' from pos for 1);
    ELSE
      out := overlay(out placing substr(out, pos, 1 + floor(random() * 4)::int) from pos for 0);
    END IF;
  END LOOP;
  RETURN out;
END $$;

CREATE FUNCTION tap_bgnbd_fuzz.run(typ text, valid text, n int) RETURNS text LANGUAGE plpgsql AS $$
DECLARE
  bad text := '';
  m text;
  back text;
BEGIN
  FOR i IN 1 .. n LOOP
    m := tap_bgnbd_fuzz.mutate(valid, i);
    BEGIN
      EXECUTE format('SELECT %L::%s::text', m, typ) INTO back;
      -- accepted: it must print a text that reads back to itself
      EXECUTE format('SELECT %L::%s::text', back, typ) INTO m;
      IF m IS DISTINCT FROM back THEN bad := bad || ' unstable:' || back; END IF;
    EXCEPTION WHEN OTHERS THEN
      IF SQLSTATE NOT IN ('22P02', '22003') THEN bad := bad || ' ' || SQLSTATE || ':' || m; END IF;
    END;
  END LOOP;
  RETURN bad;
END $$;

SELECT is(tap_bgnbd_fuzz.run('ror.bgnbd',
  '(r=0.24259290720446575,alpha=4.413531561205428,a=0.7928861480986342,b=2.4257534364930957,customers=2357,weight=2357,loglik=-9582.425560567359,iterations=26,converged=1,excluded=0,se_r=0.012557319568713716,se_alpha=0.3782214153679545,se_a=0.18571914295483594,se_b=0.7053457549476035)',
  3000), '', 'mutated ror.bgnbd text: round trip or 22P02/22003');
SELECT is(tap_bgnbd_fuzz.run('ror.bgnbd_hist',
  '(rows=4,excluded=1,weight=4,patterns=3,data={{0,0,38.86,1},{1,1.5,20,1},{2,30.43,38.86,2}})',
  3000), '', 'mutated ror.bgnbd_hist text: round trip or 22P02/22003');
SELECT is(tap_bgnbd_fuzz.run('ror.bgnbd_hist', '(rows=0,excluded=0,weight=0,patterns=0,data={})', 1000), '',
          'mutated empty ror.bgnbd_hist text: round trip or 22P02/22003');
SELECT ok((SELECT ror.bgnbd_fit(h) IS NOT NULL FROM (SELECT '(rows=4,excluded=1,weight=4,patterns=3,data={{0,0,38.86,1},{1,1.5,20,1},{2,30.43,38.86,2}})'::ror.bgnbd_hist h) q),
          'a hand-written state fits (with or without convergence)');

DROP SCHEMA tap_bgnbd_fuzz CASCADE;
SELECT * FROM finish();
