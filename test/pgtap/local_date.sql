-- ror._local_date(ts, zone): every timestamptz of a bound source becomes a
-- local date through it.  It must give (ts AT TIME ZONE zone)::date for every
-- zone and abbreviation PostgreSQL knows, at any time (around transitions, in
-- zones with odd rules, long ago and far ahead), and raise where that raises,
-- with the same error.
BEGIN;
SELECT plan(12);

-- what AT TIME ZONE gives (a date, or the error's SQLSTATE and message), and the same of ror._local_date
CREATE FUNCTION pg_temp.pg_way(ts timestamptz, z text) RETURNS text LANGUAGE plpgsql AS $$
BEGIN
    RETURN (ts AT TIME ZONE z)::date::text;
EXCEPTION WHEN others THEN
    RETURN 'ERROR ' || SQLSTATE || ': ' || SQLERRM;
END $$;
CREATE FUNCTION pg_temp.ror_way(ts timestamptz, z text) RETURNS text LANGUAGE plpgsql AS $$
BEGIN
    RETURN ror._local_date(ts, z)::text;
EXCEPTION WHEN others THEN
    RETURN 'ERROR ' || SQLSTATE || ': ' || SQLERRM;
END $$;
-- the pairs where the two differ (at most 5); OFFSET 0 keeps the caller's WHERE
-- (which skips the pairs where AT TIME ZONE raises) before the comparison
CREATE FUNCTION pg_temp.differences(q text) RETURNS SETOF text LANGUAGE plpgsql AS $$
BEGIN
    RETURN QUERY EXECUTE format(
        'SELECT format(%L, z, ts, ror_way, pg_way) FROM (
             SELECT ts, z, ror._local_date(ts, z)::text AS ror_way, (ts AT TIME ZONE z)::date::text AS pg_way
             FROM (SELECT * FROM (%s) q OFFSET 0) v(ts, z)) w
         WHERE ror_way IS DISTINCT FROM pg_way LIMIT 5', '%s at %s: %s, AT TIME ZONE %s', q);
END $$;

SET LOCAL TimeZone = 'UTC';
SELECT setseed(0.42);
CREATE TEMP TABLE stamps AS     -- 1700 to 2300, to the microsecond
SELECT timestamptz '1700-01-01' + random() * interval '600 years' AS ts FROM generate_series(1, 250);
CREATE TEMP TABLE zones AS
SELECT name AS z FROM pg_timezone_names UNION SELECT abbrev FROM pg_timezone_abbrevs;

SELECT ok((SELECT count(*) > 500 FROM zones) AND (SELECT count(*) > 100 FROM pg_timezone_abbrevs),
          'PostgreSQL knows ' || (SELECT count(*) FROM zones) || ' zones and abbreviations here');
SELECT is_empty('SELECT * FROM pg_temp.differences(''SELECT ts, z FROM stamps, zones'')',
                'every zone and abbreviation, 250 random times from 1700 to 2300: the date AT TIME ZONE gives');
-- every quarter hour (and a microsecond either side) of a year, in zones with odd rules:
-- DST at midnight, a 30-minute DST, a day skipped (Apia, December 2011), negative DST,
-- DST suspended for Ramadan, offsets of :30 and :45
SELECT is_empty($$SELECT * FROM pg_temp.differences($q$
    SELECT t + d * interval '1 microsecond', z
    FROM unnest(ARRAY['Europe/Berlin', 'America/Sao_Paulo', 'Australia/Lord_Howe', 'Pacific/Apia', 'Europe/Dublin',
                      'Africa/Casablanca', 'Asia/Tehran', 'America/St_Johns', 'Asia/Kathmandu', 'Pacific/Chatham']) z,
         unnest(ARRAY[timestamptz '2011-01-01', '2024-01-01', '1990-01-01']) y,
         generate_series(y, y + interval '1 year', interval '15 minutes') t,
         generate_series(-1, 1) d $q$)$$,
                'ten zones with odd rules, every quarter hour of 1990, 2011 and 2024 and a microsecond either side');
-- names and strings AT TIME ZONE reads in different ways: abbreviations with a fixed offset
-- (CET is +1 all year as an abbreviation), with one that depends on the date (MSK), POSIX
-- strings (where +05:30 means west), case, zones with leap seconds if the system has them
SELECT is_empty($$SELECT * FROM pg_temp.differences($q$
    SELECT ts, z FROM stamps,
        unnest(ARRAY['UTC', 'utc', 'Utc', 'UT', 'Z', 'GMT', 'EST', 'CET', 'cet', 'MSK', 'MSD', 'IST', 'Europe/berlin',
                     'EUROPE/BERLIN', '<+05>-5', 'UTC+3', 'EST5EDT', 'CET-1CEST,M3.5.0,M10.5.0/3', '+05:30', '-14',
                     'posix/Europe/Berlin', 'right/UTC', 'right/Europe/Berlin', 'Etc/GMT+12', 'Etc/GMT-14']) z
    WHERE pg_temp.pg_way(now(), z) NOT LIKE 'ERROR%' $q$)$$,
                'abbreviations fixed and dynamic, POSIX strings, case, leap-second zones');
-- several zones in one query: the zone is looked up again when it changes
SELECT is_empty($$SELECT * FROM pg_temp.differences($q$
    SELECT s.ts, (ARRAY['Asia/Tokyo', 'America/Los_Angeles', 'EST', 'MSK'])[1 + (row_number() OVER ()) % 4]
    FROM stamps s, generate_series(1, 4) $q$)$$,
                'a zone that changes from row to row');

-- infinities pass through, whatever the zone (AT TIME ZONE does not look it up for them)
SELECT results_eq($$SELECT ror._local_date(ts, z)::text FROM (VALUES ('infinity'::timestamptz, 'Europe/Berlin'),
                        ('-infinity', 'UTC'), ('infinity', 'Mars/Olympus_Mons')) v(ts, z)$$,
                  $$VALUES ('infinity'), ('-infinity'), ('infinity')$$,
                  'infinity and -infinity stay infinite, with any zone name');
-- errors: the same SQLSTATE and message as AT TIME ZONE
SELECT is(pg_temp.ror_way(now(), 'Mars/Olympus_Mons'), pg_temp.pg_way(now(), 'Mars/Olympus_Mons'),
          'an unknown zone: AT TIME ZONE''s error');
SELECT ok(pg_temp.ror_way(now(), 'Mars/Olympus_Mons') LIKE 'ERROR 22023%', 'which is 22023');
SELECT is(pg_temp.ror_way(now(), repeat('x', 300)), pg_temp.pg_way(now(), repeat('x', 300)),
          'a name longer than any zone name: AT TIME ZONE''s answer');
SELECT is_empty($$SELECT * FROM pg_temp.differences($q$
    SELECT ts, z FROM unnest(ARRAY[timestamptz '294276-12-31 23:59:59.999999+00', '294276-12-31 00:00:00+00',
                                   '294276-12-29 00:00:00+00', '4714-11-24 00:00:00+00 BC', '4714-11-25 12:00:00+00 BC',
                                   '4714-11-27 00:00:00+00 BC']) ts,
                      unnest(ARRAY['Pacific/Kiritimati', 'Etc/GMT+12', 'UTC', '-14', 'CET']) z
    WHERE pg_temp.pg_way(ts, z) NOT LIKE 'ERROR%' $q$)$$,
                'near the ends of the timestamp range, where AT TIME ZONE answers');
SELECT is_empty($$SELECT * FROM (
    SELECT ts, z, pg_temp.ror_way(ts, z) r, pg_temp.pg_way(ts, z) p
    FROM unnest(ARRAY[timestamptz '294276-12-31 23:59:59.999999+00', '4714-11-24 00:00:00+00 BC']) ts,
         unnest(ARRAY['Pacific/Kiritimati', 'Etc/GMT+12', '-14', '+14']) z) v
    WHERE r IS DISTINCT FROM p$$,
                'and where it raises (out of range), the same error');
SELECT is(ror._local_date(NULL, 'UTC'), NULL, 'NULL gives NULL');

SELECT * FROM finish();
ROLLBACK;
