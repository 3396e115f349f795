-- Dimensions from the staged frames (stg_reports via 005_staged_rows.sql, stg_indicators), each with
-- deterministic keys. 'unknown' members (key 0) in dim_town and dim_year take reports whose town or
-- year is missing.

INSERT INTO dim_year VALUES (0, NULL, NULL, '未知 unknown');
INSERT INTO dim_year SELECT * FROM stg_dim_year ORDER BY 1;

INSERT INTO dim_town VALUES (0, '(unknown)', '未知 unknown', NULL, NULL, 'unknown', NULL, NULL, NULL);
INSERT INTO dim_town SELECT * FROM stg_dim_town ORDER BY town, county;

-- A rate's ceiling is 100 % even where the catalogue row leaves it empty.
INSERT INTO dim_indicator
SELECT fazhi_key(code), code, name_zh, category, category_zh, unit, value_type, definition,
       category = 'profile',
       coalesce(CAST(nullif(trim(ceiling), '') AS DECIMAL(20, 4)), CASE WHEN value_type = 'rate' THEN 100 END),
       coalesce(nullif(trim(ceiling_basis), ''),
                CASE WHEN value_type = 'rate' THEN 'a share: at most 100 % by definition' END)
FROM stg_indicators
ORDER BY code;
