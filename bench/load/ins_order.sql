-- an order of an existing customer, dated by the transaction's token
\set n :n + 1
\set c random(1, :customers)
INSERT INTO ror_demo.orders (customer_id, ordered_at, amount)
VALUES (:c, load.token_at(:client_id, :n), round((random() * 200)::numeric, 2));
