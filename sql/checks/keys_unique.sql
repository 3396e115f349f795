-- check: keys_unique | every natural key maps to exactly one surrogate key and back (no hash collisions, no duplicate facts)
SELECT 'dim_town' AS tbl, natural_key AS natural_key, count(*) AS n
FROM dim_town GROUP BY natural_key HAVING count(*) > 1
UNION ALL
SELECT 'dim_town', CAST(town_key AS VARCHAR), count(*) FROM dim_town GROUP BY town_key HAVING count(*) > 1
UNION ALL
SELECT 'dim_year', CAST(report_year AS VARCHAR), count(*) FROM dim_year GROUP BY report_year HAVING count(*) > 1
UNION ALL
SELECT 'dim_indicator', indicator_code, count(*) FROM dim_indicator GROUP BY indicator_code HAVING count(*) > 1
UNION ALL
SELECT 'dim_report', report_id, count(*) FROM dim_report GROUP BY report_id HAVING count(*) > 1
UNION ALL
SELECT 'dim_report', CAST(report_key AS VARCHAR), count(*) FROM dim_report GROUP BY report_key HAVING count(*) > 1
UNION ALL
SELECT 'fact_indicator_value', CAST(report_key AS VARCHAR) || '/' || CAST(indicator_key AS VARCHAR), count(*)
FROM fact_indicator_value
WHERE report_key IN (SELECT report_key FROM checked_reports)  -- the reports this build loaded
GROUP BY report_key, indicator_key HAVING count(*) > 1;
