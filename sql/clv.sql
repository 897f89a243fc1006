-- CLV: the simple margin multiple, ror.gamma_gamma (constructor, I/O, jsonb)
-- and expected_avg_value; every value checked against python3 (see the comments).
SET timezone = 'UTC';
SET datestyle = ISO;
SET extra_float_digits = 0;

-- clv(m, r, d) = m r / (1 + d - r)
--   100, 0.8, 0.1  -> 80 / 0.3            = 266.666666666667
--   50,  0.6, 0    -> 30 / 0.4            = 75
--   10,  0,   0.05 -> 0
--   -20, 0.9, 0.12 -> -18 / 0.22          = -81.8181818181818
SELECT round(ror.clv(100, 0.8, 0.1)::numeric, 9) AS a, ror.clv(50, 0.6, 0) AS b,
       ror.clv(10, 0, 0.05) AS c, round(ror.clv(-20, 0.9, 0.12)::numeric, 9) AS d;
-- retention 1 converges when d > 0: 100 * 1 / 0.1 = 1000
SELECT round(ror.clv(100, 1, 0.1)::numeric, 9) AS r1;
-- clv(m, r, d, n) = sum_{t=1..n} m r^t / (1+d)^t
--   100, 0.8, 0.1, 3  -> 72.7272727 + 52.8925620 + 38.4673178 = 164.087152516905
--   100, 1,   0,   5  -> 500 (a = 1)
--   100, 0.8, 0.1, 0  -> 0
--   100, 1,   0.1, 2  -> 100/1.1 + 100/1.21 = 173.553719008264
--   100, 0.8, 0.1, 1000 -> the infinite sum 266.666666666667
--   100, 1.0, -0.5, 3 -> (a = 2) 200 + 400 + 800 = 1400 (finite horizon, r >= 1 + d allowed)
SELECT round(ror.clv(100, 0.8, 0.1, 3)::numeric, 9) AS n3, ror.clv(100, 1, 0, 5) AS n5,
       ror.clv(100, 0.8, 0.1, 0) AS n0, round(ror.clv(100, 1, 0.1, 2)::numeric, 9) AS r1,
       round(ror.clv(100, 0.8, 0.1, 1000)::numeric, 9) AS long,
       round(ror.clv(100, 1, -0.5, 3)::numeric, 9) AS growth;
-- the finite sum tends to the closed form
SELECT abs(ror.clv(37.5, 0.93, 0.01, 100000) - ror.clv(37.5, 0.93, 0.01)) < 1e-9 AS limit_ok;
-- NULL in, NULL out
SELECT ror.clv(NULL, 0.5, 0.1) IS NULL AS n1, ror.clv(1, 0.5, 0.1, NULL) IS NULL AS n2;
-- bad input
SELECT ror.clv(100, 1.2, 0.1);
SELECT ror.clv(100, -0.1, 0.1);
SELECT ror.clv(100, 'NaN', 0.1);
SELECT ror.clv(100, 0.5, -1);
SELECT ror.clv(100, 1, 0);
SELECT ror.clv(100, 0.95, -0.1);
SELECT ror.clv('Infinity', 0.5, 0.1);
SELECT ror.clv(100, 0.5, 0.1, -1);
SELECT ror.clv(1e308, 1, 0, 10);

-- ror.gamma_gamma: constructor, text form, jsonb
SELECT ror.gamma_gamma(6.25, 3.74, 15.44);
SELECT ror.gamma_gamma(6.25, 3.74, 15.44)::jsonb;
SELECT ror.gamma_gamma(0.1, 0.2, 1e-300)::text::ror.gamma_gamma OPERATOR(ror.=) ror.gamma_gamma(0.1, 0.2, 1e-300) AS roundtrip;
SELECT '(p=6.248802,q=3.744588,gamma=15.447748,customers=946,weight=946,loglik=-4055.9,iterations=100,converged=1,excluded=0)'::ror.gamma_gamma::jsonb;
SELECT ror.gamma_gamma(0, 1, 1);
SELECT ror.gamma_gamma(1, 'Infinity', 1);
SELECT ror.gamma_gamma(1, 1, 'NaN');
-- hostile text
SELECT '(p=1,q=2,gamma=3)'::ror.gamma_gamma;
SELECT '(p=1,q=2,gamma=3,customers=0,weight=0,loglik=0,iterations=0,converged=0,excluded=0) x'::ror.gamma_gamma;
SELECT '(p=1,q=2,gamma=-3,customers=0,weight=0,loglik=0,iterations=0,converged=0,excluded=0)'::ror.gamma_gamma;
SELECT '(p=1,q=2,gamma=3,customers=1,weight=1,loglik=NaN,iterations=0,converged=0,excluded=0)'::ror.gamma_gamma;
SELECT '(p=1,q=2,gamma=3,customers=1,weight=1,loglik=-1,iterations=0,converged=2,excluded=0)'::ror.gamma_gamma;
SELECT '(p=1,q=2,gamma=3,customers=0,weight=5,loglik=0,iterations=0,converged=0,excluded=0)'::ror.gamma_gamma;
SELECT '(p=1,q=2,gamma=3,customers=-1,weight=0,loglik=0,iterations=0,converged=0,excluded=0)'::ror.gamma_gamma;
SELECT '(p=1e999,q=2,gamma=3,customers=0,weight=0,loglik=0,iterations=0,converged=0,excluded=0)'::ror.gamma_gamma;
SELECT '(q=1,p=2,gamma=3,customers=0,weight=0,loglik=0,iterations=0,converged=0,excluded=0)'::ror.gamma_gamma;

-- expected_avg_value(m, x, m_x) = p (gamma + x m_x) / (p x + q - 1)
-- with (6.25, 3.74, 15.44):
--   x = 2, m = 30  -> 6.25 * 75.44 / 15.24       = 30.9383202099738
--   x = 1, m = 11.77 -> 6.25 * 27.21 / 8.99      = 18.916852057842
--   x = 0          -> population mean p gamma/(q-1) = 96.5 / 2.74 = 35.2189781021898
--   x = 10, m = 0  -> 6.25 * 15.44 / 65.24       = 1.47915389331698
SELECT round(ror.expected_avg_value(g, 2, 30)::numeric, 9) AS x2,
       round(ror.expected_avg_value(g, 1, 11.77)::numeric, 9) AS x1,
       round(ror.expected_avg_value(g, 0, 123)::numeric, 9) AS x0,
       round(ror.expected_avg_value(g, 10, 0)::numeric, 9) AS zero_spend
FROM (SELECT ror.gamma_gamma(6.25, 3.74, 15.44) g) q;
-- q <= 1: no population mean for x = 0, fine for x > 0 (1 * 2 + 0.5 - 1 = 1.5: 1 * (3 + 2 * 4) / 1.5)
SELECT round(ror.expected_avg_value(ror.gamma_gamma(1, 0.5, 3), 2, 4)::numeric, 9) AS small_q;
SELECT ror.expected_avg_value(ror.gamma_gamma(1, 0.5, 3), 0, 4);
SELECT ror.expected_avg_value(ror.gamma_gamma(1, 2, 3), -1, 4);
SELECT ror.expected_avg_value(ror.gamma_gamma(1, 2, 3), 1, 'NaN');
SELECT ror.expected_avg_value(ror.gamma_gamma(1, 2, 3), 1, -5);
