-- the answer of one view (at random) while the load runs, as an md5 into load.hash_log
\set i random(1, 9)
INSERT INTO load.hash_log (phase, v, hash) SELECT 'during', v, load.view_hash(v) FROM load.views WHERE i = :i;
