#!/usr/bin/env bash
# Scale-out as Citus does it, on plain PostgreSQL: two "worker" databases each
# run an aggregate's transition function over their share of the rows
# (worker_partial_agg), the partial states travel as text, and a third
# "coordinator" database reads them back, merges them with the aggregate's
# combine function and applies its final function (coord_combine_agg).  The
# answer must be the one a single node gives over all the rows, as text, for
# every aggregate of ror: the list comes from the catalog, so an aggregate
# added later without test data here fails this test.
# Run by test/run against its cluster (PGHOST, PGPORT, PGUSER set); prints TAP.
set -euo pipefail
q() { PGOPTIONS='-c client_min_messages=error' psql -X -q -At -v ON_ERROR_STOP=1 "$@"; }

# the data, identical in every database; amounts, weights and durations are
# multiples of 1/4, so sums are exact in any order and the answers must be
# identical bit for bit
load='
CREATE EXTENSION ror;
CREATE TABLE facts AS
SELECT i AS id, i % 600 + 1 AS cust, i % 50 AS grp,
       (i * 7) % 11 AS score, 0.25 * (1 + i % 8) AS w,
       daterange(l, CASE WHEN i % 3 = 0 THEN NULL ELSE l + 1 + (hashint4(-i) & 127) END) AS life,
       tstzrange(t, CASE WHEN i % 4 = 0 THEN NULL ELSE t + (hashint4(-i) & 65535) * interval '"'"'2 minutes'"'"' END) AS tlife,
       0.5 * (hashint4(i) & 511) AS dur, (hashint4(i * 3) & 3) = 0 AS churned,
       date '"'"'2024-01-01'"'"' + (hashint4(i * 5) & 127) AS day,
       timestamptz '"'"'2024-01-01 00:00+00'"'"' + (hashint4(i * 5) & 1048575) * interval '"'"'9 seconds'"'"' AS ts,
       0.25 * (4 + (hashint4(i * 7) & 255)) AS amount
FROM generate_series(1, 3000) i,
     LATERAL (SELECT date '"'"'2023-10-01'"'"' + (hashint4(i) & 127) AS l,
                     timestamptz '"'"'2023-10-01 00:00+00'"'"' + (hashint4(i) & 65535) * interval '"'"'3 minutes'"'"' AS t) b;
-- purchase histories drawn from a BG/NBD model, spends varied across customers
CREATE TABLE customers AS
SELECT customer_id AS cust, customer_id % 50 AS grp, frequency::float8 AS x, frequency AS xi,
       recency AS tx, age AS tt, 0.5 * (1 + customer_id % 4) AS w,
       0.25 * (8 + (hashint4(customer_id * 13) & 255)) * (1 + (hashint4(customer_id * 17) & 3))
            * (1 + (hashint4(customer_id * 19) & 1) * 3) AS mspend
FROM ror.bgnbd_simulate(ror.bgnbd(0.24, 4.41, 0.79, 2.43), 600, 20, 40, 7);
ALTER TABLE customers ADD COLUMN rfm ror.rfm;
UPDATE customers c SET rfm = r.rfm
FROM (SELECT cust, ror.rfm_agg(day, amount, date '"'"'2024-06-30'"'"') AS rfm FROM facts GROUP BY cust) r
WHERE r.cust = c.cust;
CREATE TABLE rollups AS
SELECT f.grp, f.nps, f.churn, f.surv, f.rfms, c.ggs, c.hist
FROM (SELECT grp, ror.nps_summary_agg(score, w) AS nps,
             ror.churn_summary_agg(life, daterange(date '"'"'2024-01-01'"'"', date '"'"'2024-02-01'"'"')) AS churn,
             ror.survival_agg(dur, churned) AS surv,
             ror.rfm_state_agg(day, amount, date '"'"'2024-06-30'"'"') AS rfms
      FROM facts GROUP BY grp) f
JOIN (SELECT grp, ror.gamma_gamma_state_agg(x, mspend, w) AS ggs, ror.bgnbd_hist_agg(x, tx, tt, w) AS hist
      FROM customers GROUP BY grp) c USING (grp);
