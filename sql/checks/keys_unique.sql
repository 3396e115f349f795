-- check: keys_unique | every natural key maps to exactly one surrogate key (no hash collisions, no duplicate facts)
SELECT 'dim_town' AS tbl, town || '|' || coalesce(county, '') AS natural_key, count(*) AS n
FROM dim_town GROUP BY ALL HAVING count(DISTINCT town_key) > 1 OR count(*) > 1
UNION ALL
SELECT 'dim_report', report_id, count(*) FROM dim_report GROUP BY ALL HAVING count(*) > 1
UNION ALL
SELECT 'fact_indicator_value', CAST(report_key AS VARCHAR) || '/' || CAST(indicator_key AS VARCHAR), count(*)
FROM fact_indicator_value GROUP BY ALL HAVING count(*) > 1;
