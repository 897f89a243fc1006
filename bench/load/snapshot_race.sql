-- bench/load/snapshot_race.sql: concurrent ror.snapshot_scorecard of one date, the reproducer
-- of the unique violation the load check found (before the advisory lock in snapshot_scorecard):
--   pgbench -n -c 4 -t 5 -f bench/load/snapshot_race.sql    (on a database with bound sources)
-- failed with ERROR 23505 duplicate key value violates unique constraint "scorecard_snapshot_key"
SELECT ror.snapshot_scorecard('2026-06-30');
