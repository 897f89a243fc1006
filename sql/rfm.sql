-- RFM: rfm_agg by hand, the CDNOW sample summary reproduced row by row,
-- the timestamptz form, the state's text and binary forms, bad input.
SET timezone = 'UTC';
SET datestyle = ISO;
SET extra_float_digits = 0;

CREATE TABLE rfm_orders (customer text, day date, amount float8, at timestamptz);
-- a: Jan 1 (10 + 5 = 15), Jan 5 (20), Feb 1 (30); Mar 15 is after the end (Feb 29):
--    frequency 2, recency Feb 1 - Jan 1 = 31, age Feb 29 - Jan 1 = 59, monetary (20 + 30) / 2 = 25
-- b: one purchase on the end day: 0, 0, 0, 0
-- c: only after the end: NULL
-- d: NULL amounts and days only: NULL
INSERT INTO rfm_orders (customer, day, amount) VALUES
  ('a', '2024-01-05', 20), ('a', '2024-01-01', 10), ('a', '2024-03-15', 99),
  ('a', '2024-02-01', 30), ('a', '2024-01-01', 5), ('a', NULL, 1000),
  ('b', '2024-02-29', 7.5),
  ('c', '2024-03-01', 1),
  ('d', '2024-01-01', NULL), ('d', NULL, NULL);
SELECT customer, ror.rfm_agg(day, amount, DATE '2024-02-29') AS rfm,
       ror.rfm_state_agg(day, amount, DATE '2024-02-29') AS state
FROM rfm_orders GROUP BY customer ORDER BY customer;
SELECT (ror.rfm_agg(day, amount, DATE '2024-02-29')).* FROM rfm_orders WHERE customer = 'a';
-- no rows
SELECT ror.rfm_agg(day, amount, DATE '2024-02-29') IS NULL AS no_rows FROM rfm_orders WHERE false;

-- the timestamptz form groups by day in the session time zone:
-- 03:00 UTC on Jan 1 is Dec 31 in New York, 20:00 UTC is Jan 1 there
CREATE TABLE rfm_times (at timestamptz, amount float8);
INSERT INTO rfm_times VALUES ('2024-01-01 03:00+00', 10), ('2024-01-01 20:00+00', 4), ('2024-01-03 12:00+00', 6);
SELECT ror.rfm_agg(at, amount, DATE '2024-01-31') AS utc FROM rfm_times;
SET timezone = 'America/New_York';
SELECT ror.rfm_agg(at, amount, DATE '2024-01-31') AS new_york FROM rfm_times;
SET timezone = 'UTC';

-- CDNOW: the 1/10 sample's raw transactions reproduce every row of the
-- published summary (x exactly, t_x and T in weeks and zbar to 2 decimals)
CREATE TABLE cdnow_raw (line text);
\copy cdnow_raw from '../shared/data/cdnow/CDNOW_sample.txt'
CREATE TABLE cdnow_tx AS
SELECT f[2]::int AS id, to_date(f[3], 'YYYYMMDD') AS day, f[5]::float8 AS amount
FROM (SELECT regexp_split_to_array(btrim(line), '\s+') AS f FROM cdnow_raw) q;
CREATE TABLE cdnow_summary (id int, x int, t_x numeric, big_t numeric, zbar numeric);
\copy cdnow_summary from '../shared/data/cdnow/cdnow_summary.csv' with (format csv, header)
CREATE TABLE cdnow_rfm AS
SELECT id, (ror.rfm_agg(day, amount, DATE '1997-09-30')).* FROM cdnow_tx GROUP BY id;
SELECT count(*) AS customers,
       count(*) FILTER (WHERE r.id IS NULL OR s.id IS NULL
                        OR r.frequency <> s.x
                        OR round((r.recency / 7)::numeric, 2) <> s.t_x
                        OR round((r.age / 7)::numeric, 2) <> s.big_t
                        OR round(r.monetary::numeric, 2) <> s.zbar) AS mismatches
FROM cdnow_rfm r FULL JOIN cdnow_summary s USING (id);
SELECT * FROM cdnow_rfm WHERE id IN (1, 2, 3, 2357) ORDER BY id;

