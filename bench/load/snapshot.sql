-- a snapshot as of the pinned as_of, and one of a random month end already stored (replaced by
-- the same answer); several clients take the same date at the same time
\set m random(1, 6)
SELECT ror.snapshot_scorecard();
SELECT ror.snapshot_scorecard((date '2026-01-01' + make_interval(months => :m))::date - 1);
