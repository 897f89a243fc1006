-- an interaction of an existing customer
\set n :n + 1
\set c random(1, :customers)
\set k random(1, 5)
INSERT INTO ror_demo.interactions (customer_id, occurred_at, kind)
VALUES (:c, load.token_at(:client_id, :n), (ARRAY['referral', 'share', 'review', 'mention', 'follow'])[:k]);
