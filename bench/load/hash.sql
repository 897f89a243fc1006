-- the answer of one view (at random) while the load runs, as an md5 into load.hash_log
\set i random(1, 9)
INSERT INTO load.hash_log (phase, v, hash, hash12)
SELECT 'during', w.v, h.hash, h.hash12 FROM load.views w CROSS JOIN LATERAL load.view_hash(w.v) h WHERE w.i = :i;
