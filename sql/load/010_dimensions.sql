-- Dimensions from the staged frames (stg_reports, stg_indicators), each with deterministic keys.
-- 'unknown' members (key 0) in dim_town and dim_year take reports whose town or year is missing.

INSERT INTO dim_year VALUES (0, NULL, NULL, '未知 unknown');
INSERT INTO dim_year
SELECT DISTINCT report_year, report_year, make_date(report_year, 1, 1), CAST(report_year AS VARCHAR)
FROM stg_reports
WHERE report_year IS NOT NULL
ORDER BY 1;

-- The natural key of a town is its name plus its county: the same name in two counties is two towns.
INSERT INTO dim_town VALUES (0, '(unknown)', '未知 unknown', NULL, NULL, 'unknown');
INSERT INTO dim_town
SELECT fazhi_key(town || '|' || coalesce(county, '')) AS town_key,
       town || '|' || coalesce(county, '') AS natural_key,
       town,
       county,
       min(town_type),                        -- min(): deterministic when reports disagree
       coalesce(min(level), 'township')
FROM stg_reports
WHERE town IS NOT NULL
GROUP BY town, county
ORDER BY town, county;

INSERT INTO dim_indicator
SELECT fazhi_key(code), code, name_zh, category, category_zh, unit, value_type, definition,
       category = 'profile'
FROM stg_indicators
ORDER BY code;
