-- ============================================================================
-- CLV, RFM: per-customer (frequency, recency, age, monetary) summaries as the
-- CDNOW summary is derived, the input of the BG/NBD and Gamma-Gamma fits.
-- ============================================================================

CREATE TYPE @extschema@.rfm AS (
    frequency bigint,
    recency double precision,
    age double precision,
    monetary double precision
);
COMMENT ON TYPE @extschema@.rfm IS
    'RFM summary of one customer, time in days: frequency = purchase days - 1, recency = last - first day, age = observation end - first day, monetary = mean of the repeat days'' amounts';