'

# the arguments of each aggregate: "table|expressions"
P="daterange(date '2024-01-01', date '2024-02-01')"
TP="tstzrange(timestamptz '2024-01-01 00:00+00', timestamptz '2024-02-01 00:00+00')"
A="date '2024-06-30'"
declare -A args=(
  ["ror.nps_agg(integer)"]="facts|score"
  ["ror.nps_agg(integer,double precision)"]="facts|score, w"
  ["ror.nps_agg(ror.nps_summary)"]="rollups|nps"
  ["ror.nps_summary_agg(integer)"]="facts|score"
  ["ror.nps_summary_agg(integer,double precision)"]="facts|score, w"
  ["ror.nps_summary_agg(ror.nps_summary)"]="rollups|nps"
  ["ror.churn_rate(daterange,daterange)"]="facts|life, $P"
  ["ror.churn_rate(tstzrange,tstzrange)"]="facts|tlife, $TP"
  ["ror.churn_rate(daterange,daterange,text)"]="facts|life, $P, 'customer_days'"
  ["ror.churn_rate(tstzrange,tstzrange,text)"]="facts|tlife, $TP, 'include_new'"
  ["ror.churn_summary_agg(daterange,daterange)"]="facts|life, $P"
  ["ror.churn_summary_agg(tstzrange,tstzrange)"]="facts|tlife, $TP"
  ["ror.churn_summary_agg(ror.churn_summary)"]="rollups|churn"
  ["ror.survival_agg(double precision,boolean)"]="facts|dur, churned"
  ["ror.survival_agg(ror.survival)"]="rollups|surv"
  ["ror.rfm_agg(date,double precision,date)"]="facts|day, amount, $A"
  ["ror.rfm_agg(timestamp with time zone,double precision,date)"]="facts|ts, amount, $A"
  ["ror.rfm_agg(ror.rfm_state)"]="rollups|rfms"
  ["ror.rfm_state_agg(date,double precision,date)"]="facts|day, amount, $A"
  ["ror.rfm_state_agg(timestamp with time zone,double precision,date)"]="facts|ts, amount, $A"
  ["ror.rfm_state_agg(ror.rfm_state)"]="rollups|rfms"
  ["ror.gamma_gamma_fit(double precision,double precision)"]="customers|x, mspend"
  ["ror.gamma_gamma_fit(double precision,double precision,double precision)"]="customers|x, mspend, w"
  ["ror.gamma_gamma_fit(ror.rfm)"]="customers|rfm"
  ["ror.gamma_gamma_fit(ror.gamma_gamma_state)"]="rollups|ggs"
  ["ror.gamma_gamma_state_agg(double precision,double precision)"]="customers|x, mspend"
  ["ror.gamma_gamma_state_agg(double precision,double precision,double precision)"]="customers|x, mspend, w"
  ["ror.gamma_gamma_state_agg(ror.gamma_gamma_state)"]="rollups|ggs"
  ["ror.bgnbd_fit(double precision,double precision,double precision)"]="customers|x, tx, tt"
  ["ror.bgnbd_fit(bigint,double precision,double precision)"]="customers|xi, tx, tt"
  ["ror.bgnbd_fit(double precision,double precision,double precision,double precision)"]="customers|x, tx, tt, w"
  ["ror.bgnbd_fit(bigint,double precision,double precision,double precision)"]="customers|xi, tx, tt, w"
  ["ror.bgnbd_fit(ror.bgnbd_hist)"]="rollups|hist"
  ["ror.bgnbd_fit(ror.rfm)"]="customers|rfm"
  ["ror.bgnbd_hist_agg(double precision,double precision,double precision)"]="customers|x, tx, tt"
  ["ror.bgnbd_hist_agg(bigint,double precision,double precision)"]="customers|xi, tx, tt"
  ["ror.bgnbd_hist_agg(double precision,double precision,double precision,double precision)"]="customers|x, tx, tt, w"
  ["ror.bgnbd_hist_agg(bigint,double precision,double precision,double precision)"]="customers|xi, tx, tt, w"
  ["ror.bgnbd_hist_agg(ror.bgnbd_hist)"]="rollups|hist"
)
# the column each table is split on
declare -A key=([facts]=id [customers]=cust [rollups]=grp)

