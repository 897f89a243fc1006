-- The one number syntax (src/rortoken.h, README "Numbers in text input") in
-- the text input of every ror type: the same odd numbers go into a whole-number
-- slot and a float slot of each type, and each type must accept them (reading
-- the same value as the plain number) or refuse them with the same SQLSTATE.
BEGIN;
SELECT plan(739);

-- one slot (%s) a type reads as a whole number or as a float; every template
-- is valid with 1 in a whole-number slot, with 0.5, 1, 1.5 or 5 in a float slot
-- and with 1 or 1.5 in customer_seconds
CREATE TEMP TABLE slot (typ text, kind text, tpl text);
INSERT INTO slot VALUES
  ('ror.nps_summary', 'int', '(responses=%s,promoters=1,passives=0,detractors=0,sum_w2=1)'),
  ('ror.nps_summary', 'float', '(responses=100,promoters=10,passives=%s,detractors=0,sum_w2=10)'),
  ('ror.churn_summary', 'int', '(period=[2024-01-01,2024-02-01),at_start=%s,churned_from_start=0,new=0,churned_new=0,customer_days=0)'),
  ('ror.survival', 'int', '{(1,%s,0)}'),
  ('ror.survival', 'float', '{(%s,1,0)}'),
  ('ror.bgnbd_hist', 'int', '(rows=1,excluded=%s,weight=1,patterns=1,data={{0,0,2,1}})'),
  ('ror.bgnbd_hist', 'float', '(rows=1,excluded=0,weight=1,patterns=1,data={{0,0,%s,1}})'),
  ('ror.bgnbd', 'int', '(r=1,alpha=1,a=1,b=1,customers=10,weight=10,loglik=-5,iterations=10,converged=1,excluded=%s,se_r=0,se_alpha=0,se_a=0,se_b=0)'),
  ('ror.bgnbd', 'float', '(r=%s,alpha=1,a=1,b=1,customers=10,weight=10,loglik=-5,iterations=10,converged=1,excluded=0,se_r=0,se_alpha=0,se_a=0,se_b=0)'),
  ('ror.sbg', 'int', '(alpha=1,beta=1,customers=10,periods=3,loglik=-5,iterations=%s,converged=1,se_alpha=0,se_beta=0)'),
  ('ror.sbg', 'float', '(alpha=%s,beta=1,customers=10,periods=3,loglik=-5,iterations=10,converged=1,se_alpha=0,se_beta=0)'),
  ('ror.gamma_gamma', 'int', '(p=1,q=2,gamma=3,customers=10,weight=10,loglik=-5,iterations=10,converged=1,excluded=%s)'),
  ('ror.gamma_gamma', 'float', '(p=%s,q=2,gamma=3,customers=10,weight=10,loglik=-5,iterations=10,converged=1,excluded=0)'),
  ('ror.gamma_gamma_state', 'int', '(customers=%s,excluded=0,patterns=[1:1:1])'),
  ('ror.gamma_gamma_state', 'float', '(customers=1,excluded=0,patterns=[1:%s:1])'),
  ('ror.rfm_state', 'float', '(observation_end=2024-02-29,days=[2024-01-01:%s])'),
  -- exact decimal seconds: a whole number, or one with 1 to 6 decimals after "."
  ('ror.churn_summary', 'fixed', '(period=[2024-01-01 00:00:00+00,2024-02-01 00:00:00+00),at_start=1,churned_from_start=0,new=0,churned_new=0,customer_seconds=%s)');

