-- a new customer with a first order and an answer, in one transaction (3 rows, one token)
\set n :n + 1
\set s random(0, 10)
BEGIN;
INSERT INTO ror_demo.customers (customer_id, acquired_at, churned_at, segment, acquisition_cost)
VALUES (1000000000 + :client_id * 1000000 + :n, load.token_at(:client_id, :n), NULL,
        (ARRAY['basic', 'plus', 'pro'])[1 + :n % 3], 50);
INSERT INTO ror_demo.orders (customer_id, ordered_at, amount)
VALUES (1000000000 + :client_id * 1000000 + :n, load.token_at(:client_id, :n), 42.00);
INSERT INTO ror_demo.responses (customer_id, responded_at, score)
VALUES (1000000000 + :client_id * 1000000 + :n, load.token_at(:client_id, :n), :s);
END;
