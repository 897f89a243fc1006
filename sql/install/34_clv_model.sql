-- ============================================================================
-- CLV, model-based: BG/NBD purchases times Gamma-Gamma spend, discounted.
-- ============================================================================
CREATE FUNCTION @extschema@.clv(bg @extschema@.bgnbd, gg @extschema@.gamma_gamma, frequency double precision,
                                recency double precision, age double precision, monetary double precision,
                                periods integer, discount_rate double precision, period_length double precision)
    RETURNS double precision
    AS 'MODULE_PATHNAME', 'bgnbd_clv' LANGUAGE C IMMUTABLE STRICT PARALLEL SAFE;
COMMENT ON FUNCTION @extschema@.clv(@extschema@.bgnbd, @extschema@.gamma_gamma, double precision, double precision, double precision, double precision, integer, double precision, double precision) IS
    'customer lifetime value sum_{k=1..periods} E[M] (E[Y(kL)] - E[Y((k-1)L)]) / (1+d)^k: BG/NBD conditional purchases times Gamma-Gamma expected spend, L = period_length in the BG/NBD time unit (lifetimes customer_lifetime_value)';
