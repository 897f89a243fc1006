-- an NPS answer of an existing customer
\set n :n + 1
\set c random(1, :customers)
\set s random(0, 10)
INSERT INTO ror_demo.responses (customer_id, responded_at, score) VALUES (:c, load.token_at(:client_id, :n), :s);