-- what each odd number must give in a whole-number slot, a float slot and
-- customer_seconds (ror.churn_summary's exact seconds):
-- 'ok' (then it reads as the number canon), a SQLSTATE for a syntax or range
-- error, or 'valid': read as a number, then refused by the type's validation
-- ("invalid <type>: ...", with its SQLSTATE: 22P02, or 22003 for nps_summary's
-- infinite sums); NULL: not tried in that slot
CREATE TEMP TABLE num (lit text, as_int text, as_float text, as_fixed text, canon text);
INSERT INTO num VALUES
  ('0x1p3', '22P02', '22P02', '22P02', NULL),       -- hex float (strtod reads it)
  ('0X1.8P1', '22P02', '22P02', '22P02', NULL),
  ('0x10', '22P02', '22P02', '22P02', NULL),        -- hex integer
  ('1_000', '22P02', '22P02', '22P02', NULL),       -- digit separators
  ('1,000', '22P02', '22P02', '22P02', NULL),
  ('+1', 'ok', 'ok', 'ok', '1'),                    -- a plus sign
  (' 1 ', 'ok', 'ok', 'ok', '1'),                   -- white space around
  (E'\t+1\n', 'ok', 'ok', 'ok', '1'),
  ('1e999', '22P02', '22003', '22P02', NULL),       -- overflow
  ('-1e999', '22P02', '22003', '22P02', NULL),
  ('1e-999', '22P02', '22003', '22P02', NULL),      -- underflow to zero
  ('4.9e-324', '22P02', 'ok', '22P02', '5e-324'),  -- a subnormal is fine
  ('99999999999999999999', '22003', NULL, '22003', NULL),
  ('nan(1)', '22P02', '22P02', '22P02', NULL),
  ('Infinity', '22P02', 'valid', '22P02', NULL),    -- the words: read, then validated
  ('-inf', '22P02', 'valid', '22P02', NULL),
  ('NaN', '22P02', 'valid', '22P02', NULL),
  ('Infinityx', '22P02', '22P02', '22P02', NULL),
  ('infinit', '22P02', '22P02', '22P02', NULL),
  ('.5', '22P02', 'ok', '22P02', '0.5'),
  ('5.', '22P02', 'ok', '22P02', '5'),
  ('1.5', '22P02', 'ok', 'ok', '1.5'),
  ('1E0', '22P02', 'ok', '22P02', '1'),
  ('+.5e+1', '22P02', 'ok', '22P02', '5'),
  ('.', '22P02', '22P02', '22P02', NULL),
  ('1e', '22P02', '22P02', '22P02', NULL),
  ('1e+', '22P02', '22P02', '22P02', NULL),
  ('--1', '22P02', '22P02', '22P02', NULL),
  ('+-1', '22P02', '22P02', '22P02', NULL),
  ('+', '22P02', '22P02', '22P02', NULL),
  ('', '22P02', '22P02', '22P02', NULL),
  ('1x', '22P02', '22P02', '22P02', NULL),          -- junk after the number
  ('1 x', '22P02', '22P02', '22P02', NULL),
  ('1.5.', '22P02', '22P02', '22P02', NULL),
  ('1-', '22P02', '22P02', '22P02', NULL),
  ('x1', '22P02', '22P02', '22P02', NULL),
  ('-0.5', '22P02', NULL, 'valid', NULL);           -- a negative customer time

-- the text of typ read from txt, or NULL: the value to compare
CREATE FUNCTION pg_temp.read_as(typ text, txt text) RETURNS text LANGUAGE plpgsql AS $$
DECLARE r text;
BEGIN
  EXECUTE format('SELECT %L::%s::text', txt, typ) INTO r;
  RETURN r;
EXCEPTION WHEN OTHERS THEN RETURN NULL;
END $$;
-- "SQLSTATE message" of the error reading txt as typ ('' when there is none)
CREATE FUNCTION pg_temp.error_of(typ text, txt text) RETURNS text LANGUAGE plpgsql AS $$
BEGIN
  EXECUTE format('SELECT %L::%s', txt, typ);
  RETURN '';
EXCEPTION WHEN OTHERS THEN RETURN SQLSTATE || ' ' || SQLERRM;
END $$;

CREATE TEMP VIEW cases AS
SELECT s.typ, s.tpl, n.lit, n.canon, CASE s.kind WHEN 'int' THEN n.as_int WHEN 'float' THEN n.as_float ELSE n.as_fixed END AS want,
       format('%s %s slot: %s', s.typ, s.kind, quote_literal(replace(replace(n.lit, E'\t', '\t'), E'\n', '\n'))) AS what,
       format('SELECT %L::%s', format(s.tpl, n.lit), s.typ) AS query
FROM slot s CROSS JOIN num n
WHERE CASE s.kind WHEN 'int' THEN n.as_int WHEN 'float' THEN n.as_float ELSE n.as_fixed END IS NOT NULL;

-- the plan: one decision a case, a value check for each 'ok', a message check for each 'valid'
SELECT is((SELECT count(*) + count(*) FILTER (WHERE want IN ('ok', 'valid')) FROM cases), 738::bigint,
          'the plan counts every case');

SELECT CASE want
         WHEN 'ok' THEN lives_ok(query, what || ' is accepted')
         WHEN 'valid' THEN throws_ok(query, NULL, NULL, what || ' is refused')
         ELSE throws_ok(query, want, NULL, what || ' is refused with ' || want)
       END
FROM cases ORDER BY typ, tpl, lit;

SELECT is(pg_temp.read_as(typ, format(tpl, lit)), pg_temp.read_as(typ, format(tpl, canon)),
          what || ' reads as ' || canon)
FROM cases WHERE want = 'ok' ORDER BY typ, tpl, lit;

SELECT matches(pg_temp.error_of(typ, format(tpl, lit)), '^(22P02|22003) invalid ' || replace(typ, '.', '\.') || ': ',
               what || ' is a number the validation of ' || typ || ' refuses')
FROM cases WHERE want = 'valid' ORDER BY typ, tpl, lit;

SELECT * FROM finish();
ROLLBACK;
