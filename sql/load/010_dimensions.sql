-- Dimensions from the staged frames (stg_*), with an 'unknown' member (key 0) in town and year.

INSERT INTO dim_year VALUES (0, NULL, NULL, '未知 unknown');
INSERT INTO dim_year
SELECT DISTINCT report_year, report_year, make_date(report_year, 1, 1), CAST(report_year AS VARCHAR)
FROM stg_reports
WHERE report_year IS NOT NULL
ORDER BY 1;

INSERT INTO dim_town VALUES (0, '未知 unknown', NULL, NULL, 'unknown');
INSERT INTO dim_town
SELECT fazhi_key(town || '|' || coalesce(county, '')) AS town_key,
       town,
       county,
       any_value(town_type),
       coalesce(any_value(level), 'township')
FROM stg_reports
WHERE town IS NOT NULL
GROUP BY town, county
ORDER BY town, county;

INSERT INTO dim_indicator
SELECT fazhi_key(code), code, name_zh, category, category_zh, unit, value_type, definition, category = 'profile'
FROM stg_indicators
ORDER BY code;