-- the state: exact text and binary round trips, merging
SELECT s::text::ror.rfm_state OPERATOR(ror.=) s AS text_roundtrip, s::text = s::text::ror.rfm_state::text AS same_text
FROM (SELECT ror.rfm_state_agg(day, amount, DATE '1997-09-30') s FROM cdnow_tx) q;
CREATE TABLE rfm_states AS
SELECT id, ror.rfm_state_agg(day, amount * 1.1, DATE '1997-09-30') AS s FROM cdnow_tx GROUP BY id;
\copy rfm_states to 'results/rfm_states.bin' with (format binary)
CREATE TABLE rfm_states2 (LIKE rfm_states);
\copy rfm_states2 from 'results/rfm_states.bin' with (format binary)
SELECT count(*) AS states, bool_and(a.s OPERATOR(ror.=) b.s) AS binary_roundtrip,
       bool_and(a.s::text = b.s::text) AS same_text
FROM rfm_states a JOIN rfm_states2 b USING (id);
-- stored per-customer states of two halves of the year merge to the whole
SELECT bool_and(m = w) AS halves_merge
FROM (SELECT id, ror.rfm_agg(s) m FROM (
        SELECT id, ror.rfm_state_agg(day, amount, DATE '1997-09-30') s FROM cdnow_tx WHERE day < '1997-04-01' GROUP BY id
        UNION ALL
        SELECT id, ror.rfm_state_agg(day, amount, DATE '1997-09-30') s FROM cdnow_tx WHERE day >= '1997-04-01' GROUP BY id) h
      GROUP BY id) a
JOIN (SELECT id, ror.rfm_agg(day, amount, DATE '1997-09-30') w FROM cdnow_tx GROUP BY id) b USING (id);
-- a state of purchases all after the end is empty, and its summary NULL
SELECT min(s::text) AS empty, ror.rfm_agg(s) IS NULL AS empty_is_null
FROM (VALUES ('(observation_end=2024-02-29,days=[])'::ror.rfm_state)) v(s);
SELECT '( observation_end = -0044-03-15 , days = [ -0044-03-15 : -1.5 ] )'::ror.rfm_state AS bc;

-- bad input
SELECT ror.rfm_agg(d, a, e) FROM (VALUES ('2024-01-01'::date, 1.0::float8, '2024-02-01'::date),
                                         ('2024-01-02', 1.0, '2024-03-01')) v(d, a, e);
SELECT ror.rfm_agg(DATE '2024-01-01', 'NaN'::float8, DATE '2024-02-01');
SELECT ror.rfm_agg(DATE '2024-01-01', 'Infinity'::float8, DATE '2024-02-01');
SELECT ror.rfm_agg('-infinity'::date, 1.0, DATE '2024-02-01');
SELECT ror.rfm_agg(DATE '2024-01-01', 1.0, 'infinity'::date);
SELECT ror.rfm_agg('infinity'::timestamptz, 1.0, DATE '2024-02-01');
SELECT ror.rfm_agg(s) FROM (VALUES ('(observation_end=2024-02-29,days=[2024-01-01:1])'::ror.rfm_state),
                                   ('(observation_end=2024-03-01,days=[2024-01-01:1])')) v(s);
-- hostile text
SELECT '(observation_end=2024-02-30,days=[])'::ror.rfm_state;
SELECT '(observation_end=2023-02-29,days=[])'::ror.rfm_state;
SELECT '(observation_end=2024-2-28,days=[])'::ror.rfm_state;
SELECT '(observation_end=infinity,days=[])'::ror.rfm_state;
-- the last date PostgreSQL prints, then years past it (read without overflowing date2j)
SELECT '(observation_end=5874897-12-31,days=[-4713-11-24:1])'::ror.rfm_state;
SELECT '(observation_end=5874898-01-01,days=[])'::ror.rfm_state;
SELECT '(observation_end=5874898-12-31,days=[])'::ror.rfm_state;
SELECT '(observation_end=999999999-12-31,days=[])'::ror.rfm_state;
SELECT '(observation_end=2024-02-29,days=[-4713-11-23:1])'::ror.rfm_state;
SELECT '(observation_end=2024-02-29,days=[2024-01-02:1,2024-01-01:1])'::ror.rfm_state;
SELECT '(observation_end=2024-02-29,days=[2024-01-01:1,2024-01-01:1])'::ror.rfm_state;
SELECT '(observation_end=2024-02-29,days=[2024-03-01:1])'::ror.rfm_state;
SELECT '(observation_end=2024-02-29,days=[2024-01-01:NaN])'::ror.rfm_state;
SELECT '(observation_end=2024-02-29,days=[2024-01-01:1e999])'::ror.rfm_state;
SELECT '(observation_end=2024-02-29,days=[2024-01-01:1]'::ror.rfm_state;
SELECT '(observation_end=2024-02-29,days=[2024-01-01:1]) junk'::ror.rfm_state;
SELECT '(days=[],observation_end=2024-02-29)'::ror.rfm_state;
SELECT '(observation_end=99999999-01-01,days=[])'::ror.rfm_state;

