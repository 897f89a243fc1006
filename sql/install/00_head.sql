-- ror: Return on Relationship metrics.  Assembled by the Makefile from
-- sql/install/*.sql, one piece per concern, in name order.
\echo Use "CREATE EXTENSION ror" to load this file. \quit
