-- Fuzz the text input of ror.nps_summary: mutated inputs either fail with a
-- data error (22P02 / 22003) or are accepted and then round-trip exactly.
SELECT plan(2);

CREATE FUNCTION pg_temp.fuzz_nps(iterations int) RETURNS TABLE (accepted int, rejected int, unexpected text[])
LANGUAGE plpgsql AS $$
DECLARE
    seeds text[] := ARRAY['(responses=8,promoters=4,passives=2,detractors=2,sum_w2=8)',
                          '(responses=3,promoters=3,passives=0,detractors=3,sum_w2=14)',
                          '(responses=4,promoters=123456789.22345679,passives=0.3333333333333333,detractors=1e-300,sum_w2=1.524157878067368e+16)'];
    alphabet text := '()=,.-+eE0123456789 abcdefghijklmnopqrstuvwxyz_NaInfity' || chr(9);
    input text;
    pos int;
    s ror.nps_summary;
BEGIN
    accepted := 0; rejected := 0; unexpected := '{}';
    PERFORM setseed(0.5);
    FOR i IN 1 .. iterations LOOP
        input := seeds[1 + (i % 3)];
        FOR k IN 1 .. 1 + floor(random() * 3)::int LOOP
            pos := 1 + floor(random() * length(input))::int;
            CASE floor(random() * 3)::int
                WHEN 0 THEN input := overlay(input PLACING substr(alphabet, 1 + floor(random() * length(alphabet))::int, 1) FROM pos FOR 1);
                WHEN 1 THEN input := overlay(input PLACING '' FROM pos FOR 1 + floor(random() * 4)::int);
                ELSE input := overlay(input PLACING substr(alphabet, 1 + floor(random() * length(alphabet))::int, 1) FROM pos FOR 0);
            END CASE;
        END LOOP;
        BEGIN
            s := input::ror.nps_summary;
            IF NOT (s::text::ror.nps_summary OPERATOR(ror.=) s) THEN
                unexpected := unexpected || ('no round trip: ' || input);
            END IF;
            accepted := accepted + 1;
        EXCEPTION
            WHEN invalid_text_representation OR numeric_value_out_of_range THEN
                rejected := rejected + 1;
            WHEN OTHERS THEN
                unexpected := unexpected || (SQLSTATE || ' ' || input);
        END;
    END LOOP;
    RETURN NEXT;
END $$;

CREATE TEMP TABLE fuzz AS SELECT * FROM pg_temp.fuzz_nps(5000);
SELECT is((SELECT unexpected FROM fuzz), '{}'::text[], 'mutated text inputs only ever fail with 22P02 or 22003');
SELECT ok((SELECT accepted > 0 AND rejected > 1000 FROM fuzz), 'the fuzzer exercised both accepted and rejected inputs');
SELECT * FROM finish();