-- a day's amounts that overflow: 22003 when the row is added, never a state
-- with Infinity (which the type's own input rejects)
SELECT ror.rfm_state_agg(d, 1e308, '2020-01-01')::text::ror.rfm_state
FROM (VALUES ('2019-01-01'::date), ('2019-01-01')) v(d);
SELECT ror.rfm_agg(d, 1e308, '2020-01-01')
FROM (VALUES ('2019-01-01'::date), ('2019-01-02'), ('2019-01-01')) v(d);
-- only the printed syntax: no sign or white space inside a date, no hex amounts
SELECT '(observation_end=+2020-01-01,days=[])'::ror.rfm_state;
SELECT '(observation_end=2020- 1-01,days=[])'::ror.rfm_state;
SELECT '(observation_end=2020-01- 1,days=[])'::ror.rfm_state;
SELECT '(observation_end=2020-01-01,days=[2019-01-01:0x10])'::ror.rfm_state;
SELECT '(observation_end=-0001-01-01,days=[-0001-01-01:2.5])'::ror.rfm_state AS year_1_bc;
-- a multibyte character in bad input: the detail quotes whole characters only
SELECT '(observation_end=2020-01-01,days=[2019-01-01:1,2019-01-02:éééééééééééééééééé])'::ror.rfm_state;
SELECT '(observation_end=2020-01-01,days=[é2019-01-01:1])'::ror.rfm_state;

-- hostile binary input: crafted bytes through COPY BINARY (a bytea field)
CREATE TABLE rfm_bytes (b bytea);
CREATE TABLE rfm_bad (s ror.rfm_state);
-- end 2000-01-10 (day 9), one day 2000-01-20 (day 19) after it
INSERT INTO rfm_bytes VALUES ('\x01' || '\x00000009'::bytea || '\x00000001'::bytea
                              || '\x00000013'::bytea || '\x3ff0000000000000'::bytea);
\copy rfm_bytes to 'results/rfm_bad.bin' with (format binary)
\copy rfm_bad from 'results/rfm_bad.bin' with (format binary)
-- a day count of -1
TRUNCATE rfm_bytes;
INSERT INTO rfm_bytes VALUES ('\x01' || '\x00000009'::bytea || '\xffffffff'::bytea);
\copy rfm_bytes to 'results/rfm_bad.bin' with (format binary)
\copy rfm_bad from 'results/rfm_bad.bin' with (format binary)
-- an infinite observation end
TRUNCATE rfm_bytes;
INSERT INTO rfm_bytes VALUES ('\x01' || '\x7fffffff'::bytea || '\x00000000'::bytea);
\copy rfm_bytes to 'results/rfm_bad.bin' with (format binary)
\copy rfm_bad from 'results/rfm_bad.bin' with (format binary)
-- a good one: end 2000-01-10, days 2000-01-01 (0) 1.5 and 2000-01-03 (2) 2
TRUNCATE rfm_bytes;
INSERT INTO rfm_bytes VALUES ('\x01' || '\x00000009'::bytea || '\x00000002'::bytea
                              || '\x00000000'::bytea || '\x3ff8000000000000'::bytea
                              || '\x00000002'::bytea || '\x4000000000000000'::bytea);
\copy rfm_bytes to 'results/rfm_bad.bin' with (format binary)
\copy rfm_bad from 'results/rfm_bad.bin' with (format binary)
SELECT min(s::text) AS s, ror.rfm_agg(s) FROM rfm_bad;
DROP TABLE rfm_bytes, rfm_bad;

DROP TABLE rfm_orders, rfm_times, cdnow_raw, cdnow_tx, cdnow_summary, cdnow_rfm, rfm_states, rfm_states2;
