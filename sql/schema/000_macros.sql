-- Build-time helpers (TEMP: they do not end up in the published file).
-- fazhi_key: a stable 60-bit surrogate key from a natural key string.
CREATE OR REPLACE TEMP MACRO fazhi_key(natural_key) AS
    CAST(('0x' || substr(md5(natural_key), 1, 15)) AS BIGINT);
