#!/usr/bin/env bash
# test/fuzz/make_corpus.sh: rewrite the libFuzzer seeds in test/fuzz/corpus/
# from values a real server makes: the stored values of every type in
# test/lib/stored_values.sql (large, small, empty) and a few small states
# (below) up to 4 kB, each as its text form (<type>_in/) and its binary form (<type>_recv/).
# Run it when a type's text or binary form changes; commit the result.
set -euo pipefail
. "$(dirname "$0")/../lib/cluster.sh"
ensure_deps
choose_rundir corpus
build_and_stage
start_cluster
trap stop_cluster EXIT
cd "$ROOT"
psql -X -q -v ON_ERROR_STOP=1 -v schema=store <<'SQL'
CREATE EXTENSION ror;
\i test/lib/stored_values.sql
-- small states with a few entries: seeds libFuzzer can change whole
INSERT INTO store.src
SELECT 5,
       (SELECT ror.nps_summary_agg(s) FROM generate_series(0, 10) s),
       (SELECT ror.churn_summary_agg(daterange(DATE '2023-12-01' + i, CASE WHEN i % 2 = 0 THEN DATE '2024-01-05' + i END),
                                     daterange('2024-01-01', '2024-02-01')) FROM generate_series(0, 9) i),
       (SELECT ror.survival_agg(i / 4.0, i % 3 = 0) FROM generate_series(1, 12) i),
       (SELECT ror.rfm_state_agg(DATE '2024-01-01' + i * 3, i * 1.5, DATE '2024-03-01') FROM generate_series(0, 6) i),
       (SELECT ror.gamma_gamma_fit(1 + i % 4, 5 + i) FROM generate_series(0, 40) i),
       (SELECT ror.gamma_gamma_state_agg(1 + i % 4, 5 + i) FROM generate_series(0, 5) i),
       (SELECT ror.bgnbd_fit(f, r, 52) FROM (VALUES (0, 0), (1, 10), (2, 30), (5, 50), (3, 20), (0, 0)) v(f, r)),
       (SELECT ror.bgnbd_hist_agg(i % 3, (i % 3) * 10.5, 52) FROM generate_series(0, 8) i);
UPDATE store.src SET sbg = ror.sbg_fit('{100,60,45,38}'::bigint[]) WHERE id = 5;
SQL
types=(nps_summary:nps churn_summary:churn survival:surv rfm_state:rfm gamma_gamma:gg
       gamma_gamma_state:ggs bgnbd:bg bgnbd_hist:bgh sbg:sbg)
for tc in "${types[@]}"; do
    t=${tc%%:*} c=${tc#*:}
    rm -rf "test/fuzz/corpus/${t}_in" "test/fuzz/corpus/${t}_recv"
    mkdir -p "test/fuzz/corpus/${t}_in" "test/fuzz/corpus/${t}_recv"
    for id in $(psql -X -A -t -c "SELECT id FROM store.src WHERE $c IS NOT NULL ORDER BY id"); do
        psql -X -A -t -c "SELECT $c FROM store.src WHERE id = $id" | head -c -1 >"test/fuzz/corpus/${t}_in/$id"
        psql -X -A -t -c "SELECT encode(ror.${t}_send($c), 'hex') FROM store.src WHERE id = $id" \
            | perl -ne 'chomp; print pack("H*", $_)' >"test/fuzz/corpus/${t}_recv/$id"
    done
done
# libFuzzer reads at most -max_len (4096) bytes of an input: larger seeds
# (the 20,000-customer states) would only be cut
find test/fuzz/corpus -type f -size +4096c -delete
du -sh test/fuzz/corpus