for db in ror_split_w1 ror_split_w2 ror_split_coord; do
    q -c "DROP DATABASE IF EXISTS $db" -c "CREATE DATABASE $db"
    q -d "$db" -c "$load" >/dev/null
done
# each worker keeps its shard: the rows whose key is odd, or even
for t in facts customers rollups; do
    q -d ror_split_w1 -c "DELETE FROM $t WHERE ${key[$t]} % 2 = 0"
    q -d ror_split_w2 -c "DELETE FROM $t WHERE ${key[$t]} % 2 = 1"
done

# every ror aggregate: signature, transition, combine and final function, state type
catalog="SELECT p.oid::regprocedure::text, a.aggtransfn::regprocedure::text, a.aggcombinefn::oid::regprocedure::text,
                CASE WHEN a.aggfinalfn = 0 THEN '' ELSE a.aggfinalfn::regproc::text END,
                a.aggtranstype::regtype::text, pg_get_function_identity_arguments(p.oid)
         FROM pg_aggregate a JOIN pg_proc p ON p.oid = a.aggfnoid
         WHERE p.pronamespace = 'ror'::regnamespace ORDER BY 1"
mapfile -t aggs < <(q -d ror_split_coord -c "SET search_path = ''" -c "$catalog")
n=${#aggs[@]}
echo "1..$((n + 2))"
[ "$n" -ge 39 ] && echo "ok 1 - the catalog lists $n ror aggregates" \
    || echo "not ok 1 - the catalog lists only $n ror aggregates"

i=1 covered=0
for row in "${aggs[@]}"; do
    IFS='|' read -r sig transfn combinefn finalfn stype argtypes <<<"$row"
    i=$((i + 1))
    spec=${args[$sig]:-}
    if [ -z "$spec" ]; then
        echo "not ok $i - $sig: no test data in test/shell/shard_split.sh"
        continue
    fi
    covered=$((covered + 1))
    table=${spec%%|*} exprs=${spec#*|}
    transname=${transfn%%(*}
    # worker_partial_agg: the transition function alone, the state as text
    partial="CREATE SCHEMA split; CREATE AGGREGATE split.partial($argtypes) (SFUNC = $transname, STYPE = $stype)"
    s1=$(q -d ror_split_w1 -c "DROP SCHEMA IF EXISTS split CASCADE" -c "$partial" \
           -c "SELECT split.partial($exprs)::text FROM $table")
    s2=$(q -d ror_split_w2 -c "DROP SCHEMA IF EXISTS split CASCADE" -c "$partial" \
           -c "SELECT split.partial($exprs)::text FROM $table")
    # coord_combine_agg: the states read back, combined, finished
    final=""
    [ -n "$finalfn" ] && final=", FINALFUNC = $finalfn"
    merged=$(q -d ror_split_coord -c "DROP SCHEMA IF EXISTS split CASCADE" \
               -c "CREATE SCHEMA split; CREATE AGGREGATE split.merge($stype) (SFUNC = ${combinefn%%(*}, STYPE = $stype$final)" \
               -c "SELECT split.merge(s::$stype)::text FROM (VALUES (\$a\$$s1\$a\$), (\$b\$$s2\$b\$)) v(s)")
    single=$(q -d ror_split_coord -c "SELECT ${sig%%(*}($exprs)::text FROM $table")
    if [ -n "$s1" ] && [ -n "$s2" ] && [ -n "$merged" ] && [ "$merged" = "$single" ]; then
        echo "ok $i - $sig: two shards' partial states, shipped as text and merged, give the single-node answer"
    else
        echo "not ok $i - $sig: merged $merged, single node $single"
    fi
done
[ "$covered" -eq "$n" ] && echo "ok $((n + 2)) - every ror aggregate has test data here" \
    || echo "not ok $((n + 2)) - $((n - covered)) ror aggregates have no test data here"

for db in ror_split_w1 ror_split_w2 ror_split_coord; do
    q -c "DROP DATABASE $db"
done
